"""Screenshots of the pages and tool states people use, for looking at (not a test).

Builds the site, serves it on loopback and saves into the git-ignored screenshots/ folder, for each
page: a 1280x800 and a 390x844 (phone) view, light and dark, and the page printed to PDF (Letter).
The practice page is also shown mid-session, and the decision tool loading and in each of its five
outcomes, as it is after the last click, and each decision printed. README's small images of the
five outcomes (docs-images/, committed) are cut from the desktop views. Run: `make screenshots`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve  # noqa: E402

SHOTS = ROOT / "screenshots"
README_IMAGES = ROOT / "docs-images"
# Every page of the nav (docs/*.md) and one of the generated decision-table pages.
PAGES = ["", *sorted(p.stem + "/" for p in (ROOT / "docs").glob("*.md") if p.stem != "index"),
         "tables/cardholder/"]
# One desk story per outcome (scenarios/stories.toml), clicked as a person would.
OUTCOME_STORIES = {
    "release": "own-checkouts",
    "deny": "spouse-asks-history",
    "refer_to_director": "police-no-paperwork",
    "outside_policy": "camera-footage",
    "undetermined": "own-history-id-not-checked",
}
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    from scenarios import SCENARIOS
    from tests.site.site_helpers import practice_mid_session
    from tests.tool.tool_helpers import answer_scenario, wait_ready

    stories = {s.id: s for s in SCENARIOS}
    SHOTS.mkdir(exist_ok=True)
    README_IMAGES.mkdir(exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = build_site(Path(tmp) / "site", base)
        server = serve(site_dir, port)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme)
                    page = context.new_page()
                    for address in PAGES:
                        name = (address.strip("/") or "home").replace("/", "-")
                        page.goto(base + address, wait_until="networkidle")
                        save(page, name, size, scheme)
                    page.goto(base + "practice/", wait_until="networkidle")
                    practice_mid_session(page)
                    page.screenshot(path=SHOTS / f"practice-session-{size}-{scheme}.png")
                    page.route("**/*.wasm", lambda route: None)  # held: the loading state
                    page.goto(base + "decide/")
                    page.wait_for_selector("#decide-status:not([hidden])")
                    page.screenshot(path=SHOTS / f"decide-loading-{size}-{scheme}.png")
                    page.unroute("**/*.wasm")
                    page.goto(base + "decide/")
                    wait_ready(page)
                    for outcome, story_id in OUTCOME_STORIES.items():
                        page.click("#decide-start-over")
                        answer_scenario(page, stories[story_id].request())
                        page.wait_for_selector(f"#decide-answer[data-outcome={outcome}]")
                        save(page, f"decide-{outcome}", size, scheme)
                        if size == "desktop":
                            panel = page.locator(".decide-panel").bounding_box()
                            page.screenshot(path=README_IMAGES / f"tool-{outcome}-{scheme}.png",
                                            clip={**panel, "height": min(panel["height"], 420)})
                    context.close()
            browser.close()
        server.shutdown()


def save(page, name: str, size: str, scheme: str) -> None:
    """The view as it is, and (once per page) the page printed to PDF."""
    page.screenshot(path=SHOTS / f"{name}-{size}-{scheme}.png")
    if scheme == "light" and size == "desktop":
        page.emulate_media(media="print")
        page.pdf(path=SHOTS / f"{name}.pdf", format="Letter")
        page.emulate_media(media="screen")
    print(f"saved {name} {size} {scheme}")


if __name__ == "__main__":
    main()
