"""The Confidentiality Policy and Iowa law as rules: the one place where the policy lives in code.

Each rule is one sentence of policy with the words it rests on. The engine checks the rules in the
order they are listed; the first that applies decides. The order is the policy's order of strength
(DESIGN.md section 4), grouped by standing, strongest first:

1. OTHER_POLICY: requests another policy governs (security cameras).
2. NOT_CONFIDENTIAL: what the policy does not make confidential (counts, public contact details).
3. OWN_RECORDS: the cardholder may always have their own records.
4. TO_DIRECTOR: every request from law enforcement, and any subpoena, court order, search warrant
   or national security letter, whoever brings it, goes to the Library Director.
5. PERMITTED: the policy's exceptions that let a confidential record be given out.
6. CONFIDENTIAL: everything else is confidential; do not release it.

All rules of one standing have the same outcome, so rules of equal standing cannot conflict; a
stronger standing always wins over a weaker one, and the explanation shows which rule decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from .citations import Citation, iowa_code, policy
from .facts_view import Ask
from .vocabulary import Outcome


class Standing(IntEnum):
    OTHER_POLICY = 1
    NOT_CONFIDENTIAL = 2
    OWN_RECORDS = 3
    TO_DIRECTOR = 4
    PERMITTED = 5
    CONFIDENTIAL = 6


OUTCOME_OF_STANDING: dict[Standing, Outcome] = {
    Standing.OTHER_POLICY: Outcome.OUTSIDE_POLICY,
    Standing.NOT_CONFIDENTIAL: Outcome.RELEASE,
    Standing.OWN_RECORDS: Outcome.RELEASE,
    Standing.TO_DIRECTOR: Outcome.REFER_TO_DIRECTOR,
    Standing.PERMITTED: Outcome.RELEASE,
    Standing.CONFIDENTIAL: Outcome.DENY,
}


@dataclass(frozen=True)
class Rule:
    id: str
    standing: Standing
    says: str  # the rule as one sentence
    applies: Callable[[Ask], bool]
    cites: tuple[Citation, ...]
    summary: str  # the decision in one plain sentence; may name {requester} and {record}
    next_step: str  # what the staff member does now

    @property
    def outcome(self) -> Outcome:
        return OUTCOME_OF_STANDING[self.standing]


# --- What the policy makes confidential, and the words that say so for each kind of record ------

_CIRCULATION = policy("paragraph-2", "circulation records")
CONFIDENTIAL_RECORDS: dict[str, Citation] = {
    "items_checked_out": _CIRCULATION,
    "borrowing_history": policy("paragraph-2", "materials consulted, borrowed, or acquired"),
    "overdue_account": _CIRCULATION,
    "holds_and_requests": policy("paragraph-2", "information sought or received"),
    "interlibrary_loans": policy("paragraph-2", "interlibrary loan records"),
    "internet_and_database_use": policy("paragraph-2",
                                        "Internet and electronic resource search records"),
    "reference_questions": policy("paragraph-2", "reference interviews and transactions"),
    "registration_details": policy("paragraph-1", "other records identifying specific users"),
    "program_attendance": policy("paragraph-2", "other personally identifiable uses of library "
                                                "materials or services"),
}

# Possession of the card implies consent only for what the card's own bullet covers: the items
# checked out on it, including whether they are overdue.
CARD_COVERS = ("items_checked_out", "overdue_account")

_NO_ACCESS_WITHOUT_CONSENT = policy(
    "paragraph-1", "No individual except authorized library staff shall have access to patron "
                   "records other than his or her own without the cardholder's consent.")
_CONFIDENTIAL_IN_NATURE = policy(
    "paragraph-1", "library circulation records and other records identifying specific users are "
                   "confidential in nature")
_ONLY_UNDER_COURT_ORDER = policy(
    "paragraph-3", "at no time will the Library Director, who serves as custodian of the records, "
                   "release protected records except under Court order")
_BOARD_WILL_RESIST = policy(
    "paragraph-3", "the Library Board will resist the issuance or enforcement of any such process, "
                   "order or subpoena until such time as a proper showing of good cause has been "
                   "made in a court of competent jurisdiction")
_OVERDUE_MAY_BE_REVEALED = policy(
    "bullet-2", "Overdue library accounts may be revealed to parents of minor children, a "
                "collection agency, or law enforcement personnel.")


def _confidential(ask: Ask) -> bool:
    return ask.record in CONFIDENTIAL_RECORDS


RULES: tuple[Rule, ...] = (
    Rule(
        id="security-camera-policy",
        standing=Standing.OTHER_POLICY,
        says="Security camera footage is governed by the Security Camera Policy, not by this "
             "policy.",
        applies=lambda ask: ask.record == "security_camera_footage",
        cites=(policy("bullet-5", "For information about security camera confidentiality, please "
                                  "see the Security Camera Policy."),),
        summary="Security camera footage is governed by the Library's Security Camera Policy, not "
                "by the Confidentiality Policy.",
        next_step="Do not release footage at the desk. Follow the Security Camera Policy; if you "
                  "do not have it, ask the Library Director.",
    ),
    Rule(
        id="counts-identify-no-one",
        standing=Standing.NOT_CONFIDENTIAL,
        says="Counts and statistics that identify no one are not records identifying specific "
             "users, so the policy does not make them confidential.",
        applies=lambda ask: ask.record == "aggregate_statistics",
        cites=(_CONFIDENTIAL_IN_NATURE,),
        summary="Counts that identify no one are not confidential records, so they may be shared.",
        next_step="Share the figures, after checking that they cannot be traced to a particular "
                  "person.",
    ),
    Rule(
        id="public-contact-information",
        standing=Standing.NOT_CONFIDENTIAL,
        says="Contact information a person made public for a display or meeting is public "
             "information.",
        applies=lambda ask: ask.record == "public_contact_info",
        cites=(policy("bullet-4", "Contact information made public for displays and meetings is "
                                  "provided by the owner and is considered public information."),),
        summary="Contact details a person made public for a display or meeting are public "
                "information.",
        next_step="You may give the contact details exactly as the person made them public, and "
                  "nothing more about them.",
    ),
    Rule(
        id="own-records",
        standing=Standing.OWN_RECORDS,
        says="A cardholder may always have their own records, minors included.",
        applies=lambda ask: ask.requester == "cardholder" and _confidential(ask),
        cites=(_NO_ACCESS_WITHOUT_CONSENT,),
        summary="Cardholders may have their own records.",
        next_step="Give the cardholder their own information, after making sure they are the "
                  "cardholder.",
    ),
    Rule(
        id="law-enforcement-to-director",
        standing=Standing.TO_DIRECTOR,
        says="Library records go to law enforcement only for the investigation of a particular "
             "suspect of a known crime and only on a judicial determination, so desk staff never "
             "release them to law enforcement: every such request goes to the Library Director.",
        applies=lambda ask: ask.requester == "law_enforcement",
        cites=(
            iowa_code("iowa-code-22-7-13", "The records shall be released to a criminal or "
                                           "juvenile justice agency only pursuant to an "
                                           "investigation of a particular person or organization "
                                           "suspected of committing a known crime."),
            iowa_code("iowa-code-22-7-13", "The records shall be released only upon a judicial "
                                           "determination"),
            _ONLY_UNDER_COURT_ORDER,
        ),
        summary="Requests from law enforcement go to the Library Director; desk staff do not "
                "release {record} to law enforcement.",
        next_step="Do not release anything and do not confirm whether the person is a cardholder. "
                  "Refer the officer to the Library Director, the custodian of the records.",
    ),
    Rule(
        id="legal-process-to-director",
        standing=Standing.TO_DIRECTOR,
        says="Any subpoena, court order, search warrant or national security letter goes to the "
             "Library Director, who releases protected records only under a court order, while the "
             "Board resists process until good cause is shown in court.",
        applies=lambda ask: _confidential(ask) and ask.legal_process_presented(),
        cites=(_ONLY_UNDER_COURT_ORDER, _BOARD_WILL_RESIST),
        summary="Legal papers demanding library records go to the Library Director.",
        next_step="Do not release anything and do not confirm whether the person is a cardholder. "
                  "Take the papers or a copy, and refer the person to the Library Director at "
                  "once.",
    ),
    Rule(
        id="program-audience-images",
        standing=Standing.PERMITTED,
        says="Photos and video of a program audience may be used for library programming or "
             "promotion; they are not confidential records, though attendance itself is.",
        applies=lambda ask: ask.record == "program_photos",
        cites=(policy("bullet-3", "These images may be used for library programming or promotion, "
                                  "including the library website, and social media sites, "
                                  "newspaper, and other media."),),
        summary="Photos and video of a program audience may be used for library programming or "
                "promotion, so they are not confidential.",
        next_step="You may point the person to the images the Library has used. Do not tell "
                  "anyone who attended a program: attendance is confidential.",
    ),
    Rule(
        id="staff-library-business",
        standing=Standing.PERMITTED,
        says="Authorized library staff may use patron records to do library work.",
        applies=lambda ask: ask.requester == "library_staff" and _confidential(ask)
        and ask.for_library_business(),
        cites=(_NO_ACCESS_WITHOUT_CONSENT,),
        summary="Authorized library staff may use {record} to do library work.",
        next_step="Use the record for the library work that needs it, and for nothing else.",
    ),
    Rule(
        id="overdue-to-parent-of-minor",
        standing=Standing.PERMITTED,
        says="A minor's overdue account may be revealed to the minor's parent or guardian.",
        applies=lambda ask: ask.requester == "parent_or_guardian"
        and ask.record == "overdue_account" and ask.cardholder_is_minor(),
        cites=(_OVERDUE_MAY_BE_REVEALED,),
        summary="A minor's overdue items, fines and fees may be revealed to the minor's parent or "
                "guardian.",
        next_step="Tell the parent or guardian about the overdue items, fines and fees only; the "
                  "child's other records stay confidential.",
    ),
    Rule(
        id="overdue-to-collection-agency",
        standing=Standing.PERMITTED,
        says="An overdue account may be revealed to a collection agency.",
        applies=lambda ask: ask.requester == "collection_agency"
        and ask.record == "overdue_account",
        cites=(_OVERDUE_MAY_BE_REVEALED,),
        summary="Overdue accounts may be revealed to a collection agency.",
        next_step="Give the collection agency the overdue account only, nothing else about the "
                  "cardholder's use of the Library.",
    ),
    Rule(
        id="card-implies-consent",
        standing=Standing.PERMITTED,
        says="Someone who has the cardholder's card or card number may be told what is checked "
             "out on it, unless the card has been reported lost or stolen or there is reason to "
             "believe the cardholder has not consented.",
        applies=lambda ask: ask.record in CARD_COVERS and ask.presents_card()
        and not ask.card_reported_lost_or_stolen() and not ask.reason_to_doubt_consent(),
        cites=(policy("bullet-1", "Possession of a library card or library card number implies "
                                  "cardholder consent unless the card has been reported as lost "
                                  "or stolen, or there is reason to believe that consent has not "
                                  "been given."),
               policy("bullet-1", "Information about items checked out on the card can only be "
                                  "given to the cardholder or to another person with the "
                                  "cardholder's permission.")),
        summary="Having the cardholder's card implies the cardholder's consent to share "
                "{record}.",
        next_step="You may tell them what is checked out on the card, including whether it is "
                  "overdue, and nothing else.",
    ),
    Rule(
        id="cardholder-permission",
        standing=Standing.PERMITTED,
        says="With the cardholder's permission, a person may have the cardholder's records.",
        applies=lambda ask: _confidential(ask) and ask.has_cardholder_permission(),
        cites=(_NO_ACCESS_WITHOUT_CONSENT,
               policy("bullet-1", "another person with the cardholder's permission")),
        summary="The cardholder has given permission, so {requester} may have {record}.",
        next_step="Share only what the cardholder gave permission for.",
    ),
    Rule(
        id="confidential-by-default",
        standing=Standing.CONFIDENTIAL,
        says="Records identifying library users are confidential: no one but the cardholder, "
             "authorized staff or someone with the cardholder's consent may have them.",
        applies=_confidential,
        cites=(_CONFIDENTIAL_IN_NATURE, _NO_ACCESS_WITHOUT_CONSENT),
        summary="Nothing in the policy lets {requester} have {record}: records identifying "
                "library users are confidential.",
        next_step="Politely decline. Do not confirm or deny whether the person is a cardholder.",
    ),
)

