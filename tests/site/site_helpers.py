"""Small helpers shared by the site tests: reading the built HTML, the site's pages, axe-core."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]



def requester_pages() -> list[str]:
    """The decision tables' page for each requester in the engine's vocabulary (generated at
    build time into docs/tables/, so not found by looking at docs/ before a build)."""
    from policy_engine.vocabulary import REQUESTER_IDS
    from site_build.tables import requester_path

    return [requester_path(r) for r in REQUESTER_IDS]


# The pages a visitor can reach, by their address under the site root: one per Markdown source,
# one per requester (the decision tables), then the 404 page.
PAGES = [
    "",
    *sorted(p.stem + "/" for p in (ROOT / "docs").glob("*.md") if p.stem != "index"),
    *requester_pages(),
    "404.html",
]


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page in the built site, as an address relative to the site root."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_file(site_dir: Path, address: str) -> Path:
    is_folder = address == "" or address.endswith("/")
    return site_dir / (address + "index.html" if is_folder else address)


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag, self.attrs, self.line = tag, attrs, line


class PageParser(HTMLParser):
    """Collects ids, elements with their attributes, headings, inline scripts and text by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.elements: list[Element] = []
        self.headings: list[tuple[int, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self._heading: list | None = None
        self.raw = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        self.elements.append(Element(tag, a, self.getpos()[0]))
        if "id" in a:
            self.ids.add(a["id"])
        if a.get("name") and tag == "a":
            self.ids.add(a["name"])
        if tag == "script":
            self._script, self._script_text = a, []
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), []]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        if self._heading is not None:
            self._heading[1].append(data)


def parse_html(html: str) -> PageParser:
    parser = PageParser()
    parser.raw = html
    parser.feed(html)
    return parser


def parse(path: Path) -> PageParser:
    return parse_html(path.read_text(encoding="utf-8"))


def page_ids(path: Path) -> frozenset[str]:
    """The ids on a built page, each version of the page parsed once: link checks look up hundreds
    of anchors in the same few pages."""
    return _ids(path, path.stat().st_mtime_ns)


@functools.cache
def _ids(path: Path, modified_ns: int) -> frozenset[str]:
    return frozenset(parse(path).ids)


def sha256_source(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def csp_of(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert match, "no Content-Security-Policy meta"
    return match.group(1)


def csp_directives(csp: str) -> dict[str, list[str]]:
    out = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


NOTHING_STORED = {"cookie": "", "local": 0, "session": 0, "idb": 0}


def browser_storage(page) -> dict:
    """What the page's origin keeps in the browser: cookies, local/session storage, IndexedDB."""
    return page.evaluate(
        """async () => ({
            cookie: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            idb: (await indexedDB.databases()).length,
        })"""
    )


def run_axe(page, within: str | None = None) -> list[dict]:
    """axe-core's violations on the current page (WCAG 2.0/2.1/2.2 A and AA, and best practices),
    or only inside the first element matching the CSS selector `within`.

    axe is evaluated through DevTools, not injected as a <script>, which the site's CSP rightly
    refuses: the page is judged as visitors get it, CSP and all. Finite transitions end first
    (mid-fade colours are not what a reader sees; Material fades the header title in on scroll)."""
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
        ".map(a => a.finished.catch(() => null)))"
    )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate(
        """async ([tags, within]) => {
            const where = within ? document.querySelector(within) : document;
            if (!where) throw new Error(`nothing on the page matches ${within}`);
            const r = await axe.run(where, {runOnly: {type: "tag", values: tags},
                                            resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(
                    n => n.target.join(" ") + ": " + n.failureSummary)}));
        }""",
        [AXE_TAGS, within],
    )


def pdf_pages(pdf: bytes) -> int:
    """The number of pages in a PDF Chromium printed (each page is one /Type /Page object)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def sideways(page) -> list[str]:
    """What makes the page scroll sideways, or sticks out past the screen's edge inside the
    article (it could be clipped instead): [] when nothing does."""
    return page.evaluate("""() => {
      const root = document.documentElement;
      const wide = root.scrollWidth > root.clientWidth ? [`page ${root.scrollWidth}px`] : [];
      return wide.concat([...document.querySelectorAll('article *')]
        .filter(e => e.getClientRects().length
                     && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + ' ' + e.textContent.slice(0, 40)));
    }""")


CURRENT_CASE = ".practice-case.is-current"


def practice_mid_session(page) -> None:
    """On the practice page: start a session and answer its first case (rightly), so the case's
    answer and the "Next case" button show."""
    page.wait_for_selector("[data-practice-start]:not([hidden])")
    page.locator("[data-practice-session]").first.click()
    current = page.locator(CURRENT_CASE)
    current.locator(f'[data-choice="{current.get_attribute("data-outcome")}"]').click()
