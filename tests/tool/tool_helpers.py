"""Helpers for the decision tool's browser tests: drive the form as a person would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from site_build.form import fact_value
from tests.site.site_helpers import page_file, page_ids

READY = "#decide-tool[data-engine-state=ready]"
SETTLED = "#decide-answer:not([aria-busy=true])"
ENGINE_TIMEOUT_MS = 60_000


def record_console_errors(page) -> None:
    """Collect the page's console errors and uncaught exceptions in `page.console_errors`."""
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))


def wait_ready(page) -> None:
    page.wait_for_selector(READY, timeout=ENGINE_TIMEOUT_MS)


# The worker's notes (engine_phases' snapshotNote) for an ordinary start that is no failure.
FIRST_VISIT = "a first visit does not fetch it"
NOT_WAITED_FOR = "at this speed it would take about"  # the link seemed slow: how it begins


def visit_until_restored(page, url: str, visits: int = 4) -> dict:
    """Load `url` in full until Python is restored from the snapshot (at most `visits` times) and
    return that visit's engine_phases. A return visit fetches the snapshot, unless the machine is
    so busy that even loopback fails the worker's rate test: it then stops waiting for the
    snapshot, its download goes on into the HTTP cache, and a later visit restores from that copy.
    Any other reason for an ordinary start fails at once."""
    for _ in range(visits):
        page.goto(url)
        wait_ready(page)
        phases = engine_phases(page)
        if phases["snapshot"]:
            return phases
        assert phases["snapshotNote"].startswith(NOT_WAITED_FOR), phases
    raise AssertionError(f"Python was not restored from the snapshot in {visits} visits: {phases}")


def answer_scenario(page, scenario: dict) -> None:
    """Click who asks and what they want, then answer each question the engine shows, as a person
    reads the form: facts the scenario does not mention stay unanswered ("not known")."""
    page.check(f"#q-requester-{scenario['requester']}")
    page.check(f"#q-record-{scenario['record']}")
    page.wait_for_selector(SETTLED, state="attached")
    answered: set[str] = set()
    while True:
        shown = page.eval_on_selector_all(
            "fieldset[data-fact]:not([hidden])", "els => els.map(e => e.dataset.fact)"
        )
        todo = [f for f in shown if f in scenario["facts"] and f not in answered]
        if not todo:
            return
        fact = todo[0]
        page.check(f"#q-{fact}-{fact_value(scenario['facts'][fact])}")
        answered.add(fact)
        page.wait_for_selector(SETTLED, state="attached")


def leave_and_come_back(page) -> dict:
    """From the tool, follow the site's navigation to the policy and come back with Back, as a
    person checking a paragraph would. Returns whether the page stayed one document (Material's
    instant navigation) and the WebAssembly requested meanwhile (none unless Pyodide restarted)."""
    wasm: list[str] = []
    page.on("request", lambda r: r.url.endswith(".wasm") and wasm.append(r.url))
    page.evaluate("() => { window.__same_document = true; }")
    page.click("a.md-nav__link[href$='policy/']")
    page.wait_for_selector("#bullet-1")
    page.go_back()
    page.wait_for_selector(READY, timeout=2_000)
    return {
        "same_document": page.evaluate("() => window.__same_document === true"),
        "wasm_requests": wasm,
    }


def engine_phases(page) -> dict:
    """What the worker reported when it was ready: start-up durations, and whether Python was
    restored from the snapshot."""
    return page.evaluate("() => performance.getEntriesByName('decide-engine-ready')[0].detail")


def outcome(page) -> str:
    page.wait_for_selector(SETTLED, state="attached")
    return page.get_attribute("#decide-answer", "data-outcome") or ""


def outcome_labels(page) -> dict:
    """Each outcome id's label, as the page holds them (from the engine's vocabulary)."""
    outcomes = json.loads(page.get_attribute("#decide-tool", "data-outcomes"))
    return {name: words["label"] for name, words in outcomes.items()}


def anchor_exists(site_dir: Path, href: str) -> bool:
    """Whether `href` (an absolute URL into the site) names an anchor on a built page."""
    parts = urlsplit(href)
    built = page_file(site_dir, parts.path.lstrip("/"))
    return bool(parts.fragment) and built.is_file() and parts.fragment in page_ids(built)


def shipped(site_dir: Path, attribute: str) -> Path:
    """The built site's file that the tool's data-<attribute> names (snapshot, wheel, stdlib)."""
    html = page_file(site_dir, "decide/").read_text(encoding="utf-8")
    url = re.search(f'data-{attribute}="([^"?]*)', html).group(1)
    return site_dir / url


def tool_variant(site_dir: Path, name: str, attributes: dict[str, str]) -> str:
    """Write a copy of the tool page at /<name>/ (beside /decide/, so its relative links hold) whose
    data-<name> attributes hold the values given (a file a test has put into the built site): the
    worker then fetches that file as it would the site's own. Returns its path from the site's
    root. A copy rather than a Playwright route: a route turns the HTTP cache off, and the worker
    fetches the snapshot only on a return visit, which it tells by that cache."""
    html = page_file(site_dir, "decide/").read_text(encoding="utf-8")
    for attribute, value in attributes.items():
        html = re.sub(f'data-{attribute}="[^"]*"', f'data-{attribute}="{value}"', html)
    (site_dir / name).mkdir(exist_ok=True)
    (site_dir / name / "index.html").write_text(html, encoding="utf-8")
    return f"{name}/"


def return_visit_to(page, base: str, site_dir: Path, name: str, snapshot: Path,
                    query: str = "") -> None:
    """Visit a copy of the tool page whose snapshot is `snapshot` (tool_variant) as a returning
    visitor, and wait until the engine is ready. A first visit leaves Pyodide's wasm in the HTTP
    cache (the worker shares the page's cache); fetching it from another page puts it there without
    starting Python, so this visit uses the snapshot. A snapshot that exists is put there too, as an
    earlier return visit leaves it: the worker then reads it without judging the link's speed
    (which a busy machine can make loopback fail, as in CI), so the test sees what the worker does
    with those bytes. test_a_return_visit_restores_python_from_the_snapshot covers the network."""
    variant = tool_variant(site_dir, name, {"snapshot": snapshot.relative_to(site_dir).as_posix()})
    wasm = shipped(site_dir, "pyodide") / "pyodide.asm.wasm"
    page.goto(base + "policy/")
    for cached in [wasm, snapshot] if snapshot.exists() else [wasm]:
        status = page.evaluate(
            "url => fetch(url).then(r => r.arrayBuffer().then(() => r.status))",
            base + cached.relative_to(site_dir).as_posix(),
        )
        assert status == 200, (cached.name, status)
    page.goto(base + variant + query)
    wait_ready(page)


SNAPSHOT_FILE = re.compile(r"/snapshot-[0-9a-f]+\.bin")  # not snapshot-delta.mjs, the code


def snapshot_requests(requested: list[str]) -> list[str]:
    """The requests for a Python snapshot among those given (paths or addresses)."""
    return [path for path in requested if SNAPSHOT_FILE.search(path)]
