"""The trustees' pages, read as built files, against the engine's own command line: the Board brief,
"If the Board chose...", the review notes under the policy's paragraphs, and the law's checks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from html import unescape

import pytest

from tests.site.site_helpers import ROOT


def _cli(*args: str) -> object:
    run = subprocess.run([sys.executable, "-m", "policy_engine", *args], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def _article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1)[0]


@pytest.fixture(scope="module")
def vocab() -> dict:
    return _cli("vocabulary")


def test_brief_has_one_row_per_board_question_with_the_engines_answer(site, vocab) -> None:
    _, site_dir = site
    html = (site_dir / "board-brief/index.html").read_text()
    notes = [n for n in _cli("notes") if n.get("board_question")]
    rows = re.findall(r'<tr [^>]*data-note="([^"]+)"[^>]*>(.*?)</tr>', html, re.S)
    assert [note_id for note_id, _ in rows] == [n["id"] for n in notes]
    assert len(rows) == 14
    badge_words = {o["id"]: o["badge"] for o in vocab["outcomes"]}
    for (note_id, row), note in zip(rows, notes, strict=True):
        outcome = note["staff_now"]["outcome"]
        badges = re.findall(r'class="outcome-badge outcome-badge--([a-z_]+)"[^>]*>([^<]*)<', row)
        assert badges == [(outcome, badge_words[outcome])], note_id
        assert _text(note["board_question"]) in _text(row), note_id
        assert f'href="../review-notes/#{note_id}"' in row


def test_brief_quotes_are_verbatim_and_in_near_black_on_paper(site) -> None:
    _, site_dir = site
    sources = _text((site_dir / "policy/index.html").read_text()) + _text(
        (site_dir / "law/index.html").read_text())
    quotes = re.findall(r"<q>(.*?)</q>", (site_dir / "board-brief/index.html").read_text(), re.S)
    assert len(quotes) >= 14
    for q in quotes:
        assert _text(q) in sources, q
    css = (ROOT / "docs/assets/stylesheets/site.css").read_text()
    assert re.search(r"\.board-brief q \{ color: #111; \}", css)


def test_options_page_lists_exactly_the_changes_the_engine_reports(site) -> None:
    """Totals and groups come from `policy-engine options` run here, not from the fragment."""
    _, site_dir = site
    html = (site_dir / "board-options/index.html").read_text()
    options = _cli("options")
    assert [o["id"] for o in options] == re.findall(r'data-option="([a-z_]+)"', html)
    for option in options:
        section = html.split(f'data-option="{option["id"]}"', 1)[1]
        section = section.split('class="board-total"', 1)[0]
        total = int(re.search(r'data-total="(\d+)"', html.split(
            f'data-option="{option["id"]}"', 1)[1][:40]).group(1))
        assert total == option["count"] == len(option["changes"])
        shown = Counter()
        for req, rec, today, under, count in re.findall(
            r'data-requester="([a-z_]+)" data-record="([a-z_]+)" data-today="([a-z_]+)" '
            r'data-under="([a-z_]+)" data-count="(\d+)"', section):
            shown[(req, rec, today, under)] += int(count)
        expected = Counter((c["requester"], c["record"], c["today"], c["under_option"])
                           for c in option["changes"])
        assert shown == expected, option["id"]
        assert sum(shown.values()) == option["count"]
        assert option["label"] in _text(html)
        assert all(c["quote"] in _text(html) for r in option["rules"] for c in r["citations"])


def test_policy_paragraphs_point_to_the_notes_that_cite_them(site) -> None:
    """Computed from the engine's citations: each paragraph lists exactly the notes citing it."""
    from policy_engine.tensions import NOTES

    _, site_dir = site
    html = (site_dir / "policy/index.html").read_text()
    anchors = re.findall(r'<p class="policy-para" id="([a-z0-9-]+)"', html)
    assert len(anchors) >= 8
    for anchor in anchors:
        expected = [n.id for n in NOTES
                    if any(c.document.id == "policy" and c.anchor == anchor for c in n.cites)]
        after = html.split(f'<p class="policy-para" id="{anchor}"', 1)[1]
        after = re.split(r'class="para-label"|id="related-documents"', after, maxsplit=1)[0]
        notes = re.search(r'<p class="policy-notes">(.*?)</p>', after, re.S)
        links = notes.group(1) if notes else ""
        linked = re.findall(r'href="\.\./review-notes/#([a-z0-9-]+)"', links)
        assert linked == expected, anchor


def test_law_page_says_how_each_text_was_checked_and_dates_only_what_the_sources_state(
        site) -> None:
    _, site_dir = site
    law = _article((site_dir / "law/index.html").read_text())
    table = law.split('id="how-checked"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) >= 10
    dates = [_text(re.findall(r"<td>(.*?)</td>", r, re.S)[-1]) for r in rows]
    # The source notes state one date (a bill's status); every other check is undated.
    assert all(d == "not recorded" or d.endswith("May 3, 2026") for d in dates), dates
    assert "should confirm" in _text(law.split('id="how-checked"', 1)[1][:2000])
    for case in ("brown-v-johnston", "poole-2003"):
        assert f'id="{case}"' in law
    review = (site_dir / "review-notes/index.html").read_text()
    assert 'href="../law/#iowa-court-decisions"' in review


@pytest.mark.parametrize("address", ["board-brief/", "board-options/", "policy/", "law/",
                                     "review-notes/"])
def test_pages_carry_a_date_and_no_working_notes(site, address: str) -> None:
    _, site_dir = site
    text = _text(_article((site_dir / address / "index.html").read_text()))
    for word in ("mkdocs.yml", "extra.", "policy_adopted", "board_of_trustees", "TODO",
                 "could not be read", "was prepared"):
        assert word not in text, (address, word)
    if address in ("board-brief/", "board-options/", "review-notes/"):
        assert re.search(r"Edition: [A-Z][a-z]+ \d{1,2}, \d{4}", text), address
