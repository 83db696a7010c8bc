"""One small fragment per desk story (scenarios/stories.toml), with the engine's own answer, for
the pages that use stories as examples: `--8<-- "generated/stories/<id>.md"`. A page that tells a
story therefore shows the answer the tool gives, never a copy typed by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import ROOT, write_if_changed
from .form import engine_output
from .outcomes import badge_html


def answers(requests: list[dict]) -> list[dict]:
    """The engine's decisions for `requests`, from one fresh `decide --jsonl` process."""
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    # A bad story is an error line of its own, which write_stories names.
    out = engine_output("decide", "--jsonl", stdin=lines, check=False)
    return [json.loads(line) for line in out.splitlines()]


def story_markdown(story: str, decision: dict) -> str:
    return (f'<div class="story" markdown>\n*{story}*\n\n'
            f"{badge_html(decision['outcome'], decision['outcome_badge'])} "
            f"{decision['next_step']}\n</div>\n")


def write_stories(out: Path) -> list[Path]:
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading its hook
        sys.path.insert(0, str(ROOT))
    import scenarios

    stories = scenarios.load()  # read anew: `mkdocs serve` rebuilds after stories.toml changes
    decisions = answers([s.request() for s in stories])
    changed = []
    for scenario, decision in zip(stories, decisions, strict=True):
        if "error" in decision:
            raise SystemExit(f"story {scenario.id}: {decision['error']}")
        path = out / f"{scenario.id}.md"
        if write_if_changed(path, story_markdown(scenario.story, decision)):
            changed.append(path)
    return changed
