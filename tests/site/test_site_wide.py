"""The whole site, read as built files: navigation by audience, the home page's task cards, a true
"Last updated" date on every page, and no working notes on any public page."""

from __future__ import annotations

import datetime
import html as htmllib
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policy_engine.vocabulary import REQUESTER_IDS
from site_build import dates
from site_build.hosting import read_config
from site_build.tables import PAGES_DIR, requester_slug
from tests.site.site_helpers import ROOT, html_pages, page_file

DOCS = ROOT / "docs"

# Each audience's section of the navigation, and the pages it must hold, in this order. Others may
# be merged in later (the staff training pages and the decision tables go into "For staff").
NAV = {
    "For patrons": ["privacy/", "privacy-handout/"],
    "For staff": ["decide/", "handling-requests/"],
    "For the Board": ["review-notes/", "board-brief/", "board-options/"],
    "The texts": ["policy/", "law/", "glossary/"],
}
# Published addresses that must keep working (files are never moved).
PUBLISHED = ["privacy/", "handling-requests/", "review-notes/", "policy/", "law/", "tables/",
             "decide/"]
# Working notes a public page must never show: build and settings names, research notes. (The
# footer's "Made with Material for MkDocs" is the theme's credit, not a note: "mkdocs" is allowed.)
WORKING_NOTES = ["mkdocs.yml", "extra.", "site_build", "policy_engine", "site_url",
                 "design note", "confidence", "todo", "fixme", "tbd", "working note",
                 "research note", "the project's"]


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        parts = (c if isinstance(c, str) else c.text() for c in self.children)
        return " ".join("".join(parts).split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class TreeBuilder(HTMLParser):
    """A small DOM of a built page (enough for the navigation and the cards)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_endtag(self, tag) -> None:
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data) -> None:
        self.node.children.append(data)


def tree(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def url_of(source: Path) -> str:
    """The address, under the site root, of a page's Markdown source."""
    rel = source.relative_to(DOCS).with_suffix("").as_posix()
    if rel == "index":
        return ""
    return (rel[: -len("index")] if rel.endswith("/index") else rel + "/")


def test_nav_in_mkdocs_yml_groups_pages_by_audience() -> None:
    nav = read_config()["nav"]
    sections = {next(iter(item)): next(iter(item.values())) for item in nav}
    assert next(iter(sections)) == "Home" and sections["Home"] == "index.md"
    assert list(sections)[-1] == "About"
    for label, pages in NAV.items():
        files = [next(iter(p.values())) for p in sections[label] if isinstance(p, dict)]
        flat = [f for f in files if isinstance(f, str)]
        expected = [("index" if p == "" else p.rstrip("/")) + ".md" for p in pages]
        assert flat[: len(expected)] == expected, (label, flat)


def test_built_nav_shows_each_audience_with_its_pages(site) -> None:
    base, site_dir = site
    root = tree(site_dir / "index.html")
    primary = next(n for n in root.walk() if n.tag == "nav"
                   and "md-nav--primary" in n.attrs.get("class", ""))
    labels = {n.attrs["id"]: n.text() for n in primary.walk()
              if n.attrs.get("id", "").endswith("_label")}
    found = {}
    for nav in primary.walk():
        label = labels.get(nav.attrs.get("aria-labelledby", ""))
        if nav.tag == "nav" and label in NAV:
            hrefs = [a.attrs["href"] for a in nav.walk() if a.tag == "a" and "href" in a.attrs]
            found[label] = [h.removeprefix(base).removeprefix("./") for h in hrefs]
    assert set(found) == set(NAV), found
    for label, pages in NAV.items():
        in_order = [h for h in found[label] if h in pages]
        assert in_order == pages, (label, found[label])


def test_home_page_is_task_cards_by_audience(site) -> None:
    _, site_dir = site
    root = tree(site_dir / "index.html")
    article = next(n for n in root.walk() if n.tag == "article")
    headings = [n.text().rstrip("¶").strip() for n in article.walk() if n.tag == "h2"]
    assert headings == ["For library users", "For library staff", "For the Board of Trustees",
                        "The texts"], headings
    grids = [n for n in article.walk() if "task-cards" in n.attrs.get("class", "").split()]
    assert len(grids) == 4
    targets = []
    for grid in grids:
        cards = [li for li in grid.walk() if li.tag == "li"]
        assert len(cards) >= 3
        for card in cards:
            links = [a for a in card.walk() if a.tag == "a"]
            # One link a card, named by its own words (a question or a task), and a line under it.
            assert len(links) == 1, card.text()
            name = links[0].text()
            assert len(name) >= 12 and name in card.text() and len(card.text()) > len(name) + 20
            href = links[0].attrs["href"]
            page, _, anchor = href.partition("#")
            assert page in [*PUBLISHED, "privacy-handout/", "board-brief/", "board-options/",
                            "glossary/", "about/"], href
            if anchor:
                assert f'id="{anchor}"' in page_file(site_dir, page).read_text(), href
            targets.append(href)
    assert "privacy/#police" in targets and "decide/" in targets
    for page in PUBLISHED:
        assert any(t.partition("#")[0] == page for t in targets), page


def test_published_addresses_keep_working(site) -> None:
    _, site_dir = site
    for page in PUBLISHED:
        assert page_file(site_dir, page).is_file(), page


def _shown_date(site_dir: Path, address: str) -> str:
    html = page_file(site_dir, address).read_text(encoding="utf-8")
    lines = re.findall(r'<p class="page-date"[^>]*>(.*?)</p>', html, flags=re.S)
    assert len(lines) == 1, (address, lines)
    return lines[0]


def every_page() -> list[Path]:
    """Every page's Markdown source, the requester pages site_build writes included: a fresh clone
    has none of those until the first build, which comes after the tests are collected."""
    written = {PAGES_DIR / f"{requester_slug(r)}.md" for r in REQUESTER_IDS}
    return sorted(set(dates.pages()) | written)


@pytest.mark.parametrize("source", every_page(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_page_says_when_it_was_last_updated_from_git(site, source: Path) -> None:
    """The date of the last commit touching the page's source, never the build's clock."""
    _, site_dir = site
    shown = _shown_date(site_dir, url_of(source))
    # A generated page (git-ignored) is dated by the engine and the build code it comes from.
    generated = subprocess.run(["git", "check-ignore", "-q", str(source)], cwd=ROOT,
                               check=False).returncode == 0
    paths = ["policy_engine", "site_build"] if generated else [str(source)]
    run = subprocess.run(["git", "log", "-1", "--format=%cs", "--", *paths], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    expected = run.stdout.strip()
    if not expected:
        assert htmllib.unescape(re.sub(r"<[^>]+>", "", shown)) == "Last updated: not recorded."
        return
    day = datetime.date.fromisoformat(expected)
    assert shown == (f'Last updated <time datetime="{expected}">'
                     f"{day:%B} {day.day}, {day.year}</time>."), shown


def test_every_page_source_includes_its_date() -> None:
    """A page without the include would build without a date (the test above would then fail)."""
    for source in dates.pages():
        name = source.relative_to(DOCS).as_posix()
        line = f'--8<-- "generated/fragments/last-updated/{name}"'
        assert source.read_text(encoding="utf-8").rstrip().endswith(line), name


def test_without_git_history_the_date_is_not_recorded(tmp_path: Path) -> None:
    """A tarball has no history: the page says so, rather than showing the build's date."""
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "page.md").write_text("# Page\n")
    (docs / "sub" / "other.md").write_text("# Other\n")
    (docs / "generated").mkdir()
    (docs / "generated" / "fragment.md").write_text("not a page\n")
    out = tmp_path / "out"
    written = dates.write_last_updated(out, docs)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["page.md", "sub/other.md"]
    text = (out / "page.md").read_text()
    assert "not recorded" in text and str(datetime.date.today().year) not in text
    assert "data-search-exclude" in text
    assert dates.write_last_updated(out, docs) == []  # unchanged: nothing rewritten


def test_a_committed_page_gets_its_commit_date(tmp_path: Path) -> None:
    env = {"GIT_AUTHOR_DATE": "2024-02-29T12:00:00Z", "GIT_COMMITTER_DATE": "2024-02-29T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# Page\n")
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=tmp_path, env=env, check=True)
    (docs / "new.md").write_text("# Not committed yet\n")
    dates.write_last_updated(tmp_path / "out", docs)
    assert '<time datetime="2024-02-29">February 29, 2024</time>' in (
        tmp_path / "out" / "page.md").read_text()
    assert "not recorded" in (tmp_path / "out" / "new.md").read_text()


def _note_pattern(note: str) -> str:
    """The note as a whole word (a trailing dot, as in "extra.", may run on into a name)."""
    end = "" if note.endswith(".") else r"(?!\w)"
    return rf"(?<![\w.]){re.escape(note)}{end}"


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_no_working_notes_on_any_public_page(site) -> None:
    """Every page is for the public (none is for engineers: the README is not a page): no build
    or settings names, no research notes, no to-do marks, anywhere a reader can see."""
    _, site_dir = site
    found = []
    for address in html_pages(site_dir):
        if address.startswith("generated/"):
            continue
        text = _visible_text(page_file(site_dir, address).read_text(encoding="utf-8")).lower()
        for note in WORKING_NOTES:
            for match in re.finditer(_note_pattern(note), text):
                context = text[max(0, match.start() - 60):match.end() + 40]
                found.append(f"{address or '/'}: {note!r} in ...{context}...")
    assert not found, "\n".join(found)


def test_the_working_notes_check_catches_a_note() -> None:
    html = "<p>Set <code>extra.library_director</code> in mkdocs.yml (medium confidence). TODO</p>"
    text = _visible_text(html).lower()
    hits = [n for n in WORKING_NOTES if re.search(_note_pattern(n), text)]
    assert set(hits) >= {"mkdocs.yml", "extra.", "confidence", "todo"}, hits
