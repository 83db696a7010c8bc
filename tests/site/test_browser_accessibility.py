"""Accessibility, in a real browser: axe-core on every page in both colour schemes, visible focus,
and the policy's "copy link" working by keyboard and degrading to a plain link without
JavaScript."""

from __future__ import annotations

import pytest

from tests.site.site_helpers import PAGES, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", PAGES)
def test_axe_finds_no_violation(site, axe_contexts, address: str, scheme: str) -> None:
    base, _ = site
    page = axe_contexts[scheme].new_page()
    try:
        page.goto(base + address, wait_until="load")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        if address == "policy/":
            page.wait_for_selector(".para-copy")  # judge the page as enhanced by site.js
        violations = run_axe(page)
        assert violations == [], violations
    finally:
        page.close()


@pytest.mark.material_search
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_search_results_open(site, axe_contexts, scheme: str) -> None:
    base, _ = site
    page = axe_contexts[scheme].new_page()
    try:
        page.goto(base, wait_until="networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type("parent")
        page.wait_for_selector(".md-search-result__item")
        assert run_axe(page) == []
    finally:
        page.close()


FOCUS_STYLE = """() => {
  let el = document.activeElement;
  if (el.matches("input.md-option")) el = el.nextElementSibling;  // its visible label
  const s = getComputedStyle(el);
  return {what: el.outerHTML.slice(0, 80), style: s.outlineStyle,
          width: parseFloat(s.outlineWidth)};
}"""


@pytest.mark.material_search
@pytest.mark.parametrize("address", ["", "policy/"])
def test_keyboard_focus_is_always_visible(site, page, address: str) -> None:
    base, _ = site
    page.goto(base + address, wait_until="load")
    page.wait_for_selector(".md-search__input")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last focusable element
        focus = page.evaluate(FOCUS_STYLE)
        seen.add(focus["what"])
        assert focus["style"] != "none" and focus["width"] >= 2, focus
    assert len(seen) >= 15  # focus really moved through the page


def test_copy_link_works_by_keyboard(site, browser) -> None:
    base, _ = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "policy/", wait_until="load")
    page.wait_for_selector(".para-copy")
    assert page.locator(".para-copy").count() == 8
    for _ in range(80):  # Tab through the page, as a keyboard user would, to bullet 2's button
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        if label == "Copy link to Bullet 2":
            break
    else:
        pytest.fail("the Copy link button for Bullet 2 cannot be reached with Tab")
    page.keyboard.press("Enter")
    # Confirmed where the reader is looking, and to screen readers in a status message.
    page.wait_for_function(
        "() => document.activeElement.textContent === 'Link copied'", timeout=3000
    )
    status = page.locator("#paragraph-link-status")
    expected = base + "policy/#bullet-2"
    status.filter(has_text=expected).wait_for()
    assert status.get_attribute("role") == "status"
    assert page.evaluate("navigator.clipboard.readText()") == expected
    # The copied address opens the policy at that paragraph.
    page.goto(expected)
    assert page.evaluate("location.hash") == "#bullet-2"
    assert page.locator("#bullet-2").inner_text().startswith("Overdue library accounts")
    context.close()


def test_paragraph_links_without_javascript(site, browser) -> None:
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "policy/")
    labels = page.locator("a.para-num")
    assert labels.count() == 8
    hrefs = [labels.nth(i).get_attribute("href") for i in range(8)]
    assert hrefs == ["#paragraph-1", "#paragraph-2", "#bullet-1", "#bullet-2", "#bullet-3",
                     "#bullet-4", "#bullet-5", "#paragraph-3"]
    assert labels.first.is_visible() and labels.first.inner_text() == "Paragraph 1"
    assert page.locator(".para-copy").count() == 0
    page.locator("a.para-num", has_text="Paragraph 3").click()
    assert page.url == base + "policy/#paragraph-3"
    context.close()
