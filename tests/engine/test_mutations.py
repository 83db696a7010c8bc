"""The safety tests catch wrong rules on their own: each deliberately wrong rule below, put into the
real engine in place of the right one, must break a property of tests/engine/safety.py (whose
expectations come from DESIGN.md, not from the engine)."""

from __future__ import annotations

import dataclasses

import pytest

import policy_engine.engine as engine
from policy_engine.rules import ABOUT_THE_CARDHOLDER, RULES, Rule
from policy_engine.table import compact_rows
from policy_engine.vocabulary import Outcome
from tests.engine.safety import violations


def _replace(rule_id: str, **changes) -> tuple[Rule, ...]:
    return tuple(dataclasses.replace(r, **changes) if r.id == rule_id else r for r in RULES)


def _attendance_public() -> tuple[Rule, ...]:
    counts = next(r for r in RULES if r.id == "counts-identify-no-one")
    public = dataclasses.replace(counts, id="attendance-public",
                                 applies=lambda ask: ask.record == "program_attendance")
    return (public, *RULES)


WRONG_RULES = {
    "cards open the borrowing history": lambda: _replace(
        "card-implies-consent",
        applies=lambda ask: ask.record in ("items_checked_out", "overdue_account",
                                           "borrowing_history")
        and ask.presents_card() and not ask.card_reported_lost_or_stolen()
        and not ask.reason_to_doubt_consent()),
    "attendance is public": _attendance_public,
    "permission assumed unless denied": lambda: _replace(
        "cardholder-permission",
        applies=lambda ask: ask.requester != "cardholder" and ask.record in ABOUT_THE_CARDHOLDER
        and ask._request.value("has_cardholder_permission") is not False),
    "legal papers ignored": lambda: tuple(r for r in RULES if not r.id.endswith("-to-director")
                                          or r.reading != 2),
    "unpublished photos released": lambda: _replace(
        "unpublished-images-confidential", outcome=Outcome.RELEASE),
    "the cardholder's word is enough": lambda: _replace(
        "own-records", applies=lambda ask: ask.requester == "cardholder"
        and ask.record in ABOUT_THE_CARDHOLDER),
    "officials treated as staff": lambda: _replace(
        "officials-are-not-staff", outcome=Outcome.RELEASE),
}


@pytest.fixture()
def wrong_engine(monkeypatch):
    def install(rules: tuple[Rule, ...]) -> None:
        monkeypatch.setattr(engine, "RULES", rules)
        engine._paths.cache_clear()

    yield install
    engine._paths.cache_clear()


@pytest.mark.parametrize("name", WRONG_RULES)
def test_a_wrong_rule_is_caught(name, wrong_engine):
    wrong_engine(WRONG_RULES[name]())
    assert violations((row.decision for row in compact_rows()), limit=1), \
        f"the safety properties did not notice: {name}"


def test_the_right_rules_pass_the_same_check():
    assert violations(row.decision for row in compact_rows()) == []
