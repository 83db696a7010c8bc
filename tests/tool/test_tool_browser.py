"""The decision tool in real headless Chromium, served with a CSP header (see conftest.py)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from policy_engine import decide, parse
from policy_engine.api import decision_dict
from scenarios import SCENARIOS
from site_build import runtime
from tests.conftest import launch_with_profile
from tests.tool.tool_helpers import (
    SETTLED,
    anchor_exists,
    answer_scenario,
    engine_phases,
    leave_and_come_back,
    outcome,
    outcome_labels,
    record_console_errors,
    shipped,
    tool_variant,
    wait_ready,
)

pytestmark = pytest.mark.browser

# A request the engine answers at once ("release"): the cardholder, who has shown who they are.
ANSWERED = "?requester=cardholder&record=borrowing_history&identity_confirmed=true"


@pytest.fixture()
def ready_tool(returning_page, tool_site):
    base, _ = tool_site
    returning_page.goto(base + "decide/")
    wait_ready(returning_page)
    return returning_page


@pytest.fixture(scope="module")
def shared_tool(returning_visitor, tool_site):
    """One tool page for all the scenarios, as a staff member uses it: "Start over" between them."""
    base, _ = tool_site
    page = returning_visitor.new_page()
    record_console_errors(page)
    page.goto(base + "decide/")
    wait_ready(page)
    yield page
    page.close()


def test_the_library_has_enough_scenarios():
    assert len(SCENARIOS) >= 10


# Answers chosen other than those the tool shows chosen by default (a clean form has none).
CHOSEN = ("els => els.filter(e => e.value !== e.closest('fieldset').dataset.default)"
          ".map(e => e.id)")


# Every desk story (scenarios/stories.toml), clicked through the form.
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_clicked_through(shared_tool, tool_site, scenario):
    page = shared_tool
    _, site_dir = tool_site
    page.click("#decide-start-over")
    answer_scenario(page, scenario.request())
    expected = scenario.outcome
    assert outcome(page) == expected, scenario.story
    if expected == "undetermined":  # as the engine's own scenario test: the facts to find out
        assert page.is_visible("#decide-answer .decide-would-change")
    else:  # the same reasons as CPython gives
        rules = page.eval_on_selector_all("[data-rule]", "els => els.map(e => e.dataset.rule)")
        expected_rules = decide(parse(scenario.request())).rules
        assert tuple(rules) == tuple(rule.id for rule in expected_rules), scenario.story
    label = outcome_labels(page)[expected]
    assert page.inner_text("#decide-answer .decide-outcome-label") == label
    assert page.is_visible("#decide-answer")
    badge = page.locator("[data-outcome-badge]")
    assert badge.get_attribute("data-outcome-badge") == expected
    words = decision_dict(decide(parse(scenario.request())))["outcome_badge"]
    assert badge.inner_text().lower() == words.lower()
    if scenario.design_example:  # announced to screen readers, once the answers have settled
        page.wait_for_function("w => document.querySelector('#decide-live').textContent"
                               ".startsWith('Answer: ' + w + '.')", arg=words)
    links = page.eval_on_selector_all("#decide-answer a.decide-cite", "as => as.map(a => a.href)")
    assert links, "every answer cites its paragraphs"
    for href in links:
        assert anchor_exists(site_dir, href), href
    assert not page.console_errors


def test_citation_link_lands_on_its_paragraph(ready_tool):
    page = ready_tool
    answer_scenario(
        page,
        {
            "requester": "other_person",
            "record": "items_checked_out",
            "facts": {"presents_card": True, "card_reported_lost_or_stolen": True},
        },
    )
    page.click("#decide-answer .decide-why-toggle")  # "Why, and the words it rests on"
    link = page.locator("#decide-answer a.decide-cite").first
    assert link.is_visible()
    href = link.get_attribute("href")
    fragment = urlsplit(href).fragment
    link.focus()  # followed by keyboard: no sticky header can come between pointer and link
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    page.wait_for_selector(f"[id='{fragment}']", state="attached")
    assert page.locator(f"[id='{fragment}']").count() == 1


def test_url_state_round_trips_and_back_forward(ready_tool, browser, tool_site):
    page = ready_tool
    answer_scenario(
        page,
        {
            "requester": "parent_or_guardian",
            "record": "overdue_account",
            "facts": {"cardholder_is_minor": True, "identity_confirmed": True,
                      "presents_card": False, "legal_process": "none"},
        },
    )
    first = outcome(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["requester"] == ["parent_or_guardian"]
    assert query["record"] == ["overdue_account"]
    assert query["cardholder_is_minor"] == ["true"]
    # The same link in a fresh browser gives the same form and the same answer.
    context = browser.new_context()
    other = context.new_page()
    other.goto(page.url)
    wait_ready(other)
    assert other.is_checked("#q-requester-parent_or_guardian")
    assert other.is_checked("#q-cardholder_is_minor-true")
    assert outcome(other) == first
    context.close()
    # A change within the question answered last replaces its step; Back returns to the request
    # before that question was answered, Forward to the changed answer.
    entries = page.evaluate("history.length")
    page.check("#q-cardholder_is_minor-false")
    page.wait_for_selector(SETTLED, state="attached")
    changed = outcome(page)
    assert changed != first  # so that back and forward below show something
    assert page.evaluate("history.length") == entries
    page.go_back()
    page.wait_for_function("() => !document.querySelector('[name=cardholder_is_minor]:checked')")
    assert "cardholder_is_minor" not in page.url
    page.go_forward()
    page.wait_for_function("() => document.querySelector('#q-cardholder_is_minor-false')?.checked")
    assert outcome(page) == changed


def test_start_over_clears_everything(ready_tool):
    page = ready_tool
    answer_scenario(
        page,
        {
            "requester": "law_enforcement",
            "record": "borrowing_history",
            "facts": {"legal_process": "search_warrant"},
        },
    )
    assert outcome(page) == "refer_to_director"
    page.click("#decide-start-over")
    assert urlsplit(page.url).query == ""
    assert page.eval_on_selector_all("#decide-form input:checked", CHOSEN) == []
    assert page.get_attribute("#decide-answer", "data-outcome") == ""
    assert not page.is_visible("#decide-answer")
    assert page.locator("fieldset[data-fact]:visible").count() == 0
    assert "cleared" in page.inner_text("#decide-live")


def test_keyboard_only(ready_tool):
    """Tab from the top of the page to the form, choose with arrow keys and space."""
    page = ready_tool
    wanted = {
        "requester": "parent_or_guardian",
        "record": "overdue_account",
        "cardholder_is_minor": "true",
        "identity_confirmed": "true",
        "legal_process": "none",
    }
    focused = "() => { const e = document.activeElement; return e && e.name ? e.name : ''; }"

    def choose(name: str, value: str) -> None:
        values = page.eval_on_selector_all(f"input[name={name}]", "els => els.map(e => e.value)")
        if (
            page.evaluate("() => document.activeElement.checked") is False
            and page.eval_on_selector_all(f"input[name={name}]:checked", "e => e.length") == 0
        ):
            page.keyboard.press("Space")  # an untouched group: focus sits on its first choice
        current = page.evaluate("() => document.activeElement.value")
        steps = values.index(value) - values.index(current)
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        page.wait_for_selector(SETTLED, state="attached")

    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "requester":
            break
    chosen: set[str] = set()
    for _ in range(40):
        name = page.evaluate(focused)
        if name in wanted and name not in chosen:
            choose(name, wanted[name])
            chosen.add(name)
        if chosen == set(wanted):
            break
        page.keyboard.press("Tab")
    assert chosen == set(wanted)
    assert outcome(page) == "release"
    assert page.is_checked("#q-cardholder_is_minor-true")


def test_bad_url_input_gives_a_message_and_a_clean_form(tool_page, tool_site):
    base, _ = tool_site
    page = tool_page
    queries = (
        "requester=cardholder&record=not_a_record",
        "requester=robot&record=items_checked_out",
        "requester=cardholder&record=items_checked_out&presents_card=maybe",
        "requester=cardholder&record=items_checked_out&favourite_colour=blue",
        "requester=cardholder&requester=other_person&record=items_checked_out",
        "%ZZ=%&&&=<script>",
    )
    for i, query in enumerate(queries):
        page.goto(base + "decide/?" + query)
        if i in (0, len(queries) - 1):  # the check runs at once; twice, also see the engine ready
            wait_ready(page)
        page.wait_for_selector(SETTLED, state="attached")
        assert page.is_visible("#decide-message"), query
        assert "could not be used" in page.inner_text("#decide-message")
        assert page.eval_on_selector_all("#decide-form input:checked", CHOSEN) == []
        assert page.get_attribute("#decide-answer", "data-outcome") != "release"
        assert not page.is_visible("#decide-answer")
    # The message goes once the person answers.
    page.check("#q-requester-cardholder")
    assert not page.is_visible("#decide-message")


def test_form_is_there_before_the_engine_and_error_state(tool_page, tool_site):
    """With WebAssembly's file blocked, the form still shows and a clear error with the tables link
    replaces the progress bar; nothing is ever released."""
    base, _ = tool_site
    page = tool_page
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(base + "decide/?requester=cardholder&record=items_checked_out")
    assert page.is_visible("#q-requester-cardholder")
    page.wait_for_selector("#decide-tool[data-engine-state=error]", timeout=30_000)
    assert page.is_visible("#decide-error")
    assert not page.is_visible("#decide-progress")
    # Straight to the table of the person asking.
    assert page.get_attribute("#decide-error a", "href").endswith("/tables/cardholder/")
    assert page.get_attribute("#decide-answer", "data-outcome") != "release"
    assert page.get_attribute("#decide-error", "role") == "alert"


def progress_bar(page) -> tuple[float, float]:
    """The progress bar's (value, max) once full, as the worker's last report leaves them: its
    counting of the downloads ends just after the engine is ready (a count that falls short never
    fills the bar, and this fails)."""
    page.wait_for_function("() => { const p = document.querySelector('#decide-progress');"
                           " return p.value > 0 && p.value === p.max; }", timeout=10_000)
    return tuple(page.eval_on_selector("#decide-progress", "p => [p.value, p.max]"))


def test_a_first_visit_shows_what_it_downloads(tool_page, tool_site):
    """A first visit (nothing of the site in the browser's cache) downloads Pyodide's files, and
    the progress bar ends exactly at the bytes the page said it would read."""
    base, _ = tool_site
    page = tool_page
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))
    page.goto(base + "decide/" + ANSWERED)
    wait_ready(page)
    assert outcome(page) == "release"
    assert engine_phases(page)["returnVisit"] is False
    assert any(u.endswith("pyodide.asm.wasm") for u in urls)  # the worker's requests are seen
    load_bytes = int(page.get_attribute("#decide-tool", "data-load-bytes"))
    assert progress_bar(page) == (load_bytes, load_bytes)
    assert not page.console_errors


def compiled_bytes(folder: Path) -> int:
    """The bytes of compiled code Chromium keeps in a profile's code cache folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.exists() else 0


def test_a_first_visit_leaves_the_compiled_engine_for_the_next(pw, tool_site, tmp_path):
    """After a first visit Chromium keeps Pyodide's compiled WebAssembly, as it does for a bare
    Pyodide page, so that the next visit does not compile it again as Python starts (0.5-1 s on a
    2-core machine). It kept none while the worker handed Pyodide counted copies of its files;
    now it counts a second read of each, which the HTTP cache answers: the wasm's 10 MB reach the
    browser once."""
    base, _ = tool_site
    context = launch_with_profile(pw, tmp_path)
    try:
        page = context.new_page()
        bodies: list[int] = []  # the wasm's bytes over the wire, for each response that had any
        page.on("requestfinished", lambda r: r.url.endswith(".wasm")
                and r.sizes()["responseBodySize"] and bodies.append(r.sizes()["responseBodySize"]))
        page.goto(base + "decide/")
        wait_ready(page)
        assert engine_phases(page)["returnVisit"] is False
        # Chromium writes the compiled code once enough of it has been optimised, within seconds:
        # 1.2-2.7 MB in runs on a 2-core machine; 16-72 bytes (an empty folder's index) when the
        # worker handed Pyodide counted copies.
        wasm_cache = tmp_path / "Default" / "Code Cache" / "wasm"
        deadline = time.monotonic() + 30
        while compiled_bytes(wasm_cache) < 200_000 and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        assert compiled_bytes(wasm_cache) >= 200_000
        assert len(bodies) == 1, bodies
    finally:
        context.close()


def test_a_return_visit_takes_pyodide_from_the_browsers_cache(tool_page, tool_site):
    """The second and third full visits to the tool find Pyodide's files in the HTTP cache: the
    wasm's 10 MB are not downloaded again (the server is asked only whether it changed), and the
    progress bar still ends exactly at the page's figure, the wasm counted in one step."""
    base, _ = tool_site
    page = tool_page
    url = base + "decide/" + ANSWERED
    wasm_bodies: list[int] = []  # the wasm's bytes over the wire, each time it is requested
    page.on("requestfinished", lambda r: r.url.endswith(".wasm")
            and wasm_bodies.append(r.sizes()["responseBodySize"]))
    visits = []
    for _ in range(3):
        before = len(wasm_bodies)
        page.goto(url)  # a full page load each time, not Material's instant navigation
        wait_ready(page)
        assert outcome(page) == "release"
        visits.append((engine_phases(page)["returnVisit"], wasm_bodies[before:],
                       progress_bar(page)))
    load_bytes = int(page.get_attribute("#decide-tool", "data-load-bytes"))
    wasm_bytes = int(page.get_attribute("#decide-tool", "data-wasm-bytes"))
    (first, first_wasm, first_bar), *later = visits
    assert first is False and sum(first_wasm) > 0
    for returning, wasm, bar in later:
        assert returning is True
        assert sum(wasm) == 0, wasm  # asked for, perhaps, but not sent again
        assert bar == (load_bytes, load_bytes)
    assert first_bar == (load_bytes, load_bytes) and 0 < wasm_bytes < load_bytes
    assert not page.console_errors


def changed_wheel(wheel_file: Path) -> tuple[str, bytes]:
    data = bytearray(wheel_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    return "changed.whl", bytes(data)


def full_standard_library(_: Path) -> tuple[str, bytes]:
    """A valid standard library, but not the one published: Python would start with it."""
    return "python_stdlib-full.zip", runtime.FULL_STDLIB.read_bytes()


@pytest.mark.parametrize(
    ("attribute", "change", "what"),
    [
        ("wheel", changed_wheel, "engine file"),
        ("stdlib", full_standard_library, "standard library"),
    ],
    ids=["wheel with one changed byte", "another standard library"],
)
def test_a_changed_engine_file_gives_a_clear_error_and_no_answer(
    tool_page, tool_site, attribute, change, what
):
    base, site_dir = tool_site
    page = tool_page
    published = shipped(site_dir, attribute)
    name, data = change(published)
    changed = published.with_name(name)
    changed.write_bytes(data)
    variant = tool_variant(site_dir, f"decide-changed-{attribute}",
                           {attribute: changed.relative_to(site_dir).as_posix()})
    page.goto(base + variant + ANSWERED)
    page.wait_for_selector("#decide-tool[data-engine-state=error]", timeout=60_000)
    assert page.is_visible("#decide-error")
    assert f"the {what} is not the one this site published" in page.inner_text("#decide-error")
    assert page.get_attribute("#decide-answer", "data-outcome") == ""
    assert not page.is_visible("#decide-answer")


def test_return_visit_via_instant_navigation_reuses_the_engine(ready_tool):
    """Leaving the tool and coming back (Material's instant navigation) keeps the one worker: the
    answer comes without a second Pyodide start."""
    page = ready_tool
    answer_scenario(
        page,
        {
            "requester": "collection_agency",
            "record": "overdue_account",
            "facts": {"legal_process": "none"},
        },
    )
    first = outcome(page)
    assert leave_and_come_back(page) == {"same_document": True, "wasm_requests": []}
    assert outcome(page) == first


def test_print_shows_only_the_decision_with_date_and_quotes(ready_tool):
    page = ready_tool
    answer_scenario(
        page,
        {
            "requester": "parent_or_guardian",
            "record": "overdue_account",
            "facts": {"cardholder_is_minor": True, "identity_confirmed": True},
        },
    )
    assert page.is_visible("#decide-print")
    page.emulate_media(media="print")
    assert not page.is_visible("#decide-form")
    assert not page.is_visible(".md-header")
    assert page.is_visible("#decide-answer .decide-quote")
    assert "A parent or guardian" in page.inner_text(".decide-request")
    assert "Printed" in page.inner_text(".decide-printed")
    page.emulate_media(media="screen")
    assert not page.is_visible(".decide-request") and not page.is_visible(".decide-printed")


def test_first_visit_to_the_tool_via_instant_navigation(tool_page, tool_site):
    """Arriving at the tool from another page of the site (no full page load) starts one engine."""
    base, _ = tool_site
    page = tool_page
    # Workers, not requests: the worker asks the HTTP cache whether the wasm is there, and reads
    # each file a second time (from the cache) to count its bytes.
    engines: list[str] = []
    page.on("worker", lambda w: w.url.endswith("decide-worker.mjs") and engines.append(w.url))
    page.goto(base + "policy/")
    page.evaluate("() => { window.__same_document = true; }")
    page.click("a.md-nav__link[href$='decide/']")
    wait_ready(page)
    answer_scenario(page, {"requester": "cardholder", "record": "borrowing_history",
                           "facts": {"identity_confirmed": True}})
    assert outcome(page) == "release"
    assert page.evaluate("() => window.__same_document === true")
    assert len(engines) == 1


def test_a_referral_names_the_director_once_the_library_has_supplied_the_name(ready_tool):
    page = ready_tool
    answer_scenario(page, {"requester": "law_enforcement", "record": "borrowing_history",
                           "facts": {}})
    assert outcome(page) == "refer_to_director"
    assert not page.is_visible(".decide-director"), "no name until mkdocs.yml sets one"
    # As site_overrides/main.html writes it when extra.library_director is set.
    page.evaluate("""() => { const m = document.createElement('meta');
        m.name = 'library-director'; m.content = 'TEST-DIRECTOR'; document.head.append(m); }""")
    page.click("#q-record-program_attendance")
    assert outcome(page) == "refer_to_director"
    assert page.inner_text(".decide-director") == "The Library Director is TEST-DIRECTOR."
