"""Search, in a real browser: type into Material's search box, as a visitor would, and read the
results."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# What a person would type, and the page that must be among the results (the page written for it).
QUERIES = {
    "subpoena": "handling-requests/",  # staff step 8; also the policy's paragraph 3
    "parent": "privacy/",  # "Children, teenagers and parents" (stemmed: parents, parent's)
    "overdue": "policy/",  # bullet 2 of the policy itself
    "police": "handling-requests/",  # step 7, "Police or other law enforcement ask"
    "Fourth Amendment": "law/",  # the law page's amendment-4 section
    "22.7": "law/",  # "22.7 Confidential records" (Material keeps "22.7" as one token)
    "lost card": "privacy/",  # "Your library card, and a lost card"
}


@pytest.mark.material_search
@pytest.mark.parametrize(("query", "expected"), QUERIES.items())
def test_search_finds_what_a_person_would_type(search_page, query: str, expected: str) -> None:
    base, page = search_page
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    # Wait until the previous query's results are gone, so the results read below are this query's.
    page.wait_for_function(
        "() => !/matching document/i.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    page.keyboard.type(query, delay=10)
    page.wait_for_function(
        """(query) => document.querySelector('.md-search__input').value === query
            && /matching document/i.test(
                document.querySelector('.md-search-result__meta').textContent)""",
        arg=query,
    )
    page.wait_for_timeout(300)  # let the last keystroke's results replace a partial query's
    assert "No matching" not in meta.inner_text(), f"{query}: {meta.inner_text()}"
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    pages = {link.split("#")[0] for link in links}
    assert base + expected in pages, f"{query!r} should find {expected}; found {sorted(pages)}"
    # The results a visitor sees mention what they typed.
    first = page.locator(".md-search-result__item").first.inner_text().lower()
    assert any(word.lower() in first for word in query.split()), first
    page.keyboard.press("Escape")


def test_search_opens_by_keyboard_named_and_allowed_by_the_csp(site, browser) -> None:
    """One search dialog, with an accessible name, opened by "/" as a keyboard user would, finds
    what is typed, and the CSP blocks nothing on the way (Zensical's dialog styles itself with an
    inline <style>, allowed by its hash). Holds under MkDocs and Zensical alike."""
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base + "policy/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("subpoena", delay=10)
    # Material lists results in the page; Zensical in its dialog's shadow root.
    page.wait_for_function(
        """() => [...document.querySelectorAll('.md-search-result__item, body > div')]
            .some(e => (e.shadowRoot || e).textContent.toLowerCase().includes('subpoena'))"""
    )
    dialogs = page.eval_on_selector_all(
        "[role=dialog]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert dialogs == ["Search"]
    assert errors == []
    context.close()
