"""Screenshots of the pages and tool states people use, for looking at (not a test).

Builds the site, serves it on loopback and saves into the git-ignored screenshots/ folder, for each
page: a 1280x800 and a 390x844 (phone) view, light and dark, and the page printed to PDF (Letter).
The decision tool is shown answered, at the top of its answer. Run: `make screenshots`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve  # noqa: E402

SHOTS = ROOT / "screenshots"
PAGES = ["", "privacy/", "handling-requests/", "review-notes/", "law/", "tables/",
         "tables/cardholder/", "glossary/",
         "policy/"]
TOOL = ("decide/?requester=parent_or_guardian&record=overdue_account&legal_process=none"
        "&formal_records_request=false&emergency=false&court_order_limits_requester=false"
        "&cardholder_is_minor=true&identity_confirmed=true")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
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
                    for address in [*PAGES, TOOL]:
                        name = (address.split("?")[0].strip("/") or "home").replace("/", "-")
                        page.goto(base + address, wait_until="networkidle")
                        if address == TOOL:
                            page.wait_for_selector("#decide-answer:not([hidden])", timeout=60_000)
                            page.screenshot(path=SHOTS / f"{name}-{size}-{scheme}-form.png")
                            page.locator("#decide-answer").scroll_into_view_if_needed()
                        page.screenshot(path=SHOTS / f"{name}-{size}-{scheme}.png")
                        if scheme == "light" and size == "desktop":
                            page.emulate_media(media="print")
                            page.pdf(path=SHOTS / f"{name}.pdf", format="Letter")
                            page.emulate_media(media="screen")
                        print(f"saved {name} {size} {scheme}")
                    context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
