"""The decision tables as people see them, in a real browser: every row and matrix cell read off
the page agrees with the engine run in-process, the matrix fits one screen and one printed page,
no page scrolls sideways on a phone, and a requester page's table header stays in view."""

from __future__ import annotations

import json
import re

import pytest

from policy_engine.api import decide_json, vocabulary_dict
from policy_engine.table import compact_rows
from tests.site.site_helpers import requester_pages

pytestmark = pytest.mark.browser

VOCAB = vocabulary_dict()
# The questions and answers as the pages show them, back to the engine's ids and values.
FACT_BY_QUESTION = {f["question"]: f for f in VOCAB["facts"]}
RECORD_BY_LABEL = {r["label"]: r["id"] for r in VOCAB["records"]}
REQUESTER_BY_LABEL = {r["label"]: r["id"] for r in VOCAB["requesters"]}
BADGES = {o["id"]: o["badge"] for o in VOCAB["outcomes"]}
# What /tables/ says is the same for every request, and what each matrix cell assumes besides
# (docs/tables.md states both in words): written out here, not imported from site_build.
SAME = {"legal_process": "none", "formal_records_request": False, "emergency": False,
        "court_order_limits_requester": False}
CELL = {**SAME, "identity_confirmed": True, "for_library_business": True,
        "presents_card": False, "has_cardholder_permission": False}

ROWS_ON_PAGE = """() => [...document.querySelectorAll("table.tables-rows tbody tr")].map(tr => {
  let h = tr.closest("table").previousElementSibling;
  while (h && h.tagName !== "H2") h = h.previousElementSibling;
  // innerText: what is shown (the stacked layout's cell labels are hidden on a desktop).
  const text = el => el.innerText.replace(/\\s+/g, " ").trim();
  return {
    record: text(h).replace(/¶$/, "").trim(),
    when: [...tr.querySelectorAll(".tables-when li")].map(li => ({
      answer: text(li.querySelector("strong")),
      question: text(li).slice(0, -text(li.querySelector("strong")).length).trim()})),
    badge: text(tr.querySelector(".outcome-badge")),
    outcome: tr.querySelector(".outcome-badge").className.match(/outcome-badge--(\\w+)/)[1],
    why: text(tr.cells[2]),
    todo: text(tr.cells[3]),
  };
})"""


def decide(requester: str, record: str, facts: dict) -> dict:
    return json.loads(decide_json(json.dumps(
        {"requester": requester, "record": record, "facts": facts})))


def answered_rows() -> dict[tuple[str, str], list[dict]]:
    """The engine's compact rows with every fact that matters known and SAME at its default."""
    out: dict[tuple[str, str], list[dict]] = {}
    for row in compact_rows():
        facts = dict(row.facts)
        if None in facts.values() or any(facts.get(f, v) != v for f, v in SAME.items()):
            continue
        out.setdefault((row.requester, row.record), []).append(row.as_dict())
    return out


def fact_value(fact: dict, label: str) -> object:
    (value,) = [v["value"] for v in fact["values"] if v["label"] == label]
    return value


@pytest.mark.parametrize("address", requester_pages())
def test_every_row_of_a_requester_page_is_the_engines_answer(site, page, address: str) -> None:
    """Read each row's situation off the page (its questions and answers in words), ask the
    engine, and compare the badge, the reason and the next step; every answered row is there."""
    base, _ = site
    page.goto(base + address, wait_until="load")
    requester = _requester_of(page.locator("h1").inner_text())
    assert requester.replace("_", "-") == address.split("/")[1]
    shown = page.evaluate(ROWS_ON_PAGE)
    expected = answered_rows()
    assert len(shown) == sum(len(rows) for (q, _), rows in expected.items() if q == requester)
    seen = set()
    for row in shown:
        record = RECORD_BY_LABEL[row["record"]]
        facts = {FACT_BY_QUESTION[w["question"]]["id"]:
                 fact_value(FACT_BY_QUESTION[w["question"]], w["answer"]) for w in row["when"]}
        answer = decide(requester, record, {**SAME, **facts})
        assert (row["outcome"], row["badge"].lower()) == (
            answer["outcome"], answer["outcome_badge"].lower()), row
        assert row["why"].startswith(answer["summary"]), row
        assert row["todo"] == answer["next_step"], row
        # The situation is one of the engine's own rows, not a guess that happens to agree.
        assert facts in [{f: v for f, v in r["facts"].items() if f not in SAME}
                         for r in expected[(requester, record)]], row
        seen.add(json.dumps([record, facts], sort_keys=True))
    assert len(seen) == len(shown)  # no row twice


