"""The desk card and the flow diagram: the engine's rules, in the engine's order, on one printed
page and in one picture.

    python -m site_build.deskcard          # writes docs/generated/fragments/practice/

Both are generated from `policy_engine.rules.RULES` (read in a fresh process, so `mkdocs serve`
sees an edited rule): a step for each reading of DESIGN.md section 4 in the order the rules
first name it, titled as the rules module's docstring lists the readings, with each rule's own
sentence (`says`) and outcome. Reorder the rules and the card and the diagram follow. Board
options' rules are left out: staff work under the adopted policy only.

The diagram is an SVG written here (no third-party script), drawn with the page's own colours
(currentColor and the outcome badges' CSS variables), so it reads in the dark scheme too, and with
a text equivalent beside it: an ordered list of the same steps.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path

from . import DOCS, GENERATED, ROOT, write_if_changed
from .outcomes import badge_html

OUTCOMES_CSS = DOCS / "assets" / "stylesheets" / "outcomes.css"
# The badges' light-scheme colours, for an SVG read without the site's stylesheets; on the site
# the CSS variables of outcomes.css win (dark scheme included).
_FALLBACK_BG = {"release": "#1b6e33", "deny": "#b3261e", "refer_to_director": "#8a4b00",
                "undetermined": "#1f4e96", "outside_policy": "#5c5470"}

_DUMP = """
import json, policy_engine.rules as r
from policy_engine.vocabulary import OUTCOME_BADGES
print(json.dumps({"doc": r.__doc__, "badges": {o.value: b for o, b in OUTCOME_BADGES.items()},
    "rules": [{"id": x.id, "reading": x.reading, "outcome": x.outcome.value, "says": x.says,
               "summary": x.summary, "option": x.option} for x in r.RULES]}))
"""


def rule_rows(rules: Iterable) -> list[dict]:
    """`policy_engine.rules.Rule` objects as the plain rows the generators take."""
    return [{"id": r.id, "reading": r.reading, "outcome": r.outcome.value, "says": r.says,
             "summary": r.summary, "option": r.option} for r in rules]


def engine_rules() -> dict:
    """The rules, the rules module's docstring and the outcome badges' words, from a fresh
    process (an imported engine would keep its old rules under `mkdocs serve`)."""
    from .wheel import package_dir

    env = {**os.environ, "PYTHONPATH": str(package_dir().parent)}
    run = subprocess.run([sys.executable, "-c", _DUMP], capture_output=True, text=True,
                         check=True, env=env)
    return json.loads(run.stdout)


def reading_titles(doc: str) -> dict[int, str]:
    """{reading: title} from the rules module's docstring list (" 1. Security camera footage:
    another policy governs."), continuation lines joined."""
    titles: dict[int, str] = {}
    current = None
    for line in doc.splitlines():
        item = re.match(r"\s*(\d+)\.\s+(\S.*)$", line)
        if item:
            current = int(item.group(1))
            titles[current] = item.group(2).strip()
        elif current is not None and line.startswith("    ") and line.strip():
            titles[current] += " " + line.strip()
        else:
            current = None
    return titles


def short_title(title: str) -> str:
    """"Security camera footage: another policy governs." -> "Security camera footage"."""
    return title.split(":", 1)[0].rstrip(".")


def steps(rules: Iterable[Mapping], titles: Mapping[int, str]) -> list[dict]:
    """The steps in the rules' order: one per reading, with its rules (Board options left out)
    and its outcomes in the order its rules give them."""
    out: list[dict] = []
    for rule in rules:
        if rule["option"]:
            continue
        if not out or out[-1]["reading"] != rule["reading"]:
            out.append({"reading": rule["reading"],
                        "title": titles.get(rule["reading"], f"Reading {rule['reading']}"),
                        "rules": [], "outcomes": []})
        step = out[-1]
        step["rules"].append(rule)
        if rule["outcome"] not in step["outcomes"]:
            step["outcomes"].append(rule["outcome"])
    return out


def director_words(name: str) -> str:
    """How the card names the Director: with the name once the Library has supplied it."""
    name = (name or "").strip()
    return f"the Library Director ({escape(name)})" if name else "the Library Director"


