"""Benchmark (not a test): the decision tool in headless Chromium on 127.0.0.1.

Prints medians of RUNS runs, cold (a first visit: a fresh browser profile, empty cache) and warm
(the same profile, visited again), and the ratios the design sets as targets (DESIGN.md section 7):

- engine ready: navigation to "engine ready" on /decide/ vs a bare page whose worker only runs
  loadPyodide() from the same Pyodide files and the full standard library, starting Python the
  ordinary way (target <= 0.6 on loopback); the tool's worker loads the trimmed, compiled standard
  library instead (site_build/stdlib.py). The same two visits under Chromium's network throttling
  (CDP Network.emulateNetworkConditions) at 10 Mbps / 40 ms (target <= 1.0) and 1.6 Mbps / 150 ms,
  fewer runs;
- form usable on /decide/ vs a plain page's load (/policy/, load event end) (target <= 1.2);
- change-to-answer latency once ready (target median <= 50 ms), and a return visit to the tool via
  instant navigation (no Pyodide restart);
- the longest main-thread task from the moment the form is usable (after first paint and Material's
  own start-up) to engine ready (target <= 50 ms), with the bare page's for comparison;
- bytes over the wire and requests for the tool page (until ready; a first visit: target <= 6 MB)
  and for a plain page.

The server sends `Cache-Control: max-age=31536000, immutable` for the versioned Pyodide path and
the content-hashed engine wheel, and the precompressed .br or .gz sibling of a file with
Content-Encoding when Chromium accepts it (tests/conftest.py SiteHandler), as a production host
should. Run: `make bench` or `.venv/bin/python bench/tool.py`.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path
from statistics import median

from served_site import ROOT, built_site  # bench/, first on the path when run as a script

from site_build.precompress import write_siblings
from site_build.runtime import FULL_STDLIB, pyodide_version
from tests.conftest import launch_with_profile
from tests.tool.tool_helpers import engine_phases

RUNS = 9
# Visits in one browser profile: a first visit, then a return visit (Pyodide's files in the cache).
VISITS = ("cold", "warm")
# (label, Mbit/s, round-trip ms, runs): throttled runs are slow, and vary less with the machine.
LINKS = (("10 Mbps / 40 ms", 10, 40, 3), ("1.6 Mbps / 150 ms", 1.6, 150, 1))
# Time on each page before leaving it, the same for every kind of page: Chromium writes compiled
# WebAssembly and JavaScript to its code cache in the background, after the page is ready.
SETTLE_MS = 1500
TIMEOUT_MS = 120_000
# Collect main-thread long tasks from the very start of each page load.
LONGTASKS = """
window.__longtasks = [];
new PerformanceObserver(list => window.__longtasks.push(...list.getEntries().map(
  e => ({start: e.startTime, duration: e.duration})))).observe({type: "longtask", buffered: true});
"""


def mark(page, name: str) -> float:
    page.wait_for_function(
        "n => performance.getEntriesByName(n).length > 0", arg=name, timeout=TIMEOUT_MS
    )
    return page.evaluate("n => performance.getEntriesByName(n)[0].startTime", name)


def load_event_end(page) -> float:
    page.wait_for_function("() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0")
    return page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")


class Traffic:
    """Requests and bytes (headers and bodies) a page causes, its workers' included."""

    def __init__(self, context) -> None:
        self.requests: list = []
        context.on("requestfinished", lambda r: self.requests.append(r))

    def reset(self) -> None:
        self.requests.clear()

    def totals(self) -> tuple[int, int, int]:
        """(requests, bytes over the wire, Pyodide bytes)."""
        total = pyodide = 0
        for r in self.requests:
            sizes = r.sizes()
            n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            total += n
            if "/generated/pyodide/" in r.url:
                pyodide += n
        return len(self.requests), total, pyodide


