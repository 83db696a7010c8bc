"""Privacy of the decision tool: every request stays on the site's origin, nothing is stored, and
plain pages load no byte of Pyodide. (axe-core on the tool in every state:
test_tool_at_the_desk.py; on every page as it loads, decision tables included:
tests/site/test_browser_accessibility.py.)"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.site.site_helpers import NOTHING_STORED, browser_storage
from tests.tool.tool_helpers import answer_scenario, wait_ready

pytestmark = pytest.mark.browser


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
