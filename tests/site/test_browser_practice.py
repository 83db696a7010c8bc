"""Staff training in a real browser: a practice session one case at a time (mouse and keyboard),
nothing stored; the page without JavaScript; the tool opened from a case; axe-core, phones and
print (the desk card on one sheet, the training session one sheet per topic and part). The printed
PDFs are also saved into the git-ignored screenshots/ folder, for people to look at (the pages'
screenshots are `make screenshots`)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

import pytest

from scenarios import SCENARIOS
from site_build.practice import SESSION_SIZE, TOPIC_ORDER
from tests.site.site_helpers import (
    CURRENT_CASE,
    NOTHING_STORED,
    ROOT,
    browser_storage,
    pdf_pages,
    practice_mid_session,
    run_axe,
    sideways,
)
from tests.site.test_browser_patron_pages import MARGIN

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"
PAGES = {"practice": "practice/", "desk-card": "desk-card/",
         "training-session": "training-session/", "handling-requests": "handling-requests/"}
OUTCOMES = ["release", "deny", "refer_to_director", "outside_policy", "undetermined"]


def _open_practice(page, base: str) -> None:
    page.goto(base + "practice/", wait_until="load")
    page.wait_for_selector("[data-practice-start]:not([hidden])")


def _score(page) -> str:
    return page.locator("[data-practice-progress]").inner_text()


def test_a_session_one_case_at_a_time_with_a_score_and_nothing_stored(site, page) -> None:
    base, _ = site
    _open_practice(page, base)
    page.get_by_role("button", name=f"Start a {SESSION_SIZE}-case session").click()
    topics, right = [], 0
    for n in range(1, SESSION_SIZE + 1):
        current = page.locator(CURRENT_CASE)
        assert current.count() == 1
        assert page.locator("[data-practice-case]:visible").count() == 1
        assert _score(page).startswith(f"Case {n} of {SESSION_SIZE}.")
        answer = current.get_attribute("data-outcome")
        topics.append(current.get_attribute("data-topic"))
        details = current.locator("details")
        assert not details.is_visible()  # the answer stays hidden until a choice is made
        choice = answer if n % 3 else next(o for o in OUTCOMES if o != answer)
        current.locator(f'[data-choice="{choice}"]').click()
        right += choice == answer
        result = current.locator(".practice-result")
        assert result.inner_text().startswith("Right." if choice == answer else "Not this time.")
        assert details.is_visible() and details.get_attribute("open") is not None
        assert current.locator(".practice-answer__verdict").is_visible()
        assert current.locator('a[href*="decide/?"]').is_visible()
        assert f"Score: {right} right out of {n} so far." in _score(page)
        assert current.locator(".practice-case__title").inner_text() == \
            f"Case {n} of {SESSION_SIZE}"
        current.locator("[data-practice-next]").click()
    summary = page.locator("[data-practice-summary]")
    assert summary.is_visible()
    assert summary.locator("[data-practice-score]").inner_text() == \
        f"You got {right} of {SESSION_SIZE} right."
    assert summary.locator("[data-practice-missed] li").count() == SESSION_SIZE - right
    # Twenty across the topics: every topic, none more than its share and a little.
    per_topic = Counter(topics)
    assert set(per_topic) == set(TOPIC_ORDER) and max(per_topic.values()) <= 4, per_topic
    assert browser_storage(page) == NOTHING_STORED
    assert page.context.cookies() == []
    # "See all the cases" gives the page back as it was.
    summary.get_by_role("button", name="See all the cases").click()
    assert page.locator("[data-practice-case]:visible").count() == len(SCENARIOS)
    assert page.locator("details[open]").count() == 0
    assert page.locator(".practice-case__title").first.inner_text() == "Case 1"


def test_a_topic_by_keyboard_alone(site, page) -> None:
    base, _ = site
    _open_practice(page, base)
    for _ in range(80):  # Tab, as a keyboard user would, to the first topic's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-practice-topic')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('data-practice-topic')") == \
        TOPIC_ORDER[0]
    page.keyboard.press("Enter")
    current = page.locator(CURRENT_CASE)
    assert current.get_attribute("data-topic") == TOPIC_ORDER[0]
    assert page.evaluate("document.activeElement.classList.contains('practice-case__title')")
    answer = current.get_attribute("data-outcome")
    for _ in range(6):  # on to the right answer's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-choice')") == answer:
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('practice-result')")
    assert current.locator(".practice-result").inner_text().startswith("Right.")
    assert "Score: 1 right out of 1 so far." in _score(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-practice-next')")
    page.keyboard.press("Space")
    assert _score(page).startswith("Case 2 of 23.")
    assert browser_storage(page) == NOTHING_STORED


def test_without_javascript_every_case_and_its_answer_is_there(site, browser) -> None:
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "practice/", wait_until="load")
        cases = page.locator("[data-practice-case]")
        assert cases.count() == len(SCENARIOS)
        assert page.locator("[data-practice-case]:visible").count() == len(SCENARIOS)
        assert page.locator("[data-practice-case] details:not([open])").count() == len(SCENARIOS)
        assert not page.locator("[data-practice-start]").is_visible()  # it needs JavaScript
        first = cases.first
        assert not first.locator(".practice-answer__verdict").is_visible()
        first.locator("summary").click()  # the disclosure works with no script
        assert first.locator(".practice-answer__verdict").is_visible()
        assert first.locator('a[href*="decide/?"]').is_visible()
    finally:
        context.close()


def test_the_script_sets_up_after_instant_navigation(site, page) -> None:
    base, _ = site
    page.goto(base, wait_until="networkidle")
    page.locator(".md-nav--primary").get_by_role("link", name="Practice", exact=True).first.click()
    page.wait_for_url(base + "practice/")
    page.wait_for_selector("[data-practice-start]:not([hidden])")
    page.locator("[data-practice-session]").first.click()
    assert page.locator(CURRENT_CASE).count() == 1


@pytest.mark.parametrize("story_id", ["police-no-paperwork", "own-history-id-not-checked",
                                      "card-presented"])
def test_a_case_opens_the_tool_with_the_storys_answer(site, page, story_id: str) -> None:
    base, _ = site
    page.goto(base + "practice/", wait_until="load")
    case = page.locator(f'[data-practice-case][data-story="{story_id}"]')
    outcome = case.get_attribute("data-outcome")
    href = case.locator('a[href*="decide/?"]').get_attribute("href")
    page.goto(urljoin(base + "practice/", href), wait_until="load")
    answer = page.locator(f'#decide-answer[data-outcome="{outcome}"]')
    answer.wait_for(state="attached", timeout=90_000)


SHOW_PAGES = ["practice", "desk-card", "training-session", "handling-requests"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["practice mid-session", "practice choosing"])
def test_axe_finds_no_violation(site, axe_contexts, state: str, scheme: str) -> None:
    """The practice page after a click (every page as it loads: test_browser_accessibility)."""
    base, _ = site
    page = axe_contexts[scheme].new_page()
    try:
        page.goto(base + "practice/", wait_until="load")
        if state == "practice mid-session":
            practice_mid_session(page)
        elif state == "practice choosing":
            page.wait_for_selector("[data-practice-start]:not([hidden])")
            page.locator("[data-practice-session]").first.click()
        assert run_axe(page) == []
    finally:
        page.close()


BUTTONS = {"start": "[data-practice-session]", "topic": "[data-practice-topic]",
           "next case": "[data-practice-next]", "end": "[data-practice-end]"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_button_under_the_pointer_or_focused_stays_legible(site, axe_contexts, scheme) -> None:
    """Material fills a hovered or focused button with its accent colour; white on it is 4.25:1.
    CI once caught "Next case" hovered by chance: the pointer that chose an answer rests there."""
    base, _ = site
    page = axe_contexts[scheme].new_page()
    failures = {}
    try:
        page.goto(base + "practice/", wait_until="load")
        page.wait_for_selector("[data-practice-start]:not([hidden])")
        for name, selector in BUTTONS.items():
            if name == "next case":
                practice_mid_session(page)
            target = page.locator(selector).locator("visible=true").first
            for how in ("hover", "focus"):
                page.mouse.move(0, 0)
                page.evaluate("document.activeElement.blur()")
                target.hover() if how == "hover" else target.focus()
                found = run_axe(page, within=f"{selector}:is(:{how})")
                if found:
                    failures[(name, how)] = found
    finally:
        page.close()
    assert failures == {}


@pytest.mark.parametrize("state", [*SHOW_PAGES, "practice mid-session"])
def test_phone_layout_has_no_sideways_scroll(site, page, state: str) -> None:
    base, _ = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + PAGES[state.split()[0]], wait_until="load")
    if state == "practice mid-session":
        practice_mid_session(page)
    assert sideways(page) == []


def test_flow_diagram_is_legible_on_a_phone(site, page) -> None:
    """On a 390px screen the diagram fills the width and its words stay at least 12px high."""
    base, _ = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "handling-requests/", wait_until="load")
    svg = page.locator(".flow-diagram__svg")
    assert svg.bounding_box()["width"] >= 300
    heights = page.eval_on_selector_all(
        ".flow-diagram__svg text", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 12, min(heights)


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_printed_sheets(site, page, paper: str) -> None:
    base, _ = site
    SHOTS.mkdir(exist_ok=True)
    sheets = {}
    for name in ("desk-card", "training-session"):
        page.goto(base + PAGES[name], wait_until="load")
        page.emulate_media(media="print")
        pdf = page.pdf(format=paper, margin=MARGIN, print_background=True)
        (SHOTS / f"{name}-{paper.lower()}.pdf").write_bytes(pdf)
        sheets[name] = pdf_pages(pdf)
    print(f"\n{paper}: {sheets}")
    assert sheets["desk-card"] == 1
    # One sheet of cases and one of answers per topic.
    assert sheets["training-session"] == 2 * len(TOPIC_ORDER)


def test_printed_session_breaks_pages_only_on_its_own_page(site, page) -> None:
    base, _ = site
    page.goto(base + PAGES["training-session"], wait_until="load")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.training-topic, section.training-key",
        "ss => ss.map(s => getComputedStyle(s).breakBefore)")
    # Cases: every topic but the first; then the answer key, and every key topic but its first.
    n = len(TOPIC_ORDER)
    assert breaks == ["auto"] + ["page"] * (n - 1) + ["page"] + ["auto"] + ["page"] * (n - 1)
    for address in ("handling-requests/", "practice/", "desk-card/"):
        page.goto(base + address, wait_until="load")
        forced = page.eval_on_selector_all(
            "article *", "es => es.filter(e => getComputedStyle(e).breakBefore === 'page').length")
        assert forced == 0, address