@contextlib.contextmanager
def fresh_profile(pw):
    """A browser with a new, empty profile (a first-time visitor); visiting again in it is warm."""
    with tempfile.TemporaryDirectory() as profile:
        context = launch_with_profile(pw, profile)
        context.add_init_script(LONGTASKS)
        try:
            yield context, context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def longest_task(page, start_mark: str, end_mark: str) -> float:
    """The longest main-thread task overlapping the span between two marks (0: none over 50 ms)."""
    return page.evaluate(
        """([a, b]) => {
          const t0 = performance.getEntriesByName(a)[0].startTime;
          const t1 = performance.getEntriesByName(b)[0].startTime;
          return Math.max(0, ...window.__longtasks
            .filter(t => t.start + t.duration > t0 && t.start < t1).map(t => t.duration));
        }""",
        [start_mark, end_mark],
    )


def bench(pw, base: str) -> dict[str, list[float]]:
    f: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        f.setdefault(key, []).append(value)

    tool_url = base + "decide/?requester=parent_or_guardian&record=overdue_account"
    answered = "#decide-answer[data-outcome]:not([data-outcome=''])"

    def bare_page() -> None:
        with fresh_profile(pw) as (context, page):
            traffic = Traffic(context)
            for kind in VISITS:
                traffic.reset()
                page.goto(base + "bench-bare/")
                add(f"bare_{kind}", mark(page, "bare-ready"))
                add(f"bare_worker_start_{kind}", mark(page, "bare-worker-start"))
                add(
                    f"bare_phase_pyodide_{kind}",
                    page.evaluate(
                        "() => performance.getEntriesByName('bare-ready')[0].detail.pyodide"
                    ),
                )
                add(
                    f"bare_longest_task_{kind}",
                    longest_task(page, "first-contentful-paint", "bare-ready"),
                )
                add(f"bare_requests_{kind}", traffic.totals()[0])
                page.wait_for_timeout(SETTLE_MS)  # a visitor stays a moment; caches get written
                page.goto("about:blank")

    def tool_page() -> None:
        with fresh_profile(pw) as (context, page):
            traffic = Traffic(context)
            for kind in VISITS:
                traffic.reset()
                page.goto(tool_url)
                add(f"tool_{kind}", mark(page, "decide-engine-ready"))
                add(f"worker_start_{kind}", mark(page, "decide-worker-start"))
                for phase, ms in engine_phases(page).items():
                    if phase != "returnVisit":
                        add(f"phase_{phase}_{kind}", ms)
                add(f"form_usable_{kind}", mark(page, "decide-form-usable"))
                page.wait_for_selector(answered)
                page.wait_for_timeout(200)
                requests, size, pyodide = traffic.totals()
                add(f"tool_requests_{kind}", requests)
                add(f"tool_bytes_{kind}", size)
                add(f"tool_pyodide_bytes_{kind}", pyodide)
                add(
                    f"longest_task_{kind}",
                    longest_task(page, "decide-form-usable", "decide-engine-ready"),
                )
                if kind == "warm":
                    add("change_to_answer", median(page.evaluate(CHANGES)))
                    # Return visit: instant navigation to the policy and back, until answered.
                    page.click("a.md-nav__link[href$='policy/']")
                    page.wait_for_selector("#bullet-1")
                    page.evaluate("() => { window.__back = performance.now(); }")
                    page.go_back()
                    page.wait_for_selector(answered)
                    add("return_visit", page.evaluate("() => performance.now() - window.__back"))
                page.wait_for_timeout(SETTLE_MS)  # a visitor stays a moment; caches get written
                page.goto("about:blank")

    def plain_page() -> None:
        with fresh_profile(pw) as (context, page):
            traffic = Traffic(context)
            for kind in ("cold", "warm"):
                traffic.reset()
                page.goto(base + "policy/")
                add(f"plain_{kind}", load_event_end(page))
                page.wait_for_timeout(200)
                requests, size, pyodide = traffic.totals()
                add(f"plain_requests_{kind}", requests)
                add(f"plain_bytes_{kind}", size)
                add(f"plain_pyodide_bytes_{kind}", pyodide)
                page.wait_for_timeout(SETTLE_MS)  # a visitor stays a moment; caches get written
                page.goto("about:blank")

    def throttled(label: str, mbps: float, rtt_ms: int, url: str, ready: str) -> None:
        """A first visit (cold) and a return visit (warm) over a throttled link: engine ready,
        bytes."""
        with fresh_profile(pw) as (context, page):
            traffic = Traffic(context)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": rtt_ms,
                    "downloadThroughput": mbps * 1e6 / 8,
                    "uploadThroughput": mbps * 1e6 / 8,
                },
            )
            for kind in VISITS:
                traffic.reset()
                page.goto(url, timeout=TIMEOUT_MS)
                add(f"{label}_{ready}_{kind}", mark(page, ready))
                page.wait_for_timeout(SETTLE_MS)  # as on loopback: caches get written
                add(f"{label}_bytes_{ready}_{kind}", traffic.totals()[1])
                page.goto("about:blank")

    for run in range(RUNS):
        # The three kinds of page interleaved, bare and tool in alternating order, so that changes
        # in the machine's load (other processes) hit them alike.
        order = (bare_page, tool_page) if run % 2 == 0 else (tool_page, bare_page)
        for measure in (*order, plain_page):
            measure()
    for label, mbps, rtt_ms, runs in LINKS:
        for run in range(runs):
            pages = [(base + "bench-bare/", "bare-ready"), (tool_url, "decide-engine-ready")]
            for url, ready in pages if run % 2 == 0 else reversed(pages):
                throttled(label, mbps, rtt_ms, url, ready)
    return f


