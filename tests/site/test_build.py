"""The built site, read as files: links and anchors, headings, content contracts. (The strict build
printing no warning: tests/deploy/test_host_configs.py.)"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from site_build.hosting import read_config
from tests.conftest import build_site
from tests.site.site_helpers import (
    PAGES,
    ROOT,
    html_pages,
    page_file,
    page_ids,
    parse,
    requester_pages,
)

# The anchors the decision engine cites: a contract, never to be renamed or removed.
POLICY_ANCHORS = [
    "policy-title", "paragraph-1", "paragraph-2", "bullet-1", "bullet-2", "bullet-3", "bullet-4",
    "bullet-5", "paragraph-3", "related-documents",
]
LAW_ANCHORS = [
    "us-constitution", "amendment-1", "amendment-4", "amendment-14", "iowa-code-22",
    "iowa-code-22-7", "iowa-code-22-7-13", "attorney-general-2006", "iowa-code-22-7-14",
    "iowa-code-22-1-2", "iowa-code-22-2-2", "iowa-code-22-8-1", "iowa-code-599-1", "pending-bills",
    "hf-2136", "ala",
    "ala-code-of-ethics", "ala-library-bill-of-rights", "ala-policy-on-confidentiality",
]


def test_every_nav_page_is_built(site) -> None:
    _, site_dir = site
    built = set(html_pages(site_dir))
    assert set(PAGES) <= built, f"missing: {set(PAGES) - built}"


def test_every_internal_link_and_anchor_resolves(site) -> None:
    base, site_dir = site
    broken = []
    for address in html_pages(site_dir):
        page = parse(page_file(site_dir, address))
        # 404.html is served at any depth, so its links are absolute; resolve from the site root.
        here = urljoin(base, address)
        for el in page.elements:
            for attr in ("href", "src"):
                target = el.attrs.get(attr)
                if not target or target.startswith(("mailto:", "tel:", "data:", "javascript:")):
                    continue
                url = urljoin(here, target)
                if not url.startswith(base):
                    assert urlsplit(url).scheme in ("http", "https"), url
                    continue  # an outside link (never loaded: see the privacy tests)
                parts = urlsplit(url)
                rel = unquote(parts.path[len(urlsplit(base).path):])
                file = page_file(site_dir, rel)
                if not file.is_file():
                    broken.append(f"{address or '/'} line {el.line}: {target} (no file {rel})")
                    continue
                if (
                    parts.fragment
                    and file.suffix == ".html"
                    and parts.fragment not in page_ids(file)
                ):
                    broken.append(f"{address or '/'} line {el.line}: {target} (no anchor)")
    assert not broken, "\n".join(broken)


def test_citation_anchors_exist(site) -> None:
    _, site_dir = site
    assert set(POLICY_ANCHORS) <= parse(site_dir / "policy/index.html").ids
    assert set(LAW_ANCHORS) <= parse(site_dir / "law/index.html").ids


@pytest.mark.parametrize("address", PAGES)
def test_headings_in_order_and_language_set(site, address: str) -> None:
    _, site_dir = site
    page = parse(page_file(site_dir, address))
    assert re.search(r'<html[^>]* lang="en"', page.raw), "lang not set"
    levels = [level for level, _ in page.headings]
    assert levels and levels[0] == 1, page.headings
    assert levels.count(1) == 1, page.headings
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}: {page.headings}"


def _text(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (abbr tags and entities undone)."""
    import html as htmllib

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def _article(html: str) -> str:
    inner = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    return inner.split("</article>", 1)[0]


def _sections(html: str) -> list[tuple[str, str]]:
    """(h2 text, html up to the next h2) for the article of a built page."""
    article = _article(html)
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", article, flags=re.S)
    return [
        (_text(parts[i]).rstrip("¶").strip(), parts[i + 1]) for i in range(1, len(parts) - 1, 2)
    ]


def _anchor_links(fragment: str) -> list[str]:
    return re.findall(r'href="\.\./(?:policy|law)/#([a-z0-9-]+)"', fragment)


