"""The site under a sub-path of a real nginx and a real Apache with the shipped configurations: the
headers they send and the compressed copies; then, on nginx, the tool end to end in Chromium,
instant navigation, the 404 page, and a worker bound by the CSP header (it cannot reach another
host, as it can when only the pages' <meta> CSP applies)."""

from __future__ import annotations

import gzip
import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from site_build.hosting import IMMUTABLE, MIME_TYPES
from site_build.runtime import pyodide_version
from tests.site.site_helpers import csp_directives, csp_of
from tests.tool.tool_helpers import (
    answer_scenario,
    engine_phases,
    leave_and_come_back,
    outcome,
    record_console_errors,
    wait_ready,
)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) as the server sent them (urllib undoes no encoding)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_headers(served_site) -> None:
    base, _ = served_site
    status, page, body = fetch(base + "decide/")
    assert status == 200
    header = csp_directives(page["Content-Security-Policy"])
    assert header == {**csp_directives(csp_of(body.decode())), "frame-ancestors": ["'none'"]}
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "no-referrer"
    assert "immutable" not in page.get("Cache-Control", "")  # pages change with each release

    status, worker, _ = fetch(base + "js/decide-worker.mjs")
    assert status == 200 and worker["Content-Type"] == "text/javascript"
    # The worker's own script carries the CSP: that is what binds the worker.
    assert worker["Content-Security-Policy"] == page["Content-Security-Policy"]

    pyodide = f"{base}generated/pyodide/{pyodide_version()}/"
    status, wasm, _ = fetch(pyodide + "pyodide.asm.wasm")
    assert status == 200 and wasm["Content-Type"] == "application/wasm"
    assert wasm["Cache-Control"] == IMMUTABLE
    assert wasm["Content-Security-Policy"] == page["Content-Security-Policy"]
    status, module, _ = fetch(pyodide + "pyodide.mjs")
    assert module["Content-Type"] == "text/javascript" and module["Cache-Control"] == IMMUTABLE

    status, missing, _ = fetch(base + "no/such/page/")
    assert status == 404 and missing["Content-Security-Policy"] == page["Content-Security-Policy"]


