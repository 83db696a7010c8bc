"""The whole decision space: every requester, record and answer to every fact (unknown included).

6 requesters x 13 records x 3^6 yes/no/unknown answers x 6 legal-process answers = 341,172
requests. Each is decided once here and checked against the policy's safety properties.
"""

from __future__ import annotations

from collections import Counter

import pytest

from policy_engine import Outcome, Request, decide
from policy_engine.facts_view import Ask, Unknown
from policy_engine.rules import CARD_COVERS, CONFIDENTIAL_RECORDS, OUTCOME_OF_STANDING, RULES
from policy_engine.table import compact_rows, every_request
from policy_engine.vocabulary import FACT_IDS, FACTS, FACTS_BY_ID, RECORDS, REQUESTERS

EXPECTED_COMBINATIONS = 6 * 13 * 3**6 * 6


@pytest.fixture(scope="module")
def decisions():
    return [decide(request) for request in every_request()]


def test_every_combination_is_decided_with_a_citation(decisions):
    assert len(REQUESTERS) == 6 and len(RECORDS) == 13 and len(FACTS) == 7
    assert len(decisions) == EXPECTED_COMBINATIONS == 341_172
    assert all(d.rules and all(rule.cites for rule in d.rules) for d in decisions)
    counts = Counter(d.outcome for d in decisions)
    assert set(counts) == set(Outcome), "every outcome is reachable"


def test_rules_of_equal_standing_never_conflict():
    """Rules are grouped by standing; a standing has one outcome, so equals cannot disagree."""
    standings = [rule.standing for rule in RULES]
    assert standings == sorted(standings), "rules are listed strongest standing first"
    assert {OUTCOME_OF_STANDING[s] for s in standings} == set(Outcome) - {Outcome.UNDETERMINED}


def test_the_deciding_rule_is_the_strongest_that_applies(decisions):
    """On fully known requests, no rule of stronger standing than the decider applies."""
    for d in decisions:
        if None in d.request.fact_values:
            continue
        applying = [rule for rule in RULES if rule.applies(Ask(d.request))]
        assert d.rules == (applying[0],)


def test_law_enforcement_never_gets_a_confidential_record(decisions):
    for d in decisions:
        if d.request.requester == "law_enforcement" and d.request.record in CONFIDENTIAL_RECORDS:
            assert d.outcome is Outcome.REFER_TO_DIRECTOR


def test_a_lost_or_stolen_card_never_implies_consent(decisions):
    for d in decisions:
        facts = d.request.facts
        if facts["card_reported_lost_or_stolen"] is not False or \
                facts["reason_to_doubt_consent"] is not False:
            assert "card-implies-consent" not in [r.id for r in d.rules] or \
                d.outcome is Outcome.UNDETERMINED


def test_only_those_the_policy_names_get_a_confidential_record(decisions):
    for d in decisions:
        r, facts = d.request, d.request.facts
        if d.outcome is not Outcome.RELEASE or r.record not in CONFIDENTIAL_RECORDS:
            continue
        assert (
            r.requester == "cardholder"
            or (r.requester == "library_staff" and facts["for_library_business"] is True)
            or facts["has_cardholder_permission"] is True
            or (r.record in CARD_COVERS and facts["presents_card"] is True
                and facts["card_reported_lost_or_stolen"] is False
                and facts["reason_to_doubt_consent"] is False)
            or (r.record == "overdue_account" and r.requester == "collection_agency")
            or (r.record == "overdue_account" and r.requester == "parent_or_guardian"
                and facts["cardholder_is_minor"] is True)
        ), r
        assert facts["legal_process"] == "none" or r.requester == "cardholder", r


def test_an_unknown_fact_that_matters_never_yields_release(decisions):
    for d in decisions:
        if d.outcome is Outcome.RELEASE:
            for fact in d.relevant_facts:
                if d.request.value(fact) is None:
                    # it may be unknown only if every answer still releases
                    for value in FACTS_BY_ID[fact].known_values:
                        assert decide(d.request.with_facts(**{fact: value})).outcome \
                            is Outcome.RELEASE


def test_undetermined_always_names_the_missing_facts(decisions):
    for d in decisions:
        assert bool(d.missing_facts) == (d.outcome is Outcome.UNDETERMINED)
        assert all(d.request.value(f) is None for f in d.missing_facts)


def test_facts_that_do_not_matter_are_ignored(decisions):
    """Changing a fact the decision did not read never changes the outcome."""
    by_request = {d.request: d for d in decisions}
    for d in decisions[::97]:  # a spread sample; the compact-table test below covers the rest
        for fact in set(FACT_IDS) - set(d.relevant_facts):
            for value in (None, True, False) if fact != "legal_process" else ("subpoena",):
                other = by_request[d.request.with_facts(**{fact: value})]
                assert other.outcome is d.outcome


def test_compact_table_covers_every_combination_exactly_once(decisions):
    rows = list(compact_rows())
    by_pair: dict[tuple[str, str], list] = {}
    for row in rows:
        by_pair.setdefault((row.requester, row.record), []).append(row)
    for d in decisions:
        matches = [row for row in by_pair[(d.request.requester, d.request.record)]
                   if all(d.request.value(f) == v and type(d.request.value(f)) is type(v)
                          for f, v in row.facts)]
        assert len(matches) == 1, d.request
        assert matches[0].decision.outcome is d.outcome
        assert matches[0].decision.rules == d.rules


def test_rules_read_facts_only_through_ask():
    """A rule that needs an unknown fact stops rather than guessing."""
    ask = Ask(Request.of("parent_or_guardian", "overdue_account", {"cardholder_is_minor": None}))
    with pytest.raises(Unknown):
        ask.cardholder_is_minor()
    assert ask.read == ["cardholder_is_minor"]
