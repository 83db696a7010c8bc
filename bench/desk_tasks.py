"""Benchmark (not a test): what it costs a staff member to get the answer on screen at the desk.

For five desk stories (scenarios/stories.toml), one per common situation, at a desktop (1280x800)
and a phone (390x844) viewport, in headless Chromium, one run each (the figures are counts, not
timings):

- mouse path: load /decide/, wait for the engine; then for each answer the story needs, in the
  order the form shows the questions (who asks, what they want, then each fact the form shows whose
  story value differs from what the form already holds: a radio already checked, or the engine's
  reading of an unanswered question, `if_not_given`), wait until its radio is shown, scroll the
  least that brings its label fully into view (below Material's sticky header) and click the label.
  After the last click, wait for `#decide-answer[data-outcome=<expected>]`; if a visible
  `[data-outcome-badge]` lies in the viewport, that is the answer on screen; otherwise scroll the
  least that brings the answer's heading (that badge, or `#decide-answer h2`) into view. Counted:
  clicks and pixels scrolled (`window.scrollY` differences), and where the answer was (pixels below
  the viewport's bottom) before that last scroll;
- keyboard path: from the top of the page, Tab into the form, arrow keys within a radio group (the
  shorter way round; an arrow key also chooses), Space to choose the radio focused but not chosen,
  Tab (or Shift+Tab) to the next question needed. Counted: keystrokes until the needed answers are
  given and the expected outcome is set, the pixels the browser scrolled on its own to keep focus in
  view, and whether the answer is then in the viewport without more scrolling.

Which fact questions the form shows after each answer is worked out with the worktree's engine
(`relevant_facts`), as the tool itself does; each radio is still waited for on the page.

Run: `make bench`, `.venv/bin/python bench/desk_tasks.py` (builds and serves the worktree's site),
or `.venv/bin/python bench/desk_tasks.py --base http://127.0.0.1:8000/` for a site already served
(another build, `make serve`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import sys
from dataclasses import dataclass, field

from served_site import built_site  # bench/, first on the path when run as a script

from policy_engine.api import decide_text, vocabulary_dict
from scenarios import SCENARIOS, Scenario
from site_build.form import fact_value
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
READY = "#decide-tool[data-engine-state=ready]"
ENGINE_TIMEOUT_MS = 90_000
SHOWN_TIMEOUT_MS = 15_000
# One story per common desk situation, the first the acceptance story of issue 9.
STORY_IDS = (
    "father-teen-checkouts-no-card",  # a father without the card asks what is out: deny
    "teen-own-history",  # a cardholder with ID asks for her own history: release
    "police-no-paperwork",  # police without papers: refer_to_director
    "card-presented",  # someone with the cardholder's card asks what is checked out: release
    "own-history-id-not-checked",  # nobody has checked his ID yet: undetermined
)


def stories() -> list[Scenario]:
    by_id = {s.id: s for s in SCENARIOS}
    return [by_id[i] for i in STORY_IDS]


def story_value(value: object) -> object:
    return None if value == "unsure" else value


def engine_answers(story: Scenario, fact_order: list[str]) -> list[tuple[str, str]]:
    """(question, value) in the order a person gives them: who asks, what they want, then, each
    time the form has shown the questions that matter for the answers so far, the first in the
    form's order whose story value is not what an unanswered question already counts as."""
    defaults = {f["id"]: f["if_not_given"] for f in vocabulary_dict()["facts"]}
    answers = [("requester", story.requester), ("record", story.record)]
    given: dict[str, object] = {}
    while True:
        request = {"requester": story.requester, "record": story.record, "facts": given}
        shown = decide_text(json.dumps(request))["relevant_facts"]
        todo = [
            f
            for f in fact_order
            if f in shown
            and f in story.facts
            and f not in given
            and story_value(story.facts[f]) != defaults[f]
        ]
        if not todo:
            return answers
        given[todo[0]] = story_value(story.facts[todo[0]])
        answers.append((todo[0], fact_value(given[todo[0]])))


