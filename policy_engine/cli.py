"""The command line: decide, table, vocabulary (DESIGN.md section 3).

Bad input never produces a traceback or a decision: it prints one JSON error object on stdout and
exits with status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn, TextIO

from .api import decide_text, vocabulary_dict
from .errors import InputError
from .request import MAX_INPUT_CHARS, FactValue
from .table import Row, compact_rows, full_rows
from .vocabulary import FACT_IDS, OUTCOME_LABELS, TERMS_BY_ID

BAD_INPUT = 2
FORMATS = ("json", "csv", "md")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError(f"Bad command line: {message}", "arguments")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m policy_engine",
                     description="Can this record be released to this person?")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    decide = commands.add_parser("decide", help="decide the JSON request(s) on standard input")
    decide.add_argument("--jsonl", action="store_true",
                        help="one request per line in, one decision per line out")
    table = commands.add_parser("table", help="print every combination and its outcome")
    table.add_argument("--format", choices=FORMATS, default="json")
    table.add_argument("--all", action="store_true",
                       help="one row per full combination of fact values (341,172 rows) instead "
                            "of the compact rows that fix only the facts that matter")
    commands.add_parser("vocabulary", help="print the ids, labels and help text")
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
        if args.command == "decide":
            return _decide_jsonl(stdin, stdout) if args.jsonl else _decide_one(stdin, stdout)
        if args.command == "table":
            _write_table(full_rows() if args.all else compact_rows(), args.format, stdout)
        else:
            _print_json(vocabulary_dict(), stdout, indent=2)
        return 0
    except InputError as error:
        _print_json(error.to_dict(), stdout)
        return BAD_INPUT


def _print_json(data: object, stdout: TextIO, indent: int | None = None) -> None:
    # ASCII only: a raw U+2028 or U+0085 would split a JSON line for many line readers.
    stdout.write(json.dumps(data, indent=indent) + "\n")


def _decide_one(stdin: TextIO, stdout: TextIO) -> int:
    # One character past the limit is enough for decide_text to refuse the input as too large.
    result = decide_text(stdin.read(MAX_INPUT_CHARS + 1))
    _print_json(result, stdout)
    return BAD_INPUT if "error" in result else 0


def _decide_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    status = 0
    for line in stdin:
        result = decide_text(line)
        if "error" in result:
            status = BAD_INPUT
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

