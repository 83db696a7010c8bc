"""The public vocabulary: every id the command line, the site's URLs and the tests use.

Labels and help text are written for a front-desk staff member: they become the tool's questions.
The ids are a contract (DESIGN.md section 3); change labels freely, ids never.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    RELEASE = "release"
    DENY = "deny"
    REFER_TO_DIRECTOR = "refer_to_director"
    OUTSIDE_POLICY = "outside_policy"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    help: str
    # How the term reads inside a sentence ("a parent or guardian", "the borrowing history").
    phrase: str


REQUESTERS: tuple[Term, ...] = (
    Term("cardholder", "The cardholder", "The person the record is about, asking about their own "
         "records. Children asking about their own card count here too.", "the cardholder"),
    Term("parent_or_guardian", "A parent or guardian", "A parent or legal guardian asking about "
         "their child's records.", "a parent or guardian"),
    Term("collection_agency", "A collection agency", "An agency collecting overdue library "
         "accounts for the Library.", "a collection agency"),
    Term("law_enforcement", "Law enforcement", "Any police officer, sheriff's deputy, prosecutor "
         "or federal agent, with or without paperwork.", "law enforcement"),
    Term("library_staff", "Library staff", "A member of the Library's own staff looking at a "
         "record.", "a member of library staff"),
    Term("other_person", "Someone else", "Anyone not listed above: a spouse, friend, employer, "
         "teacher, reporter, attorney.", "this person"),
)

RECORDS: tuple[Term, ...] = (
    Term("items_checked_out", "What is checked out now", "The items checked out on the card now, "
         "including whether they are overdue.", "what is checked out on the card"),
    Term("borrowing_history", "Borrowing history", "What the cardholder has borrowed in the past.",
         "the borrowing history"),
    Term("overdue_account", "Overdue items, fines and fees", "Which items are overdue and what "
         "fines or fees the account owes.", "the overdue account"),
    Term("holds_and_requests", "Holds and requests", "Items the cardholder has placed on hold or "
         "asked the Library to get.", "the holds and requests"),
    Term("interlibrary_loans", "Interlibrary loans", "Items borrowed for the cardholder from "
         "other libraries.", "the interlibrary loan records"),
    Term("internet_and_database_use", "Internet and database use", "Use of the Library's "
         "computers, internet, online databases and other electronic resources, including "
         "searches.", "the internet and database use"),
    Term("reference_questions", "Questions asked of staff", "Reference questions: what someone "
         "asked library staff to help them find.", "the reference questions"),
    Term("registration_details", "Registration details", "Name, address, phone number, or even "
         "whether someone has a library card at all.", "the registration details"),
    Term("program_attendance", "Program attendance", "Who signed up for or attended a library "
         "program.", "who signed up for or attended a program"),
    Term("program_photos", "Photos or video of a program audience", "Photos or video the "
         "Library took of the audience at a program or public meeting.",
         "photos or video of a program audience"),
    Term("public_contact_info", "Contact details made public", "Contact information a person "
         "gave the Library to be shown publicly for a display or meeting.",
         "contact details made public for a display or meeting"),
    Term("security_camera_footage", "Security camera footage", "Recordings from the Library's "
         "security cameras.", "security camera footage"),
    Term("aggregate_statistics", "Counts that identify no one", "Statistics such as how many "
         "items were borrowed last month, which identify no one.",
         "counts that identify no one"),
)


@dataclass(frozen=True)
class Answer:
    """One possible answer to a fact's question; `value` None is "I'm not sure"."""

    value: bool | str | None
    label: str
    # The answer inside a sentence: "If <phrase>, ..."; for "not sure", what is still to learn.
    phrase: str


@dataclass(frozen=True)
class Fact:
    id: str
    question: str
    help: str
    answers: tuple[Answer, ...]
    # What a request that does not mention the fact is taken to say. None (unknown) for facts the
    # Library checks; the cardholder's permission and legal papers are things a requester must
    # show, so a request that does not mention them has none.
    if_not_given: bool | str | None = None

    @property
    def known_values(self) -> tuple[bool | str, ...]:
        return tuple(a.value for a in self.answers if a.value is not None)

    def answer(self, value: object) -> Answer | None:
        """The answer `value` stands for (True is not 1), or None if it is not one of them."""
        return next(
            (a for a in self.answers if a.value == value and type(a.value) is type(value)), None
        )


