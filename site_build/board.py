"""The trustees' pages, generated from the engine (`policy-engine notes`, `options`, `vocabulary`)
so that they cannot disagree with the decision tool:

- the Board brief (`board-brief.md` fragment): one row per review note that asks the Board a
  question: the policy's words, the law's words, what staff do now (the engine's answer for the
  note's example, with its outcome badge) and the decision needed;
- "If the Board chose..." (`board-options.md` fragment): for each Board option, every request of
  the decision tables whose answer would change, grouped by who asks and what for;
- under each paragraph of the policy, the review notes that cite it (`policy-notes/<anchor>.md`).

Run alone with `python -m site_build.board` (Zensical ignores MkDocs hooks); `site_build.build()`
calls `write_board_pages()`. Files are written only when their content changes.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from . import DOCS, GENERATED, ROOT, write_if_changed
from .form import cached_engine_cli, engine_cli, fact_value
from .outcomes import badges
from .tables_pages import source_link


def edition_date() -> str:
    """The date of this edition of the site: SOURCE_DATE_EPOCH if set (`make site`), else the last
    commit's date, else "not recorded" (a copy without git history). Never the build's clock:
    two builds of one commit are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                             text=True, check=False)
        epoch = run.stdout.strip() if run.returncode == 0 else ""
    if not epoch.isdigit():
        return "not recorded"
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return f"{day:%B} {day.day}, {day.year}"


def _link(text: str, url: str, css: str = "") -> str:
    """A Markdown link from a page at the docs root (the Board pages) to `url` ("law/#x", from the
    site root), for a cell marked markdown="span": MkDocs and Zensical resolve it alike."""
    return f"[{escape(text)}]({source_link(url, up='')})" + (f"{{ .{css} }}" if css else "")


def _quote_html(citation: dict) -> str:
    """The cited words in a <q> (the browser adds the quotation marks), then where they are."""
    return (f'<span class="board-quote"><q>{escape(citation["quote"])}</q> '
            f'{_link(citation["section"], citation["url"], "board-source")}</span>')


def brief_notes(notes: list[dict]) -> list[dict]:
    """The notes that ask the Board to decide something, in the engine's order."""
    return [n for n in notes if n.get("board_question")]


def brief_html(notes: list[dict], vocab: dict) -> str:
    """The Board brief's table: one row per note with a board question."""
    badge = badges(vocab)
    rows = []
    shown: list[dict] = []  # policy words already quoted in a row above
    for note in brief_notes(notes):
        policy = [c for c in note["citations"] if c["document"] == "policy"]
        law = [c for c in note["citations"] if c["document"] != "policy"]
        cells = []
        for c in policy:
            if c in shown:
                # Quoted in a row above: named, not printed twice (the brief is one page).
                cells.append(f'<span class="board-same">{escape(c["section"])}: quoted '
                             "above.</span>")
            else:
                cells.append(_quote_html(c))
                shown.append(c)
        policy_cell = " ".join(cells) or (
            '<span class="board-none">The policy says nothing on this.</span>')
        law_cell = " ".join(_quote_html(c) for c in law) or (
            '<span class="board-none">No law published on this site speaks to this.</span>')
        staff = note["staff_now"]
        rows.append(
            f'<tr id="brief-{note["id"]}" data-note="{note["id"]}" '
            f'data-outcome="{staff["outcome"]}" markdown="1">\n'
            f'<th scope="row" data-label="Decision needed" markdown="span">'
            f'{_link(note["title"], "review-notes/#" + note["id"])} '
            f'<span class="board-question">{escape(note["board_question"])}</span></th>\n'
            f'<td data-label="The policy says" markdown="span">{policy_cell}</td>\n'
            f'<td data-label="The law says" markdown="span">{law_cell}</td>\n'
            f'<td data-label="What staff do now">{badge[staff["outcome"]]} '
            f'{escape(staff["summary"])}</td>\n'
            "</tr>"
        )
    return "\n".join([
        f'<p class="board-edition">Edition: {edition_date()}. What staff do now is the '
        "decision tool's own answer for each note's example request.</p>",
        "",
        # markdown="1" down to the cells, whose links are Markdown (see _link).
        '<div class="board-brief-wrap" markdown="1">',
        '<table class="board-brief" markdown="1">',
        '<caption class="board-caption">The questions for the Board: for each, the decision '
        "needed, the policy's words, the law's words and what staff do now</caption>",
        "<thead><tr>"
        '<th scope="col">Decision needed</th><th scope="col">The policy says</th>'
        '<th scope="col">The law says</th><th scope="col">What staff do now</th></tr></thead>',
        '<tbody markdown="1">',
        *rows,
        "</tbody>",
        "</table>",
        "</div>",
        "",
    ])


# ---------------------------------------------------------------------------------------------
# If the Board chose...

