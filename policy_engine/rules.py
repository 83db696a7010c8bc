"""The Confidentiality Policy and Iowa law as rules: the one place where the policy lives in code.

Each rule is one sentence of policy with the words it rests on, and what staff do next. The engine
checks the rules in the order they are listed; the first that applies decides. The order is
DESIGN.md section 4's, strongest first, and each rule names its reading there:

 1. Security camera footage: another policy governs.
 2. Legal papers, whatever the record: the Director (not a confirmed cardholder's own records).
 3. Written open-records requests: the Director.
 4. Emergencies: 911 for the danger, the Director for the records.
 5. What is not confidential: counts, public contact details, images already published.
 6. The cardholder, once they have shown who they are.
 7. Law enforcement: the Director.
 8. A court order limiting the person asking: the Director.
 9. Where the policy is silent (legal representatives, vendors): the Director.
10. The exceptions that release: staff at work, interlibrary loans, overdue accounts to parents of
    minors and the collection agency, the card, the cardholder's permission.
11. Everyone else: do not release.

Readings 12 and 13 (tensions, unknown facts) are the engine's and tensions.py's, not rules.
Next steps are written for the person at the desk: the action first, short sentences, and never a
word that confirms or denies that someone uses the Library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .citations import Citation, iowa_bill, iowa_code, policy
from .facts_view import Ask
from .vocabulary import Outcome


@dataclass(frozen=True)
class Rule:
    id: str
    reading: int  # the reading of DESIGN.md section 4 this rule states
    outcome: Outcome
    says: str  # the rule as one sentence
    applies: Callable[[Ask], bool]
    cites: tuple[Citation, ...]
    summary: str  # the decision in one plain sentence; may name {requester} and {record}
    next_step: str  # what the staff member does now, and what to say
    # A rule the Board could adopt (DESIGN.md 4.3): it applies only when this option is on.
    option: str | None = None


# --- What the policy makes confidential, and the words that say so for each kind of record ------

_CIRCULATION = policy("paragraph-2", "circulation records")
OTHER_USES = policy("paragraph-2", "other personally identifiable uses of library materials or "
                                    "services")
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
    "program_attendance": OTHER_USES,
    "patron_whereabouts": OTHER_USES,
    # Unpublished images show who attended (published ones are released by reading 5).
    "program_photos": OTHER_USES,
}
# Records about one cardholder: theirs to see and theirs to share. Audience images show other
# people too, so no single cardholder's word opens them.
ABOUT_THE_CARDHOLDER = tuple(r for r in CONFIDENTIAL_RECORDS if r != "program_photos")

# The consent a card implies covers what its bullet covers: the items checked out on it,
# including whether they are overdue. A Board option would add the holds on it.
CARD_COVERS = ("items_checked_out", "overdue_account")

NO_ACCESS_WITHOUT_CONSENT = policy(
    "paragraph-1", "No individual except authorized library staff shall have access to patron "
                   "records other than his or her own without the cardholder's consent.")
_CONFIDENTIAL_IN_NATURE = policy(
    "paragraph-1", "library circulation records and other records identifying specific users are "
                   "confidential in nature")
ONLY_UNDER_COURT_ORDER = policy(
    "paragraph-3", "at no time will the Library Director, who serves as custodian of the records, "
                   "release protected records except under Court order")
_BOARD_WILL_RESIST = policy(
    "paragraph-3", "the Library Board will resist the issuance or enforcement of any such process, "
                   "order or subpoena until such time as a proper showing of good cause has been "
                   "made in a court of competent jurisdiction")
OVERDUE_MAY_BE_REVEALED = policy(
    "bullet-2", "Overdue library accounts may be revealed to parents of minor children, a "
                "collection agency, or law enforcement personnel.")
_CARD_IMPLIES_CONSENT = policy(
    "bullet-1", "Possession of a library card or library card number implies cardholder consent "
                "unless the card has been reported as lost or stolen, or there is reason to "
                "believe that consent has not been given.")
LIBRARY_RECORDS_LAW = iowa_code(
    "iowa-code-22-7-13", "The records of a library which, by themselves or when examined with "
                         "other public records, would reveal the identity of the library patron "
                         "checking out or requesting an item or information from the library.")
JUDICIAL_DETERMINATION = iowa_code(
    "iowa-code-22-7-13", "The records shall be released only upon a judicial determination")

SECURITY_CAMERA_POLICY = policy(
    "bullet-5", "For information about security camera confidentiality, please see the Security "
                "Camera Policy.")
ITEMS_ON_THE_CARD = policy(
    "bullet-1", "Information about items checked out on the card can only be given to the "
                "cardholder or to another person with the cardholder's permission.")
CUSTODIAN_OUTSIDE_GOVERNMENT = iowa_code(
    "iowa-code-22-1-2", "The custodian of a public record in the physical possession of persons "
                        "outside a government body is the government body owning that record.")
HF_2136 = iowa_bill(
    "hf-2136", "The records shall be released to the parent or guardian of a library patron who "
               "is a minor child upon the request of the parent or guardian.")

# The Director may be away: every referral says what to do meanwhile.
_IF_DIRECTOR_AWAY = ("If the Director is away, take the person's name and number, say the "
                     "Director will respond, and release nothing meanwhile.")


def _confidential(ask: Ask) -> bool:
    return ask.record in CONFIDENTIAL_RECORDS


def _confirmed_cardholder_own_record(ask: Ask) -> bool:
    return ask.requester == "cardholder" and ask.record in ABOUT_THE_CARDHOLDER \
        and ask.identity_confirmed()


def _papers(kind: str) -> Callable[[Ask], bool]:
    return lambda ask: ask.legal_process() == kind and not _confirmed_cardholder_own_record(ask)


def _card_implies_consent(ask: Ask) -> bool:
    return ask.presents_card() and not ask.card_reported_lost_or_stolen() \
        and not ask.reason_to_doubt_consent()


_PAPERS_SAYS = ("Any subpoena, court order, search warrant or national security letter goes to "
                "the Library Director, whoever brings it and whatever record it names, except a "
                "confirmed cardholder asking for their own records. The Director releases "
                "protected records only under a court order, and the Board resists process until "
                "good cause is shown in court.")
_PAPERS_CITE = (ONLY_UNDER_COURT_ORDER, _BOARD_WILL_RESIST)

RULES: tuple[Rule, ...] = (
    # --- 1. Another policy governs ------------------------------------------------------------
    Rule(
        id="security-camera-policy", reading=1, outcome=Outcome.OUTSIDE_POLICY,
        says="Security camera footage is governed by the Security Camera Policy, not by this "
             "policy.",
        applies=lambda ask: ask.record == "security_camera_footage",
        cites=(SECURITY_CAMERA_POLICY,),
        summary="Security camera footage is governed by the Library's Security Camera Policy, not "
                "by the Confidentiality Policy.",
        next_step="Do not show or copy footage at the desk. Follow the Security Camera Policy; "
                  "if you do not have it, ask the Library Director. Give any legal papers to the "
                  "Director.",
    ),
    # --- 2. Legal papers, whatever the record -------------------------------------------------
    Rule(
        id="search-warrant-to-director", reading=2, outcome=Outcome.REFER_TO_DIRECTOR,
        says=_PAPERS_SAYS, applies=_papers("search_warrant"), cites=_PAPERS_CITE,
        summary="A search warrant goes to the Library Director at once; it can be carried out on "
                "the spot.",
        next_step="Call the Library Director now. Ask the officers to wait for the Director or "
                  "the Library's counsel. If they will not wait, do not obstruct them. Keep a "
                  "copy of the warrant and list everything they take.",
    ),
    Rule(
        id="national-security-letter-to-director", reading=2, outcome=Outcome.REFER_TO_DIRECTOR,
        says=_PAPERS_SAYS, applies=_papers("national_security_letter"), cites=_PAPERS_CITE,
        summary="A national security letter goes to the Library Director, and to no one else.",
        next_step="Give the letter to the Library Director today, in person. Tell no one else "
                  "about it, not even co-workers: such letters usually forbid telling anyone. "
                  "Release nothing yourself.",
    ),
    Rule(
        id="subpoena-to-director", reading=2, outcome=Outcome.REFER_TO_DIRECTOR,
        says=_PAPERS_SAYS, applies=_papers("subpoena"), cites=_PAPERS_CITE,
        summary="A subpoena goes to the Library Director today; the Director releases protected "
                "records only under a court order.",
        next_step="Give the subpoena to the Library Director today: it has a deadline. Release "
                  "nothing and do not say whether anyone named in it uses the Library. "
                  + _IF_DIRECTOR_AWAY,
    ),
    Rule(
        id="court-order-to-director", reading=2, outcome=Outcome.REFER_TO_DIRECTOR,
        says=_PAPERS_SAYS, applies=_papers("court_order"), cites=_PAPERS_CITE,
        summary="A court order goes to the Library Director, who alone releases records under "
                "it.",
        next_step="Give the court order to the Library Director today. Release nothing yourself "
                  "and do not say whether anyone named in it uses the Library. "
                  + _IF_DIRECTOR_AWAY,
    ),
    # --- 3. Written open-records requests -----------------------------------------------------
    Rule(
        id="open-records-request-to-director", reading=3, outcome=Outcome.REFER_TO_DIRECTOR,
        says="A written request for public records under Iowa Code chapter 22 goes to the "
             "Library Director, the custodian of the records, who answers it in writing: records "
             "that would reveal a patron are kept confidential, and counts are produced by the "
             "custodian, not at the desk.",
        applies=lambda ask: ask.formal_records_request(),
        cites=(iowa_code("iowa-code-22-7", "The following public records shall be kept "
                                           "confidential, unless otherwise ordered by a court, by "
                                           "the lawful custodian of the records"),
               LIBRARY_RECORDS_LAW, ONLY_UNDER_COURT_ORDER),
        summary="A written open-records request goes to the Library Director, who answers it in "
                "writing.",
        next_step="Write today's date on the request and give it to the Library Director today. "
                  "Tell the person the Director will answer in writing. Say nothing about any "
                  "patron meanwhile.",
    ),
    # --- 4. Emergencies -----------------------------------------------------------------------
    Rule(
        id="emergency-to-director", reading=4, outcome=Outcome.REFER_TO_DIRECTOR,
        says="When someone says a life or safety is in danger, staff call 911 about the danger, "
             "but records still go only through the Library Director: the law has no emergency "
             "exception, and a court can act quickly.",
        applies=lambda ask: ask.requester != "cardholder" and ask.emergency(),
        cites=(JUDICIAL_DETERMINATION, ONLY_UNDER_COURT_ORDER),
        summary="In an emergency, call 911 about the danger; records go only through the Library "
                "Director.",
        next_step="If a life may be in danger, call 911 now and report the danger. Then call the "
                  "Library Director. Do not say yourself whether anyone is or was in the "
                  "library.",
    ),
    # --- 5. Not confidential ------------------------------------------------------------------
    Rule(
        id="counts-identify-no-one", reading=5, outcome=Outcome.RELEASE,
        says="Counts and statistics that identify no one are not records identifying specific "
             "users, so the policy does not make them confidential.",
        applies=lambda ask: ask.record == "aggregate_statistics",
        cites=(_CONFIDENTIAL_IN_NATURE,),
        summary="Counts that identify no one are not confidential records, so they may be shared.",
        next_step="Share the figures once you have checked that no one can be picked out from "
                  "them: a count of one or two can point to a person.",
    ),
    Rule(
        id="public-contact-information", reading=5, outcome=Outcome.RELEASE,
        says="Contact information a person made public for a display or meeting is public "
             "information.",
        applies=lambda ask: ask.record == "public_contact_info",
        cites=(policy("bullet-4", "Contact information made public for displays and meetings is "
                                  "provided by the owner and is considered public information."),),
        summary="Contact details a person made public for a display or meeting are public "
                "information.",
        next_step="Give the contact details exactly as the person made them public, and nothing "
                  "more about them.",
    ),
    Rule(
        id="published-audience-images", reading=5, outcome=Outcome.RELEASE,
        says="Photos and video of a program audience that the Library has already published "
             "may be pointed to; unpublished ones show who attended and stay confidential.",
        applies=lambda ask: ask.record == "program_photos" and ask.photos_published(),
        cites=(policy("bullet-3", "These images may be used for library programming or promotion, "
                                  "including the library website, and social media sites, "
                                  "newspaper, and other media."),),
        summary="The Library has published these images, so you may point to where they were "
                "published.",
        next_step="Point the person to where the Library published the images. Do not name "
                  "anyone in them or say who else attended.",
    ),
    # --- 6. The cardholder --------------------------------------------------------------------
    Rule(
        id="own-records", reading=6, outcome=Outcome.RELEASE,
        says="A cardholder who has shown who they are may have their own records, minors "
             "included.",
        applies=_confirmed_cardholder_own_record,
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        summary="The cardholder has shown who they are and may have their own records.",
        next_step="Give the cardholder their own information. Tell it only to them: not on "
                  "voicemail, and not where others can hear.",
    ),
    # --- 7. Law enforcement -------------------------------------------------------------------
    Rule(
        id="law-enforcement-to-director", reading=7, outcome=Outcome.REFER_TO_DIRECTOR,
        says="Library records go to law enforcement only for the investigation of a particular "
             "suspect of a known crime and only on a judicial determination, so desk staff never "
             "release them to law enforcement: every such request goes to the Library Director.",
        applies=lambda ask: ask.requester == "law_enforcement" and _confidential(ask),
        cites=(
            iowa_code("iowa-code-22-7-13", "The records shall be released to a criminal or "
                                           "juvenile justice agency only pursuant to an "
                                           "investigation of a particular person or organization "
                                           "suspected of committing a known crime."),
            JUDICIAL_DETERMINATION,
            ONLY_UNDER_COURT_ORDER,
        ),
        summary="Requests from law enforcement go to the Library Director; desk staff do not "
                "release {record} to law enforcement.",
        next_step="Refer the officer to the Library Director, the custodian of the records. "
                  "Release nothing and do not confirm that anyone uses the Library. "
                  + _IF_DIRECTOR_AWAY,
    ),
    # --- 8. A court order limits the person asking --------------------------------------------
    Rule(
        id="court-order-limits-requester", reading=8, outcome=Outcome.REFER_TO_DIRECTOR,
        says="When a protective, no-contact or custody order limits the person asking, only the "
             "Library Director, the custodian of the records, decides what they may be told.",
        applies=lambda ask: ask.requester in ("parent_or_guardian", "legal_representative",
                                              "other_person", "public_official")
        and _confidential(ask) and ask.court_order_limits_requester(),
        cites=(NO_ACCESS_WITHOUT_CONSENT, ONLY_UNDER_COURT_ORDER),
        summary="A court order limits this person, so the Library Director decides.",
        next_step="Release nothing and do not confirm that the cardholder uses the Library. "
                  "Tell the Library Director about the order today. If anyone is in danger, "
                  "call 911.",
    ),
    # --- 9. Where the policy is silent --------------------------------------------------------
    Rule(
        id="legal-representative-to-director", reading=9, outcome=Outcome.REFER_TO_DIRECTOR,
        says="The policy does not say what an adult's guardian, an agent under a power of "
             "attorney or an executor may have, so the Library Director reviews their papers.",
        applies=lambda ask: ask.requester == "legal_representative" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        summary="The policy is silent on guardians, agents and executors of adults: the Library "
                "Director reviews their papers.",
        next_step="Ask for a copy of the guardianship, power of attorney or estate papers and "
                  "give it to the Library Director. Release nothing until the Director decides.",
    ),
    Rule(
        id="vendor-contract-to-director", reading=9, outcome=Outcome.REFER_TO_DIRECTOR,
        says="What a company running a library service receives is set by its contract with "
             "the Library, never at the desk; the Library remains the custodian of records the "
             "company holds.",
        applies=lambda ask: ask.requester == "service_vendor" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT,
               CUSTODIAN_OUTSIDE_GOVERNMENT),
        summary="What a vendor receives is set by its contract: the Library Director decides.",
        next_step="Do not send patron information yourself. Refer the company to the Library "
                  "Director: its contract says what it may receive.",
    ),
    # --- 10. The exceptions that release ------------------------------------------------------
    Rule(
        id="staff-library-business", reading=10, outcome=Outcome.RELEASE,
        says="Authorized library staff may use patron records to do library work.",
        applies=lambda ask: ask.requester == "library_staff" and _confidential(ask)
        and ask.record != "patron_whereabouts" and ask.for_library_business(),
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        summary="Authorized library staff may use {record} to do library work.",
        next_step="Use the record for the library work that needs it, and for nothing else.",
    ),
    Rule(
        id="interlibrary-loan-to-other-library", reading=10, outcome=Outcome.RELEASE,
        says="Another library completing an interlibrary loan the cardholder asked for may have "
             "what that loan needs.",
        applies=lambda ask: ask.requester == "other_library"
        and ask.record == "interlibrary_loans" and ask.for_library_business(),
        cites=(policy("paragraph-2", "interlibrary loan records"), NO_ACCESS_WITHOUT_CONSENT),
        summary="Another library may have what it needs to complete an interlibrary loan.",
        next_step="Give the other library what it needs to complete the loan, and nothing else "
                  "about the cardholder.",
    ),
    Rule(
        id="overdue-to-parent-of-minor", reading=10, outcome=Outcome.RELEASE,
        says="A minor's overdue account may be revealed to the minor's parent or court-appointed "
             "guardian, once they have shown that they are.",
        applies=lambda ask: ask.requester == "parent_or_guardian"
        and ask.record == "overdue_account" and ask.cardholder_is_minor()
        and ask.identity_confirmed(),
        cites=(OVERDUE_MAY_BE_REVEALED,
               iowa_code("iowa-code-599-1", "The period of minority extends to the age of "
                                            "eighteen years, but all minors attain their "
                                            "majority by marriage.")),
        summary="A minor's overdue or billed items, and what is owed, may be revealed to the "
                "minor's parent or guardian.",
        next_step="Tell the parent or guardian which items are overdue or billed and what is "
                  "owed. The child's other records stay confidential.",
    ),
    Rule(
        id="minor-records-to-parent", reading=10, outcome=Outcome.RELEASE,
        says="Board option: a minor's parent or court-appointed guardian, once they have shown "
             "that they are, may have all of the minor's records (not whether the child is in "
             "the library now).",
        # Whether a child is in the library now is not a record the bill names: still never said.
        applies=lambda ask: ask.requester == "parent_or_guardian"
        and ask.record in ABOUT_THE_CARDHOLDER and ask.record != "patron_whereabouts"
        and ask.cardholder_is_minor() and ask.identity_confirmed(),
        cites=(HF_2136,),
        summary="Under this Board option, a minor's parent or guardian may have the minor's "
                "records.",
        next_step="Give the parent or guardian the child's records they ask for, and only "
                  "those.",
        option="parents_see_minor_records",
    ),
    Rule(
        id="overdue-to-collection-agency", reading=10, outcome=Outcome.RELEASE,
        says="An overdue account may be revealed to the collection agency the Library has "
             "hired.",
        applies=lambda ask: ask.requester == "collection_agency"
        and ask.record == "overdue_account",
        cites=(OVERDUE_MAY_BE_REVEALED,),
        summary="Overdue accounts may be revealed to the Library's collection agency.",
        next_step="Give the collection agency the overdue account only: the items and what is "
                  "owed, nothing else about the cardholder's use of the Library.",
    ),
    Rule(
        id="card-implies-consent", reading=10, outcome=Outcome.RELEASE,
        says="Someone who has the cardholder's card or card number may be told what is checked "
             "out on it, unless the card has been reported lost or stolen or there is reason to "
             "believe the cardholder has not consented.",
        applies=lambda ask: ask.record in CARD_COVERS and _card_implies_consent(ask),
        cites=(_CARD_IMPLIES_CONSENT,
               ITEMS_ON_THE_CARD),
        summary="Having the cardholder's card implies the cardholder's consent to share "
                "{record}.",
        next_step="You may tell them what is checked out on the card, including what is "
                  "overdue, and nothing else.",
    ),
    Rule(
        id="card-covers-holds", reading=10, outcome=Outcome.RELEASE,
        says="Board option: someone who has the cardholder's card or card number may also be "
             "told about, and collect, the holds on it, on the same conditions.",
        applies=lambda ask: ask.record == "holds_and_requests" and _card_implies_consent(ask),
        cites=(_CARD_IMPLIES_CONSENT,),
        summary="Under this Board option, having the card implies consent to share the holds on "
                "it.",
        next_step="You may tell them about the holds on the card and let them collect them, and "
                  "nothing else.",
        option="card_covers_holds",
    ),
    Rule(
        id="cardholder-permission", reading=10, outcome=Outcome.RELEASE,
        says="With the cardholder's permission, a person may have the cardholder's records.",
        applies=lambda ask: ask.requester != "cardholder" and ask.record in ABOUT_THE_CARDHOLDER
        and ask.has_cardholder_permission(),
        cites=(NO_ACCESS_WITHOUT_CONSENT,
               policy("bullet-1", "another person with the cardholder's permission")),
        summary="The cardholder has given permission, so {requester} may have {record}.",
        next_step="Share only what the cardholder gave permission for, and only with this "
                  "person.",
    ),
    # --- 11. Everyone else: do not release ----------------------------------------------------
    Rule(
        id="whereabouts-never-confirmed", reading=11, outcome=Outcome.DENY,
        says="Whether a person is in the library, or when they come, is a use of library "
             "services and is never confirmed.",
        applies=lambda ask: ask.record == "patron_whereabouts",
        cites=(OTHER_USES,),
        summary="Whether someone is in the library, or when they come, is confidential.",
        next_step="Do not say whether the person is here or when they come. Offer to pass on a "
                  "message. If someone is in danger, call 911.",
    ),
    Rule(
        id="unpublished-images-confidential", reading=11, outcome=Outcome.DENY,
        says="Photos and video of a program audience that the Library has not published show "
             "who attended, and are confidential like attendance.",
        applies=lambda ask: ask.record == "program_photos",
        cites=(OTHER_USES,),
        summary="Unpublished photos or video of an audience show who attended: they are "
                "confidential.",
        next_step="Do not share unpublished photos or video, and do not say who attended. You "
                  "may point to images the Library has published.",
    ),
    Rule(
        id="cardholder-identity-not-shown", reading=11, outcome=Outcome.DENY,
        says="Someone who says they are the cardholder but has not shown it gets only what "
             "anyone holding the card would.",
        applies=lambda ask: ask.requester == "cardholder" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT, _CARD_IMPLIES_CONSENT),
        summary="The person has not shown they are the cardholder, so the Library keeps {record} "
                "confidential.",
        next_step="Ask for photo ID, or on the phone the card number and PIN. Until they show "
                  "it, share nothing and do not confirm there is an account.",
    ),
    Rule(
        id="staff-not-library-work", reading=11, outcome=Outcome.DENY,
        says="Staff may look at patron records only to do library work; curiosity, or helping "
             "family or friends, is not library work.",
        applies=lambda ask: ask.requester == "library_staff" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        summary="This is not library work, so staff may not look at {record}.",
        next_step="Close the record now. Staff look up patrons only for library work, never for "
                  "themselves, family or friends.",
    ),
    Rule(
        id="officials-are-not-staff", reading=11, outcome=Outcome.DENY,
        says="Trustees, council members and other officials are not library staff: they have "
             "no more access to patron records than anyone else.",
        applies=lambda ask: ask.requester == "public_official" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT,),
        summary="Trustees and officials are not library staff, so the Library keeps {record} "
                "confidential from them.",
        next_step="Do not say who borrowed or used anything. Offer counts that identify no one, "
                  "and refer questions about the policy to the Library Director.",
    ),
    Rule(
        id="parent-needs-childs-consent", reading=11, outcome=Outcome.DENY,
        says="A parent may learn a minor's overdue account; the child's other records, and an "
             "adult child's records, need the cardholder's consent.",
        applies=lambda ask: ask.requester == "parent_or_guardian" and _confidential(ask),
        cites=(NO_ACCESS_WITHOUT_CONSENT, OVERDUE_MAY_BE_REVEALED),
        summary="Nothing in the policy lets a parent or guardian have {record} without the "
                "cardholder's consent.",
        next_step="Explain that library records are confidential, even from parents. A parent "
                  "of a minor may ask about what is overdue or owed.",
    ),
    Rule(
        id="confidential-by-default", reading=11, outcome=Outcome.DENY,
        says="Records identifying library users are confidential: no one but the cardholder, "
             "authorized staff or someone with the cardholder's consent may have them.",
        applies=_confidential,
        cites=(_CONFIDENTIAL_IN_NATURE, NO_ACCESS_WITHOUT_CONSENT),
        summary="Nothing in the policy lets {requester} have {record}: records identifying "
                "library users are confidential.",
        next_step="Say the Library keeps its users' records confidential, and share nothing. Do "
                  "not confirm whether anyone has a card.",
    ),
)

