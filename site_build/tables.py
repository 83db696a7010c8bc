"""The decision tables, generated from the engine: a one-screen matrix on /tables/ (who is asking by
what they ask for) and one page per requester at /tables/<requester-slug>/, every answered row with
the engine's own words.

They are the tool's answer for people without JavaScript or WebAssembly, and a readable overview
for trustees. The matrix is a fragment included into docs/tables.md; the requester pages are whole
Markdown pages written into the git-ignored docs/tables/ (a page must sit under docs/ at the path
of its address, and docs/generated/ would put them at /generated/...). Both MkDocs and Zensical
build from there. Run alone: `python -m site_build.tables`.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import DOCS, GENERATED, write_if_changed
from .form import cached_engine_cli, engine_output

# What sends any request to the Director, whatever else is true (readings 2-4 and 8): stated once
# on /tables/ instead of in every row. So are "I'm not sure" answers: the rows show the answer once
# every question that matters has been answered.
SAME_FOR_EVERY_ROW = {"legal_process": "none", "formal_records_request": False,
                      "emergency": False, "court_order_limits_requester": False}

# The request a matrix cell answers, besides SAME_FOR_EVERY_ROW: the person has shown who they say
# they are (staff: it is for the Library's work), with neither the cardholder's card nor their
# permission. Every other fact is left unknown, so a cell that turns on one (is the cardholder a
# minor? were the photos published?) says "find out". docs/tables.md says this in one sentence.
USUAL = {"identity_confirmed": True, "for_library_business": True,
         "presents_card": False, "has_cardholder_permission": False}

PAGES_DIR = DOCS / "tables"


def requester_slug(requester: str) -> str:
    """The address segment of a requester's page: its vocabulary id with '-' for '_'
    (law_enforcement -> law-enforcement). Ids never change, so neither do the addresses."""
    return requester.replace("_", "-")


def requester_path(requester: str) -> str:
    """A requester's page, relative to the site root: `tables/<slug>/` (the decision tool links
    here when it cannot run)."""
    return f"tables/{requester_slug(requester)}/"


def record_anchor(record: str) -> str:
    """The anchor of a record's section on a requester page: its id with '-' for '_'."""
    return record.replace("_", "-")


def table_rows() -> list[dict]:
    """The engine's compact decision table: [{requester, record, facts, outcome, rules}, ...]."""
    return cached_engine_cli("table", "--format", "json")


def answered_rows(rows: list[dict]) -> list[dict]:
    """The rows where every question that matters is answered and none of SAME_FOR_EVERY_ROW
    sends the request to the Director, without the SAME_FOR_EVERY_ROW facts."""
    def shown(row: dict) -> bool:
        facts = row["facts"]
        return None not in facts.values() and all(
            facts.get(f, v) == v for f, v in SAME_FOR_EVERY_ROW.items())

    return [{**row, "facts": {f: v for f, v in row["facts"].items()
                              if f not in SAME_FOR_EVERY_ROW}}
            for row in rows if shown(row)]


def request(requester: str, record: str, facts: dict) -> dict:
    """A `decide` request with SAME_FOR_EVERY_ROW's answers added to `facts`."""
    return {"requester": requester, "record": record, "facts": {**SAME_FOR_EVERY_ROW, **facts}}


def usual_request(requester: str, record: str) -> dict:
    """The request a matrix cell answers (see USUAL)."""
    return request(requester, record, USUAL)


def decide_all(requests: list[dict]) -> list[dict]:
    """The engine's full answers to `requests`, from one fresh `decide --jsonl` process."""
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    answers = [json.loads(line) for line in engine_output(
        "decide", "--jsonl", stdin=lines, check=False).splitlines()]
    for req, answer in zip(requests, answers, strict=True):
        if "error" in answer:  # a vocabulary change the tables do not know yet: say which
            raise SystemExit(f"decision tables: {json.dumps(req)}: {answer['error']}")
    return answers


def write_tables(vocab: dict, fragment: Path, pages_dir: Path) -> list[Path]:
    """Write the matrix fragment and one page per requester (removing pages of no requester);
    return the files written."""
    from . import tables_matrix, tables_pages

    rows = answered_rows(table_rows())
    pairs = [(q["id"], r["id"]) for q in vocab["requesters"] for r in vocab["records"]]
    cells = decide_all([usual_request(*pair) for pair in pairs])
    decisions = decide_all([request(r["requester"], r["record"], r["facts"]) for r in rows])
    changed = []
    matrix = tables_matrix.matrix_html(vocab, rows, dict(zip(pairs, cells, strict=True)))
    if write_if_changed(fragment, matrix):
        changed.append(fragment)
    pages = set()
    for requester in vocab["requesters"]:
        path = pages_dir / f"{requester_slug(requester['id'])}.md"
        mine = [(r, d) for r, d in zip(rows, decisions, strict=True)
                if r["requester"] == requester["id"]]
        if write_if_changed(path, tables_pages.page_markdown(vocab, requester, mine)):
            changed.append(path)
        pages.add(path)
    for stale in set(pages_dir.glob("*.md")) - pages:
        stale.unlink()
    return changed


if __name__ == "__main__":
    from .form import vocabulary

    for written in write_tables(vocabulary(), GENERATED / "fragments" / "decision-matrix.md",
                                PAGES_DIR):
        print(f"wrote {written}")
