"""The whole decision space, as a table a trustee can read and a test can check.

A compact row fixes only the facts that matter for its requester and record; every other fact may
be anything. The rows for one requester and record are the leaves of a question tree: ask the first
fact the decision reads, branch on every answer (including "not sure"), and go on until the
decision reads nothing unanswered. So the rows cover every combination of answers exactly once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from .engine import Decision, decide
from .request import FactValue, Request
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


def all_values(fact: str) -> tuple[FactValue, ...]:
    return (*FACTS_BY_ID[fact].known_values, None)


def rows_for(requester: str, record: str) -> Iterator[Row]:
    def walk(fixed: dict[str, FactValue]) -> Iterator[Row]:
        request = Request(requester, record, tuple(fixed.get(f) for f in FACT_IDS))
        decision = decide(request)
        open_fact = next((f for f in decision.relevant_facts if f not in fixed), None)
        if open_fact is None:
            yield Row(requester, record, tuple((f, fixed[f]) for f in decision.relevant_facts),
                      decision)
            return
        for value in all_values(open_fact):
            yield from walk({**fixed, open_fact: value})

    yield from walk({})


def compact_rows() -> Iterator[Row]:
    for requester in REQUESTER_IDS:
        for record in RECORD_IDS:
            yield from rows_for(requester, record)


def every_request() -> Iterator[Request]:
    """Every combination of requester, record and fact values, unknowns included."""
    for requester, record in itertools.product(REQUESTER_IDS, RECORD_IDS):
        for values in itertools.product(*(all_values(f) for f in FACT_IDS)):
            yield Request(requester, record, values)


def full_rows() -> Iterator[Row]:
    for request in every_request():
        yield Row(request.requester, request.record, tuple(request.facts.items()),
                  decide(request))
