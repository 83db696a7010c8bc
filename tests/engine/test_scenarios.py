"""Every scenario in the library gets the answer and the rules it names, through the Python API and
through the command line's JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policy_engine import decide, parse
from policy_engine.api import decide_text
from tests.conftest import ROOT
from tests.scenarios import SCENARIOS


def decide_dict(request: dict) -> dict:
    """The JSON answer the command line and the browser tool give for this request."""
    return decide_text(json.dumps(request))


def test_the_library_has_at_least_forty_distinct_scenarios():
    assert len(SCENARIOS) >= 40
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(scenario):
    decision = decide(parse(scenario.request()))
    assert decision.outcome.value == scenario.outcome, scenario.story
    if scenario.outcome == "undetermined":
        assert decision.missing_facts == scenario.missing, scenario.story
    else:
        assert tuple(rule.id for rule in decision.rules) == scenario.rules


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_explanation_is_complete(scenario):
    result = decide_dict(scenario.request())
    assert result["outcome"] == scenario.outcome
    for key in ("summary", "next_step", "outcome_label"):
        assert isinstance(result[key], str) and len(result[key]) > 20
    assert result["citations"], "every answer cites the words it rests on"
    assert all(c["quote"] and c["url"] for c in result["citations"])
    assert "{" not in result["summary"], "no unfilled template in the sentence a person reads"


def test_design_examples_through_the_real_command_line():
    """The twelve public examples, decided by `python -m policy_engine decide --jsonl`."""
    examples = SCENARIOS[:12]
    lines = "".join(json.dumps(s.request()) + "\n" for s in examples)
    done = subprocess.run([sys.executable, "-m", "policy_engine", "decide", "--jsonl"],
                          input=lines, capture_output=True, text=True, cwd=ROOT, check=True)
    outcomes = [json.loads(line)["outcome"] for line in done.stdout.splitlines()]
    assert outcomes == [s.outcome for s in examples]
    assert done.stderr == ""


def test_undetermined_says_what_each_answer_leads_to():
    result = decide_dict({"requester": "other_person", "record": "items_checked_out",
                          "facts": {"presents_card": True, "card_reported_lost_or_stolen": None,
                                    "reason_to_doubt_consent": False}})
    assert result["outcome"] == "undetermined"
    assert result["missing_facts"] == ["card_reported_lost_or_stolen"]
    assert {(w["fact"], w["value"], w["outcome"]) for w in result["would_change"]} >= {
        ("card_reported_lost_or_stolen", True, "deny"),
        ("card_reported_lost_or_stolen", False, "release"),
    }
    assert "reported lost or stolen" in result["next_step"]


def test_a_refusal_says_what_would_change_it():
    result = decide_dict(SCENARIOS[1].request())  # the spouse
    changes = {(w["fact"], w["value"]): w["outcome"] for w in result["would_change"]}
    assert changes[("has_cardholder_permission", True)] == "release"
    assert changes[("legal_process", "subpoena")] == "refer_to_director"
    assert "If the cardholder has given this person permission, the answer would be: release " \
        "it." in [w["text"] for w in result["would_change"]]


def test_police_are_told_nothing_and_sent_to_the_director():
    result = decide_dict({"requester": "law_enforcement", "record": "overdue_account"})
    assert "Library Director" in result["next_step"]
    assert "do not confirm whether the person is a cardholder" in result["next_step"]
    assert [n["id"] for n in result["notes"]] == ["overdue-accounts-and-law-enforcement"]
    assert {c["anchor"] for c in result["citations"]} >= {"iowa-code-22-7-13", "paragraph-3"}


def test_notes_show_the_tensions_that_apply():
    def notes(**request):
        return [n["id"] for n in decide_dict(request)["notes"]]

    assert notes(requester="law_enforcement", record="registration_details",
                 facts={"legal_process": "national_security_letter"}) == ["federal-process"]
    assert notes(requester="other_person", record="borrowing_history",
                 facts={"legal_process": "subpoena"}) == ["subpoena-or-court-order"]
    assert notes(requester="parent_or_guardian", record="borrowing_history") == [
        "parental-access-bills"]
    assert notes(requester="other_person", record="security_camera_footage") == [
        "security-camera-policy-not-published"]
    assert notes(requester="cardholder", record="borrowing_history") == []
