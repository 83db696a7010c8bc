"""The decision tool's question form, generated from the engine's vocabulary (never written twice).

The HTML is complete before any script runs: who is asking, what they want, then every fact
question, hidden until the engine says it matters (the browser script shows the relevant ones).
Radio values are the vocabulary ids; a fact's "I'm not sure" (null) is the value `unknown`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path

from . import ROOT, write_if_changed

# Kept between builds (git-ignored); see cached_engine_cli.
CACHE = ROOT / ".cache" / "site_build"


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


def engine_source_key() -> str:
    """A hash of the engine's source files (names and contents): what its answers depend on."""
    from .wheel import package_dir

    digest = hashlib.sha256()
    for path in sorted(package_dir().rglob("*.py")):
        digest.update(path.relative_to(package_dir()).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cached_engine_cli(*args: str) -> object:
    """`engine_cli(*args)`, kept in the git-ignored .cache/ under a hash of the engine's source:
    for the commands that decide every row of the decision tables (seconds each, tens of seconds
    on a busy machine), which every build needs and which change only with the engine."""
    cache = CACHE / f"engine-{'-'.join(args)}.json"
    key = engine_source_key()
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept.get("engine") == key:
            return kept["output"]
    except (OSError, ValueError, AttributeError):
        pass
    output = engine_cli(*args)
    write_if_changed(cache, json.dumps({"engine": key, "output": output}))
    return output


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


# The records, grouped as staff think of them (the engine's order within each group). Every record
# of the vocabulary must be in exactly one group: a new one stops the build until it is placed.
RECORD_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Borrowing", ("items_checked_out", "borrowing_history", "holds_and_requests",
                   "interlibrary_loans")),
    ("Their account", ("overdue_account", "registration_details")),
    ("Their use of the Library", ("internet_and_database_use", "reference_questions",
                                  "program_attendance", "program_photos", "patron_whereabouts")),
    ("Other records", ("public_contact_info", "security_camera_footage",
                       "aggregate_statistics")),
)


def grouped_records(records: list[dict]) -> list[tuple[str, list[dict]]]:
    """`records` (the vocabulary's) in RECORD_GROUPS; raises if one is missing or unknown."""
    by_id = {r["id"]: r for r in records}
    placed = [rid for _, ids in RECORD_GROUPS for rid in ids]
    if sorted(placed) != sorted(by_id):
        missing, unknown = sorted(set(by_id) - set(placed)), sorted(set(placed) - set(by_id))
        raise SystemExit("site_build/form.py RECORD_GROUPS does not list each record exactly "
                         f"once: missing {missing}, unknown {unknown}")
    return [(title, [by_id[rid] for rid in ids]) for title, ids in RECORD_GROUPS]


def _choice(name: str, value: str, label: str, help_text: str = "", checked: bool = False) -> str:
    ident = f"q-{name}-{value}"
    described = f' aria-describedby="{ident}-help"' if help_text else ""
    hint = (
        f'<span class="decide-hint" id="{ident}-help">{escape(help_text)}</span>'
        if help_text
        else ""
    )
    return (
        f'<div class="decide-choice"><input type="radio" name="{name}" id="{ident}" '
        f'value="{escape(value)}"{described}{" checked" if checked else ""}>'
        f'<label for="{ident}">{escape(label)}</label>{hint}</div>'
    )


def _group(name: str, legend: str, help_text: str, choices: str, fact: bool,
           default: str | None = None) -> str:
    attrs = f' data-fact="{name}" hidden' if fact else f' data-question="{name}"'
    if default is not None:
        attrs += f' data-default="{escape(default)}"'
    help_html = ""
    if help_text:
        help_html = f'<p class="decide-help" id="q-{name}-help">{escape(help_text)}</p>'
        attrs += f' aria-describedby="q-{name}-help"'
    # Short answers (Yes, No, I'm not sure) sit on one line; long ones in columns.
    shape = "decide-choices--inline" if fact else "decide-choices--columns"
    return (
        f'<fieldset class="decide-q{" decide-fact" if fact else ""}"{attrs}>'
        f"<legend>{escape(legend)}</legend>{help_html}"
        f'<div class="decide-choices {shape}">{choices}</div></fieldset>'
    )