def test_every_patron_statement_links_to_the_policy_or_law(site) -> None:
    """Each paragraph of "Your privacy" links to where it comes from; a list may rely on the
    sentence that introduces it. Each question's first-line answer (p.answer) is the short form of
    the cited paragraphs under it (tests/site/test_patron_pages.py checks it against the engine):
    every question must cite."""
    _, site_dir = site
    sections = _sections((site_dir / "privacy/index.html").read_text())
    assert len(sections) >= 8
    cites = re.compile(r'href="\.\./(policy|law|about)/#[a-z0-9-]+"')
    for title, body in sections:
        if title == "This website":
            assert 'href="../about/#your-privacy-on-this-site"' in body
            continue
        for question in re.split(r"(?=<h3)", body)[1:]:
            assert cites.search(question), f"{title}: a question with no citation: {question[:80]}"
        previous = ""
        # Block quotes are the cited words themselves, introduced by a citing paragraph.
        statements = re.sub(r"<blockquote>.*?</blockquote>", "", body, flags=re.S)
        for block in re.findall(r"<p[^>]*>.*?</p>|<ul>.*?</ul>", statements, flags=re.S):
            if block.startswith('<p class="answer"'):
                continue
            if block.startswith("<p"):
                assert cites.search(block) or _text(block).endswith(":"), f"{title}: {_text(block)}"
            else:
                items = re.findall(r"<li>(.*?)</li>", block, flags=re.S)
                assert all(cites.search(i) for i in items) or cites.search(previous), title
            previous = block


def test_every_staff_step_cites_its_paragraph(site) -> None:
    _, site_dir = site
    sections = _sections((site_dir / "handling-requests/index.html").read_text())
    titles = [title for title, _ in sections]
    for needed in ("camera", "legal papers", "cardholder", "police", "exceptions", "everyone"):
        assert any(needed in t.lower() for t in titles), (needed, titles)
    for title, body in sections:
        assert _anchor_links(body), f"step without a citation: {title}"
    police = next(body for title, body in sections if "police" in title.lower())
    assert "Library Director" in police
    assert "do not confirm whether anyone is a library user" in police
    exceptions = next(body for title, body in sections if "exceptions" in title.lower())
    for who in ("parent", "collection agency", "card", "permission", "Staff at work"):
        assert who in exceptions, who


def test_staff_steps_follow_the_engine_and_show_its_answers(site) -> None:
    """The guide's steps are DESIGN.md's readings 1-11 in the engine's order, and every story it
    tells shows the answer the engine gives for it."""
    from policy_engine import decide, parse
    from policy_engine.api import decision_dict
    from policy_engine.rules import RULES
    from policy_engine.vocabulary import OUTCOME_BADGES
    from scenarios import SCENARIOS

    _, site_dir = site
    html = (site_dir / "handling-requests/index.html").read_text()
    numbers = [int(t.split(".")[0]) for t, _ in _sections(html)]
    assert numbers == sorted({rule.reading for rule in RULES}) == list(range(1, 12))
    told = [s for s in SCENARIOS if f"<em>{s.story}</em>" in html.replace("&quot;", '"')]
    assert len(told) >= 11
    for story in told:
        decision = decide(parse(story.request()))
        block = html.split(f"<em>{story.story}</em>")[1].split("</div>")[0]
        assert f"outcome-badge--{decision.outcome.value}" in block, story.id
        assert OUTCOME_BADGES[decision.outcome] in _text(block), story.id
        assert decision_dict(decision)["next_step"] in _text(block), story.id
        assert decision.outcome.value == story.outcome, story.id


def _quotes(html: str) -> list[str]:
    """Each paragraph of each block quote, as text."""
    return [
        _text(p)
        for q in re.findall(r"<blockquote>(.*?)</blockquote>", html, flags=re.S)
        for p in re.findall(r"<p>(.*?)</p>", q, flags=re.S)
    ]


