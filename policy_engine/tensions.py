"""Where the policy's words and the law pull apart, or the policy is silent.

The tool never tells staff to release where these apply; each is shown with the decisions it
touches, and the site lists them all for the trustees. Each note cites both texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .citations import Citation, iowa_code, policy
from .request import Request
from .rules import CONFIDENTIAL_RECORDS


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    text: str
    cites: tuple[Citation, ...]
    # Known facts only: a note never depends on a guess.
    applies: Callable[[Request], bool]


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
            policy("bullet-2", "Overdue library accounts may be revealed to parents of minor "
                               "children, a collection agency, or law enforcement personnel."),
            iowa_code("iowa-code-22-7-13", "The records shall be released only upon a judicial "
                                           "determination"),
        ),
        applies=lambda r: r.requester == "law_enforcement" and r.record == "overdue_account",
    ),
    Note(
        id="federal-process",
        title="Federal process is not addressed",
        text="The policy does not mention national security letters or other federal process "
             "(such as orders under the Foreign Intelligence Surveillance Act). The Library "
             "Director handles any such demand with legal counsel.",
        cites=(policy("paragraph-3", "at no time will the Library Director, who serves as "
                                     "custodian of the records, release protected records except "
                                     "under Court order"),),
        applies=lambda r: r.value("legal_process") == "national_security_letter",
    ),
    Note(
        id="security-camera-policy-not-published",
        title="The Security Camera Policy is not published here",
        text="The Confidentiality Policy refers to a Security Camera Policy, which is not "
             "published with it on this site. Ask the Library Director for it.",
        cites=(policy("bullet-5", "For information about security camera confidentiality, please "
                                  "see the Security Camera Policy."),),
        applies=lambda r: r.record == "security_camera_footage",
    ),
    Note(
        id="parental-access-bills",
        title="Bills on parents' access to minors' records",
        text="Bills in the 2026 Iowa legislature, such as House File 2136, would open all of a "
             "minor's library records to their parents. None is known to be law. If one becomes "
             "law, it overrides the policy from its effective date.",
        cites=(iowa_code("hf-2136", "The records shall be released to the parent or guardian of "
                                    "a library patron who is a minor child upon the request of "
                                    "the parent or guardian."),),
        applies=lambda r: r.requester == "parent_or_guardian"
        and r.record in CONFIDENTIAL_RECORDS and r.record != "overdue_account",
    ),
    Note(
        id="subpoena-or-court-order",
        title="Subpoena or court order",
        text="The policy says the Director releases protected records only under a court order, "
             "while an Iowa court has treated a subpoena as sufficient under another subsection "
             "of Iowa Code 22.7 (Poole, 2003). A subpoena goes to the Library Director, who "
             "consults the Library's legal counsel.",
        cites=(policy("paragraph-3", "release protected records except under Court order"),),
        applies=lambda r: r.value("legal_process") == "subpoena",
    ),
)



def notes_for(request: Request) -> tuple[Note, ...]:
    return tuple(note for note in NOTES if note.applies(request))
