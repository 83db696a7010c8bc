"""The review notes page for trustees, generated from the engine's notes (`policy-engine notes`):
each note's text, the policy's words beside the law's, what staff do now (the engine's own answer
for the note's example request) and the question for the Board. So the page cannot disagree with
the tool."""

from __future__ import annotations

from pathlib import Path

from . import write_if_changed
from .form import engine_cli
from .outcomes import badges

# Anchors the page had before its notes were generated: published links keep landing.
EARLIER_ANCHORS = {
    "security-camera-policy-not-published": "security-camera-policy",
    "parental-access-bills": "minors-records-bills",
    "subpoena-or-court-order": "court-order-or-subpoena",
}


def _quote(citation: dict) -> str:
    link = f"[{citation['section']}]({citation['url'].replace('/#', '.md#')})"
    return f"**{citation['document_title']}, {link}**\n\n> {citation['quote']}\n"


def note_markdown(note: dict, badge: dict[str, str]) -> str:
    policy = [c for c in note["citations"] if c["document"] == "policy"]
    law = [c for c in note["citations"] if c["document"] != "policy"]
    law_side = "\n".join(_quote(c) for c in law) if law else (
        "**The law**\n\nNo statute or decision published on this site speaks to this; the "
        "policy is silent.\n")
    earlier = EARLIER_ANCHORS.get(note["id"])
    staff = note["staff_now"]
    return "\n".join([
        f'<span id="{earlier}"></span>\n' if earlier else "",
        f"## {note['title']} {{ #{note['id']} }}\n",
        f"{note['text']}\n",
        '<div class="side-by-side" markdown>',
        '<div markdown>',
        "\n".join(_quote(c) for c in policy),
        "</div>",
        '<div markdown>',
        law_side,
        "</div>",
        "</div>\n",
        f'**What staff do now.** {badge[staff["outcome"]]} {staff["next_step"]}\n',
        f"**For the Board:** {note['board_question']}\n",
    ])


def write_review_notes(path: Path, vocab: dict | None = None) -> list[Path]:
    from .board import edition_date

    badge = badges(vocab if vocab is not None else engine_cli("vocabulary"))
    notes = engine_cli("notes")
    edition = (f"Edition: {edition_date()}. What staff do now is the decision tool's own "
               "answer, generated with this page.\n{: .board-edition }\n")
    text = edition + "\n".join(note_markdown(note, badge) for note in notes)
    return [path] if write_if_changed(path, text) else []
