"""The safety properties of DESIGN.md section 4, written here from the design's words, never from
the engine's own tables or constants: each takes a decided request and says what is wrong with it.

`violations` is used by the exhaustive tests (every compact row, and a large random sample of
full requests) and by the mutation check, which shows that deliberately wrong rules are caught.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from policy_engine import Decision

# Written out from DESIGN.md section 3 (the record kinds) and 4 (readings 1 and 5).
NOT_CONFIDENTIAL = {"aggregate_statistics", "public_contact_info"}
CAMERA = "security_camera_footage"
IMAGES = "program_photos"
# Records about one cardholder: everything but the camera, counts, public contact details, and
# images of an audience (which show other people too).
ABOUT_ONE_CARDHOLDER = {
    "items_checked_out", "borrowing_history", "overdue_account", "holds_and_requests",
    "interlibrary_loans", "internet_and_database_use", "reference_questions",
    "registration_details", "program_attendance", "patron_whereabouts",
}
# Bullet 1: what the card covers ("items checked out on the card", including overdue ones).
CARD_COVERS = {"items_checked_out", "overdue_account"}
PAPERS = {"subpoena", "court_order", "search_warrant", "national_security_letter"}
LIMITED_BY_COURT_ORDER = {"parent_or_guardian", "legal_representative", "other_person",
                          "public_official"}


def _good_card(f: dict) -> bool:
    return f["presents_card"] is True and f["card_reported_lost_or_stolen"] is False \
        and f["reason_to_doubt_consent"] is False


def _card_covers(options: frozenset[str]) -> set[str]:
    """Bullet 1's records, and the holds too under the Board option that would add them."""
    return CARD_COVERS | ({"holds_and_requests"} if "card_covers_holds" in options else set())


def _own_confirmed(who: str, what: str, f: dict) -> bool:
    return who == "cardholder" and what in ABOUT_ONE_CARDHOLDER and f["identity_confirmed"] is True


def _release_is_allowed(who: str, what: str, f: dict, options: frozenset[str]) -> bool:
    """Reading 10 (and 5, 6), as DESIGN states them: the only ways a record may be released."""
    if what in NOT_CONFIDENTIAL:
        return True
    if what == IMAGES:
        return f["photos_published"] is True or (
            who == "library_staff" and f["for_library_business"] is True)
    if _own_confirmed(who, what, f):
        return True
    if who in ("law_enforcement", "legal_representative", "service_vendor"):
        return False
    if who in LIMITED_BY_COURT_ORDER and f["court_order_limits_requester"] is not False:
        return False
    return (
        (who == "library_staff" and f["for_library_business"] is True
         and what != "patron_whereabouts")
        or (who == "other_library" and what == "interlibrary_loans"
            and f["for_library_business"] is True)
        or (who == "parent_or_guardian" and f["cardholder_is_minor"] is True
            and f["identity_confirmed"] is True
            and (what == "overdue_account" or "parents_see_minor_records" in options))
        or (who == "collection_agency" and what == "overdue_account")
        or (what in _card_covers(options) and _good_card(f))
        or (who != "cardholder" and f["has_cardholder_permission"] is True)
    )


def _check(d: Decision) -> Iterable[str]:
    r, f, outcome = d.request, d.request.facts, d.outcome.value
    who, what = r.requester, r.record
    if what == CAMERA:
        if outcome != "outside_policy":
            yield "security camera footage is for the Security Camera Policy (reading 1)"
        return
    if outcome == "outside_policy":
        yield "only camera footage is outside this policy"
    may_be_own = who == "cardholder" and what in ABOUT_ONE_CARDHOLDER \
        and f["identity_confirmed"] is None
    if f["legal_process"] in PAPERS and not _own_confirmed(who, what, f) \
            and outcome != "refer_to_director" and not (may_be_own and outcome == "undetermined"):
        yield "legal papers go to the Director, whatever the record (reading 2)"
    if f["formal_records_request"] is True and outcome != "refer_to_director":
        yield "a written open-records request goes to the Director (reading 3)"
    if f["emergency"] is True and who != "cardholder" and outcome != "refer_to_director":
        yield "in an emergency, records go only through the Director (reading 4)"
    if who == "law_enforcement" and what not in NOT_CONFIDENTIAL and what != IMAGES \
            and outcome != "refer_to_director":
        yield "law enforcement is referred to the Director (reading 7)"
    if outcome != "release":
        return
    # Every fact a release rests on is known: none of these may be unknown or absent.
    if f["legal_process"] != "none" and not _own_confirmed(who, what, f):
        yield "released although legal papers were presented or may have been"
    if f["formal_records_request"] is not False:
        yield "released although it may be a written open-records request"
    if f["emergency"] is not False and who != "cardholder":
        yield "released although someone may have said a life is in danger"
    if not _release_is_allowed(who, what, f, r.options):
        yield "released although no exception of the policy allows it"
    if what == "patron_whereabouts" and not (
            _own_confirmed(who, what, f) or f["has_cardholder_permission"] is True):
        yield "confirmed whereabouts without the cardholder's permission"
    if who == "cardholder" and what in ABOUT_ONE_CARDHOLDER \
            and f["identity_confirmed"] is not True \
            and not (what in _card_covers(r.options) and _good_card(f)):
        yield "released to someone who has not shown they are the cardholder"


def violations(decisions: Iterable[Decision], limit: int = 5) -> list[str]:
    """The first few broken properties, as readable lines; empty when the engine is safe."""
    found: list[str] = []
    for d in decisions:
        for problem in _check(d):
            found.append(f"{problem}: {d.request.requester} / {d.request.record} / "
                         f"{d.request.facts} / options {sorted(d.request.options)} -> "
                         f"{d.outcome.value}")
            if len(found) >= limit:
                return found
    return found


def unknown_never_releases(decide: Callable, decisions: Iterable[Decision],
                           values: Callable[[str], tuple]) -> list[str]:
    """Reading 13: a release with an unknown fact it read must release for every answer to it."""
    found = []
    for d in decisions:
        if d.outcome.value != "release":
            continue
        for fact in d.relevant_facts:
            if d.request.value(fact) is None:
                for value in values(fact):
                    if decide(d.request.with_facts(**{fact: value})).outcome.value != "release":
                        found.append(f"{fact} unknown but {value!r} would not release: "
                                     f"{d.request}")
    return found
