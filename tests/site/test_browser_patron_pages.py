"""The patron pages in a real browser: the privacy page prints on at most two sheets and its
handout on exactly one (US Letter and A4), no sideways scrolling on a phone, and the police answer
reads "No" first. The printed PDFs are also saved into the git-ignored screenshots/ folder, for
people to look at. (axe-core on every page: test_browser_accessibility.)"""

from __future__ import annotations

import pytest

from tests.site.site_helpers import ROOT, pdf_pages, sideways

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"
PAGES = {"privacy": "privacy/", "handout": "privacy-handout/"}
MAX_SHEETS = {"privacy": 2, "handout": 1}
# About the margins a browser's own print dialog uses by default.
MARGIN = {side: "0.5in" for side in ("top", "right", "bottom", "left")}


def test_pdf_pages_counts_pages() -> None:
    one = b"%PDF-1.4 <</Type /Pages /Count 2>> <</Type /Page>> <</Type/Page>>"
    assert pdf_pages(one) == 2


def _print(page, base: str, name: str, paper: str) -> bytes:
    page.goto(base + PAGES[name], wait_until="load")
    page.emulate_media(media="print")
    return page.pdf(format=paper, margin=MARGIN, print_background=False)


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("name", ["privacy", "handout"])
def test_printed_sheets(site, page, name: str, paper: str) -> None:
    base, _ = site
    pdf = _print(page, base, name, paper)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"{name}-{paper.lower()}.pdf").write_bytes(pdf)
    sheets = pdf_pages(pdf)
    print(f"\n{name} on {paper}: {sheets} page(s)")
    if name == "handout":
        assert sheets == 1, sheets
    else:
        assert 1 <= sheets <= MAX_SHEETS[name], sheets


def test_printed_handout_gives_the_sites_address(site, page) -> None:
    base, _ = site
    page.goto(base + PAGES["handout"], wait_until="load")
    page.wait_for_selector("a[data-print-href]")
    page.emulate_media(media="print")
    after = page.eval_on_selector(
        # Relative as written; absolute once instant navigation has run.
        'article a[href$="/privacy/"]', "a => getComputedStyle(a, '::after').content"
    )
    assert after == f'" ({base}privacy/)"'


@pytest.mark.parametrize("name", ["privacy", "handout"])
def test_phone_layout_has_no_sideways_scroll(site, page, name: str) -> None:
    base, _ = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + PAGES[name], wait_until="load")
    assert sideways(page) == []


def test_first_line_under_the_police_question_says_no(site, page) -> None:
    base, _ = site
    page.goto(base + PAGES["privacy"], wait_until="load")
    heading = page.get_by_role("heading", name="Can the police see what I borrowed?")
    first = heading.locator("xpath=following-sibling::*[1]")
    assert first.inner_text().startswith("No"), first.inner_text()
    assert first.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_save_screenshots(site, browser, size: tuple[int, int], scheme: str) -> None:
    base, _ = site
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(color_scheme=scheme,
                                  viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    for name, address in PAGES.items():
        page.goto(base + address, wait_until="networkidle")
        path = SHOTS / f"{name}-{size[0]}-{scheme}.png"
        page.screenshot(path=path, full_page=True)
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, path
    context.close()