@dataclass
class Figures:
    clicks: int = 0
    keys: int = 0
    scroll_to_click: int = 0
    answer_below: int | None = None  # px below the viewport's bottom, before the last scroll
    scroll_to_answer: int = 0
    mouse_outcome: str = ""
    key_scroll: int = 0
    tabs_to_form: int = 0  # of the keystrokes, those that reach the form's first question
    by_key: dict[str, int] = field(default_factory=dict)  # keystrokes by key: Tab, ArrowDown...
    key_answer_in_view: bool = False
    key_outcome: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def mouse_px(self) -> int:
        return self.scroll_to_click + self.scroll_to_answer

    @property
    def in_view(self) -> bool:
        """Whether the answer was in view after the last click."""
        return self.answer_below == 0


# The part of the viewport a person sees: below a sticky or fixed header (Material's).
VISIBLE_TOP = """() => {
  const h = document.querySelector('.md-header');
  if (!h || !['sticky', 'fixed'].includes(getComputedStyle(h).position)) return 0;
  return Math.max(0, h.getBoundingClientRect().bottom);
}"""
# Where an element is: [top, bottom, visible top of the viewport, visible bottom]. The visible
# bottom is above a bar fixed at the foot of the screen (the tool's answer bar on a phone), unless
# the element is in that bar.
WHERE = """selector => {
  const e = document.querySelector(selector);
  const r = e.getBoundingClientRect();
  let bottom = innerHeight;
  for (let n = document.elementFromPoint(innerWidth / 2, innerHeight - 1); n; n = n.parentElement) {
    if (getComputedStyle(n).position === 'fixed') {
      if (!n.contains(e)) bottom = n.getBoundingClientRect().top;
      break;
    }
  }
  return [r.top, r.bottom, (""" + VISIBLE_TOP + """)(), bottom];
}"""
# The element that shows the outcome: a visible [data-outcome-badge] (one in view if any), else the
# answer's heading. Marked with data-desk-target for the measurements that follow.
ANSWER_TARGET = """outcome => {
  document.querySelectorAll('[data-desk-target]')
    .forEach(e => e.removeAttribute('data-desk-target'));
  const shown = e => e.checkVisibility() && e.getBoundingClientRect().height > 0;
  let badges = [...document.querySelectorAll(`[data-outcome-badge="${outcome}"]`)].filter(shown);
  if (!badges.length) badges = [...document.querySelectorAll('[data-outcome-badge]')].filter(shown);
  const top = (""" + VISIBLE_TOP + """)();
  const inView = e => {
    const r = e.getBoundingClientRect();
    return r.top >= top && r.bottom <= innerHeight;
  };
  const target = badges.find(inView) || badges[0] || document.querySelector('#decide-answer h2');
  if (!target) return null;
  target.setAttribute('data-desk-target', '');
  return target.hasAttribute('data-outcome-badge') ? 'badge' : 'heading';
}"""


def where(page, selector: str) -> tuple[float, float, float, float]:
    return tuple(page.evaluate(WHERE, selector))


def scroll_into_view(page, selector: str) -> int:
    """Scroll the least that brings the element fully into the visible viewport; returns the
    pixels scrolled."""
    top, bottom, visible_top, height = where(page, selector)
    if bottom > height:
        dy = bottom - height
    elif top < visible_top:
        dy = top - visible_top
    else:
        return 0
    before = page.evaluate("() => scrollY")
    page.evaluate("dy => window.scrollBy({top: Math.ceil(Math.abs(dy)) * Math.sign(dy), "
                  "behavior: 'instant'})", dy)
    return abs(round(page.evaluate("() => scrollY") - before))


def radio(name: str, value: str) -> str:
    return f"#q-{name}-{value}"


def wait_shown(page, story: Scenario, name: str, value: str) -> None:
    """Wait until the answer's radio is shown (fact questions appear once they matter)."""
    try:
        page.wait_for_selector(radio(name, value), state="visible", timeout=SHOWN_TIMEOUT_MS)
    except Exception as error:
        raise RuntimeError(
            f"{story.id}: the question {name} (answer {value}) was not shown; does this build's "
            "engine show other questions than the worktree's?"
        ) from error


def load_tool(page, base: str) -> list[str]:
    """Open the tool, wait for the engine; returns the questions' names in the form's order."""
    page.goto(base + "decide/")
    page.wait_for_selector(READY, timeout=ENGINE_TIMEOUT_MS)
    return page.evaluate(
        """() => [...new Set([...document.querySelectorAll('#decide-tool input[type=radio]')]
                             .map(i => i.name))]"""
    )


