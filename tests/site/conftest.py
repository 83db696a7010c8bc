"""Browser contexts the site tests share (the site itself and the browser come from
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def axe_contexts(browser) -> Iterator[dict[str, object]]:
    """A browser context per colour scheme for axe-core. Injecting axe needs an inline script,
    which the site's Content-Security-Policy rightly refuses, so these contexts (only these) bypass
    the CSP; the privacy tests check the CSP itself in ordinary contexts."""
    contexts = {
        scheme: browser.new_context(color_scheme=scheme, bypass_csp=True)
        for scheme in ("light", "dark")
    }
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def search_page(site, browser):
    """(base URL, a page on the home page) for typing into the search box, shared by a module."""
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    yield base, page
    context.close()
