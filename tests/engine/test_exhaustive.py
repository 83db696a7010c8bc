"""The whole decision space, checked against the safety properties of DESIGN.md (tests/engine/
safety.py): every row of the compact table (every requester and record with every value of each
fact the decision reads, "not sure" included), under the adopted policy and each Board option, and
a large seeded random sample of full requests (every fact set, most of them irrelevant).
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from policy_engine import Outcome, Request, decide
from policy_engine.facts_view import Ask, Unknown
from policy_engine.rules import RULES
from policy_engine.table import all_values, compact_rows
from policy_engine.vocabulary import FACT_IDS, FACTS, OPTION_IDS, RECORDS, REQUESTERS
from tests.engine.safety import unknown_never_releases, violations

# The compact table's size for vocabulary version 2 with the rules of DESIGN.md section 4: a
# change here means a rule now reads more or fewer facts. Say why in the commit.
EXPECTED_ROWS = 15_042


@pytest.fixture(scope="module")
def rows():
    return list(compact_rows())


def random_requests(count: int, seed: int = 20261201) -> list[Request]:
    rng = random.Random(seed)
    return [Request(rng.choice(REQUESTERS).id, rng.choice(RECORDS).id,
                    tuple(rng.choice(all_values(f)) for f in FACT_IDS),
                    frozenset(o for o in OPTION_IDS if rng.random() < 0.2))
            for _ in range(count)]


def test_every_combination_that_matters_is_decided_with_a_citation(rows):
    assert len(REQUESTERS) == 10 and len(RECORDS) == 14 and len(FACTS) == 12
    assert len(rows) == EXPECTED_ROWS
    assert {(r.requester, r.record) for r in rows} == {
        (q.id, r.id) for q in REQUESTERS for r in RECORDS}
    assert all(r.decision.rules and all(rule.cites for rule in r.decision.rules) for r in rows)
    assert set(Counter(r.decision.outcome for r in rows)) == set(Outcome)


def test_every_row_keeps_the_safety_properties(rows):
    assert violations(r.decision for r in rows) == []


@pytest.mark.parametrize("option", OPTION_IDS)
def test_every_row_under_each_board_option_keeps_them(option):
    assert violations(r.decision for r in compact_rows((option,))) == []


def test_a_large_random_sample_of_full_requests_keeps_them():
    assert violations(decide(r) for r in random_requests(40_000)) == []


def test_an_unknown_fact_never_yields_release(rows):
    assert unknown_never_releases(decide, (r.decision for r in rows),
                                  lambda f: all_values(f)[:-1]) == []


def test_undetermined_always_names_the_missing_facts(rows):
    for row in rows:
        d = row.decision
        assert bool(d.missing_facts) == (d.outcome is Outcome.UNDETERMINED)
        assert all(d.request.value(f) is None for f in d.missing_facts)


def test_the_deciding_rule_is_the_first_that_applies():
    """On fully known requests, no earlier rule applies than the one that decided."""
    for request in random_requests(5_000, seed=7):
        request = request.with_facts(**{f: all_values(f)[0] for f in FACT_IDS
                                        if request.value(f) is None})
        d = decide(request)
        applying = [rule for rule in RULES
                    if (rule.option is None or rule.option in request.options)
                    and rule.applies(Ask(request))]
        assert d.rules == (applying[0],)


def test_facts_that_do_not_matter_are_ignored():
    """Changing a fact the decision did not read never changes the outcome."""
    for request in random_requests(3_000, seed=11):
        d = decide(request)
        for fact in set(FACT_IDS) - set(d.relevant_facts):
            for value in all_values(fact):
                assert decide(request.with_facts(**{fact: value})).outcome is d.outcome


def test_compact_rows_cover_the_sample_exactly_once(rows):
    by_pair: dict[tuple[str, str], list] = {}
    for row in rows:
        by_pair.setdefault((row.requester, row.record), []).append(row)
    for request in random_requests(3_000, seed=13):
        request = Request(request.requester, request.record, request.fact_values)
        matches = [row for row in by_pair[(request.requester, request.record)]
                   if all(request.value(f) == v and type(request.value(f)) is type(v)
                          for f, v in row.facts)]
        assert len(matches) == 1, request
        assert matches[0].decision.outcome is decide(request).outcome


def test_rules_read_facts_only_through_ask():
    """A rule that needs an unknown fact stops rather than guessing."""
    ask = Ask(Request.of("parent_or_guardian", "overdue_account", {"cardholder_is_minor": None}))
    with pytest.raises(Unknown):
        ask.cardholder_is_minor()
    assert ask.read == ["cardholder_is_minor"]
