"""The whole site in a real browser: what search puts first for the words people type, the home
page's cards (a phone's width, a tap anywhere on a card), printed links kept compact, and the staff
guide and privacy page on few sheets. The printed pages are also saved into the git-ignored
screenshots/ folder, for people to look at. (axe-core on every page: test_browser_accessibility.)"""

from __future__ import annotations

import pytest

from tests.site.site_helpers import ROOT, pdf_pages, sideways
from tests.site.test_browser_patron_pages import MARGIN

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"

# What people type, and the section search must put first: its page first among the results, and
# that section first within the page. Patron and staff pages, never the trustees' notes.
FIRST_RESULT = {
    "police": "privacy/#when-police-ask",
    "cops": "privacy/#police",
    "sheriff": "privacy/#police",
    "FBI": "privacy/#subpoenas-and-court-orders",
    "warrant": "privacy/#subpoenas-and-court-orders",
    "subpoena": "privacy/#subpoenas-and-court-orders",
    "parent": "privacy/#my-parents",
    "father": "privacy/#my-parents",
    "mother": "privacy/#my-parents",
    "mom": "privacy/#my-parents",
    "dad": "privacy/#my-parents",
    "ID": "handling-requests/#cardholder",
    "lost card": "privacy/#lost-card",
    "fines": "privacy/#overdue-items-and-what-you-owe",
}
# Most printed pages fit on these many US Letter sheets (0.5 inch margins, as a browser's dialog).
MAX_SHEETS = {"handling-requests/": 3, "privacy/": 2}


def _search(page, query: str) -> list[list[str]]:
    """Type `query` into the search box as a visitor does; the results, one list of addresses per
    page found (the page's own first, then its sections, best first)."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function(
        "() => !/matching document/i.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        """(query) => document.querySelector('.md-search__input').value === query
            && /matching document/i.test(
                document.querySelector('.md-search-result__meta').textContent)""",
        arg=query,
    )
    page.wait_for_timeout(300)  # let the last keystroke's results replace a partial query's
    groups = page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')]
            .map(a => a.href))""",
    )
    page.keyboard.press("Escape")
    return groups


@pytest.mark.material_search
@pytest.mark.parametrize(("query", "expected"), FIRST_RESULT.items())
def test_search_puts_the_right_section_first(search_page, query: str, expected: str) -> None:
    base, page = search_page
    groups = _search(page, query)
    assert groups, f"{query!r}: no result"
    first = [link.removeprefix(base) for link in groups[0]]
    want_page, _, want_section = expected.partition("#")
    assert first[0] == want_page, f"{query!r}: first page {first[0]}, not {want_page}: {first}"
    sections = [link for link in first if "#" in link]
    if want_section:
        assert sections and sections[0] == expected, f"{query!r}: first section of {first}"


@pytest.mark.material_search
def test_search_leaves_the_tools_form_out(search_page) -> None:
    """The form's labels and help ("...someone threatens...") are the tool's, not a page to read:
    a word only the form uses finds nothing."""
    base, page = search_page
    groups = _search(page, "threatens")
    assert not any(link.startswith(base + "decide/") for group in groups for link in group)
    # The page's own words still find it.
    groups = _search(page, "released")
    assert any(link.startswith(base + "decide/") for group in groups for link in group)


def test_home_page_fits_a_phone(site, page) -> None:
    base, _ = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base, wait_until="load")
    assert sideways(page) == []


def test_a_whole_card_follows_its_one_link(site, page) -> None:
    """A tap anywhere on a card (here, on its description) follows the card's link."""
    base, _ = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base, wait_until="load")
    card = page.locator(".task-cards li").filter(has_text="Can the police see what I borrowed?")
    description = card.locator("p").last
    description.scroll_into_view_if_needed()
    box = description.bounding_box()
    # The link's overlay covers the card, so the link itself takes the tap.
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.href",
                        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert hit == base + "privacy/#police"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(base + "privacy/#police")


def _printed_addresses(page) -> list[tuple[str, str]]:
    """(href, what print shows after the link) for each link in the article."""
    return page.eval_on_selector_all(
        "article a[href]:not(.headerlink):not(.para-num)",
        "els => els.map(a => [a.href, getComputedStyle(a, '::after').content])",
    )


def test_printed_links_are_compact(site, page) -> None:
    """Another site's link prints its address; this site's pages print theirs once each; the
    citations after that ("Policy, paragraph 3") print none."""
    base, _ = site
    page.goto(base + "handling-requests/", wait_until="load")
    page.wait_for_selector("article a[data-print-href]")
    page.emulate_media(media="print")
    links = _printed_addresses(page)
    shown = [(href, after) for href, after in links if after not in ("none", "normal")]
    internal = [after for href, after in shown if href.startswith(base)]
    assert len(internal) == len(set(internal)), internal  # each page's address once
    assert all("#" not in after for after in internal), internal
    assert f'" ({base}policy/)"' in internal
    citations = [after for href, after in links if href.startswith(base + "policy/#")]
    assert citations and citations.count("none") >= len(citations) - 1, citations
    assert len(shown) <= 12, shown  # it was one address per link: 40 and more


def test_printed_outside_links_show_their_full_address(site, page) -> None:
    base, _ = site
    page.goto(base + "law/", wait_until="load")
    page.wait_for_selector("article a[data-print-href]")
    page.emulate_media(media="print")
    outside = [(href, after) for href, after in _printed_addresses(page)
               if not href.startswith(base) and href.startswith("http")]
    assert outside
    for href, after in outside:
        assert after == f'" ({href})"', (href, after)


@pytest.mark.parametrize("address", MAX_SHEETS)
def test_printed_on_few_letter_sheets(site, page, address: str) -> None:
    base, _ = site
    page.goto(base + address, wait_until="load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", margin=MARGIN, print_background=False)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"{address.strip('/')}-letter.pdf").write_bytes(pdf)
    sheets = pdf_pages(pdf)
    print(f"\n{address} on Letter: {sheets} page(s)")
    assert 1 <= sheets <= MAX_SHEETS[address], sheets
