"""Where the policy's words and the law pull apart, or the policy is silent (DESIGN.md 4.2).

The tool never tells staff to release where these apply; each note is shown with the decisions it
touches, and the site lists them all for the trustees with both texts side by side and what staff
do now (decided by the engine for the note's example request). Each note cites both texts where
there are two; where the policy is silent, it cites the words staff fall back on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .citations import Citation, iowa_case, policy
from .request import Request
from .rules import (
    ABOUT_THE_CARDHOLDER,
    CONFIDENTIAL_RECORDS,
    CUSTODIAN_OUTSIDE_GOVERNMENT,
    HF_2136,
    ITEMS_ON_THE_CARD,
    JUDICIAL_DETERMINATION,
    LIBRARY_RECORDS_LAW,
    NO_ACCESS_WITHOUT_CONSENT,
    ONLY_UNDER_COURT_ORDER,
    OTHER_USES,
    OVERDUE_MAY_BE_REVEALED,
    SECURITY_CAMERA_POLICY,
)


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    text: str
    cites: tuple[Citation, ...]
    # The question the Board would settle, in one sentence.
    board_question: str
    # A request this note touches, for "what staff do now" (decided by the engine, never typed).
    example: dict[str, object]
    # Known facts only: a note never depends on a guess. None: a note for the Board alone,
    # touching no single request.
    applies: Callable[[Request], bool] | None = None


def _papers(kind: str) -> Callable[[Request], bool]:
    return lambda r: r.value("legal_process") == kind


NOTES: tuple[Note, ...] = (
    Note(
        id="overdue-accounts-and-law-enforcement",
        title="Overdue accounts and law enforcement",
        text="The policy lets overdue accounts be revealed to law enforcement personnel, but Iowa "
             "Code 22.7(13) lets library records go to a criminal or juvenile justice agency only "
             "for an investigation of a particular suspect of a known crime, and only on a "
             "judicial determination. Until the Board reconciles the two, the Library Director "
             "handles these requests.",
        cites=(
            OVERDUE_MAY_BE_REVEALED,
            JUDICIAL_DETERMINATION,
        ),
        board_question="Should bullet 2 drop law enforcement, or say that overdue accounts go "
                       "to law enforcement only on a judicial determination?",
        example={"requester": "law_enforcement", "record": "overdue_account"},
        applies=lambda r: r.requester == "law_enforcement" and r.record == "overdue_account",
    ),
    Note(
        id="subpoena-or-court-order",
        title="A court order, or a subpoena?",
        text="The policy says the Director releases protected records only under a court order. "
             "In 1983 the Iowa Supreme Court upheld a county attorney's subpoena for library "
             "circulation records under the section that preceded today's 22.7(13) (Brown v. "
             "Johnston); in 2003 it treated a subpoena as sufficient under another subsection, "
             "22.7(1) (Poole). Today's 22.7(13) adds a judicial determination for law "
             "enforcement. The Library's counsel, not desk staff, weighs a subpoena; counsel "
             "should read the full opinions.",
        cites=(
            ONLY_UNDER_COURT_ORDER,
            iowa_case("brown-v-johnston", "We answer both questions in the negative and "
                                          "affirm."),
            iowa_case("poole-2003", "We believe a subpoena is a sufficient court order under "
                                    "section 22.7(1)"),
        ),
        board_question="Should the policy say how the Director answers a subpoena, with "
                       "counsel, given that Iowa courts have treated subpoenas as sufficient?",
        example={"requester": "other_person", "record": "borrowing_history",
                 "facts": {"legal_process": "subpoena"}},
        applies=_papers("subpoena"),
    ),
    Note(
        id="federal-process",
        title="Federal process is not addressed",
        text="The policy speaks of a court order and of process, order or subpoena, and says "
             "nothing about national security letters or other federal process (such as orders "
             "under FISA). This site "
             "holds no source text on the federal law about them. Staff give any such demand to "
             "the Library Director, who handles it with legal counsel.",
        cites=(ONLY_UNDER_COURT_ORDER,),
        board_question="Should the policy say who receives federal process, and that staff "
                       "tell no one else about it?",
        example={"requester": "law_enforcement", "record": "registration_details",
                 "facts": {"legal_process": "national_security_letter"}},
        applies=_papers("national_security_letter"),
    ),
    Note(
        id="search-warrants",
        title="Search warrants carried out on the spot",
        text="The policy says nothing about a search warrant, which officers can carry out at "
             "once, without waiting for the Director or a court hearing. Staff call the "
             "Director, ask the officers to wait for the Director or counsel, and do not "
             "obstruct them if they will not.",
        cites=(ONLY_UNDER_COURT_ORDER,),
        board_question="Should the policy name who is called when officers arrive with a "
                       "warrant, and what staff do if no one can be reached?",
        example={"requester": "law_enforcement", "record": "internet_and_database_use",
                 "facts": {"legal_process": "search_warrant"}},
        applies=_papers("search_warrant"),
    ),
    Note(
        id="emergencies",
        title="Emergencies",
        text="The policy has no emergency exception, and neither has Iowa Code 22.7(13). When "
             "someone says a life is in danger, staff call 911 about the danger and the Library "
             "Director about the records; a court can act quickly.",
        cites=(ONLY_UNDER_COURT_ORDER, JUDICIAL_DETERMINATION),
        board_question="Should the policy say what staff do when someone says a life or "
                       "safety is in danger?",
        example={"requester": "other_person", "record": "patron_whereabouts",
                 "facts": {"emergency": True}},
        applies=lambda r: r.requester != "cardholder" and r.value("emergency") is True,
    ),
    Note(
        id="identity-checks",
        title="How a cardholder or parent shows who they are",
        text="The policy gives cardholders their own records and lets parents of minors learn "
             "about overdue accounts, but does not say how staff check who is asking. The tool "
             "asks for photo ID in person, or the card number with PIN or password on the "
             "phone.",
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        board_question="Should the policy say what proof of identity staff accept, in person "
                       "and on the phone?",
        example={"requester": "cardholder", "record": "registration_details",
                 "facts": {"identity_confirmed": False, "presents_card": False}},
        applies=lambda r: r.requester in ("cardholder", "parent_or_guardian")
        and r.record in ABOUT_THE_CARDHOLDER,
    ),
    Note(
        id="holds-for-someone-else",
        title="Holds picked up for someone else",
        text="Bullet 1 lets the card imply consent for the items checked out on it; it says "
             "nothing about holds, which families often collect for each other. Today a holds "
             "request needs the cardholder's permission.",
        cites=(ITEMS_ON_THE_CARD,),
        board_question="Should the card also let its holder be told about, and collect, the "
                       "holds on it? (Board option: the card also covers holds.)",
        example={"requester": "other_person", "record": "holds_and_requests",
                 "facts": {"presents_card": True, "card_reported_lost_or_stolen": False,
                           "reason_to_doubt_consent": False}},
        applies=lambda r: r.requester != "cardholder" and r.record == "holds_and_requests",
    ),
    Note(
        id="notices-on-voicemail",
        title="Notices left on voicemail or with family",
        text="The policy does not say whether a hold or overdue notice may name the items on a "
             "shared voicemail, or to whoever answers the phone.",
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        board_question="Should notices name the items, or only ask the cardholder to call the "
                       "Library?",
        example={"requester": "other_person", "record": "holds_and_requests"},
    ),
    Note(
        id="representatives-of-adults",
        title="Guardians, agents and executors of adult cardholders",
        text="The policy names parents of minor children, but not an adult's court-appointed "
             "guardian or conservator, an agent under a power of attorney, or the executor or "
             "next of kin of a cardholder who has died. The Director reviews their papers.",
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        board_question="Should the policy say what guardians, agents and executors may have, "
                       "and what papers they must show?",
        example={"requester": "legal_representative", "record": "overdue_account"},
        applies=lambda r: r.requester == "legal_representative"
        and r.record in CONFIDENTIAL_RECORDS,
    ),
    Note(
        id="vendors",
        title="Companies that run library services",
        text="E-book, catalog, notice and database vendors hold patron records for the Library. "
             "The policy does not mention them; what they receive is set by their contracts. "
             "Under Iowa Code 22.1(2) the Library remains the custodian of records they hold.",
        cites=(NO_ACCESS_WITHOUT_CONSENT,
               CUSTODIAN_OUTSIDE_GOVERNMENT),
        board_question="Should the policy require vendor contracts to keep patron records "
                       "confidential and to limit what vendors collect?",
        example={"requester": "service_vendor", "record": "borrowing_history"},
        applies=lambda r: r.requester == "service_vendor" and r.record in CONFIDENTIAL_RECORDS,
    ),
    Note(
        id="record-retention",
        title="How long records are kept",
        text="The policy does not say how long the Library keeps borrowing histories, "
             "computer logs or other records that identify users. A record that is not kept "
             "cannot be demanded.",
        cites=(policy("paragraph-2", "Confidentiality extends to information sought or "
                                     "received"),),
        board_question="Should the policy say how long each kind of record is kept?",
        example={"requester": "other_person", "record": "borrowing_history"},
    ),
    Note(
        id="security-camera-policy-not-published",
        title="The Security Camera Policy is not published here",
        text="The Confidentiality Policy refers to a Security Camera Policy, which is not "
             "published with it on this site. Iowa Code 22.7(50), whose text this site has not "
             "obtained, is reported to protect security records only where the body has adopted "
             "such a policy. Ask the Library Director for the Security Camera Policy.",
        cites=(SECURITY_CAMERA_POLICY,),
        board_question="Should the Security Camera Policy be published beside this one?",
        example={"requester": "other_person", "record": "security_camera_footage"},
        applies=lambda r: r.record == "security_camera_footage",
    ),
    Note(
        id="parental-access-bills",
        title="Bills on parents' access to minors' records",
        text="Bills in the 2026 Iowa legislature, such as House File 2136, would open all of a "
             "minor's library records to their parents. None is known to be law. If one becomes "
             "law, it overrides the policy from its effective date.",
        cites=(policy("bullet-2", "Overdue library accounts may be revealed to parents of minor "
                                  "children"),
               HF_2136),
        board_question="If such a bill becomes law, how will the Library tell parents and "
                       "minors? (Board option: parents see all of a minor's records.)",
        example={"requester": "parent_or_guardian", "record": "borrowing_history",
                 "facts": {"cardholder_is_minor": True, "identity_confirmed": True,
                           "presents_card": False}},
        applies=lambda r: r.requester == "parent_or_guardian"
        and r.record in ABOUT_THE_CARDHOLDER and r.record != "overdue_account",
    ),
    Note(
        id="policy-and-statute",
        title="What rests on the law, and what only on the policy",
        text="A board policy cannot by itself make a record confidential where no statute does. "
             "Iowa Code 22.7(13) covers records that would reveal who checked out or requested "
             "an item or information; whether attendance, images, computer use or whereabouts "
             "rest on it, or only on the policy, is for the Library's counsel.",
        cites=(OTHER_USES,
               LIBRARY_RECORDS_LAW),
        board_question="Should counsel say which kinds of record the statute protects, and "
                       "which only the policy?",
        example={"requester": "other_person", "record": "program_attendance",
                 "facts": {"formal_records_request": True}},
    ),
)


def notes_for(request: Request) -> tuple[Note, ...]:
    return tuple(note for note in NOTES if note.applies is not None and note.applies(request))
