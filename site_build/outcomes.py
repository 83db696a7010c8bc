"""The outcome badge: one look for each outcome wherever it appears (decision tables, stories,
practice cases; docs/js/decide.js draws the same markup in the tool). Colour and icon come from
docs/assets/stylesheets/outcomes.css; the words from the engine's vocabulary."""

from __future__ import annotations

from html import escape


def badge_html(outcome: str, badge: str, attrs: str = "") -> str:
    """`<span class="outcome-badge outcome-badge--<outcome>">` with the badge's words: the icon
    is drawn by CSS and hidden from screen readers, so the words alone are read out."""
    extra = f" {attrs}" if attrs else ""
    return (f'<span class="outcome-badge outcome-badge--{escape(outcome)}"{extra}>'
            f"{escape(badge)}</span>")


def badges(vocab: dict) -> dict[str, str]:
    """Each outcome id's badge, from `vocab` (the engine's vocabulary)."""
    return {o["id"]: badge_html(o["id"], o["badge"]) for o in vocab["outcomes"]}