def test_precompressed_files_are_sent_when_present(served_site) -> None:
    """A .gz sibling goes to a browser that takes gzip, as it is, with the file's own type; a file
    without one is sent plain (the build may or may not make them)."""
    base, site_dir = served_site
    with_sibling = site_dir / "assets/stylesheets/site.css"
    sibling = with_sibling.with_name(with_sibling.name + ".gz")
    without = site_dir / "css/decide.css"
    assert not any(without.with_name(without.name + s).exists() for s in (".gz", ".br"))
    made = not sibling.exists()
    if made:  # removed again below: the build is shared with other tests
        sibling.write_bytes(gzip.compress(with_sibling.read_bytes(), mtime=0))
    try:
        _, headers, body = fetch(base + "assets/stylesheets/site.css",
                                 **{"Accept-Encoding": "gzip"})
        assert headers.get("Content-Encoding") == "gzip" and body == sibling.read_bytes()
        assert headers["Content-Type"] == "text/css"
        assert "Accept-Encoding" in headers.get("Vary", "")
        _, headers, body = fetch(base + "assets/stylesheets/site.css")
        assert "Content-Encoding" not in headers and body == with_sibling.read_bytes()
    finally:
        if made:
            sibling.unlink()
    _, headers, body = fetch(base + "css/decide.css", **{"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in headers and body == without.read_bytes()


def test_every_engine_file_the_build_compresses_is_sent_compressed(served_site) -> None:
    """Each engine file with a .gz sibling (the wasm, Pyodide's scripts, the standard library's
    zip) goes to a browser that takes gzip as that sibling, with the file's own type: without it
    a first visit would move the zip's stored entries as they are (about 2 MB more)."""
    base, site_dir = served_site
    siblings = sorted((site_dir / "generated").rglob("*.gz"))
    kinds = {p.with_suffix("").suffix for p in siblings}
    assert {".wasm", ".mjs", ".zip"} <= kinds
    for sibling in siblings:
        path = sibling.with_suffix("").relative_to(site_dir).as_posix()
        _, headers, body = fetch(base + path, **{"Accept-Encoding": "gzip"})
        assert headers.get("Content-Encoding") == "gzip", path
        assert body == sibling.read_bytes(), path
        assert headers["Content-Type"] == MIME_TYPES[path.rsplit(".", 1)[1]], path


@pytest.mark.browser
def test_the_tool_answers_and_survives_instant_navigation(nginx_site, page) -> None:
    base, _ = nginx_site
    record_console_errors(page)
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(base + "decide/")
    wait_ready(page)
    answer_scenario(page, {"requester": "law_enforcement", "record": "borrowing_history",
                           "facts": {"legal_process": "none"}})
    assert outcome(page) == "refer_to_director"
    assert page.is_visible("#decide-answer")
    assert engine_phases(page)["returnVisit"] is False
    assert leave_and_come_back(page) == {"same_document": True, "wasm_requests": []}
    assert outcome(page) == "refer_to_director"
    # A return visit, a full page load: nginx sends Pyodide's files as the HTTP cache keeps them.
    page.goto(base + "decide/")
    wait_ready(page)
    assert engine_phases(page)["returnVisit"] is True
    assert page.console_errors == []  # no CSP violation, no failed script
    assert {urlsplit(u).netloc for u in requests} == {urlsplit(base).netloc}
    assert all(urlsplit(u).path.startswith(urlsplit(base).path) for u in requests)


@pytest.mark.browser
def test_the_404_page_has_its_styles_and_working_links(nginx_site, page) -> None:
    base, _ = nginx_site
    response = page.goto(base + "no/such/page/")
    assert response.status == 404
    assert page.inner_text("h1") == "Page not found"
    # Material's stylesheet applied: the header is pinned to the top, not a plain block.
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    links = page.eval_on_selector_all(".not-found-pages a", "as => as.map(a => a.href)")
    assert len(links) >= 5 and all(link.startswith(base) for link in links), links
    assert all(fetch(link)[0] == 200 for link in links)
    page.click(".not-found-pages a[href$='decide/']")
    page.wait_for_selector("#decide-tool")
    assert page.url == base + "decide/"


class Listener(http.server.BaseHTTPRequestHandler):
    """A second host: records every request it receives."""

    received: list[str]

    def do_GET(self) -> None:
        self.received.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def other_host() -> Iterator[tuple[str, list[str]]]:
    """(base URL, requests received) of a server on another loopback address, 127.0.0.2."""
    received: list[str] = []
    handler = type("RecordingListener", (Listener,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}/", received
    server.shutdown()
    server.server_close()


def _point_a_worker_at(page, base: str, other: str) -> dict:
    """Start the tool's worker script from the page and tell it to load Pyodide and the engine
    from `other`: its first acts are fetch() of the wheel and import() of pyodide.mjs there."""
    return page.evaluate(
        """async ([workerUrl, other]) => {
            const worker = new Worker(workerUrl, {type: "module"});
            const reply = new Promise(resolve => {
                worker.onmessage = e => resolve(e.data);
                worker.onerror = e => resolve({type: "onerror", message: e.message});
            });
            // The message decide.js sends (the wheel is the first fetch).
            worker.postMessage({type: "init", files: {
                pyodideUrl: other + "pyodide/", stdlibUrl: other + "python_stdlib.zip",
                wheelUrl: other + "engine.whl"}});
            const answer = await Promise.race(
                [reply, new Promise(r => setTimeout(() => r({type: "timeout"}), 20000))]);
            await new Promise(r => setTimeout(r, 500));  // a late request would arrive meanwhile
            worker.terminate();
            return answer;
        }""",
        [base + "js/decide-worker.mjs", other],
    )


@pytest.mark.browser
def test_the_csp_header_keeps_the_worker_on_the_site(nginx_site, page, other_host) -> None:
    base, _ = nginx_site
    other, received = other_host
    page.goto(base + "decide/")
    answer = _point_a_worker_at(page, base, other)
    assert answer["type"] == "error", answer  # it tried, and was refused
    assert received == []


@pytest.mark.browser
def test_without_the_header_the_worker_reaches_another_host(site, page, other_host) -> None:
    """The same probe against a server that sends no CSP header (the pages' <meta> only): the
    requests arrive, so the test above would see them if the header did not bind the worker."""
    base, _ = site
    other, received = other_host
    page.goto(base + "decide/")
    _point_a_worker_at(page, base, other)
    assert "/engine.whl" in received
