"""Privacy (every request stays on the site's origin, nothing stored) and accessibility
(axe-core) of the decision tool in its loading, answered and error states."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.site.site_helpers import AXE, AXE_TAGS, NOTHING_STORED, browser_storage
from tests.tool.tool_helpers import SETTLED, answer_scenario, outcome, wait_ready

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[dict]:
    # Evaluated through DevTools rather than injected as a <script>, which the CSP would block.
    # Let finite CSS transitions end first (Material fades the header title in as the page scrolls).
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
        ".map(a => a.finished.catch(() => null)))"
    )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " targets: v.nodes.map(n => n.target.join(' '))})))",
        AXE_TAGS,
    )


def test_privacy_every_request_on_origin_and_nothing_stored(tool_page, tool_site):
    base, _ = tool_site
    origin = urlsplit(base).netloc
    page = tool_page
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))
    page.goto(base + "decide/")
    wait_ready(page)
    answer_scenario(
        page,
        {
            "requester": "other_person",
            "record": "items_checked_out",
            "facts": {
                "presents_card": True,
                "card_reported_lost_or_stolen": False,
                "reason_to_doubt_consent": False,
                "legal_process": "none",
            },
        },
    )
    page.click("#decide-start-over")
    assert any(u.endswith("pyodide.asm.wasm") for u in urls)  # the worker's requests are seen too
    assert any(".whl" in u for u in urls)
    foreign = [u for u in urls if urlsplit(u).netloc != origin and not u.startswith("data:")]
    assert foreign == []
    assert page.context.cookies() == []
    assert browser_storage(page) == NOTHING_STORED
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_plain_pages_load_no_pyodide_byte(tool_page, tool_site):
    base, _ = tool_site
    page = tool_page
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))
    for path in ("", "policy/", "law/", "tables/"):
        page.goto(base + path, wait_until="networkidle")
    assert urls
    assert not [u for u in urls if "/generated/" in u or "decide-worker" in u]


def test_axe_loading_state(tool_page, tool_site):
    base, _ = tool_site
    page = tool_page
    # Hold Pyodide's runtime back so the loading state lasts as long as axe needs.
    page.route("**/pyodide.asm.wasm", lambda route: None)
    page.goto(base + "decide/?requester=parent_or_guardian&record=overdue_account")
    assert page.get_attribute("#decide-tool", "data-engine-state") == "loading"
    assert page.is_visible("#decide-progress")
    assert axe_violations(page) == []
    assert page.get_attribute("#decide-tool", "data-engine-state") == "loading"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_answered_state(browser, tool_site, scheme):
    base, _ = tool_site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base + "decide/")
    wait_ready(page)
    answer_scenario(
        page,
        {
            "requester": "law_enforcement",
            "record": "overdue_account",
            "facts": {"legal_process": "none"},
        },
    )
    assert outcome(page)
    assert page.is_visible("#decide-answer")
    assert axe_violations(page) == []
    # Undetermined, with the extra questions shown.
    page.click("#decide-start-over")
    answer_scenario(
        page,
        {
            "requester": "other_person",
            "record": "items_checked_out",
            "facts": {"presents_card": True},
        },
    )
    page.wait_for_selector(SETTLED, state="attached")
    assert axe_violations(page) == []
    context.close()


def test_axe_error_state(tool_page, tool_site):
    base, _ = tool_site
    page = tool_page
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(base + "decide/?requester=cardholder&record=items_checked_out")
    page.wait_for_selector("#decide-tool[data-engine-state=error]", state="attached")
    assert axe_violations(page) == []


def test_axe_decision_tables(tool_page, tool_site):
    base, _ = tool_site
    tool_page.goto(base + "tables/")
    assert axe_violations(tool_page) == []
