"""What a rule can cite: the documents published on the site, and a citation of their exact words.

Every citation names a document, the anchor of the paragraph on the site page that holds the
document's single published copy (docs/policy.md, docs/law.md), and words quoted from that paragraph
exactly. The tests check each quote against the built page and against shared/sources.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    page: str  # the site page (a URL path relative to the site root) that publishes it


POLICY = Document("policy", "Confidentiality Policy", "policy/")
IOWA_CODE = Document("iowa_code", "Code of Iowa", "law/")
# A bill is not law: it gets its own document, so no citation can pass it off as the Code.
IOWA_BILL = Document("iowa_bill", "House File 2136 (Iowa, 2026): a bill, not law", "law/")
IOWA_CASES = Document("iowa_cases", "Iowa court decisions", "law/")

# Human names for the anchors, as a trustee would cite them.
SECTIONS: dict[str, str] = {
    "paragraph-1": "Paragraph 1",
    "paragraph-2": "Paragraph 2",
    "bullet-1": "Bullet 1 (items checked out on the card)",
    "bullet-2": "Bullet 2 (overdue accounts)",
    "bullet-3": "Bullet 3 (program audiences)",
    "bullet-4": "Bullet 4 (public contact information)",
    "bullet-5": "Bullet 5 (security cameras)",
    "paragraph-3": "Paragraph 3 (court orders)",
    "iowa-code-22-7": "Iowa Code 22.7 (opening sentence)",
    "iowa-code-22-7-13": "Iowa Code 22.7(13)",
    "iowa-code-22-1-2": "Iowa Code 22.1(2) (lawful custodian)",
    "iowa-code-599-1": "Iowa Code 599.1 (age of majority)",
    "hf-2136": "House File 2136 (2026, introduced; not law)",
    "brown-v-johnston": "Brown v. Johnston (Iowa 1983)",
    "poole-2003": "Poole v. Hawkeye Area Community Action Program (Iowa 2003)",
}


@dataclass(frozen=True)
class Citation:
    document: Document
    anchor: str
    quote: str

    @property
    def section(self) -> str:
        return SECTIONS[self.anchor]

    @property
    def url(self) -> str:
        return f"{self.document.page}#{self.anchor}"


def policy(anchor: str, quote: str) -> Citation:
    return Citation(POLICY, anchor, quote)


def iowa_code(anchor: str, quote: str) -> Citation:
    return Citation(IOWA_CODE, anchor, quote)


def iowa_bill(anchor: str, quote: str) -> Citation:
    return Citation(IOWA_BILL, anchor, quote)


def iowa_case(anchor: str, quote: str) -> Citation:
    return Citation(IOWA_CASES, anchor, quote)