def desk_card_html(rules: Iterable[Mapping], titles: Mapping[int, str], badges: Mapping[str, str],
                   director: str = "") -> str:
    """The desk card's body: how to read it, then each step with its rules' sentences and
    outcomes. Rules of one step that share a sentence (the four legal papers) say it once, then
    each gives its own summary."""
    who = director_words(director)
    out = [
        '<div class="desk-card">',
        '<p class="desk-card__lead">Start from <strong>confidential</strong>, and never confirm or '
        "deny that someone uses the Library. Go down the steps in order: <strong>the first that "
        f"fits decides.</strong> Not sure? Release nothing and ask {who}.</p>",
        '<ol class="desk-card__steps">',
    ]
    for step in steps(rules, titles):
        out.append(f'<li data-reading="{step["reading"]}"><p class="desk-card__step">'
                   f"<strong>{escape(step['title'])}</strong></p>")
        out.append('<ul class="desk-card__rules">')
        said: set[str] = set()
        shared = {r["says"] for r in step["rules"]
                  if sum(x["says"] == r["says"] for x in step["rules"]) > 1}
        for rule in step["rules"]:
            if rule["says"] in shared:
                if rule["says"] not in said:
                    said.add(rule["says"])
                    out.append(f"<li>{escape(rule['says'])}</li>")
                text = rule["summary"]
            else:
                text = rule["says"]
            out.append(f'<li data-rule="{escape(rule["id"])}">'
                       f"{badge_html(rule['outcome'], badges[rule['outcome']])} "
                       f"{escape(text)}</li>")
        out += ["</ul>", "</li>"]
    out += ["</ol>", "</div>", ""]
    return "\n".join(out)


# --- the flow diagram ----------------------------------------------------------------------------

WIDTH = 340
TITLE_SIZE = 15
LINE = 19
BADGE_SIZE = 12.5
BADGE_H = 24
GAP = 28  # between two steps: the arrow to the next one


def badge_icons(css: str) -> dict[str, tuple[str, str]]:
    """{outcome: (path data, stroke width)} from the icons outcomes.css draws in each badge, so
    the diagram's badges carry the same icon as every other badge on the site."""
    icons = {}
    for outcome, block in re.findall(r"\.outcome-badge--(\w+)\s*\{([^}]*)\}", css):
        path = re.search(r"path d='([^']+)'", block)
        width = re.search(r"stroke-width='([\d.]+)'", block)
        if path and width:
            icons[outcome] = (path.group(1), width.group(1))
    return icons


def _badge_width(words: str) -> float:
    return 29 + len(words) * BADGE_SIZE * 0.56 + 9


def _svg_badge(x: float, y: float, outcome: str, words: str,
               icons: Mapping[str, tuple[str, str]]) -> tuple[str, float]:
    w = _badge_width(words)
    path, stroke = icons.get(outcome, ("", "3"))
    scale = 15 / 24
    icon = (f'<path d="{path}" transform="translate({x + 8:.1f} {y + 4.5:.1f}) scale({scale})" '
            f'fill="none" stroke="#fff" stroke-width="{stroke}" stroke-linecap="round" '
            'stroke-linejoin="round"/>') if path else ""
    return (f'<g class="flow__badge outcome-badge--{escape(outcome)}">'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BADGE_H}" rx="4" '
            f'fill="{_FALLBACK_BG.get(outcome, "#5c5470")}"/>{icon}'
            f'<text x="{x + 29:.1f}" y="{y + 16.5:.1f}" fill="#fff" font-size="{BADGE_SIZE}" '
            f'font-weight="700">{escape(words)}</text></g>'), w


