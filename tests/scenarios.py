"""Situations staff meet at the desk, each with the answer the policy gives.

Written once: the engine tests check every one, the browser tests click through some, and the list
reads as training material (a sentence of story, the request, the answer, the rules behind it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    name: str
    story: str
    requester: str
    record: str
    facts: dict = field(default_factory=dict)
    outcome: str = ""
    rules: tuple[str, ...] = ()
    # For an undetermined answer: the facts still to find out, as the tool lists them.
    missing: tuple[str, ...] = ()

    def request(self) -> dict:
        return {"requester": self.requester, "record": self.record, "facts": self.facts}


NO_CARD = {"presents_card": False, "has_cardholder_permission": False}
GOOD_CARD = {"presents_card": True, "card_reported_lost_or_stolen": False,
             "reason_to_doubt_consent": False}

SCENARIOS: tuple[Scenario, ...] = (
    # --- The examples in DESIGN.md section 4
    Scenario("own-checkouts", "A patron asks what they have checked out.",
             "cardholder", "items_checked_out", {}, "release", ("own-records",)),
    Scenario("spouse-asks-history", "A husband, without his wife's card or her permission, asks "
             "what she has been borrowing.", "other_person", "borrowing_history", NO_CARD,
             "deny", ("confidential-by-default",)),
    Scenario("card-presented", "A woman hands over her neighbour's library card (not reported "
             "lost, nothing odd) and asks what is checked out on it.", "other_person",
             "items_checked_out", GOOD_CARD, "release", ("card-implies-consent",)),
    Scenario("stolen-card-presented", "Someone presents a card its owner reported stolen last "
             "week and asks what is checked out on it.", "other_person", "items_checked_out",
             {**GOOD_CARD, "card_reported_lost_or_stolen": True}, "deny",
             ("confidential-by-default",)),
    Scenario("parent-overdue-nine-year-old", "A father asks what overdue items and fees his "
             "9-year-old has.", "parent_or_guardian", "overdue_account",
             {"cardholder_is_minor": True}, "release", ("overdue-to-parent-of-minor",)),
    Scenario("parent-reading-nine-year-old", "A mother, without her 9-year-old's card, asks what "
             "the child has been reading.", "parent_or_guardian", "borrowing_history",
             {"cardholder_is_minor": True, "presents_card": False}, "deny",
             ("confidential-by-default",)),
    Scenario("collection-agency-overdue", "The Library's collection agency asks for an overdue "
             "account.", "collection_agency", "overdue_account", {}, "release",
             ("overdue-to-collection-agency",)),
    Scenario("police-no-paperwork", "A police officer with no paperwork asks who borrowed a "
             "book.", "law_enforcement", "borrowing_history", {"legal_process": "none"},
             "refer_to_director", ("law-enforcement-to-director",)),
    Scenario("attorney-subpoena", "An attorney hands over a subpoena for a patron's borrowing "
             "history.", "other_person", "borrowing_history", {"legal_process": "subpoena"},
             "refer_to_director", ("legal-process-to-director",)),
    Scenario("camera-footage", "Someone asks to see yesterday's security camera footage.",
             "other_person", "security_camera_footage", {}, "outside_policy",
             ("security-camera-policy",)),
    Scenario("staff-curiosity", "A staff member looks up a neighbour's borrowing history out of "
             "curiosity.", "library_staff", "borrowing_history",
             {"for_library_business": False}, "deny", ("confidential-by-default",)),
    Scenario("card-lost-status-unknown", "Someone presents a card, and the system is down so "
             "nobody can check whether it was reported lost or stolen.", "other_person",
             "items_checked_out", {"presents_card": True, "card_reported_lost_or_stolen": None,
                                   "reason_to_doubt_consent": False},
             "undetermined", missing=("card_reported_lost_or_stolen",)),
    # --- The cardholder
    Scenario("teen-own-history", "A 15-year-old asks for her own borrowing history.",
             "cardholder", "borrowing_history", {"cardholder_is_minor": True}, "release",
             ("own-records",)),
    Scenario("own-internet-use", "A patron asks what databases they used last month.",
             "cardholder", "internet_and_database_use", {}, "release", ("own-records",)),
    Scenario("own-records-with-subpoena", "A patron brings a subpoena from his own lawsuit and "
             "asks for his own interlibrary loan records.", "cardholder", "interlibrary_loans",
             {"legal_process": "subpoena"}, "release", ("own-records",)),
    Scenario("own-camera-footage", "A patron asks for camera footage of themself.",
             "cardholder", "security_camera_footage", {}, "outside_policy",
             ("security-camera-policy",)),
    # --- Parents and guardians
    Scenario("parent-overdue-adult-child", "A mother asks about her 19-year-old son's overdue "
             "fines.", "parent_or_guardian", "overdue_account",
             {"cardholder_is_minor": False, "presents_card": False}, "deny",
             ("confidential-by-default",)),
    Scenario("parent-overdue-age-unknown", "A man says he is the father and asks about overdue "
             "fees; nobody knows the cardholder's age.", "parent_or_guardian", "overdue_account",
             {"cardholder_is_minor": None, "presents_card": False}, "undetermined",
             missing=("cardholder_is_minor",)),
    Scenario("parent-with-childs-card", "A parent holds her 8-year-old's card and asks what is "
             "checked out on it.", "parent_or_guardian", "items_checked_out",
             {"cardholder_is_minor": True, **GOOD_CARD}, "release", ("card-implies-consent",)),
    Scenario("parent-with-teen-permission", "A 16-year-old has told the Library her father may "
             "see her holds.", "parent_or_guardian", "holds_and_requests",
             {"cardholder_is_minor": True, "has_cardholder_permission": True}, "release",
             ("cardholder-permission",)),
    Scenario("parent-reference-questions", "A guardian asks what questions his 12-year-old asked "
             "the reference librarian.", "parent_or_guardian", "reference_questions",
             {"cardholder_is_minor": True}, "deny", ("confidential-by-default",)),
    Scenario("parent-program-attendance", "A parent asks whether her teenager came to last "
             "night's program.", "parent_or_guardian", "program_attendance",
             {"cardholder_is_minor": True}, "deny", ("confidential-by-default",)),
    Scenario("parent-custody-court-order", "A parent in a custody case brings a court order for "
             "the child's borrowing history.", "parent_or_guardian", "borrowing_history",
             {"cardholder_is_minor": True, "legal_process": "court_order"},
             "refer_to_director", ("legal-process-to-director",)),
    # --- Cards and permission
    Scenario("card-with-doubt", "A man presents a card but the cardholder told staff yesterday "
             "that her ex-husband has it.", "other_person", "items_checked_out",
             {**GOOD_CARD, "reason_to_doubt_consent": True}, "deny",
             ("confidential-by-default",)),
    Scenario("card-number-overdue", "A friend reads out the card number and asks whether the "
             "books are overdue.", "other_person", "overdue_account", GOOD_CARD, "release",
             ("card-implies-consent",)),
    Scenario("card-does-not-cover-history", "A roommate has the card and asks what was borrowed "
             "last year.", "other_person", "borrowing_history",
             {**GOOD_CARD, "has_cardholder_permission": False}, "deny",
             ("confidential-by-default",)),
    Scenario("card-does-not-cover-internet", "Someone with the card asks which websites the "
             "cardholder visited.", "other_person", "internet_and_database_use",
             {**GOOD_CARD, "has_cardholder_permission": False}, "deny",
             ("confidential-by-default",)),
    Scenario("permission-for-holds", "A patron phoned to say her husband may pick up and ask "
             "about her holds.", "other_person", "holds_and_requests",
             {"has_cardholder_permission": True}, "release", ("cardholder-permission",)),
    Scenario("permission-unsure", "A caregiver says the cardholder agreed, but staff cannot "
             "confirm it.", "other_person", "interlibrary_loans",
             {"has_cardholder_permission": None}, "undetermined",
             missing=("has_cardholder_permission",)),
    Scenario("employer-asks", "An employer asks whether an employee has a library card.",
             "other_person", "registration_details", {}, "deny", ("confidential-by-default",)),
    Scenario("reporter-asks-attendance", "A reporter asks for the sign-up list of a program on "
             "a controversial topic.", "other_person", "program_attendance", {}, "deny",
             ("confidential-by-default",)),
    Scenario("teacher-asks-reference", "A teacher asks what a student asked the reference desk.",
             "other_person", "reference_questions", {}, "deny", ("confidential-by-default",)),
    # --- Library staff
    Scenario("staff-overdue-notices", "A clerk prints overdue notices.", "library_staff",
             "overdue_account", {"for_library_business": True}, "release",
             ("staff-library-business",)),
    Scenario("staff-purpose-unclear", "A page asks to see a patron's registration details and "
             "will not say why.", "library_staff", "registration_details",
             {"for_library_business": None}, "undetermined",
             missing=("for_library_business",)),
    # --- Collection agencies
    Scenario("collection-agency-history", "The collection agency asks for the borrowing history "
             "too.", "collection_agency", "borrowing_history", {}, "deny",
             ("confidential-by-default",)),
    Scenario("collection-agency-address", "The collection agency asks for a patron's address.",
             "collection_agency", "registration_details", {}, "deny",
             ("confidential-by-default",)),
    # --- Law enforcement and legal process
    Scenario("police-overdue", "A sheriff's deputy asks about a patron's overdue account.",
             "law_enforcement", "overdue_account", {}, "refer_to_director",
             ("law-enforcement-to-director",)),
    Scenario("police-search-warrant", "Officers arrive with a search warrant for internet use "
             "records.", "law_enforcement", "internet_and_database_use",
             {"legal_process": "search_warrant"}, "refer_to_director",
             ("law-enforcement-to-director",)),
    Scenario("federal-nsl", "A federal agent presents a national security letter.",
             "law_enforcement", "registration_details",
             {"legal_process": "national_security_letter"}, "refer_to_director",
             ("law-enforcement-to-director",)),
    Scenario("police-with-card", "An officer holding a suspect's card asks what is checked out.",
             "law_enforcement", "items_checked_out", GOOD_CARD, "refer_to_director",
             ("law-enforcement-to-director",)),
    Scenario("police-program-photos", "Police ask for photos of a program audience.",
             "law_enforcement", "program_photos", {}, "refer_to_director",
             ("law-enforcement-to-director",)),
    Scenario("police-camera-footage", "Police ask for security camera footage.",
             "law_enforcement", "security_camera_footage", {}, "outside_policy",
             ("security-camera-policy",)),
    Scenario("police-statistics", "A police department asks how many people used the computers "
             "last month.", "law_enforcement", "aggregate_statistics", {}, "release",
             ("counts-identify-no-one",)),
    Scenario("subpoena-with-permission", "A lawyer has both the client's written permission and "
             "a subpoena for the client's reference questions.", "other_person",
             "reference_questions",
             {"has_cardholder_permission": True, "legal_process": "subpoena"},
             "refer_to_director", ("legal-process-to-director",)),
    Scenario("unsure-what-paper-is", "A visitor waves a document that might be a subpoena and "
             "asks for a patron's holds.", "other_person", "holds_and_requests",
             {"legal_process": None}, "refer_to_director", ("legal-process-to-director",)),
    Scenario("court-order-staff", "A staff member receives a court order naming a patron.",
             "library_staff", "borrowing_history",
             {"for_library_business": False, "legal_process": "court_order"},
             "refer_to_director", ("legal-process-to-director",)),
    # --- What is not confidential
    Scenario("public-contact", "Someone asks for the phone number a club posted on the community "
             "display.", "other_person", "public_contact_info", {}, "release",
             ("public-contact-information",)),
    Scenario("program-photos-newspaper", "The newspaper asks for photos of the audience at the "
             "summer reading kickoff.", "other_person", "program_photos", {}, "release",
             ("program-audience-images",)),
    Scenario("board-statistics", "A trustee asks how many items were borrowed last year.",
             "other_person", "aggregate_statistics", {}, "release", ("counts-identify-no-one",)),
)
