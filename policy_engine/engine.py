"""Deciding a request: check the rules in order, and follow every possible answer to unknown facts.

When a rule needs a fact nobody knows, the engine does not guess: it decides the request once for
each possible answer. If every answer leads to the same outcome, the unknown fact did not matter.
If one answer would release the record and another would not, the outcome is `undetermined`, and
the decision lists the facts to find out and what each answer leads to. If no answer releases the
record and the only difference is whether it goes to the Director (someone is not sure whether a
paper is a subpoena), the request goes to the Director: the safe and the simple answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .facts_view import Ask, Unknown
from .request import FactValue, Request
from .rules import RULES, Rule
from .tensions import Note, notes_for
from .vocabulary import FACTS_BY_ID, Outcome


@dataclass(frozen=True)
class Path:
    """One way the unknown facts could turn out (the request with those answers), and the rule
    that then decides."""

    request: Request
    rule: Rule


@dataclass(frozen=True)
class Decision:
    request: Request
    outcome: Outcome
    rules: tuple[Rule, ...]  # the rules that decided it (for undetermined: the rules in play)
    relevant_facts: tuple[str, ...]  # every fact the decision read, in question order
    missing_facts: tuple[str, ...]  # unknown facts the outcome waits on (only when undetermined)
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Alternative:
    """A different answer to one fact, and the outcome it would lead to."""

    fact: str
    value: FactValue
    outcome: Outcome


def decide(request: Request) -> Decision:
    paths, read = _paths(request)
    outcome = _outcome(paths)
    deciding = paths if outcome is Outcome.UNDETERMINED else \
        [path for path in paths if path.rule.outcome is outcome]
    in_play = {id(path.rule) for path in deciding}
    rules = tuple(rule for rule in RULES if id(rule) in in_play)
    if len(rules) > 1 and outcome is not Outcome.UNDETERMINED:
        # Every answer leads to the same outcome by different rules. If one rule holds whatever
        # the answers, that rule is the honest reason (not a rule that needed a guess).
        rules = _holding_in_every_path(paths, outcome) or rules
    missing = tuple(f for f in read if request.value(f) is None) \
        if outcome is Outcome.UNDETERMINED else ()
    return Decision(request, outcome, rules, tuple(read), missing, notes_for(request))


def _outcome(paths: tuple[Path, ...]) -> Outcome:
    outcomes = {path.rule.outcome for path in paths}
    if len(outcomes) == 1:
        return outcomes.pop()
    if outcomes == {Outcome.DENY, Outcome.REFER_TO_DIRECTOR}:
        return Outcome.REFER_TO_DIRECTOR
    return Outcome.UNDETERMINED


# Requests are immutable and the rules pure, so each sub-request is worked out once: the unknown
# facts of a request and of its table neighbours branch into the same sub-requests many times.
@lru_cache(maxsize=1 << 18)
def _paths(request: Request) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Every way the request's unknown facts could turn out, and the facts read along the way."""
    ask = Ask(request)
    try:
        for rule in RULES:
            if _in_force(rule, request) and rule.applies(ask):
                return (Path(request, rule),), tuple(ask.read)
    except Unknown as unknown:
        paths: list[Path] = []
        read = list(ask.read)
        for value in FACTS_BY_ID[unknown.fact].known_values:
            sub_paths, sub_read = _paths(request.with_facts(**{unknown.fact: value}))
            paths += sub_paths
            read += [f for f in sub_read if f not in read]
        return tuple(paths), tuple(read)
    raise AssertionError(f"no rule decides {request}")  # the last rule covers every record


def _in_force(rule: Rule, request: Request) -> bool:
    """A Board option's rule counts only when the request is decided under that option."""
    return rule.option is None or rule.option in request.options


def _holding_in_every_path(paths: tuple[Path, ...], outcome: Outcome) -> tuple[Rule, ...]:
    for rule in RULES:
        if rule.outcome is outcome and all(_applies(rule, path.request) for path in paths):
            return (rule,)
    return ()


def _applies(rule: Rule, request: Request) -> bool:
    try:
        return _in_force(rule, request) and rule.applies(Ask(request))
    except Unknown:
        return False


def would_change(decision: Decision) -> tuple[Alternative, ...]:
    """Each single different answer to a fact that matters that would change the outcome."""
    request = decision.request
    alternatives = []
    for fact in decision.relevant_facts:
        for value in FACTS_BY_ID[fact].known_values:
            if value == request.value(fact):
                continue
            outcome = _outcome(_paths(request.with_facts(**{fact: value}))[0])
            if outcome is not decision.outcome:
                alternatives.append(Alternative(fact, value, outcome))
    return tuple(alternatives)