# Outcomes from most to least open, for ordering the changes (what releases more comes first).
_OUTCOME_ORDER = ["release", "undetermined", "deny", "refer_to_director", "outside_policy"]


def _fact_labels(vocab: dict) -> tuple[dict, dict, dict]:
    questions = {f["id"]: f["question"] for f in vocab["facts"]}
    defaults = {f["id"]: f.get("if_not_given") for f in vocab["facts"]}
    values = {(f["id"], fact_value(v["value"])): v["label"]
              for f in vocab["facts"] for v in f["values"]}
    return questions, defaults, values


def change_groups(option: dict) -> dict[tuple[str, str, str, str], list[dict]]:
    """The option's changed requests, by (requester, record, outcome today, outcome under it)."""
    groups: dict[tuple[str, str, str, str], list[dict]] = defaultdict(list)
    for change in option["changes"]:
        key = (change["requester"], change["record"], change["today"], change["under_option"])
        groups[key].append(change["facts"])
    return groups


_NOT_ASKED = object()


def conditions(facts_list: list[dict], vocab: dict) -> list[str]:
    """The conditions a group of requests share, in plain words (the vocabulary's question and
    answer labels, in its order): one line per question whose answer is not simply the one staff
    assume when it is left out. A question answered differently across the group lists each
    answer ("No, or I'm not sure")."""
    questions, defaults, labels = _fact_labels(vocab)
    lines = []
    for fact in (f["id"] for f in vocab["facts"]):
        seen = []
        for facts in facts_list:
            value = facts.get(fact, _NOT_ASKED)
            if value not in seen:
                seen.append(value)
        if seen == [_NOT_ASKED] or (len(seen) == 1 and seen[0] == defaults[fact]
                                    and defaults[fact] is not None):
            continue
        answers = [("not asked" if v is _NOT_ASKED else labels[(fact, fact_value(v))])
                   for v in seen]
        answers.sort(key=lambda a: a == "I'm not sure")
        lines.append(f"{escape(questions[fact])} <strong>{escape(', or '.join(answers))}"
                     "</strong>")
    return lines


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def option_markdown(option: dict, vocab: dict) -> str:
    badge = badges(vocab)
    requesters = {r["id"]: r["label"] for r in vocab["requesters"]}
    records = {r["id"]: r["label"] for r in vocab["records"]}
    req_order = [r["id"] for r in vocab["requesters"]]
    rec_order = [r["id"] for r in vocab["records"]]
    groups = change_groups(option)
    total = len(option["changes"])
    anchor = option["id"].replace("_", "-")
    out = [f"## {option['label']} {{ #{anchor} }}\n",
           f"{option['help']}\n"]
    for rule in option["rules"]:
        out.append(f"**What the Board would adopt.** {rule['says']}\n")
        for c in rule["citations"]:
            link = f"[{c['document_title']}, {c['section']}]({c['url'].replace('/#', '.md#')})"
            out.append(f"The words it rests on ({link}):\n\n> {c['quote']}\n")
    out.append(f'<p class="board-total" data-option="{option["id"]}" data-total="{total}">'
               f"<strong>{_plural(total, 'request', 'requests')} of the decision tables would "
               "get a different answer.</strong></p>\n")

    # In short: each change of answer, with how many requests and who asks.
    by_change: dict[tuple[str, str], list] = defaultdict(list)
    for (req, rec, today, under), rows in groups.items():
        by_change[(today, under)].append((req, rec, len(rows)))
    order = sorted(by_change, key=lambda k: (_OUTCOME_ORDER.index(k[1]),
                                             _OUTCOME_ORDER.index(k[0])))
    short = []
    for today, under in order:
        items = by_change[(today, under)]
        who = sorted({r for r, _, _ in items}, key=req_order.index)
        what = sorted({r for _, r, _ in items}, key=rec_order.index)
        short.append(
            "<tr>"
            f'<td data-label="Today">{badge[today]}</td>'
            f'<td data-label="If the Board chose this">{badge[under]}</td>'
            f'<td data-label="Who asks">{escape("; ".join(requesters[r] for r in who))}</td>'
            f'<td data-label="What they ask for">{escape("; ".join(records[r] for r in what))}</td>'
            f'<td data-label="Requests" class="board-count">{sum(n for _, _, n in items):,}</td>'
            "</tr>")
    out.append(f"### In short {{ #{anchor}-in-short }}\n")
    out.append("\n".join([
        f'<table class="board-table" aria-label="{escape(option["label"])}: in short">',
        '<thead><tr><th scope="col">Today</th><th scope="col">If the Board chose this</th>'
        '<th scope="col">Who asks</th><th scope="col">What they ask for</th>'
        '<th scope="col">Requests</th></tr></thead>',
        "<tbody>", *short, "</tbody>", "</table>", ""]))

    # By who asks and what for, with the conditions in plain words.
    detail = []
    keys = sorted(groups, key=lambda k: (req_order.index(k[0]), rec_order.index(k[1]),
                                         _OUTCOME_ORDER.index(k[3]), _OUTCOME_ORDER.index(k[2])))
    for req, rec, today, under in keys:
        rows = groups[(req, rec, today, under)]
        lines = conditions(rows, vocab)
        when = ("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>") if lines else (
            "The usual answers (see above).")
        detail.append(
            f'<tr data-requester="{req}" data-record="{rec}" data-today="{today}" '
            f'data-under="{under}" data-count="{len(rows)}">'
            f'<th scope="row" data-label="Who asks, for what">{escape(requesters[req])}: '
            f"{escape(records[rec])}</th>"
            f'<td data-label="Today, and if the Board chose this">{badge[today]} '
            f'<span class="board-arrow" aria-label="becomes">→</span> {badge[under]}</td>'
            f'<td data-label="When">{when}</td>'
            f'<td data-label="Requests" class="board-count">{len(rows):,}</td>'
            "</tr>")
    out.append(f"### By who asks {{ #{anchor}-by-who-asks }}\n")
    out.append("\n".join([
        f'<table class="board-table board-table--detail" '
        f'aria-label="{escape(option["label"])}: by who asks">',
        '<thead><tr><th scope="col">Who asks, for what</th>'
        '<th scope="col">Today, and if the Board chose this</th><th scope="col">When</th>'
        '<th scope="col">Requests</th></tr></thead>',
        "<tbody>", *detail, "</tbody>", "</table>", ""]))
    return "\n".join(out)


