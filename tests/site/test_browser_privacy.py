"""Privacy, in a real browser, on every built page: no request to any other host, no cookies,
nothing in browser storage, and no Content-Security-Policy violation (so the CSP blocks nothing the
site needs)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.site.site_helpers import NOTHING_STORED, ROOT, browser_storage, html_pages

pytestmark = pytest.mark.browser

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " "
    + e.sourceFile + ":" + e.lineNumber);
});
"""


def _record(page, base: str) -> list[str]:
    """Start recording requests that leave the test server; return the (live) list."""
    origin = urlsplit(base).netloc
    foreign: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).netloc != origin and foreign.append(r.url))
    return foreign


def test_every_page_stays_on_its_own_origin(site, page) -> None:
    base, site_dir = site
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    foreign = _record(page, base)
    local: list[str] = []
    page.on("request", lambda r: local.append(r.url))
    pages = html_pages(site_dir)
    assert len(pages) >= 10
    problems = []
    for address in pages:
        page.goto(base + address, wait_until="networkidle")
        violations = page.evaluate("window.__cspViolations")
        if violations:
            problems.append(f"{address}: CSP blocked {violations}")
        if browser_storage(page) != NOTHING_STORED:
            problems.append(f"{address}: storage or cookies {browser_storage(page)}")
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not problems, "\n".join(problems)
    assert page.context.cookies() == []
    assert any("bundle" in url for url in local)  # the recording did see the page's own requests


@pytest.mark.material_search
def test_search_palette_and_instant_navigation_store_nothing(site, page) -> None:
    """Using the site (search, switching colour scheme, moving between pages) stores nothing."""
    base, _ = site
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    foreign = _record(page, base)
    page.goto(base, wait_until="networkidle")
    page.locator("label.md-header__button[for='__palette_1']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator(".md-search__input").click()
    page.keyboard.type("subpoena")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Confidentiality Policy").first.click()
    page.wait_for_url("**/policy/")
    page.wait_for_selector(".para-copy")
    assert page.evaluate("window.__cspViolations") == []
    assert browser_storage(page) == NOTHING_STORED
    assert page.context.cookies() == []
    assert not foreign, foreign


def test_not_found_address_gets_the_sites_404_page(site, page) -> None:
    base, _ = site
    response = page.goto(base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    listed = page.locator(".not-found-pages a").all_inner_texts()
    # Every page of the nav, its sections' pages included (mkdocs.yml: nav by audience).
    # A page named in the nav without a title (a generated requester table) has its own title.
    def title(entry: str) -> str:
        titled = re.match(r"(.+?): \S+\.md$", entry)
        if titled:
            return titled.group(1)
        return re.search(r'^title: "?(.+?)"?$', (ROOT / "docs" / entry).read_text(), re.M).group(1)

    nav_pages = [title(entry) for entry in re.findall(r"^\s+- (\S.*\.md)$",
                                                       (ROOT / "mkdocs.yml").read_text(), re.M)]
    assert listed == nav_pages, listed
    assert listed[0] == "Home" and "Confidentiality Policy" in listed, listed
    sections = page.locator(".not-found-pages > li:has(ul)").all_inner_texts()
    assert [s.split("\n")[0] for s in sections][:2] == ["For patrons", "For staff"], sections
    # The 404 page's links work from any depth: follow one.
    page.locator("article a", has_text="Handling requests").click()
    page.wait_for_url("**/handling-requests/")
    # Instant navigation changes the address first, then the content: wait for the new heading.
    page.locator("h1", has_text="Handling requests").wait_for()
