"""Shared fixtures: the site built once per run, served on loopback, and Debian's headless Chromium.

Browser tests build the site with `site_url` set to the test server's own address, because
Material's instant navigation only works when pages are served from `site_url`'s origin.

With ZENSICAL set to a `zensical` executable (`make zensical-canary`), build_site builds with
Zensical instead; tests marked `mkdocs` use MkDocs itself and are left out there.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from site_build.precompress import ENCODINGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt"}
CHROMIUM_ARGS = [
    "--no-sandbox",  # Debian's Chromium runs as root only without the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_with_profile(pw, profile: Path | str):
    """Chromium with its profile kept in `profile` (a persistent context): its HTTP cache and code
    cache last between visits, as a returning visitor's do, and can be read on disk."""
    return pw.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types Pyodide needs, no log noise, and the site's 404 page."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        """Compressed as a production host is configured to: a file's precompressed sibling
        (site_build/precompress.py) with Content-Encoding when the browser accepts that encoding,
        else a text file gzipped on the fly (the pages, CSS, JavaScript, JSON); else the file."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # which redirects to the folder's address
            path = path / "index.html"
        accepted = {
            part.split(";")[0].strip()
            for part in self.headers.get("Accept-Encoding", "").split(",")
        }
        if not path.is_file() or "gzip" not in accepted:
            return super().send_head()
        if self.not_modified(path):
            return None
        for encoding, suffix in ENCODINGS.items():
            sibling = path.with_name(path.name + suffix)
            if encoding in accepted and sibling.is_file():
                return self.send_encoded(path, encoding, sibling.read_bytes())
        if path.suffix in TEXT_SUFFIXES:
            return self.send_encoded(path, "gzip", gzip.compress(path.read_bytes(), 6))
        return super().send_head()

    def not_modified(self, path: Path) -> bool:
        """Answer 304 to a revalidation of an unchanged file, as the plain file path does."""
        since = self.headers.get("If-Modified-Since")
        try:
            unchanged = since and parsedate_to_datetime(since).timestamp() >= int(
                path.stat().st_mtime
            )
        except (TypeError, ValueError):
            unchanged = False
        if unchanged:
            self.send_response(304)
            self.end_headers()
        return bool(unchanged)

    def send_encoded(self, path: Path, encoding: str, body: bytes) -> io.BytesIO:
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(path.stat().st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing address with the site's own 404 page, as static hosts do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


# The longest test files (minutes each), run first: under pytest-xdist (`make test`, a file per
# process at a time) a long file started last would leave one process working alone at the end.
LONGEST_FIRST = (
    "tests/tool/test_tool_browser.py",
    "tests/tool/test_tool_at_the_desk.py",
    "tests/site/test_browser_accessibility.py",
    "tests/site/test_browser_practice.py",
    "tests/tool/test_site_build.py",
    "tests/deploy/test_host_configs.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: each file keeps its own order


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ZENSICAL = os.environ.get("ZENSICAL")


def build_with_zensical(site_dir: Path, site_url: str) -> Path:
    """Build the site as `zensical build --strict` does, after `python -m site_build` (Zensical
    ignores MkDocs hooks), for `site_url`. Zensical only writes inside the project, so the site
    goes to site-zensical/<site_dir's folder>-<site_dir's name> (each pytest-xdist process has its
    own temporary folder, popen-gwN), emptied first (an earlier build's pages must not linger
    there); returns that folder."""
    out = ROOT / "site-zensical" / f"{site_dir.parent.name}-{site_dir.name}"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "SITE_URL": site_url, "SITE_DIR": str(out)}
    for command in ([sys.executable, "-m", "site_build"], [ZENSICAL, "build", "--strict"]):
        run = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stdout + run.stderr
    return out


@contextlib.contextmanager
def one_build_at_a_time() -> Iterator[None]:
    """Hold the working tree's build lock. A build rewrites docs/generated/ and .cache/ for its own
    address before MkDocs copies them, so the test processes (pytest-xdist runs two or more)
    build in turn, and a process that reads what a build wrote reads it under the lock too."""
    lock = ROOT / ".cache" / "build.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # released when the file closes
        yield


def build_site(site_dir: Path, site_url: str | None = None, **settings: object) -> Path:
    """Build the site as `mkdocs build --strict` would, into `site_dir`, for `site_url`, with any
    mkdocs.yml `settings` replaced (load_config drops those given as None); returns the folder.
    Under the Zensical canary, builds with Zensical (which takes no settings)."""
    if ZENSICAL:
        assert not settings, "Zensical reads mkdocs.yml only: mark this test `mkdocs`"
        with one_build_at_a_time():
            return build_with_zensical(site_dir, site_url)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url, strict=True, **settings
    )
    with one_build_at_a_time():
        build(config)
    return site_dir


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that does not print a traceback when the browser drops a
    connection: a test that leaves a page or closes its browser while a download is under way."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site_dir: Path, port: int, handler_cls: type[SiteHandler] = SiteHandler,
          ) -> http.server.ThreadingHTTPServer:
    """Serve `site_dir` on 127.0.0.1:`port` from a background thread."""
    handler = functools.partial(handler_cls, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, built site folder): the site built for and served from a loopback port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site_dir = build_site(tmp_path_factory.mktemp("site"), base)
    server = serve(site_dir, port)
    yield base, site_dir
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def pw() -> Iterator[object]:
    """Playwright, started once per test process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def browser(pw) -> Iterator[object]:
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    p = context.new_page()
    yield p
    context.close()