@pytest.mark.parametrize("address", ["review-notes/", "glossary/", "privacy/", "board-options/"])
def test_quoted_words_appear_verbatim_in_the_policy_or_law(site, address: str) -> None:
    """Block quotes, and phrases in double quotes, are the policy's or the law's exact words."""
    _, site_dir = site
    sources = _text((site_dir / "policy/index.html").read_text()) + _text(
        (site_dir / "law/index.html").read_text()
    )
    article = _article((site_dir / address / "index.html").read_text())
    phrases = [q for q in re.findall(r"\"([^\"]*)\"", _text(article)) if len(q) >= 15]
    quoted = _quotes(article) + phrases
    assert quoted
    for q in quoted:
        assert q.strip() in sources, f"not verbatim in the policy or law: {q!r}"


def test_review_notes_show_each_tension_side_by_side(site) -> None:
    from policy_engine.tensions import NOTES

    _, site_dir = site
    html = (site_dir / "review-notes/index.html").read_text()
    sections = _sections(html)
    assert [t for t, _ in sections] == [note.title for note in NOTES]
    for title, body in sections:
        assert body.count('class="side-by-side"') == 1, title
        columns = body.split('class="side-by-side"', 1)[1]
        assert _quotes(columns), f"no quoted text: {title}"
        assert _anchor_links(columns), f"no link to the quoted text: {title}"
        assert "What staff do now" in body and "For the Board:" in body, title
    poole = next(body for title, body in sections if "subpoena" in title.lower())
    assert "Poole" in poole and "Brown v. Johnston" in poole and "counsel" in poole
    for earlier in ("security-camera-policy", "minors-records-bills", "court-order-or-subpoena",
                    "overdue-accounts-and-law-enforcement", "federal-process"):
        assert f'id="{earlier}"' in html, "a published link must keep landing"


def test_home_has_the_three_entry_points(site) -> None:
    _, site_dir = site
    home = (site_dir / "index.html").read_text()
    article = _article(home)
    intro = _text(re.search(r"</h1>\s*<p>(.*?)</p>", article, flags=re.S).group(1))
    assert intro.count(". ") + 1 == 2, intro  # what this is, in two sentences
    for href in ('"privacy/"', '"decide/"', '"handling-requests/"', '"policy/"', '"law/"',
                 '"review-notes/"'):
        assert f"href={href}" in article, href


def test_glossary_abbreviations_have_tooltips_across_the_site(site) -> None:
    _, site_dir = site
    for address in ("law/", "glossary/", "review-notes/", "about/"):
        html = (site_dir / address / "index.html").read_text()
        assert re.search(r'<abbr title="[^"]+">', html), address
    law = (site_dir / "law/index.html").read_text()
    assert '<abbr title="American Library Association">ALA</abbr>' in law
    glossary = _text((site_dir / "glossary/index.html").read_text())
    for term in ("Custodian", "Court order", "Subpoena", "Search warrant",
                 "National security letter", "Minor", "Cardholder"):
        assert term in glossary, term


def test_about_gives_contact_and_says_not_legal_advice(site) -> None:
    _, site_dir = site
    about = _text((site_dir / "about/index.html").read_text())
    assert "805 1st St East, Independence, Iowa 50644" in about
    assert "319-334-2470" in about
    assert "not legal advice" in about
    assert "No cookies" in about


# The pages whose front matter asks for the Library's facts.
FACT_PAGES = [p.stem + "/" for p in sorted((ROOT / "docs").glob("*.md"))
              if "\nlibrary_facts:" in p.read_text().split("\n---\n", 1)[0]]


