"""Parity: the engine on Pyodide (under Node, from the site's own snapshot and wheel) decides every
combination of the compact decision table exactly as CPython does: the same outcome and rules for
every row, and the same full JSON answer (what the tool shows) for every FULL_EVERY-th row."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_build import runtime, tables

HERE = Path(__file__).resolve().parent
FULL_EVERY = 7  # a spread over every requester and record: 2,149 of the 15,042 rows


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run Pyodide")
def test_pyodide_decides_every_table_row_as_cpython(tool_site, tmp_path: Path) -> None:
    from policy_engine.api import decide_json, vocabulary_json

    _, site_dir = tool_site
    (wheel_file,) = (site_dir / "generated" / "engine").glob("*.whl")  # the wheel the site ships
    pyodide_dir = site_dir / "generated" / "pyodide" / runtime.pyodide_version()
    (snapshot_file,) = pyodide_dir.glob("snapshot-*.bin.gz")  # and its Python snapshot
    rows = tables.table_rows()
    requests = [
        json.dumps({"requester": r["requester"], "record": r["record"], "facts": r["facts"]})
        for r in rows
    ]
    (tmp_path / "requests.jsonl").write_text("\n".join(requests) + "\n")
    out = subprocess.run(
        [
            "node",
            str(HERE / "pyodide_decide.mjs"),
            str(pyodide_dir),
            str(snapshot_file),
            str(wheel_file),
            str(tmp_path / "requests.jsonl"),
            str(FULL_EVERY),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=240,
    ).stdout.splitlines()
    header, *answers = out
    assert json.loads(header)["python"].startswith("3.14")  # really Pyodide's Python, not 3.11
    assert len(answers) == len(requests) == len(rows)
    vocab = json.loads(vocabulary_json())
    pairs = {(r["requester"], r["record"]) for r in rows}
    assert len(pairs) == len(vocab["requesters"]) * len(vocab["records"])  # every pair is covered
    for i, (row, request, answer) in enumerate(zip(rows, requests, answers, strict=True)):
        browser = json.loads(answer)
        assert (browser["outcome"], browser["rules"]) == (row["outcome"], row["rules"]), request
        if i % FULL_EVERY == 0:
            assert browser == json.loads(decide_json(request)), request