def _requester_of(heading: str) -> str:
    """The requester id of a page from its heading, "Requests from <label, lower-cased first>"."""
    words = heading.rstrip("¶ \n").removeprefix("Requests from ")
    for label, rid in REQUESTER_BY_LABEL.items():
        if label[:1].lower() + label[1:] == words:
            return rid
    raise AssertionError(f"no requester for {heading!r}")


def test_matrix_cells_are_the_engines_answers(site, page) -> None:
    """Each cell is the engine's answer to the request the page describes; a cell without a
    note claims more: every answered situation for that pair has that outcome."""
    base, _ = site
    page.goto(base + "tables/", wait_until="load")
    cells = page.evaluate("""() => [...document.querySelectorAll(".tables-matrix tbody tr")].map(
      tr => ({requester: tr.querySelector("th").textContent.trim(),
              href: tr.querySelector("th a").href,
              cells: [...tr.querySelectorAll("td")].map((td, i) => ({
                record: document.querySelectorAll(".tables-matrix thead th")[i + 1]
                        .textContent.trim(),
                badge: td.querySelector(".outcome-badge").textContent.trim(),
                outcome: td.querySelector(".outcome-badge").className
                         .match(/outcome-badge--(\\w+)/)[1],
                note: td.querySelector(".tables-note-ref") !== null}))}))""")
    rows = answered_rows()
    assert [c["requester"] for c in cells] == [r["label"] for r in VOCAB["requesters"]]
    plain = 0
    for row in cells:
        requester = REQUESTER_BY_LABEL[row["requester"]]
        assert row["href"] == f"{base}tables/{requester.replace('_', '-')}/"
        assert [c["record"] for c in row["cells"]] == [r["label"] for r in VOCAB["records"]]
        for cell in row["cells"]:
            record = RECORD_BY_LABEL[cell["record"]]
            answer = decide(requester, record, CELL)
            assert (cell["outcome"], cell["badge"]) == (answer["outcome"], answer["outcome_badge"])
            outcomes = {r["outcome"] for r in rows[(requester, record)]}
            if not cell["note"]:
                plain += 1
                assert outcomes == {answer["outcome"]}, (requester, record, outcomes)
            else:  # a note only where something really changes the answer
                assert outcomes != {answer["outcome"]}, (requester, record, outcomes)
    assert plain >= 30  # the claim is really tested (security footage, counts, law enforcement...)


def test_matrix_notes_are_the_engines_words(site, page) -> None:
    base, _ = site
    page.goto(base + "tables/", wait_until="load")
    notes = page.locator(".tables-notes li").all_inner_texts()
    said = {w["text"] for q in VOCAB["requesters"] for r in VOCAB["records"]
            for w in decide(q["id"], r["id"], CELL)["would_change"]}
    assert notes
    for note in notes:
        sentences = re.findall(r"If .*?\.(?= If |$)", note)
        assert sentences and set(sentences) <= said, note


