"""The Content-Security-Policy: present on every page, strict for scripts, and naming by hash every
inline script of the page (so a Material or Zensical upgrade that changes one is caught here, not by
a visitor). The first script runs before the <meta> and is governed only by the host's CSP header,
which is the same policy (site_build/hosting.py): its hash is listed too."""

from __future__ import annotations

import pytest

from tests.site.site_helpers import (
    PAGES,
    csp_directives,
    csp_of,
    html_pages,
    page_file,
    parse,
    parse_html,
    sha256_source,
)

# Scripts Material emits with a type browsers do not execute (data), which CSP does not govern.
DATA_TYPES = {"application/json"}


def _inline_scripts(html: str) -> list[str]:
    """Inline scripts the browser executes, in document order."""
    page = parse_html(html)
    return [
        body for attrs, body in page.scripts
        if "src" not in attrs and attrs.get("type", "text/javascript") not in DATA_TYPES
    ]


@pytest.mark.parametrize("address", PAGES)
def test_csp_is_strict_and_complete(site, address: str) -> None:
    _, site_dir = site
    html = page_file(site_dir, address).read_text()
    csp = csp_directives(csp_of(html))
    scripts = csp["script-src"]
    assert "'self'" in scripts and "'wasm-unsafe-eval'" in scripts  # Pyodide (the decision tool)
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not any(s.startswith(("http:", "https:", "*")) or s == "data:" for s in scripts)
    styles = csp["style-src"]  # this site's files and, by its hash, Zensical's search dialog style
    assert styles[0] == "'self'" and all(s.startswith("'sha256-") for s in styles[1:]), styles
    assert csp["worker-src"] == ["'self'"]  # the search worker, and Pyodide's
    assert csp["connect-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    # A meta CSP governs only what follows it: the one script before it is the theme's first, tiny
    # one (it defines __md_scope and the storage helpers), which only the CSP header governs.
    before = parse_html(html.split('http-equiv="Content-Security-Policy"', 1)[0])
    assert len(before.scripts) == 1, before.scripts
    assert before.scripts[0][1].startswith("__md_scope="), before.scripts


def test_every_inline_script_is_allowed_by_its_hash(site) -> None:
    _, site_dir = site
    missing = {}
    seen = 0
    for address in html_pages(site_dir):
        html = page_file(site_dir, address).read_text()
        allowed = set(csp_directives(csp_of(html))["script-src"])
        for body in _inline_scripts(html):
            seen += 1
            digest = sha256_source(body)
            if digest not in allowed:
                missing.setdefault(digest, (address, body[:80]))
    # The theme's first script, and its colour-scheme and content-tabs scripts, on every page
    assert seen >= 3 * len(PAGES)
    assert not missing, (
        "inline scripts not in mkdocs.yml's extra.content_security_policy (add these hashes): "
        + "; ".join(f"{h} for {where}: {snippet!r}" for h, (where, snippet) in missing.items())
    )


def test_no_inline_event_handlers_or_javascript_urls(site) -> None:
    _, site_dir = site
    for address in html_pages(site_dir):
        page = parse(page_file(site_dir, address))
        for el in page.elements:
            assert not any(name.startswith("on") for name in el.attrs), (address, el.tag, el.attrs)
            assert not el.attrs.get("href", "").startswith("javascript:"), (address, el.attrs)