def _record_choices(records: list[dict]) -> str:
    """The record question's choices, under a small heading per group (RECORD_GROUPS)."""
    parts = []
    for n, (title, members) in enumerate(grouped_records(records), start=1):
        ident = f"q-record-group-{n}"
        parts.append(
            f'<div class="decide-subgroup" role="group" aria-labelledby="{ident}">'
            f'<p class="decide-subgroup-title" id="{ident}">{escape(title)}</p>'
            + "".join(_choice("record", r["id"], r["label"], r.get("help", "")) for r in members)
            + "</div>"
        )
    return "".join(parts)


def form_html(vocab: dict, engine: dict[str, str], load_bytes: int) -> str:
    """The tool's form and its answer panel. `engine`: the worker's files as data attributes (URLs
    from the site's root and their SHA-256 hashes); `load_bytes`: what the worker reads before it
    is ready (its progress bar's length)."""
    groups = [
        _group(
            "requester",
            "Who is asking?",
            "",
            "".join(_choice("requester", r["id"], r["label"], r.get("help", ""))
                    for r in vocab["requesters"]),
            fact=False,
        ),
        _group("record", "What do they want to know?", "", _record_choices(vocab["records"]),
               fact=False),
    ]
    for f in vocab["facts"]:
        default = f.get("if_not_given")
        help_text = f.get("help", "")
        default_value = None
        if default is not None:  # the engine reads an unanswered question this way: show it chosen
            default_value = fact_value(default)
        choices = "".join(
            _choice(f["id"], fact_value(v["value"]), v["label"],
                    checked=fact_value(v["value"]) == default_value)
            for v in f["values"])
        groups.append(_group(f["id"], f["question"], help_text, choices, fact=True,
                             default=default_value))
    outcomes = json.dumps({o["id"]: {"label": o["label"], "badge": o["badge"]}
                           for o in vocab["outcomes"]})
    # One line per block, no blank lines: Markdown passes the whole <div> through untouched.
    return "\n".join(
        [
            '<div id="decide-tool" class="decide-tool" data-engine-state="loading" '
            + "".join(f'data-{name}="{escape(value)}" ' for name, value in engine.items())
            + f'data-load-bytes="{load_bytes}" data-outcomes="{escape(outcomes)}">',
            # Without JavaScript the form could only take clicks that do nothing: CSS hides it
            # then (decide.css, "scripting: none"), and this says why, at once, with no spinner.
            '<noscript><p class="decide-noscript">This tool needs JavaScript, which is off in '
            'this browser. The <a href="../tables/">decision tables</a> give the same answers, '
            "one page per person asking.</p></noscript>",
            '<p class="decide-message" id="decide-message" role="alert" hidden></p>',
            '<p class="decide-from-link" id="decide-from-link" hidden>These answers came from a '
            "link: check each one against the request in front of you.</p>",
            '<div class="decide-layout">',
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
            # The answer's panel: beside the questions on a wide screen; on a phone its head is a
            # bar fixed at the bottom of the screen and the full answer follows the questions.
            '<aside class="decide-panel" aria-label="The answer">',
            '<div class="decide-head" id="decide-head">',
            '<div class="decide-status" id="decide-status" hidden>'
            '<label for="decide-progress" id="decide-progress-label">'
            "Starting the decision engine in your browser.</label>"
            f'<progress id="decide-progress" max="{load_bytes}" value="0"></progress>'
            '<p class="decide-slow" id="decide-slow" role="status" hidden></p>'
            '<p class="decide-error" id="decide-error" role="alert" hidden></p>'
            '<p class="decide-retry" id="decide-retry" hidden>'
            '<button type="button" class="md-button" id="decide-keep-waiting">Keep waiting'
            "</button> "
            '<button type="button" class="md-button" id="decide-try-again">Try again</button>'
            "</p></div>",
            '<p class="decide-prompt" id="decide-prompt">'
            "Choose who is asking and what they want to know: the answer appears here.</p>",
            '<p class="decide-verdict" id="decide-verdict" hidden>'
            '<span class="outcome-badge" data-outcome-badge=""></span> '
            '<a class="decide-see-why" href="#decide-answer">See why</a></p>',
            "</div>",
            '<section id="decide-answer" class="decide-answer" data-outcome="" '
            'aria-labelledby="decide-answer-heading" hidden></section>',
            "</aside>",
            "</div>",
            '<div id="decide-live" class="decide-visually-hidden" role="status" '
            'aria-live="polite"></div>',
            "</div>",
            "",
        ]
    )


def write_form(path: Path, vocab: dict, engine: dict[str, str], load_bytes: int) -> list[Path]:
    """Write the form (see form_html)."""
    html = form_html(vocab, engine, load_bytes)
    return [path] if write_if_changed(path, html) else []
