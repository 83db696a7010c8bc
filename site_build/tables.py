"""The full decision tables as plain HTML, one table per requester, generated from the engine.

They are the tool's answer for people without JavaScript or WebAssembly, and a readable overview for
trustees. Each row links to the tool with that scenario filled in.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urlencode

from . import write_if_changed
from .form import engine_cli, fact_value, vocabulary


def table_rows() -> list[dict]:
    """The engine's compact decision table: [{requester, record, facts, outcome, rules}, ...]."""
    return engine_cli("table", "--format", "json")


def scenario_query(row: dict) -> str:
    params = {"requester": row["requester"], "record": row["record"]}
    params.update({k: fact_value(v) for k, v in row["facts"].items()})
    return urlencode(params)


def tables_markdown(vocab: dict, rows: list[dict]) -> str:
    records = {r["id"]: r["label"] for r in vocab["records"]}
    facts = {f["id"]: f for f in vocab["facts"]}
    outcomes = {o["id"]: o["label"] for o in vocab["outcomes"]}

    def when(row: dict) -> str:
        if not row["facts"]:
            return "In every case"
        parts = []
        for fid, value in row["facts"].items():
            fact = facts[fid]
            label = next(v["label"] for v in fact["values"] if v["value"] == value)
            parts.append(f"<li>{escape(fact['question'])} <strong>{escape(label)}</strong></li>")
        return f"<ul>{''.join(parts)}</ul>"

    out = []
    for req in vocab["requesters"]:
        mine = [r for r in rows if r["requester"] == req["id"]]
        out.append(f"## {req['label']} {{ #{req['id'].replace('_', '-')} }}\n")
        if req.get("help"):
            out.append(f"{req['help']}\n")
        body = "".join(
            "<tr>"
            f"<td>{escape(records[r['record']])}</td>"
            f"<td>{when(r)}</td>"
            f'<td class="decide-outcome-{r["outcome"]}">{escape(outcomes[r["outcome"]])}</td>'
            f"<td>{' '.join(f'<code>{escape(x)}</code>' for x in r['rules'])}</td>"
            f'<td><a href="../decide/?{escape(scenario_query(r))}">Open in the tool</a></td>'
            "</tr>"
            for r in mine
        )
        out.append(
            f'<table class="decide-table"><caption>Requests from: {escape(req["label"])}</caption>'
            '<thead><tr><th scope="col">What they ask for</th><th scope="col">When</th>'
            '<th scope="col">Answer</th><th scope="col">Rules</th>'
            '<th scope="col">Scenario</th></tr></thead>'
            f"<tbody>{body}</tbody></table>\n"
        )
    return "\n".join(out)


def write_tables(path: Path) -> list[Path]:
    md = tables_markdown(vocabulary(), table_rows())
    return [path] if write_if_changed(path, md) else []
