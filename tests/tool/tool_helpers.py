"""Helpers for the decision tool's browser tests: drive the form as a person would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from site_build.form import fact_value

READY = "#decide-tool[data-engine-state=ready]"
SETTLED = "#decide-answer:not([aria-busy=true])"
ENGINE_TIMEOUT_MS = 60_000


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


def outcome(page) -> str:
    page.wait_for_selector(SETTLED, state="attached")
    return page.get_attribute("#decide-answer", "data-outcome") or ""


def outcome_labels(page) -> dict:
    return json.loads(page.get_attribute("#decide-tool", "data-outcomes"))


def anchor_exists(site_dir: Path, href: str) -> bool:
    """Whether `href` (an absolute URL into the site) names an element id on a built page."""
    parts = urlsplit(href)
    page_file = site_dir / parts.path.lstrip("/") / "index.html"
    if not page_file.is_file() or not parts.fragment:
        return False
    html = page_file.read_text(encoding="utf-8")
    return re.search(rf'id="{re.escape(parts.fragment)}"', html) is not None