# Run in the page: 20 changes of one answer, each timed from the click to the answer's update.
CHANGES = """async () => {
  const answer = document.querySelector('#decide-answer');
  const times = [];
  for (let i = 0; i < 20; i++) {
    const input = document.querySelector(i % 2 ? '#q-cardholder_is_minor-true'
                                                : '#q-cardholder_is_minor-false');
    const done = new Promise(resolve => new MutationObserver((_, obs) => {
      if (answer.getAttribute('aria-busy') === 'false') { obs.disconnect(); resolve(); }
    }).observe(answer, {attributes: true, attributeFilter: ['aria-busy']}));
    const t0 = performance.now();
    input.click();
    await done;
    await new Promise(requestAnimationFrame);  // until the answer is painted
    times.push(performance.now() - t0);
  }
  return times;
}"""


def report(f: dict[str, list[float]]) -> None:
    m = {k: median(v) for k, v in f.items()}

    def row(label: str, value: str, target: str = "") -> None:
        print(f"  {label:<58} {value:>14}  {target}")

    def ok(flag: bool) -> str:
        return "ok" if flag else "MISSED"

    def ratio_rows(
        base: tuple[str, str], measured: tuple[str, str], ratio: str, target: str, kinds=VISITS
    ):
        """Both figures and their ratio against its target, for each kind of visit."""
        for kind in kinds:
            for label, key in (base, measured):
                row(f"{label}, {kind}", f"{m[f'{key}_{kind}']:.0f} ms")
            r = m[f"{measured[1]}_{kind}"] / m[f"{base[1]}_{kind}"]
            ok_ = ok(r <= float(target))
            row(f"ratio {ratio}, {kind}", f"{r:.2f}", f"target <= {target} {ok_}")

    print(f"Decision tool benchmark: headless Chromium, 127.0.0.1, medians of {RUNS} runs")
    print("Engine ready (navigation start to ready); cold: first visit, warm: second")
    ratio_rows(
        ("bare Pyodide boot page", "bare"), ("tool page /decide/", "tool"), "tool / bare", "0.6"
    )
    for kind in VISITS:
        row(
            f"  tool, {kind}: worker created at / Pyodide boot / wheel unpack / engine import",
            f"{m[f'worker_start_{kind}']:.0f} / {m[f'phase_pyodide_{kind}']:.0f} / "
            f"{m[f'phase_unpack_{kind}']:.0f} / {m[f'phase_import_{kind}']:.0f} ms",
        )
        row(
            f"  bare, {kind}: worker created at / Pyodide boot",
            f"{m[f'bare_worker_start_{kind}']:.0f} / {m[f'bare_phase_pyodide_{kind}']:.0f} ms",
        )
    for label, _, _, runs in LINKS:
        print(f"Throttled link {label}, median of {runs} run(s)")
        for kind in VISITS:
            bare, tool = m[f"{label}_bare-ready_{kind}"], m[f"{label}_decide-engine-ready_{kind}"]
            row(f"bare Pyodide boot page, {kind}: ready / MB", f"{bare:.0f} ms / "
                f"{m[f'{label}_bytes_bare-ready_{kind}'] / 1e6:.2f}")
            row(f"tool page /decide/, {kind}: ready / MB", f"{tool:.0f} ms / "
                f"{m[f'{label}_bytes_decide-engine-ready_{kind}'] / 1e6:.2f}")
            row(f"ratio tool / bare, {kind}", f"{tool / bare:.2f}",
                f"target <= 1.0 {ok(tool <= bare)}")
    print("Form usable before Python")
    ratio_rows(
        ("plain page /policy/ load event end", "plain"),
        ("tool form usable", "form_usable"),
        "form usable / plain page",
        "1.2",
        ("cold", "warm"),
    )
    print("Once ready")
    row(
        "change to answer on screen (median of 20, median of runs)",
        f"{m['change_to_answer']:.1f} ms",
        f"target <= 50 ms {ok(m['change_to_answer'] <= 50)}",
    )
    row(
        "return visit via instant navigation, to the answer",
        f"{m['return_visit']:.0f} ms",
        f"(cold start: {m['tool_cold']:.0f} ms)",
    )
    print("Main thread while the engine starts (form usable to ready; bare: first paint to ready)")
    for kind in VISITS:
        v = m[f"longest_task_{kind}"]
        row(
            f"longest task, tool, {kind} (0 = none over 50 ms)",
            f"{v:.0f} ms",
            f"target <= 50 ms {ok(v <= 50)}",
        )
        row(
            f"  for comparison: bare Pyodide page, {kind}",
            f"{m[f'bare_longest_task_{kind}']:.0f} ms",
        )
    print("Weight (requests include those answered from the browser cache; MB over the wire)")
    for kind, visit in zip(VISITS, ("first", "second"), strict=True):
        row(
            f"tool page until ready, {kind} ({visit} visit): requests / MB",
            f"{m[f'tool_requests_{kind}']:.0f} / {m[f'tool_bytes_{kind}'] / 1e6:.2f}",
            f"(Pyodide {m[f'tool_pyodide_bytes_{kind}'] / 1e6:.2f} MB)"
            + (f" target <= 6 {ok(m['tool_bytes_cold'] <= 6e6)}" if kind == "cold" else ""),
        )
    row(
        "plain page /policy/, cold: requests / MB",
        f"{m['plain_requests_cold']:.0f} / {m['plain_bytes_cold'] / 1e6:.2f}",
        f"Pyodide bytes: {m['plain_pyodide_bytes_cold']:.0f}",
    )
    row(
        "plain page /policy/, warm: requests / MB",
        f"{m['plain_requests_warm']:.0f} / {m['plain_bytes_warm'] / 1e6:.2f}",
    )
    row(
        "bare Pyodide boot page: requests cold / warm",
        " / ".join(f"{m[f'bare_requests_{kind}']:.0f}" for kind in VISITS),
    )


def main() -> int:
    from playwright.sync_api import sync_playwright

    def add_bare(site_dir: Path) -> None:
        bare = site_dir / "bench-bare"
        shutil.copytree(ROOT / "bench" / "bare", bare)
        (bare / "bare.mjs").write_text(
            (bare / "bare.mjs").read_text().replace("VERSION", pyodide_version())
        )
        shutil.copy(FULL_STDLIB, bare / FULL_STDLIB.name)
        write_siblings([bare / FULL_STDLIB.name], [])  # compressed as the tool's files are

    with built_site(add_bare) as base, sync_playwright() as pw:
        figures = bench(pw, base)
    report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
