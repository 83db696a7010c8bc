"""Printing, in a real browser: print media hides the site's chrome, keeps paragraph labels, shows
where links lead and forces no page break between sections. (Every page printed to PDF, to look at:
`make screenshots`.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

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
