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
    Term("cardholder", "The cardholder", "The person the record is about, or someone saying they "
         "are. Children asking about their own card count here too.", "the cardholder"),
    Term("parent_or_guardian", "A parent or guardian", "A parent of the cardholder, or a "
         "court-appointed guardian of a minor cardholder. A stepparent, grandparent, foster carer "
         "or babysitter is “Someone else” unless a court appointed them.",
         "a parent or guardian"),
    Term("legal_representative", "A guardian, agent or executor of an adult",
         "An adult cardholder's court-appointed guardian or conservator, an agent under their "
         "power of attorney, or the executor or next of kin of a cardholder who has died.",
         "a legal representative"),
    Term("collection_agency", "The Library's collection agency", "The agency the Library has "
         "hired to collect its overdue accounts. Any other debt collector is “Someone "
         "else”.", "the Library's collection agency"),
    Term("law_enforcement", "Law enforcement", "Any police officer, sheriff's deputy, prosecutor "
         "or federal agent, with or without paperwork.", "law enforcement"),
    Term("library_staff", "Library staff", "Authorized staff of this Library looking at a record "
         "(not trustees, not city staff, not other libraries).", "a member of library staff"),
    Term("other_library", "Another library", "Another library or library system: interlibrary "
         "loan, a shared catalog, reciprocal borrowing.", "another library"),
    Term("service_vendor", "A company that runs a library service", "A vendor of e-books, the "
         "catalog, notices or databases.", "a service vendor"),
    Term("public_official", "A trustee or public official", "A library trustee, a city council "
         "member, city staff, or any other public official acting as such.",
         "a public official"),
    Term("other_person", "Someone else", "Anyone not listed above: a spouse, family member, "
         "friend, employer, teacher, reporter, private attorney.", "this person"),
)

RECORDS: tuple[Term, ...] = (
    Term("items_checked_out", "What is checked out now", "The items checked out on the card now, "
         "including whether they are overdue.", "what is checked out on the card"),
    Term("borrowing_history", "Borrowing history", "What the cardholder has borrowed in the past.",
         "the borrowing history"),
    Term("overdue_account", "Overdue or billed items and what is owed", "Which items are overdue "
         "or billed, and what the account owes.", "the overdue account"),
    Term("holds_and_requests", "Holds and requests", "Items the cardholder has placed on hold or "
         "asked the Library to get, including picking them up.", "the holds and requests"),
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
    Term("patron_whereabouts", "Whether someone is here, or when they come", "Whether a person "
         "is in the library now, or when they usually come in.",
         "whether or when a person is in the library"),
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
    # Library checks; what a requester must show or say (permission, legal papers, a written
    # records request, an emergency, a court order staff know of) counts as absent when unsaid.
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


# In the order the rules consult them, which is the order the tool asks them: legal papers first.
FACTS: tuple[Fact, ...] = (
    Fact("legal_process",
         "Has the person presented a subpoena, court order, search warrant or national security "
         "letter?",
         "Any legal paper demanding records, whoever brings it. Do not act on it yourself.",
         (Answer("none", "No legal papers", "they have presented no legal papers"),
          Answer("subpoena", "A subpoena", "they present a subpoena"),
          Answer("court_order", "A court order", "they present a court order"),
          Answer("search_warrant", "A search warrant", "they present a search warrant"),
          Answer("national_security_letter", "A national security letter",
                 "they present a national security letter"),
          Answer(None, "I'm not sure", "whether they have presented legal papers")),
         if_not_given="none"),
    _yes_no("formal_records_request",
            "Is this a written request for public records under Iowa Code chapter 22?",
            "A formal open-records request, in writing, such as a reporter's or a lawyer's.",
            "it is a written open-records request", "it is not a written open-records request",
            "whether it is a written open-records request", if_not_given=False),
    _yes_no("emergency", "Does someone say a life or safety is in immediate danger?",
            "For example: a child is missing, or someone threatens to harm themself or others.",
            "someone says a life or safety is in danger", "no one says a life is in danger",
            "whether someone says a life or safety is in danger", if_not_given=False),
    _yes_no("photos_published",
            "Has the Library already published these images?",
            "On the Library's website or social media, or in a newspaper.",
            "the Library has published the images", "the Library has not published the images",
            "whether the Library has published the images"),
    _yes_no("identity_confirmed", "Has the person shown they are who they say they are?",
            "For the cardholder: photo ID in person, or the card number with PIN or password on "
            "the phone or online. For a parent or guardian: that they are this cardholder's parent "
            "or court-appointed guardian.",
            "they have shown who they are", "they have not shown who they are",
            "whether they have shown who they are"),
    _yes_no("for_library_business", "Is it needed to do the Library's work?",
            "Staff: curiosity, or helping a friend or relative, is not library work. Another "
            "library: completing a loan the cardholder asked for is.",
            "it is needed for library work", "it is not needed for library work",
            "whether it is needed for library work"),
    _yes_no("court_order_limits_requester",
            "Does a protective, no-contact or custody order limit this person, as far as you "
            "know?",
            "An order that limits this person's contact with, or information about, the "
            "cardholder.",
            "a court order limits this person", "no court order limits this person",
            "whether a court order limits this person", if_not_given=False),
    _yes_no("cardholder_is_minor", "Is the cardholder under 18 and not married?",
            "Iowa Code 599.1: minority ends at 18, or earlier by marriage.",
            "the cardholder is a minor", "the cardholder is not a minor",
            "whether the cardholder is a minor"),
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
            "Has the cardholder told the Library this person may have it?",
            "The cardholder told the Library themself, not the person asking on their behalf.",
            "the cardholder has given this person permission",
            "the cardholder has not given permission",
            "whether the cardholder has given permission", if_not_given=False),
)

@dataclass(frozen=True)
class BoardOption:
    """A question for the Library Board, off unless named: the engine can decide under it so the
    Board sees its effect before voting. The staff tool answers under the adopted policy only."""

    id: str
    label: str
    help: str


OPTIONS: tuple[BoardOption, ...] = (
    BoardOption("card_covers_holds", "The card also covers holds",
                "Someone with the cardholder's card or card number could also be told about, "
                "and collect, the holds on it. Today the consent the card implies covers only "
                "the items checked out on it."),
    BoardOption("parents_see_minor_records", "Parents see all of a minor's records",
                "A minor's parent or court-appointed guardian, once they have shown who they "
                "are, could have all of the minor's records, as House File 2136 as introduced "
                "would require if it became law. Today a parent may learn only the overdue "
                "account."),
)


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.RELEASE: "Release: you may give this information to this person.",
    Outcome.DENY: "Do not release this information.",
    Outcome.REFER_TO_DIRECTOR: "Do not release: refer this to the Library Director.",
    Outcome.OUTSIDE_POLICY: "Another policy governs this request.",
    Outcome.UNDETERMINED: "Not yet: more information is needed before anything is released.",
}

# The outcome as a short verb, for the badge that shows it at a glance (in the tool, the tables, the
# printed decision and the practice cases), always beside its colour and icon, never instead.
OUTCOME_BADGES: dict[Outcome, str] = {
    Outcome.RELEASE: "Release",
    Outcome.DENY: "Do not release",
    Outcome.REFER_TO_DIRECTOR: "Give to the Director",
    Outcome.OUTSIDE_POLICY: "Other policy",
    Outcome.UNDETERMINED: "Not yet: find out",
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
OPTION_IDS = tuple(o.id for o in OPTIONS)
OPTIONS_BY_ID: dict[str, BoardOption] = {o.id: o for o in OPTIONS}
