"""The whole decision space, as a table a trustee can read and a test can check.

A compact row fixes only the facts that matter for its requester and record; every other fact may
be anything. The rows for one requester and record are the leaves of a question tree: ask the first
fact the decision reads, branch on every answer (including "not sure"), and go on until the
decision reads nothing unanswered. So the rows cover every combination of answers exactly once.

The same walk, reading the facts that matter under either of two sets of Board options, finds
every request whose answer an option would change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .engine import Decision, decide
from .request import FactValue, Request, check_options
from .vocabulary import FACT_IDS, FACTS_BY_ID, RECORD_IDS, REQUESTER_IDS


@dataclass(frozen=True)
class Row:
    requester: str
    record: str
    facts: tuple[tuple[str, FactValue], ...]  # the facts that matter, in question order
    decision: Decision

    def as_dict(self) -> dict[str, object]:
        return {"requester": self.requester, "record": self.record, "facts": dict(self.facts),
                "outcome": self.decision.outcome.value,
                "rules": [rule.id for rule in self.decision.rules]}


@dataclass(frozen=True)
class Change:
    """A request whose answer a Board option changes: the answer today and under the option."""

    requester: str
    record: str
    facts: tuple[tuple[str, FactValue], ...]
    today: Decision
    under_option: Decision

    def as_dict(self) -> dict[str, object]:
        return {"requester": self.requester, "record": self.record, "facts": dict(self.facts),
                "today": self.today.outcome.value,
                "under_option": self.under_option.outcome.value,
                "rules_today": [rule.id for rule in self.today.rules],
                "rules_under_option": [rule.id for rule in self.under_option.rules]}


def all_values(fact: str) -> tuple[FactValue, ...]:
    return (*FACTS_BY_ID[fact].known_values, None)


def _leaves(requester: str, record: str, option_sets: tuple[frozenset[str], ...],
            ) -> Iterator[tuple[tuple[tuple[str, FactValue], ...], list[Decision]]]:
    """The question tree over the facts that matter under any of `option_sets`; each leaf is
    (the facts fixed, in question order; the decision under each option set)."""
    def walk(fixed: dict[str, FactValue]) -> Iterator:
        values = tuple(fixed.get(f) for f in FACT_IDS)
        decisions = [decide(Request(requester, record, values, options))
                     for options in option_sets]
        read = [f for d in decisions for f in d.relevant_facts]
        open_fact = next((f for f in read if f not in fixed), None)
        if open_fact is None:
            yield tuple((f, fixed[f]) for f in dict.fromkeys(read)), decisions
            return
        for value in all_values(open_fact):
            yield from walk({**fixed, open_fact: value})

    yield from walk({})


def rows_for(requester: str, record: str, options: Iterable[str] = ()) -> Iterator[Row]:
    for facts, (decision,) in _leaves(requester, record, (frozenset(options),)):
        yield Row(requester, record, facts, decision)


def compact_rows(options: Iterable[str] = ()) -> Iterator[Row]:
    options = tuple(options)
    for requester in REQUESTER_IDS:
        for record in RECORD_IDS:
            yield from rows_for(requester, record, options)


def changes_under(option: str) -> Iterator[Change]:
    """Every request (as a compact row over the facts that matter either way) whose outcome the
    Board option changes."""
    option_sets = (frozenset(), check_options((option,)))
    for requester in REQUESTER_IDS:
        for record in RECORD_IDS:
            for facts, (today, under) in _leaves(requester, record, option_sets):
                if today.outcome is not under.outcome:
                    yield Change(requester, record, facts, today, under)
