"""The command line: decide, table, vocabulary, options (DESIGN.md section 3).

Bad input never produces a traceback or a decision: it prints one JSON error object on stdout and
exits with status 2. Input is read as bytes and decoded here, so the locale's encoding (a strict
UTF-8 one included) never sees it first; output is ASCII JSON, safe under any encoding.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, NoReturn, TextIO

from .api import citation_dict, decide_text, notes_report, vocabulary_dict
from .errors import InputError
from .request import MAX_INPUT_CHARS, FactValue, check_options
from .rules import RULES
from .table import Row, changes_under, compact_rows
from .vocabulary import FACT_IDS, OPTION_IDS, OPTIONS, OUTCOME_LABELS, TERMS_BY_ID

BAD_INPUT = 2
FORMATS = ("json", "csv", "md")
# UTF-8 takes at most 4 bytes a character: a line longer than this is refused unread.
MAX_LINE_BYTES = 4 * MAX_INPUT_CHARS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError(f"Bad command line: {message}", "arguments")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="policy-engine",
                     description="Can this record be released to this person?")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    decide = commands.add_parser("decide", help="decide the JSON request(s) on standard input")
    decide.add_argument("--jsonl", action="store_true",
                        help="one request per line in, one decision per line out")
    table = commands.add_parser("table", help="print every combination that matters and its "
                                              "outcome")
    table.add_argument("--format", choices=FORMATS, default="json")
    for sub in (decide, table):
        sub.add_argument("--option", action="append", default=[], metavar="ID",
                         help=f"decide under this Board option (repeatable): "
                              f"{', '.join(OPTION_IDS)}")
    commands.add_parser("vocabulary", help="print the ids, labels and help text")
    commands.add_parser("options", help="print the Board options and every request whose "
                                        "answer each would change")
    commands.add_parser("notes", help="print the review notes for trustees, with what staff do "
                                      "now")
    return parser


def run() -> NoReturn:
    """The `policy-engine` command (and `python -m policy_engine`)."""
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader stopped early (`table | head`): not an error of ours, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def main(argv: Sequence[str] | None = None, stdin: IO | None = None,
         stdout: TextIO | None = None) -> int:
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout
    try:
        args = _parser().parse_args(argv)
        # Checked before anything is printed: a table must not stop half-written.
        options = tuple(check_options(getattr(args, "option", ())))
        if args.command == "decide":
            if args.jsonl:
                return _decide_jsonl(stdin, stdout, options)
            return _decide_one(stdin, stdout, options)
        if args.command == "table":
            _write_table(compact_rows(options), args.format, stdout)
        elif args.command == "options":
            _print_json(options_report(), stdout, indent=2)
        elif args.command == "notes":
            _print_json(notes_report(), stdout, indent=2)
        else:
            _print_json(vocabulary_dict(), stdout, indent=2)
        return 0
    except InputError as error:
        _print_json(error.to_dict(), stdout)
        return BAD_INPUT


def options_report() -> list[dict[str, object]]:
    """Each Board option, the words the rules it turns on rest on, and every request (a compact
    row) whose answer it would change."""
    report = []
    for option in OPTIONS:
        rules = [rule for rule in RULES if rule.option == option.id]
        changes = [c.as_dict() for c in changes_under(option.id)]
        report.append({"id": option.id, "label": option.label, "help": option.help,
                       "rules": [{"rule": r.id, "says": r.says,
                                  "citations": [citation_dict(c) for c in r.cites]}
                                 for r in rules],
                       "count": len(changes), "changes": changes})
    return report


def _print_json(data: object, stdout: TextIO, indent: int | None = None) -> None:
    # ASCII only: a raw U+2028 or U+0085 would split a JSON line for many line readers.
    stdout.write(json.dumps(data, indent=indent) + "\n")


def _decide_one(stdin: IO, stdout: TextIO, options: tuple[str, ...]) -> int:
    # A few bytes past the limit are enough for decide_text to refuse the input as too large.
    result = decide_text(stdin.read(MAX_LINE_BYTES + 1), options)
    _print_json(result, stdout)
    return BAD_INPUT if "error" in result else 0


def _lines(stdin: IO) -> Iterator[bytes | str | None]:
    """The input's lines; None for a line over the size limit (read past, never kept)."""
    while True:
        line = stdin.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > MAX_LINE_BYTES and not line.endswith(newline):
            while (rest := stdin.readline(MAX_LINE_BYTES + 1)) and not rest.endswith(newline):
                pass
            yield None
        else:
            yield line


def _decide_jsonl(stdin: IO, stdout: TextIO, options: tuple[str, ...]) -> int:
    status = 0
    for number, line in enumerate(_lines(stdin), start=1):
        if line is None:
            result = InputError(f"The line is too large: a request is at most "
                                f"{MAX_INPUT_CHARS} characters.").to_dict()
        else:
            result = decide_text(line, options)
        if "error" in result:
            status = BAD_INPUT
            result["line"] = number
        _print_json(result, stdout)
    return status


def _write_table(rows: Iterable[Row], fmt: str, stdout: TextIO) -> None:
    if fmt == "json":
        stdout.write("[\n")
        for i, row in enumerate(rows):
            stdout.write(("" if i == 0 else ",\n") + json.dumps(row.as_dict()))
        stdout.write("\n]\n")
    elif fmt == "csv":
        writer = csv.writer(stdout, lineterminator="\n")
        writer.writerow(["requester", "record", *FACT_IDS, "outcome", "rules"])
        for row in rows:
            facts = dict(row.facts)
            writer.writerow([row.requester, row.record,
                             *(_value(facts[f]) if f in facts else "any" for f in FACT_IDS),
                             row.decision.outcome.value,
                             " ".join(rule.id for rule in row.decision.rules)])
    else:
        _write_markdown(rows, stdout)


def _value(value: FactValue) -> str:
    return "unknown" if value is None else json.dumps(value).strip('"')


def _write_markdown(rows: Iterable[Row], stdout: TextIO) -> None:
    current = None
    out = io.StringIO()
    for row in rows:
        if row.requester != current:
            current = row.requester
            out.write(f"\n## {TERMS_BY_ID[current].label}\n\n"
                      "| record | when | outcome | rules |\n|---|---|---|---|\n")
        when = "; ".join(f"{f} = {_value(v)}" for f, v in row.facts) or "always"
        outcome = OUTCOME_LABELS[row.decision.outcome]
        rules = ", ".join(rule.id for rule in row.decision.rules)
        out.write(f"| {TERMS_BY_ID[row.record].label} | {when} | {outcome} | {rules} |\n")
        if out.tell() > 1 << 16:
            stdout.write(out.getvalue())
            out = io.StringIO()
    stdout.write(out.getvalue())