def _yes_no(fact_id: str, question: str, help: str, yes: str, no: str, unsure: str,
            if_not_given: bool | None = None) -> Fact:
    return Fact(fact_id, question, help, (
        Answer(True, "Yes", yes), Answer(False, "No", no), Answer(None, "I'm not sure", unsure)),
        if_not_given)


FACTS: tuple[Fact, ...] = (
    _yes_no("cardholder_is_minor", "Is the cardholder under 18?",
            "A minor is someone under 18 (Iowa Code 599.1).",
            "the cardholder is under 18", "the cardholder is 18 or older",
            "whether the cardholder is under 18"),
    _yes_no("presents_card", "Does the person have the cardholder's library card or card number?",
            "They show the card, or give the card number.",
            "they have the cardholder's card or card number",
            "they do not have the card or card number",
            "whether they have the card or card number"),
    _yes_no("card_reported_lost_or_stolen", "Has the card been reported lost or stolen?",
            "Check the cardholder's account.",
            "the card has been reported lost or stolen",
            "the card has not been reported lost or stolen",
            "whether the card was reported lost or stolen"),
    _yes_no("reason_to_doubt_consent",
            "Is there any reason to believe the cardholder has not agreed to this?",
            "Anything that suggests the card is being used without the cardholder's agreement.",
            "there is reason to doubt the cardholder's consent",
            "there is no reason to doubt the cardholder's consent",
            "whether there is reason to doubt the cardholder's consent"),
    _yes_no("has_cardholder_permission",
            "Has the cardholder said this person may have this information?",
            "The cardholder has told the Library that this person may have it.",
            "the cardholder has given this person permission",
            "the cardholder has not given permission",
            "whether the cardholder has given permission", if_not_given=False),
    _yes_no("for_library_business", "Does the staff member need it to do library work?",
            "Curiosity, or helping a friend or relative, is not library work.",
            "the staff member needs it for library work",
            "the staff member does not need it for library work",
            "whether it is needed for library work"),
    Fact("legal_process",
         "Has the person presented a subpoena, court order, search warrant or national security "
         "letter?",
         "Any legal paper demanding records. Do not act on it yourself.",
         (Answer("none", "No legal papers", "they have presented no legal papers"),
          Answer("subpoena", "A subpoena", "they present a subpoena"),
          Answer("court_order", "A court order", "they present a court order"),
          Answer("search_warrant", "A search warrant", "they present a search warrant"),
          Answer("national_security_letter", "A national security letter",
                 "they present a national security letter"),
          Answer(None, "I'm not sure", "whether they have presented legal papers")),
         if_not_given="none"),
)

OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.RELEASE: "Release: you may give this information to this person.",
    Outcome.DENY: "Do not release this information.",
    Outcome.REFER_TO_DIRECTOR: "Do not release: refer this to the Library Director.",
    Outcome.OUTSIDE_POLICY: "Another policy governs this request.",
    Outcome.UNDETERMINED: "Not yet: more information is needed before anything is released.",
}

# The outcome as the end of a sentence: "If they present a subpoena, <this>."
OUTCOME_CONSEQUENCES: dict[Outcome, str] = {
    Outcome.RELEASE: "the answer would be: release it",
    Outcome.DENY: "the answer would be: do not release it",
    Outcome.REFER_TO_DIRECTOR: "the answer would be: refer it to the Library Director",
    Outcome.OUTSIDE_POLICY: "another policy would govern it",
    Outcome.UNDETERMINED: "the answer would still depend on facts that are not known",
}

REQUESTER_IDS = tuple(t.id for t in REQUESTERS)
RECORD_IDS = tuple(t.id for t in RECORDS)
FACT_IDS = tuple(f.id for f in FACTS)
TERMS_BY_ID: dict[str, Term] = {t.id: t for t in REQUESTERS + RECORDS}
FACTS_BY_ID: dict[str, Fact] = {f.id: f for f in FACTS}
