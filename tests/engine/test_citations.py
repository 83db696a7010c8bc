"""Every citation lands on an anchor of the built site, and its words are there verbatim, and in
the source text the Library supplied (shared/sources), exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_engine.citations import SECTIONS
from policy_engine.rules import CONFIDENTIAL_RECORDS, RULES
from policy_engine.tensions import NOTES
from tests.conftest import ROOT
from tests.html_text import collapse, text_at_anchor

SOURCES = ROOT.parent / "shared" / "sources"
SOURCE_FILE = {"policy": "confidentiality-policy.txt", "iowa_code": "iowa-code-22.md",
               "iowa_bill": "iowa-code-22.md", "iowa_cases": "iowa-cases.md"}

CITATIONS = sorted(
    {c for rule in RULES for c in rule.cites}
    | {c for note in NOTES for c in note.cites}
    | set(CONFIDENTIAL_RECORDS.values()),
    key=lambda c: (c.document.id, c.anchor, c.quote),
)


def _id(citation) -> str:
    return f"{citation.anchor}:{citation.quote[:30]}"


@pytest.fixture(scope="module")
def built_pages(site) -> dict[str, str]:
    _, site_dir = site
    return {page: (Path(site_dir) / page / "index.html").read_text(encoding="utf-8")
            for page in {c.document.page for c in CITATIONS}}


@pytest.mark.parametrize("citation", CITATIONS, ids=_id)
def test_quote_is_on_the_built_page_at_its_anchor(citation, built_pages):
    text = text_at_anchor(built_pages[citation.document.page], citation.anchor)
    assert text is not None, f"no id={citation.anchor} on /{citation.document.page}"
    assert collapse(citation.quote) in text


@pytest.mark.parametrize("citation", CITATIONS, ids=_id)
def test_quote_is_verbatim_in_the_source_text(citation):
    if not SOURCES.is_dir():
        pytest.skip(f"the source texts are not beside this checkout ({SOURCES})")
    source = (SOURCES / SOURCE_FILE[citation.document.id]).read_text(encoding="utf-8")
    # Law sources quote statutes as Markdown block quotes: read them without the "> " marks.
    source = "\n".join(line.removeprefix(">").strip() for line in source.splitlines())
    assert collapse(citation.quote) in collapse(source)


def test_every_cited_anchor_has_a_name_a_trustee_can_cite():
    assert {c.anchor for c in CITATIONS} == set(SECTIONS)


def test_the_policy_page_is_the_source_policy_word_for_word(built_pages):
    if not SOURCES.is_dir():
        pytest.skip(f"the source texts are not beside this checkout ({SOURCES})")
    source = (SOURCES / "confidentiality-policy.txt").read_text(encoding="utf-8")
    paragraphs = [collapse(p.removeprefix("- ")) for block in source.split("\n\n")
                  for p in (block.split("\n- ") if block.startswith("- ") else [block])
                  if p.strip()]
    page = built_pages["policy/"]
    anchors = ["paragraph-1", "paragraph-2", *(f"bullet-{i}" for i in range(1, 6)),
               "paragraph-3", "related-documents"]
    published = [text_at_anchor(page, a) for a in anchors]
    assert published == paragraphs[1:10]
