"""What a person at the desk reads: next steps written for each case, what would change the answer,
and the review notes that apply."""

from __future__ import annotations

import json
import re

import pytest

from policy_engine.api import decide_text
from policy_engine.rules import RULES
from policy_engine.vocabulary import Outcome


def answer(requester: str, record: str, **facts) -> dict:
    return decide_text(json.dumps({"requester": requester, "record": record, "facts": facts}))


def test_undetermined_says_what_each_answer_leads_to():
    result = answer("other_person", "items_checked_out", presents_card=True,
                    card_reported_lost_or_stolen=None, reason_to_doubt_consent=False)
    assert result["outcome"] == "undetermined"
    assert result["missing_facts"] == ["card_reported_lost_or_stolen"]
    assert {(w["fact"], w["value"], w["outcome"]) for w in result["would_change"]
            if w["fact"] != "legal_process"} >= {
        ("card_reported_lost_or_stolen", True, "deny"),
        ("card_reported_lost_or_stolen", False, "release"),
    }
    assert "reported lost or stolen" in result["next_step"]


def test_what_would_change_groups_the_legal_papers_and_puts_what_matters_first():
    result = answer("other_person", "borrowing_history", presents_card=False)  # the spouse
    lines = [w["text"] for w in result["would_change"]]
    assert lines[0] == "If the cardholder has given this person permission, the answer would " \
                       "be: release it."
    papers = [line for line in lines if "subpoena" in line]
    assert papers == ["If they present a subpoena, court order, search warrant or national "
                      "security letter, the answer would be: refer it to the Library Director."]
    assert sum("present" in line for line in lines) == 1, "one line for the four papers"


@pytest.mark.parametrize(("paper", "words"), [
    ("search_warrant", ["Call the Library Director now", "do not obstruct", "list everything"]),
    ("national_security_letter", ["Tell no one else"]),
    ("subpoena", ["today", "deadline"]),
    ("court_order", ["today"]),
])
def test_each_legal_paper_has_its_own_next_step(paper, words):
    for requester in ("law_enforcement", "other_person", "library_staff"):
        result = answer(requester, "internet_and_database_use", legal_process=paper)
        assert result["outcome"] == "refer_to_director"
        for word in words:
            assert word in result["next_step"], (paper, requester)
    assert "Do not release anything" not in answer(
        "law_enforcement", "borrowing_history", legal_process="search_warrant")["next_step"], \
        "a clerk must not be told to resist officers executing a warrant"


def test_next_steps_are_short_sentences_led_by_the_action():
    for rule in RULES:
        sentences = [s for s in re.split(r"(?<=[.:])\s+", rule.next_step) if s]
        assert all(len(s.split()) <= 20 for s in sentences), rule.id  # about 15-20 words
        assert "politely decline" not in rule.next_step.lower(), rule.id


def test_a_refusal_never_confirms_that_someone_uses_the_library():
    for requester, record in [("other_person", "registration_details"),
                              ("law_enforcement", "borrowing_history"),
                              ("cardholder", "registration_details")]:
        text = answer(requester, record, identity_confirmed=False, presents_card=False)
        assert "not confirm" in text["next_step"], (requester, record)


def test_staff_looking_up_a_neighbour_are_told_to_close_the_record():
    result = answer("library_staff", "borrowing_history", for_library_business=False)
    assert result["outcome"] == "deny"
    assert result["next_step"].startswith("Close the record")


def test_whereabouts_offers_a_message_and_911():
    result = answer("other_person", "patron_whereabouts")
    assert result["outcome"] == "deny"
    assert "message" in result["next_step"] and "911" in result["next_step"]


def test_referrals_say_what_to_do_when_the_director_is_away():
    for request in [("law_enforcement", "borrowing_history", {}),
                    ("other_person", "borrowing_history", {"legal_process": "subpoena"})]:
        result = answer(request[0], request[1], **request[2])
        assert result["outcome"] == Outcome.REFER_TO_DIRECTOR
        assert "If the Director is away" in result["next_step"]


def test_notes_show_the_tensions_that_apply():
    def notes(requester, record, **facts):
        return [n["id"] for n in answer(requester, record, **facts)["notes"]]

    assert notes("law_enforcement", "overdue_account") == ["overdue-accounts-and-law-enforcement"]
    assert notes("law_enforcement", "registration_details",
                 legal_process="national_security_letter") == ["federal-process"]
    assert notes("other_person", "borrowing_history", legal_process="subpoena") == [
        "subpoena-or-court-order"]
    assert notes("parent_or_guardian", "borrowing_history") == [
        "identity-checks", "parental-access-bills"]
    assert notes("other_person", "security_camera_footage") == [
        "security-camera-policy-not-published"]
    assert notes("service_vendor", "borrowing_history") == ["vendors"]
    assert notes("other_person", "patron_whereabouts", emergency=True) == ["emergencies"]
    assert notes("other_person", "borrowing_history") == []


def test_a_bill_is_never_cited_as_the_code_of_iowa():
    result = decide_text(json.dumps({"requester": "parent_or_guardian",
                                     "record": "borrowing_history"}))
    bill = [c for n in result["notes"] for c in n["citations"] if c["anchor"] == "hf-2136"]
    assert bill and all(c["document"] == "iowa_bill" for c in bill)
    assert all("not law" in c["document_title"] for c in bill)
