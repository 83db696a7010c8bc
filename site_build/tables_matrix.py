"""The one-screen matrix on /tables/: a row per requester, a column per record, each cell the
engine's answer to that cell's usual request (tables.USUAL) as an outcome badge.

A numbered note under the matrix gives the engine's own "what would change the answer" sentences
for the cell (left out: those about SAME_FOR_EVERY_ROW, which the page states once). Cells with the
same sentences share a number, so the notes stay few. On narrow screens docs/assets/stylesheets/
tables.css turns each row into a list, which is why every cell also carries its record's label.
"""

from __future__ import annotations

from html import escape

from .outcomes import badge_html
from .tables import SAME_FOR_EVERY_ROW, requester_slug

# A label read out but not shown (styled in tables.css).
SR = '<span class="tables-sr">{}</span>'


def cell_note(decision: dict) -> str:
    """The engine's sentences on what one different answer would change, or "" if none does."""
    return " ".join(w["text"] for w in decision["would_change"]
                    if w["fact"] not in SAME_FOR_EVERY_ROW)


def matrix_html(vocab: dict, rows: list[dict], cells: dict[tuple[str, str], dict]) -> str:
    """The matrix and its notes, as raw HTML without blank lines (Markdown would end the block).

    `rows`: the answered rows (tables.answered_rows), `cells`: the engine's decision for each
    (requester, record)'s usual request. A cell whose answered rows disagree always has a note;
    if the engine named no single change, the note sends the reader to the requester's page."""
    records = vocab["records"]
    notes: dict[str, int] = {}
    head = "".join(f'<th scope="col">{escape(r["label"])}</th>' for r in records)
    body = []
    for req in vocab["requesters"]:
        slug = requester_slug(req["id"])
        tds = []
        for rec in records:
            decision = cells[(req["id"], rec["id"])]
            note = cell_note(decision)
            outcomes = {r["outcome"] for r in rows
                        if (r["requester"], r["record"]) == (req["id"], rec["id"])}
            if not note and outcomes != {decision["outcome"]}:
                who = req["label"][:1].lower() + req["label"][1:]
                note = f"Other answers are possible: see the table of requests from {who}."
            mark = ""
            if note:
                number = notes.setdefault(note, len(notes) + 1)
                mark = f'<sup class="tables-note-ref">{SR.format("note ")}{number}</sup>'
            tds.append(
                f'<td data-record="{rec["id"]}" data-outcome="{decision["outcome"]}">'
                f'<span class="tables-cell-label">{escape(rec["label"])}</span>'
                f'<span class="tables-cell-answer">'
                f'{badge_html(decision["outcome"], decision["outcome_badge"])}{mark}</span></td>')
        # A Markdown link (md_in_html), not <a href>: MkDocs and Zensical resolve a page's
        # links from its source file alike, but Zensical also rewrites raw HTML hrefs that way
        # and MkDocs does not, so no raw href works under both.
        body.append(
            f'<tr data-requester="{req["id"]}" markdown="1">'
            f'<th scope="row" id="{slug}" markdown="span">'
            f'[{escape(req["label"])}](tables/{slug}.md)</th>{"".join(tds)}</tr>')
    notes_html = "".join(f'<li id="matrix-note-{n}">{escape(text)}</li>'
                         for text, n in notes.items())
    return (
        # data-search-exclude: 140 badges would swamp the search index that every page loads.
        '<div class="tables-matrix-wrap" markdown="1">'
        '<table class="tables-matrix" data-search-exclude markdown="1">'
        '<caption class="tables-sr">The usual answer, by who is asking (rows) and what they ask'
        ' for (columns)</caption>'
        f'<thead><tr><th scope="col">Who is asking</th>{head}</tr></thead>'
        f'<tbody markdown="1">{"".join(body)}</tbody></table></div>\n'
        f'<ol class="tables-notes" aria-label="Notes to the table">{notes_html}</ol>\n'
    )
