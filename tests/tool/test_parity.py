"""Parity: the engine on Pyodide (under Node, from the site's own Pyodide, trimmed standard library
and wheel) decides every combination of the compact decision table exactly as CPython does: the
same outcome and rules for every row, and the same full JSON answer (what the tool shows) for every
FULL_EVERY-th row."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_build import runtime, stdlib, tables
from tests.tool.tool_helpers import shipped


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run Pyodide")
def test_pyodide_decides_every_table_row_as_cpython(tool_site, tmp_path: Path) -> None:
    from policy_engine.api import decide_json, vocabulary_json

    _, site_dir = tool_site
    # The files the tool page names (other tests write changed copies beside them).
    wheel_file = shipped(site_dir, "wheel")
    pyodide_dir = site_dir / "generated" / "pyodide" / runtime.pyodide_version()
    stdlib_file = shipped(site_dir, "stdlib")  # only the modules it imports
    assert stdlib_file.parent == pyodide_dir
    rows = tables.table_rows()
    requests = [
        json.dumps({"requester": r["requester"], "record": r["record"], "facts": r["facts"]})
        for r in rows
    ]
    header, answers = stdlib.run_pyodide(
        pyodide_dir, stdlib_file, wheel_file, requests, tmp_path, stdlib.FULL_EVERY
    )
    assert header["python"].startswith("3.14")  # really Pyodide's Python, not 3.11
    # Every standard library module came from its bytecode: none was compiled from source.
    assert header["compiled_from_source"] == []
    assert len([m for m in header["modules"] if m.endswith(".pyc")]) > 100
    assert len(answers) == len(requests) == len(rows)
    vocab = json.loads(vocabulary_json())
    pairs = {(r["requester"], r["record"]) for r in rows}
    assert len(pairs) == len(vocab["requesters"]) * len(vocab["records"])  # every pair is covered
    for i, (row, request, answer) in enumerate(zip(rows, requests, answers, strict=True)):
        browser = json.loads(answer)
        assert (browser["outcome"], browser["rules"]) == (row["outcome"], row["rules"]), request
        if i % stdlib.FULL_EVERY == 0:
            assert browser == json.loads(decide_json(request)), request
