"""Printing, in a real browser: print media hides the site's chrome, keeps paragraph labels, shows
where links lead and forces no page break between sections. Also saves screenshots and a printed PDF
(see README: `make screenshots`) into the git-ignored screenshots/ folder, for people to look at."""

from __future__ import annotations

import pytest

from tests.site.site_helpers import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"
HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-footer", ".para-copy"]


def _display(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")


def test_printed_policy_has_no_chrome_and_keeps_paragraph_labels(site, page) -> None:
    base, _ = site
    page.goto(base + "policy/", wait_until="load")
    page.wait_for_selector(".para-copy")
    assert page.locator(".md-sidebar--primary").is_visible()  # on screen, the chrome is there
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        displays = _display(page, selector)
        assert displays and set(displays) == {"none"}, (selector, displays)
    labels = page.locator("a.para-num")
    assert labels.count() == 8
    for i in range(8):
        assert labels.nth(i).is_visible()
    assert labels.nth(7).inner_text() == "Paragraph 3"
    assert page.locator("#paragraph-3").is_visible()


def test_printed_links_show_their_address(site, page) -> None:
    """Compactly: the first link to another page of this site prints that page's address (the
    link's words name the section); later links to the same page print none (see
    test_browser_site_wide.py for outside links and a whole page)."""
    base, _ = site
    page.goto(base + "policy/", wait_until="load")
    page.wait_for_selector(".para-copy")
    page.emulate_media(media="print")
    afters = page.eval_on_selector_all(
        ".policy-related a", "els => els.map(a => getComputedStyle(a, '::after').content)"
    )
    assert afters[0] == f'" ({base}law/)"'
    assert len(afters) >= 2 and set(afters[1:]) <= {"none"}, afters
    # The paragraph labels are not followed by their address: the label is the citation.
    label_after = page.eval_on_selector("a.para-num", "a => getComputedStyle(a, '::after').content")
    assert label_after in ("none", "normal")


def test_printed_sections_run_on_without_forced_page_breaks(site, page) -> None:
    """A break before every h2 once printed the staff guide on twelve sheets."""
    base, _ = site
    page.goto(base + "law/", wait_until="load")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "article h2, article h3", "hs => hs.map(h => [h.id, getComputedStyle(h).breakBefore])"
    )
    assert len(breaks) >= 3 and all(b == "auto" for _, b in breaks), breaks
    # Headings still stay with the text after them.
    assert page.eval_on_selector("article h2", "h => getComputedStyle(h).breakAfter") == "avoid"


def test_save_screenshots_and_printed_pdf(site, page) -> None:
    """Screenshots of the home and policy pages and the policy printed to PDF, in screenshots/."""
    base, _ = site
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base, wait_until="networkidle")
    page.screenshot(path=SHOTS / "home.png", full_page=True)
    page.goto(base + "policy/", wait_until="networkidle")
    page.wait_for_selector(".para-copy")
    page.screenshot(path=SHOTS / "policy.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=SHOTS / "policy-print.png", full_page=True)
    page.pdf(path=SHOTS / "policy.pdf", format="Letter", print_background=False)
    for name in ("home.png", "policy.png", "policy-print.png"):
        data = (SHOTS / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, name
    pdf = (SHOTS / "policy.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
