"""Reading the text a visitor sees at an anchor of a built page."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (permalink symbols removed)."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def text_at_anchor(page_html: str, anchor: str) -> str | None:
    """The text a citation link lands on: the element with that id, or a heading's section."""
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(anchor)}"[^>]*>', page_html)
    if match is None:
        return None
    tag, start = match.group(1), match.end()
    if re.fullmatch(r"h[1-6]", tag):
        level = int(tag[1])
        end = re.compile(rf"<h[1-{level}][\s>]").search(page_html, start)
        return plain(page_html[start:end.start() if end else len(page_html)])
    end = page_html.find(f"</{tag}>", start)
    return plain(page_html[start:end])
