"""The decision tool's question form, generated from the engine's vocabulary (never written twice).

The HTML is complete before any script runs: who is asking, what they want, then every fact
question, hidden until the engine says it matters (the browser script shows the relevant ones).
Radio values are the vocabulary ids; a fact's "I'm not sure" (null) is the value `unknown`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path

from . import write_if_changed


def engine_output(*args: str, stdin: str | None = None, check: bool = True) -> str:
    """Run `python -m policy_engine ARGS` (with `stdin`, if given) and return what it prints;
    `check`: a bad-input exit status (2) raises.

    A fresh process, not an import: under `mkdocs serve` the hook runs in one long-lived process,
    and an imported engine would keep its old rules after an edit.
    """
    from .wheel import package_dir

    env = {**os.environ, "PYTHONPATH": str(package_dir().parent)}
    return subprocess.run(
        [sys.executable, "-m", "policy_engine", *args],
        input=stdin,
        check=check,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def engine_cli(*args: str) -> object:
    """Run `python -m policy_engine ARGS` and parse its JSON output."""
    return json.loads(engine_output(*args))


def vocabulary() -> dict:
    """The engine's vocabulary (`vocabulary_json()`): requesters, records, facts, outcomes."""
    return engine_cli("vocabulary")


def fact_value(value: object) -> str:
    """The form and URL spelling of a fact's value: true, false, unknown (null) or the id itself."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _choice(name: str, value: str, label: str, help_text: str = "") -> str:
    ident = f"q-{name}-{value}"
    described = f' aria-describedby="{ident}-help"' if help_text else ""
    hint = (
        f'<span class="decide-hint" id="{ident}-help">{escape(help_text)}</span>'
        if help_text
        else ""
    )
    return (
        f'<div class="decide-choice"><input type="radio" name="{name}" id="{ident}" '
        f'value="{escape(value)}"{described}>'
        f'<label for="{ident}">{escape(label)}</label>{hint}</div>'
    )


def _group(name: str, legend: str, help_text: str, choices: list[str], fact: bool) -> str:
    attrs = f' data-fact="{name}" hidden' if fact else f' data-question="{name}"'
    help_html = ""
    if help_text:
        help_html = f'<p class="decide-help" id="q-{name}-help">{escape(help_text)}</p>'
        attrs += f' aria-describedby="q-{name}-help"'
    return (
        f'<fieldset class="decide-q{" decide-fact" if fact else ""}"{attrs}>'
        f"<legend>{escape(legend)}</legend>{help_html}"
        f'<div class="decide-choices">{"".join(choices)}</div></fieldset>'
    )


def form_html(vocab: dict, engine: dict[str, str], download_bytes: tuple[int, int]) -> str:
    """The tool's form. `engine`: the worker's files as data attributes (URLs from the site's root
    and their SHA-256 hashes); `download_bytes`: what a first visit moves over the wire, without
    and with the snapshot."""
    groups = [
        _group(
            "requester",
            "Who is asking?",
            "",
            [
                _choice("requester", r["id"], r["label"], r.get("help", ""))
                for r in vocab["requesters"]
            ],
            fact=False,
        ),
        _group(
            "record",
            "What do they want to know?",
            "",
            [_choice("record", r["id"], r["label"], r.get("help", "")) for r in vocab["records"]],
            fact=False,
        ),
    ]
    for f in vocab["facts"]:
        choices = [_choice(f["id"], fact_value(v["value"]), v["label"]) for v in f["values"]]
        help_text = f.get("help", "")
        default = f.get("if_not_given")
        if default is not None:  # the engine reads an unanswered question this way: say so
            label = next(v["label"] for v in f["values"] if v["value"] == default)
            help_text = f"{help_text} Left unanswered, this counts as “{label}”.".strip()
        groups.append(_group(f["id"], f["question"], help_text, choices, fact=True))
    outcomes = json.dumps({o["id"]: o["label"] for o in vocab["outcomes"]})
    # One line per block, no blank lines: Markdown passes the whole <div> through untouched.
    return "\n".join(
        [
            '<div id="decide-tool" class="decide-tool" data-engine-state="loading" '
            + "".join(f'data-{name}="{escape(value)}" ' for name, value in engine.items())
            + f'data-outcomes="{escape(outcomes)}">',
            '<div class="decide-status" id="decide-status">'
            '<label for="decide-progress" id="decide-progress-label">'
            "Starting the decision engine in your browser. You can answer the questions meanwhile. "
            f"The first time, this downloads about {download_bytes[0] / 1e6:.0f} MB "
            f"(on a fast connection {download_bytes[1] / 1e6:.0f} MB, to start sooner)."
            "</label>"
            '<progress id="decide-progress"></progress>'
            '<p class="decide-error" id="decide-error" role="alert" hidden></p>'
            "</div>",
            '<p class="decide-message" id="decide-message" role="alert" hidden></p>',
            '<form id="decide-form" class="decide-form" novalidate>',
            *groups,
            '<p class="decide-pending" id="decide-pending" hidden>'
            "More questions appear here when the engine is ready.</p>",
            '<div class="decide-actions">'
            '<button type="reset" class="md-button" id="decide-start-over">Start over</button> '
            '<button type="button" class="md-button" id="decide-print" hidden>'
            "Print this decision</button>"
            "</div>",
            "</form>",
            '<section id="decide-answer" class="decide-answer" data-outcome="" '
            'aria-labelledby="decide-answer-heading" tabindex="-1" hidden></section>',
            '<div id="decide-live" class="decide-visually-hidden" role="status" '
            'aria-live="polite"></div>',
            "</div>",
            "",
        ]
    )


def write_form(
    path: Path,
    vocab: dict,
    engine: dict[str, str],
    download_bytes: tuple[int, int],
) -> list[Path]:
    """Write the form (see form_html)."""
    html = form_html(vocab, engine, download_bytes)
    return [path] if write_if_changed(path, html) else []
