"""One page per requester (/tables/<slug>/): every answered row of the engine's table, grouped by
record, in the engine's words: the situation (each question that matters with its answer), the
outcome badge, why (the decision's summary and what it rests on) and what to do (its next step).

One short table per record keeps only the questions that matter to that record, and its header
stays in view while it scrolls (tables.css); on a phone each row becomes a labelled block.
"""

from __future__ import annotations

import json
from html import escape

from .form import fact_value
from .outcomes import badge_html
from .tables import record_anchor, requester_slug

COLUMNS = ["When", "Answer", "Why", "What to do"]


def lower_first(text: str) -> str:
    """"The cardholder" -> "the cardholder", for a label inside a sentence."""
    return text[:1].lower() + text[1:]


def _cell(column: str, html: str, markdown: bool = False) -> str:
    # The label shows only where the row is stacked into blocks (narrow screens), where the
    # column headers are not shown. `markdown`: the cell holds Markdown links (see
    # citations_html).
    attr = ' markdown="span"' if markdown else ""
    return f'<td{attr}><span class="tables-label">{column}</span>{html}</td>'


def source_link(url: str, up: str = "../") -> str:
    """A citation's address ("policy/#paragraph-1", from the site root) as a link to the
    Markdown source from a page `up` from the docs root: "../policy.md#paragraph-1" from a
    docs/tables/ page, "policy.md#paragraph-1" (up="") from a page at the root.

    Markdown links, not raw <a href>: both MkDocs and Zensical resolve them from the source
    file (and MkDocs checks the anchor), while a raw href is rewritten by Zensical only."""
    path, _, anchor = url.partition("#")
    return f"{up}{path.rstrip('/')}.md" + (f"#{anchor}" if anchor else "")


def citations_html(decision: dict) -> str:
    """Links to the policy and law each decision rests on (Markdown, in a markdown cell)."""
    seen: dict[str, str] = {}
    for c in decision["citations"]:
        section = c["section"]
        label = f"Policy {lower_first(section)}" if c["document"] == "policy" else section
        seen.setdefault(c["url"], label)
    links = ", ".join(f"[{escape(label)}]({source_link(url)}){{ .tables-cite }}"
                      for url, label in seen.items())
    return f' <span class="tables-rests-on">Rests on: {links}.</span>' if links else ""


def when_html(facts: dict, vocab: dict) -> str:
    if not facts:
        return "In every case"
    questions = {f["id"]: f for f in vocab["facts"]}
    items = []
    for fact, value in facts.items():
        q = questions[fact]
        label = next(v["label"] for v in q["values"]
                     if fact_value(v["value"]) == fact_value(value))
        items.append(f'<li data-fact="{fact}">{escape(q["question"])} '
                     f"<strong>{escape(label)}</strong></li>")
    return f'<ul class="tables-when">{"".join(items)}</ul>'


def record_table(vocab: dict, pairs: list[tuple[dict, dict]]) -> str:
    head = "".join(f'<th scope="col">{c}</th>' for c in COLUMNS)
    body = "".join(
        '<tr markdown="1">'
        + _cell("When", when_html(row["facts"], vocab))
        + _cell("Answer", badge_html(decision["outcome"], decision["outcome_badge"]))
        + _cell("Why", escape(decision["summary"]) + citations_html(decision), markdown=True)
        + _cell("What to do", escape(decision["next_step"]))
        + "</tr>"
        for row, decision in pairs
    )
    return ('<table class="tables-rows" data-search-exclude markdown="1">'
            f'<thead><tr>{head}</tr></thead><tbody markdown="1">{body}</tbody></table>\n')


def page_markdown(vocab: dict, requester: dict, pairs: list[tuple[dict, dict]]) -> str:
    """The page for `requester`; `pairs`: its answered rows, each with the engine's decision."""
    who = lower_first(requester["label"])
    title = f"Requests from {who}"
    out = [
        "---\n",
        f"title: {json.dumps(title)}\n",
        "description: " + json.dumps(f"What the decision tool answers when {who} asks for each"
                                     " kind of library record, in the words of its rules.")
        + "\n",
        "hide:\n  - toc\n",
        # Out of search: ten pages of rows would crowd out, for "overdue" or "police", the staff
        # and patron pages that answer in words (the matrix page stays in, and links here).
        "search:\n  exclude: true\n",
        "---\n\n",
        f"# {title}\n\n",
        f"{escape(requester.get('help', ''))}\n\n",
        "What the [decision tool](../decide.md) answers, for each kind of record, once every"
        " question that matters is answered. Legal papers, written records requests, emergencies,"
        " court orders and \"I'm not sure\" answers are the"
        " [same for every request](../tables.md#same-for-every-request), and are not repeated"
        " here. All requesters: [decision tables](../tables.md).\n\n",
    ]
    records = [r for r in vocab["records"] if any(row["record"] == r["id"] for row, _ in pairs)]
    jump = "".join(f'<li><a href="#{record_anchor(r["id"])}">{escape(r["label"])}</a></li>'
                   for r in records)
    out.append(f'<nav class="tables-jump" aria-label="Records on this page"><ul>{jump}</ul>'
               "</nav>\n\n")
    for rec in records:
        out.append(f"## {rec['label']} {{ #{record_anchor(rec['id'])} }}\n\n")
        if rec.get("help"):
            out.append(f"{escape(rec['help'])}\n\n")
        out.append(record_table(vocab, [(r, d) for r, d in pairs if r["record"] == rec["id"]]))
        out.append("\n")
    # Its date, as every page's (site_build/dates.py: the engine's, for a generated page).
    slug = requester_slug(requester["id"])
    out.append(f'--8<-- "generated/fragments/last-updated/tables/{slug}.md"\n')
    return "".join(out)
