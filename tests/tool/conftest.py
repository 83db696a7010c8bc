"""Fixtures for the decision tool's browser tests.

`tool_site` builds the site once for its own loopback server, which sends a
Content-Security-Policy header on every response (pages, the worker's script, Pyodide's files).
A header is stricter than the site's `<meta>` CSP: it also binds the worker. Its script-src allows
only 'self', 'wasm-unsafe-eval' and the hashes of the served page's inline scripts; the other
directives are the site's (site_overrides/main.html). Both policies apply: a page must satisfy each.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SiteHandler, build_site, free_port, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def csp_for(html: bytes) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    )
    return (
        "default-src 'self'; "
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}; "
        "worker-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; "
        "style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


class ToolHandler(SiteHandler):
    """The site's static files with a CSP header on every response (it binds the worker too)."""

    def end_headers(self) -> None:
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if path.endswith(".html") and Path(path).is_file():
            self.send_header("Content-Security-Policy", csp_for(Path(path).read_bytes()))
        else:
            self.send_header("Content-Security-Policy", csp_for(b""))
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
def tool_page(browser, tool_site):
    """A fresh browser context on a blank page, recording CSP violations and console errors."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
