"""The full decision tables as plain HTML, one table per requester, generated from the engine.

They are the tool's answer for people without JavaScript or WebAssembly, and a readable overview
for trustees: each row is one situation, each question that matters is a column.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from . import write_if_changed
from .form import engine_cli, fact_value

# What sends any request to the Director, whatever else is true (readings 2-4 and 8): stated once
# at the top of the page instead of in every row. So are "I'm not sure" answers: the rows show the
# answer once every question that matters has been answered.
SAME_FOR_EVERY_ROW = {"legal_process": "none", "formal_records_request": False,
                      "emergency": False, "court_order_limits_requester": False}


def table_rows() -> list[dict]:
    """The engine's compact decision table: [{requester, record, facts, outcome, rules}, ...]."""
    return engine_cli("table", "--format", "json")


def answered_rows(rows: list[dict]) -> list[dict]:
    """The rows where every question that matters is answered and none of SAME_FOR_EVERY_ROW
    sends the request to the Director."""
    def shown(row: dict) -> bool:
        facts = row["facts"]
        return None not in facts.values() and all(
            facts.get(f, v) == v for f, v in SAME_FOR_EVERY_ROW.items())

    return [{**row, "facts": {f: v for f, v in row["facts"].items()
                              if f not in SAME_FOR_EVERY_ROW}}
            for row in rows if shown(row)]


def tables_markdown(vocab: dict, rows: list[dict]) -> str:
    """One section and table per requester. Columns: the record, one column per question that
    matters to any of that requester's rows (blank: any answer), the answer and the rules."""
    records = {r["id"]: r["label"] for r in vocab["records"]}
    outcomes = {o["id"]: o["label"] for o in vocab["outcomes"]}
    value_labels = {
        (f["id"], fact_value(v["value"])): v["label"] for f in vocab["facts"] for v in f["values"]
    }
    out = []
    for req in vocab["requesters"]:
        mine = [r for r in rows if r["requester"] == req["id"]]
        asked = [f for f in vocab["facts"] if any(f["id"] in r["facts"] for r in mine)]
        out.append(f"## {req['label']} {{ #{req['id'].replace('_', '-')} }}\n")
        if req.get("help"):
            out.append(f"{req['help']}\n")

        def cells(row: dict, asked: list[dict] = asked) -> str:
            html = []
            for f in asked:
                if f["id"] in row["facts"]:
                    label = value_labels[(f["id"], fact_value(row["facts"][f["id"]]))]
                    html.append(f"<td>{escape(label)}</td>")
                else:
                    html.append('<td class="decide-any">any</td>')
            return "".join(html)

        body = "".join(
            "<tr>"
            f'<th scope="row">{escape(records[r["record"]])}</th>'
            f"{cells(r)}"
            f'<td class="decide-outcome-{r["outcome"]}">{escape(outcomes[r["outcome"]])}</td>'
            f"<td>{' '.join(f'<code>{escape(x)}</code>' for x in r['rules'])}</td>"
            "</tr>"
            for r in mine
        )
        head = "".join(f'<th scope="col">{escape(f["question"])}</th>' for f in asked)
        out.append(
            # data-search-exclude: the rows would swamp the search index that every page loads.
            '<table class="decide-table" data-search-exclude>'
            f"<caption>Requests from: {escape(req['label'])}</caption>"
            f'<thead><tr><th scope="col">What they ask for</th>{head}'
            '<th scope="col">Answer</th><th scope="col">Rules</th></tr></thead>'
            f"<tbody>{body}</tbody></table>\n"
        )
    return "\n".join(out)


def write_tables(path: Path, vocab: dict) -> list[Path]:
    md = tables_markdown(vocab, answered_rows(table_rows()))
    return [path] if write_if_changed(path, md) else []
