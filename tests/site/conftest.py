"""Browser contexts the site tests share (the site itself and the browser come from
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.site.site_helpers import AXE


@pytest.fixture(scope="session")
def axe_contexts(browser) -> Iterator[dict[str, object]]:
    """A browser context per colour scheme, for axe-core (site_helpers.run_axe). axe is handed to
    the browser once and runs in each new page before the page's own scripts: sending its 650 KB
    into every page took longer than axe's run itself."""
    contexts = {scheme: browser.new_context(color_scheme=scheme) for scheme in ("light", "dark")}
    for context in contexts.values():
        context.add_init_script(path=str(AXE))
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
