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
    """What the worker reported when it was ready: start-up durations, and whether Pyodide's wasm
    came from the browser's cache (a return visit)."""
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
    """The built site's file that the tool's data-<attribute> names (wheel, stdlib, pyodide)."""
    html = page_file(site_dir, "decide/").read_text(encoding="utf-8")
    url = re.search(f'data-{attribute}="([^"?]*)', html).group(1)
    return site_dir / url


def tool_variant(site_dir: Path, name: str, attributes: dict[str, str]) -> str:
    """Write a copy of the tool page at /<name>/ (beside /decide/, so its relative links hold) whose
    data-<name> attributes hold the values given (a file a test has put into the built site): the
    worker then fetches that file as it would the site's own. Returns its path from the site's
    root. A copy rather than a Playwright route: a route turns the HTTP cache off."""
    html = page_file(site_dir, "decide/").read_text(encoding="utf-8")
    for attribute, value in attributes.items():
        html = re.sub(f'data-{attribute}="[^"]*"', f'data-{attribute}="{value}"', html)
    (site_dir / name).mkdir(exist_ok=True)
    (site_dir / name / "index.html").write_text(html, encoding="utf-8")
    return f"{name}/"