def wait_outcome(page, expected: str) -> str:
    """Wait for the expected outcome (and the answer settled); returns the outcome shown."""
    with contextlib.suppress(Exception):
        page.wait_for_selector(f"#decide-answer[data-outcome={expected}]", timeout=SHOWN_TIMEOUT_MS)
    page.wait_for_selector("#decide-answer:not([aria-busy=true])", state="attached")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.get_attribute("#decide-answer", "data-outcome") or "(none)"


def mouse_path(page, base: str, story: Scenario, f: Figures) -> None:
    order = load_tool(page, base)
    f.answers = engine_answers(story, [n for n in order if n not in ("requester", "record")])
    for name, value in f.answers:
        selector = radio(name, value)
        wait_shown(page, story, name, value)
        if page.is_checked(selector):  # already chosen (a default the form shows)
            continue
        label = f"label[for='{selector[1:]}']"
        f.scroll_to_click += scroll_into_view(page, label)
        top, bottom, _, _ = where(page, label)
        box = page.locator(label).bounding_box()
        page.mouse.click(box["x"] + min(box["width"] / 2, 20), (top + bottom) / 2)
        f.clicks += 1
        if not page.is_checked(selector):
            hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).outerHTML"
                                ".slice(0, 200)",
                                [box["x"] + min(box["width"] / 2, 20), (top + bottom) / 2])
            raise RuntimeError(f"{story.id}: clicking the label of {selector} did not choose it "
                               f"(the click landed on {hit})")
    f.mouse_outcome = wait_outcome(page, story.outcome)
    kind = page.evaluate(ANSWER_TARGET, story.outcome)
    if kind is None:
        return
    top, bottom, visible_top, height = where(page, "[data-desk-target]")
    # Past the bottom: positive; above the top (under the header): negative; in view: 0.
    f.answer_below = math.ceil(bottom - height) if bottom > height else (
        math.floor(top - visible_top) if top < visible_top else 0)
    f.scroll_to_answer = scroll_into_view(page, "[data-desk-target]")


FOCUS = """() => { const e = document.activeElement;
  return e && e.type === 'radio' ? [e.name, e.value, e.checked] : [null, null, false]; }"""
# Where the focus is against a radio group: -1 before it (in document order), 1 after, 0 in it.
FOCUS_VS = """name => {
  const e = document.activeElement;
  if (e && e.name === name) return 0;
  const first = document.querySelector(`input[type=radio][name="${name}"]`);
  if (!e || e === document.body) return -1;
  return e.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}"""
GROUP = """name => [...document.querySelectorAll(`input[type=radio][name="${name}"]`)]
  .filter(i => !i.disabled && i.checkVisibility()).map(i => i.value)"""


def keyboard_path(page, base: str, story: Scenario, f: Figures) -> None:
    load_tool(page, base)
    scroll = [page.evaluate("() => scrollY")]

    def press(key: str) -> None:
        page.keyboard.press(key)
        f.keys += 1
        f.by_key[key] = f.by_key.get(key, 0) + 1
        y = page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(scrollY)))")
        f.key_scroll += abs(round(y - scroll[0]))
        scroll[0] = y

    for name, value in f.answers:
        wait_shown(page, story, name, value)
        if page.is_checked(radio(name, value)):  # already chosen: nothing to do here
            continue
        for _ in range(300):
            side = page.evaluate(FOCUS_VS, name)
            if side == 0:
                break
            press("Tab" if side < 0 else "Shift+Tab")
        else:
            raise RuntimeError(f"{story.id}: Tab never reached the question {name}")
        if name == "requester":
            f.tabs_to_form = f.keys
        values = page.evaluate(GROUP, name)
        at = values.index(page.evaluate(FOCUS)[1])
        forward = (values.index(value) - at) % len(values)
        steps, key = (forward, "ArrowDown") if forward <= len(values) / 2 else (
            len(values) - forward, "ArrowUp")
        for _ in range(steps):
            press(key)
        if not page.evaluate(FOCUS)[2]:
            press("Space")
        if not page.is_checked(radio(name, value)):
            raise RuntimeError(f"{story.id}: the keyboard did not choose {name}={value}")
    f.key_outcome = wait_outcome(page, story.outcome)
    if page.evaluate(ANSWER_TARGET, story.outcome) is not None:
        top, bottom, visible_top, height = where(page, "[data-desk-target]")
        f.key_answer_in_view = top >= visible_top and bottom <= height


