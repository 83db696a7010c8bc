"""Fixtures for the decision tool's browser tests.

`tool_site` builds the site once for its own loopback server, which sends a
Content-Security-Policy header on every response (pages, the worker's script, Pyodide's files).
A header is stricter than the site's `<meta>` CSP: it also binds the worker. Its script-src allows
only 'self', 'wasm-unsafe-eval' and the hashes of the served page's inline scripts; the other
directives are the site's (mkdocs.yml extra.content_security_policy). Both policies apply: a page
must satisfy each.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from site_build.hosting import settings
from tests.conftest import SiteHandler, build_site, free_port, launch_with_profile, serve
from tests.site.site_helpers import csp_directives, parse_html, sha256_source
from tests.tool.tool_helpers import record_console_errors, wait_ready

SITE_CSP = csp_directives("; ".join(settings()[1]))


def csp_for(html: str) -> str:
    """The site's own CSP, with script-src narrowed to this page's inline scripts by hash."""
    inline = [body for attrs, body in parse_html(html).scripts if "src" not in attrs]
    directives = {
        **SITE_CSP,
        "script-src": ["'self'", "'wasm-unsafe-eval'", *map(sha256_source, inline)],
    }
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class ToolHandler(SiteHandler):
    """The site's static files with a CSP header on every response (it binds the worker too).
    `requested` holds the path of every request that reached the server, in order. While
    `hold_wasm` is an unset event, a request for a .wasm waits for it (at most a minute): a
    download that is slow to come, held on the server's side, beside the browser and the test."""

    requested: ClassVar[list[str]] = []
    hold_wasm: ClassVar[threading.Event | None] = None

    def send_head(self):
        path = urlsplit(self.path).path
        self.requested.append(path)
        if path.endswith(".wasm") and self.hold_wasm is not None:
            self.hold_wasm.wait(60)
        return super().send_head()

    def end_headers(self) -> None:
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if path.endswith(".html") and Path(path).is_file():
            self.send_header("Content-Security-Policy", csp_for(Path(path).read_text("utf-8")))
        else:
            self.send_header("Content-Security-Policy", csp_for(""))
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@pytest.fixture(scope="session")
def tool_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, built site folder), served with a CSP header from a loopback port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site_dir = build_site(tmp_path_factory.mktemp("tool-site"), base)
    server = serve(site_dir, port, ToolHandler)
    yield base, site_dir
    server.shutdown()
    server.server_close()


@pytest.fixture()
def tool_page(page, tool_site):
    """A fresh browser context on a blank page, recording console errors (CSP violations too):
    a first visit, which starts Python the ordinary way."""
    record_console_errors(page)
    return page


@pytest.fixture(scope="session")
def returning_visitor(pw, tool_site, tmp_path_factory) -> Iterator[object]:
    """A browser profile that has used the tool before, as staff at the desk have: Pyodide's files
    are in its HTTP cache and its compiled WebAssembly in Chromium's code cache, so the tool is
    ready sooner than on a first visit. Tests of what a visitor sees once the engine is ready use
    it; tests of a first visit or of loading use a fresh context (`tool_page`)."""
    profile = tmp_path_factory.mktemp("returning-visitor")
    context = launch_with_profile(pw, profile)
    page = context.new_page()
    page.goto(tool_site[0] + "decide/")
    wait_ready(page)
    page.close()
    yield context
    context.close()


@pytest.fixture()
def returning_page(returning_visitor):
    """A new tab in the returning visitor's browser, recording console errors (CSP violations
    too); closed after the test."""
    page = returning_visitor.new_page()
    record_console_errors(page)
    yield page
    page.close()