def test_old_anchors_on_tables_lead_to_the_requester_pages(site, page) -> None:
    base, _ = site
    for requester in VOCAB["requesters"]:
        slug = requester["id"].replace("_", "-")
        page.goto(f"{base}tables/#{slug}", wait_until="load")
        link = page.locator(f"#{slug} a")
        assert link.is_visible() and link.evaluate("a => a.href") == f"{base}tables/{slug}/"
        link.click()
        page.wait_for_url(f"{base}tables/{slug}/")
        # Instant navigation changes the address first, then the page.
        page.wait_for_function("() => document.querySelector('h1').innerText"
                               ".startsWith('Requests from')")


NO_SIDEWAYS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.mark.parametrize("address", ["tables/", *requester_pages()])
def test_no_sideways_scroll_on_a_phone(site, browser, address: str) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + address, wait_until="load")
    scroll, client = page.evaluate(NO_SIDEWAYS)
    assert scroll <= client, (address, scroll, client)
    context.close()


def test_matrix_fits_one_desktop_screen(site, browser) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base + "tables/", wait_until="load")
    bottom = page.evaluate(
        "document.querySelector('.tables-matrix').getBoundingClientRect().bottom")
    print(f"matrix bottom edge at 1280x800: {bottom:.0f} px")
    assert bottom <= 800, bottom
    assert page.evaluate(NO_SIDEWAYS)[0] <= 1280
    context.close()


def test_requester_table_header_stays_in_view_while_scrolling(site, browser) -> None:
    """Scroll the longest table of the longest page half-way: its header is still on screen,
    just under the site's header, while its first rows have gone above."""
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base + "tables/parent-or-guardian/", wait_until="load")
    table = page.evaluate_handle("""() => [...document.querySelectorAll("table.tables-rows")]
      .sort((a, b) => b.offsetHeight - a.offsetHeight)[0]""")
    height = table.evaluate("t => t.offsetHeight")
    assert height > 2 * 800  # long enough that its header would scroll away
    table.evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + scrollY + 1000)")
    page.wait_for_timeout(100)
    box = table.evaluate("""t => ({table: t.getBoundingClientRect().top,
      head: t.tHead.rows[0].cells[0].getBoundingClientRect().top,
      site: document.querySelector(".md-header").getBoundingClientRect().bottom})""")
    assert box["table"] < -500  # the table's start is well above the screen
    assert box["site"] - 1 <= box["head"] <= box["site"] + 1, box  # the header sits under it
    top_element = page.evaluate("""([x, y]) => document.elementFromPoint(x, y).closest("thead")
                                   !== null""", [700, int(box["head"] + 5)])
    assert top_element  # and it is visible there, not hidden behind rows
    context.close()


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of each page of a PDF Chromium printed."""
    boxes = re.findall(rb"/Type\s*/Page\b.*?/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf,
                       flags=re.S)
    assert len(boxes) == len(re.findall(rb"/Type\s*/Page\b", pdf))
    return [(float(w), float(h)) for w, h in boxes]


def test_matrix_prints_on_one_landscape_page(site, page) -> None:
    base, _ = site
    page.goto(base + "tables/", wait_until="load")
    page.emulate_media(media="print")
    # As a browser's print dialog does: the page's own size (Letter, landscape) is used.
    pages = _pdf_pages(page.pdf(prefer_css_page_size=True))
    assert pages == [(792, 612)], pages


def test_requester_page_prints_without_sideways_clipping(site, browser) -> None:
    """At the width of a Letter page's printable area, nothing is wider than the page."""
    base, _ = site
    context = browser.new_context(viewport={"width": 720, "height": 960})
    page = context.new_page()
    page.goto(base + "tables/library-staff/", wait_until="load")
    page.emulate_media(media="print")
    scroll, client = page.evaluate(NO_SIDEWAYS)
    assert scroll <= client, (scroll, client)
    overflowing = page.evaluate("""() => [...document.querySelectorAll("table.tables-rows")]
      .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                   || t.scrollWidth > t.clientWidth + 1).length""")
    assert overflowing == 0
    pages = _pdf_pages(page.pdf(format="Letter"))
    assert 1 < len(pages) < 20 and all(p == (612, 792) for p in pages)
    context.close()