def measure(base: str) -> dict[tuple[str, str], Figures]:
    from playwright.sync_api import sync_playwright

    results: dict[tuple[str, str], Figures] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for viewport, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for story in stories():
                f = results[story.id, viewport] = Figures()
                mouse_path(page, base, story, f)
                keyboard_path(page, base, story, f)
            context.close()
        browser.close()
    return results


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def report(results: dict[tuple[str, str], Figures]) -> None:
    print("Desk tasks: effort to get the answer on screen in /decide/ (headless Chromium, one run)")
    print("Stories and the answers they need (who, what, then facts the form shows):")
    for story in stories():
        f = results[story.id, "desktop"]
        given = ", ".join(v if n in ("requester", "record") else f"{n}={v}" for n, v in f.answers)
        print(f"  {story.id} -> {story.outcome}: {given}")
    header = (
        f"{'story':<40} {'viewport':<8} {'clicks':>6} {'px to click':>11} {'answer px':>9} "
        f"{'px to ans':>9} {'px mouse':>8} {'in view':>7} | {'keys':>4} {'to form':>7} "
        f"{'tab/arrow/space':>15} {'px keys':>7} {'in view':>7} | {'outcome':>7}"
    )
    print()
    print(
        "Mouse: clicks; px scrolled to reach the labels; where the answer was after the last\n"
        "click (px below the viewport's bottom, 0 = in view); px scrolled to it; total px; in\n"
        "view after the last click. Keys: keystrokes, of which Tabs to reach the form's first\n"
        "question, and by kind; px the browser scrolled to follow focus; answer in view at the\n"
        "end. Outcome: ok when both paths ended on the story's outcome."
    )
    print(header)
    print("-" * len(header))
    for viewport in VIEWPORTS:
        rows = [(story, results[story.id, viewport]) for story in stories()]
        for story, f in rows:
            ok = f.mouse_outcome == story.outcome == f.key_outcome
            outcome = "ok" if ok else f"{f.mouse_outcome}/{f.key_outcome}"
            below = "-" if f.answer_below is None else str(f.answer_below)
            k = f.by_key.get
            kinds = (f"{k('Tab', 0) + k('Shift+Tab', 0)}/{k('ArrowDown', 0) + k('ArrowUp', 0)}"
                     f"/{k('Space', 0)}")
            print(
                f"{story.id:<40} {viewport:<8} {f.clicks:>6} {f.scroll_to_click:>11} "
                f"{below:>9} {f.scroll_to_answer:>9} {f.mouse_px:>8} {yes(f.in_view):>7} | "
                f"{f.keys:>4} {f.tabs_to_form:>7} {kinds:>15} {f.key_scroll:>7} "
                f"{yes(f.key_answer_in_view):>7} | {outcome:>7}"
            )

        def total(attribute: str, rows=rows) -> int:
            return sum(int(getattr(f, attribute)) for _, f in rows)

        n = len(rows)
        mouse_in_view = f"{total('in_view')}/{n}"
        keys_in_view = f"{total('key_answer_in_view')}/{n}"
        print(
            f"{'total, ' + viewport:<40} {'':<8} {total('clicks'):>6} "
            f"{total('scroll_to_click'):>11} {'':>9} {total('scroll_to_answer'):>9} "
            f"{total('mouse_px'):>8} {mouse_in_view:>7} | {total('keys'):>4} "
            f"{total('tabs_to_form'):>7} {'':>15} {total('key_scroll'):>7} {keys_in_view:>7} |"
        )
        print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base",
        metavar="URL",
        help="a site already served (its root, e.g. http://127.0.0.1:8000/); "
        "default: build and serve this worktree's site",
    )
    args = parser.parse_args()
    if args.base:
        results = measure(args.base.rstrip("/") + "/")
    else:
        with built_site() as base:
            results = measure(base)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