def options_markdown(options: list[dict], vocab: dict) -> str:
    questions, defaults, labels = _fact_labels(vocab)
    assumed = [f"{escape(questions[f])} <strong>{escape(labels[(f, fact_value(v))])}</strong>"
               for f, v in defaults.items() if v is not None]
    head = "\n".join([
        f'<p class="board-edition">Edition: {edition_date()}. Computed from the decision '
        "tool's rules for every combination of answers in the decision tables.</p>",
        "",
        '<div class="board-assumed" markdown>',
        "",
        "Where a row below does not mention one of these questions, its answer is the one staff "
        "assume when nobody says otherwise:",
        "",
        "<ul>" + "".join(f"<li>{a}</li>" for a in assumed) + "</ul>",
        "",
        "</div>",
        "",
    ])
    return head + "\n" + "\n".join(option_markdown(o, vocab) for o in options)


# ---------------------------------------------------------------------------------------------
# The policy page: which review notes cite each paragraph.

_PARAGRAPH = re.compile(r"\{: #([a-z0-9-]+) \.policy-para \}\n\n *--8<-- ")


def policy_anchors(policy_md: Path = DOCS / "policy.md") -> list[str]:
    """The anchors of the policy's paragraphs, as docs/policy.md marks them."""
    return _PARAGRAPH.findall(policy_md.read_text(encoding="utf-8"))


def notes_by_paragraph(notes: list[dict]) -> dict[str, list[dict]]:
    cited: dict[str, list[dict]] = defaultdict(list)
    for note in notes:
        for anchor in dict.fromkeys(c["anchor"] for c in note["citations"]
                                    if c["document"] == "policy"):
            cited[anchor].append(note)
    return cited


def policy_note_markdown(notes: list[dict]) -> str:
    """The line under a paragraph: the review notes citing it (empty when none does)."""
    if not notes:
        return ""
    links = "; ".join(f"[{n['title']}](review-notes.md#{n['id']})" for n in notes)
    word = "note" if len(notes) == 1 else "notes"
    return f"Trustees' review {word} on this paragraph: {links}.\n{{: .policy-notes }}\n"


# ---------------------------------------------------------------------------------------------


def write_board_pages(out: Path = GENERATED / "fragments", vocab: dict | None = None,
                      policy_md: Path = DOCS / "policy.md") -> list[Path]:
    """Write the brief, the options and the policy's per-paragraph notes under `out`; return the
    files written."""
    vocab = vocab if vocab is not None else engine_cli("vocabulary")
    notes = engine_cli("notes")
    options = cached_engine_cli("options")  # every table row under each option
    written = []
    files = {
        out / "board-brief.md": brief_html(notes, vocab),
        out / "board-options.md": options_markdown(options, vocab),
    }
    cited = notes_by_paragraph(notes)
    anchors = policy_anchors(policy_md)
    unknown = set(cited) - set(anchors)
    if unknown:
        raise ValueError(f"notes cite policy paragraphs the policy page lacks: {sorted(unknown)}")
    for anchor in anchors:
        files[out / "policy-notes" / f"{anchor}.md"] = policy_note_markdown(cited.get(anchor, []))
    for path, text in files.items():
        if write_if_changed(path, text):
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_build.board", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=GENERATED / "fragments",
                        help="output folder (default: docs/generated/fragments)")
    args = parser.parse_args(argv)
    for path in write_board_pages(args.out.resolve()):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