@pytest.mark.mkdocs
def test_library_facts_say_not_yet_supplied_until_set(site, tmp_path: Path) -> None:
    """The adoption date and the Board roster show on the policy page and the Board brief as the
    Library supplies them, and as "Not yet supplied by the Library" until then: never guessed,
    and on no other page."""
    _, site_dir = site
    assert {"policy/", "board-brief/"} <= set(FACT_PAGES)
    for address in PAGES:
        html = page_file(site_dir, address).read_text()
        if address in FACT_PAGES:
            facts = html.split('id="library-facts"', 1)[1].split("</section>", 1)[0]
            assert _text(facts).count("Not yet supplied by the Library.") >= 3, address
            for label in ("Confidentiality Policy adopted", "Library Board of Trustees"):
                assert label in facts, (address, label)
        else:
            assert "Library facts" not in html and "library-facts" not in html, address

    config = read_config()
    assert {"policy_adopted", "library_director", "board_of_trustees",
            "security_camera_policy_url"} <= set(config["extra"])
    out = build_site(tmp_path / "site", extra={
        **config["extra"],
        "policy_adopted": "TEST-DATE", "library_director": "TEST-DIRECTOR",
        "board_of_trustees": ["TEST-TRUSTEE-1", "TEST-TRUSTEE-2"],
        "security_camera_policy_url": "https://example.org/test-cameras",
    })
    for address in FACT_PAGES:
        html = (out / address / "index.html").read_text()
        for value in ("TEST-DATE", "TEST-DIRECTOR", "TEST-TRUSTEE-1", "TEST-TRUSTEE-2"):
            assert value in html, (address, value)
        assert "Not yet supplied" not in html, address
    policy = (out / "policy/index.html").read_text()
    assert 'href="https://example.org/test-cameras"' in policy
    assert "TEST-DATE" not in (out / "law/index.html").read_text()
    # The decision tool names the Director in a referral (docs/js/decide.js reads this).
    director = '<meta name="library-director" content="TEST-DIRECTOR">'
    assert director in (out / "decide/index.html").read_text()
    assert 'name="library-director"' not in (site_dir / "decide/index.html").read_text()


def test_every_page_has_valid_front_matter_with_title_and_description() -> None:
    """MkDocs silently ignores front matter that is not valid YAML (Zensical refuses to build)."""
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text()
        assert text.startswith("---\n"), path.name
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict) and meta.get("title") and meta.get("description"), path.name


def test_descriptions_reach_the_built_pages(site) -> None:
    _, site_dir = site
    privacy = (site_dir / "privacy/index.html").read_text()
    description = "The Confidentiality Policy in plain language: who"
    assert f'<meta name="description" content="{description}' in privacy


def test_every_abbreviation_is_explained_in_the_glossary(site) -> None:
    _, site_dir = site
    abbreviations = (ROOT / "includes/abbreviations.md").read_text()
    defined = re.findall(r"^\*\[([^\]]+)\]: ", abbreviations, re.M)
    assert len(defined) >= 5
    glossary = (site_dir / "glossary/index.html").read_text()
    terms = {_text(t) for t in re.findall(r"<dt[^>]*>(.*?)</dt>", glossary, flags=re.S)}
    missing = [a for a in defined if a not in terms]
    assert not missing, f"abbreviations with no glossary entry: {missing}"


def test_every_requester_has_a_page_in_the_nav() -> None:
    """The "Decision tables" section: the matrix, then each requester's page in the engine's
    vocabulary order (the pages are generated; the nav is written by hand, so it can drift)."""
    from policy_engine.vocabulary import REQUESTER_IDS

    def sections(items: list) -> list:
        """Every section of the nav, nested ones too, as (title, entries)."""
        found = []
        for item in items:
            if isinstance(item, dict):
                for title, entries in item.items():
                    if isinstance(entries, list):
                        found += [(title, entries), *sections(entries)]
        return found

    (section,) = [entries for title, entries in sections(read_config()["nav"])
                  if title == "Decision tables"]
    files = [next(iter(entry.values())) if isinstance(entry, dict) else entry
             for entry in section]
    assert files == ["tables.md", *(f"tables/{r.replace('_', '-')}.md" for r in REQUESTER_IDS)]


def test_requester_pages_are_in_the_built_nav(site) -> None:
    _, site_dir = site
    html = (site_dir / "index.html").read_text()
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    links = set(re.findall(r'href="(?:\./)?([^"]*)"', nav))  # Zensical writes "./tables/"
    for address in ["tables/", *requester_pages()]:
        assert address in links, address