def flow_svg(rules: Iterable[Mapping], titles: Mapping[int, str], badges: Mapping[str, str],
             icons: Mapping[str, tuple[str, str]], ident: str = "flow") -> str:
    """A vertical flow: each step a box (its number, short title and outcome), an arrow marked
    "if not" to the next; 340 units wide, so it stays legible scaled to a phone's width."""
    body: list[str] = []
    y = 2.0
    all_steps = steps(rules, titles)
    for n, step in enumerate(all_steps, 1):
        lines = textwrap.wrap(short_title(step["title"]), 31)
        top = y
        height = 12 + len(lines) * LINE + 8 + BADGE_H + 12
        body.append(f'<g class="flow__step" data-reading="{step["reading"]}">')
        body.append(f'<rect class="flow__box" x="2" y="{top:.1f}" width="{WIDTH - 4}" '
                    f'height="{height:.1f}" rx="8" fill="none" stroke="currentColor" '
                    'stroke-width="1.5"/>')
        body.append(f'<circle class="flow__num" cx="24" cy="{top + 24:.1f}" r="14" '
                    'fill="currentColor"/>')
        body.append(f'<text class="flow__num-text" x="24" y="{top + 29:.1f}" font-size="14" '
                    f'font-weight="700" text-anchor="middle" fill="#fff">{n}</text>')
        for i, line in enumerate(lines):
            body.append(f'<text class="flow__title" x="48" y="{top + 12 + 15 + i * LINE:.1f}" '
                        f'font-size="{TITLE_SIZE}" font-weight="700" fill="currentColor">'
                        f"{escape(line)}</text>")
        bx = 48.0
        by = top + 12 + len(lines) * LINE + 8
        for outcome in step["outcomes"]:
            words = badges[outcome]
            if bx > 48 and bx + _badge_width(words) > WIDTH - 10:
                bx, by = 48.0, by + BADGE_H + 6
                height += BADGE_H + 6
            svg, w = _svg_badge(bx, by, outcome, words, icons)
            body.append(svg)
            bx += w + 8
        body.append("</g>")
        y = top + height
        if n < len(all_steps):
            mid = WIDTH / 2
            body.append(f'<g class="flow__arrow"><path d="M{mid} {y:.1f}v{GAP - 8}" '
                        'stroke="currentColor" stroke-width="1.5" fill="none"/>'
                        f'<path d="M{mid - 6} {y + GAP - 10:.1f}l6 8 6-8z" fill="currentColor"/>'
                        f'<text x="{mid + 12}" y="{y + 18:.1f}" font-size="13" '
                        'fill="currentColor">if not</text></g>')
            y += GAP
    height = y + 2
    count = len(all_steps)
    return (f'<svg class="flow-diagram__svg" role="img" aria-labelledby="{ident}-title '
            f'{ident}-desc" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
            f'height="{height:.0f}" xmlns="http://www.w3.org/2000/svg" '
            'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
            f'<title id="{ident}-title">How a request is decided: {count} steps, in order</title>'
            f'<desc id="{ident}-desc">Go down the steps from 1; the first that fits the request '
            "decides it. The steps are listed in words beside the diagram.</desc>"
            + "".join(body) + "</svg>")


def flow_html(rules: Iterable[Mapping], titles: Mapping[int, str], badges: Mapping[str, str],
              icons: Mapping[str, tuple[str, str]]) -> str:
    """The diagram and its text equivalent (an ordered list of the same steps) in one figure."""
    rules = list(rules)
    items = "".join(
        f'<li data-reading="{s["reading"]}">{escape(s["title"])} '
        + " ".join(badge_html(o, badges[o]) for o in s["outcomes"]) + "</li>"
        for s in steps(rules, titles))
    return ('<figure class="flow-diagram" aria-labelledby="flow-caption">\n'
            f'<div class="flow-diagram__picture">{flow_svg(rules, titles, badges, icons)}</div>\n'
            f'<ol class="flow-diagram__steps">{items}</ol>\n'
            '<figcaption id="flow-caption">How the decision tool reads a request, and the order '
            "of the steps below: start at 1 and go down; the first step that fits the request "
            "decides it.</figcaption>\n"
            "</figure>\n")


def write_desk_card(out: Path = GENERATED / "fragments" / "practice",
                    director: str | None = None) -> list[Path]:
    """Write the desk card and the flow diagram into `out`; the changed files. `director`
    defaults to mkdocs.yml's `extra.library_director`."""
    if director is None:
        from .hosting import read_config

        director = read_config().get("extra", {}).get("library_director") or ""
    engine = engine_rules()
    titles = reading_titles(engine["doc"])
    icons = badge_icons(OUTCOMES_CSS.read_text(encoding="utf-8"))
    changed = []
    for name, text in (
        ("desk-card.html", desk_card_html(engine["rules"], titles, engine["badges"], director)),
        ("flow.html", flow_html(engine["rules"], titles, engine["badges"], icons)),
    ):
        if write_if_changed(out / name, text):
            changed.append(out / name)
    return changed


if __name__ == "__main__":
    for path in write_desk_card():
        print(f"wrote {path.relative_to(ROOT)}")
