"""site_build: the generated artifacts are deterministic, complete, and rewritten only on change."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from site_build import ROOT, build, form, hosting, runtime, snapshot, tables, wheel


def test_wheel_is_deterministic_and_complete() -> None:
    name, first = wheel.wheel_bytes()
    _, second = wheel.wheel_bytes()
    assert first == second
    assert name.endswith("-py3-none-any.whl")
    zf = zipfile.ZipFile(io.BytesIO(first))
    names = zf.namelist()
    sources = sorted(
        "policy_engine/" + p.relative_to(wheel.package_dir()).as_posix()
        for p in wheel.package_dir().rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert [n for n in names if n.endswith(".py")] == sources
    assert "policy_engine/api.py" in names
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())  # SOURCE_DATE_EPOCH
    assert "policy-engine=policy_engine.cli:run" in zf.read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    record = next(n for n in names if n.endswith(".dist-info/RECORD"))
    for line in zf.read(record).decode().splitlines():
        entry, digest, size = line.split(",")
        if entry == record:
            continue
        data = zf.read(entry)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert digest == f"sha256={expected}" and int(size) == len(data)


def test_pip_install_gives_the_policy_engine_command(tmp_path: Path) -> None:
    """`pip install .` with the pinned standard backend, into a fresh environment: the console
    script answers as `python -m policy_engine` does."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet",
                          "--disable-pip-version-check", str(ROOT)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert pip.returncode == 0, pip.stderr
    request = json.dumps({"requester": "law_enforcement", "record": "borrowing_history"})
    done = subprocess.run([str(venv / "bin" / "policy-engine"), "decide"], input=request,
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["outcome"] == "refer_to_director"


def test_build_writes_only_changed_files(tmp_path: Path) -> None:
    settings = hosting.settings()
    first = build(*settings, out=tmp_path, docs_dir=tmp_path / "docs")
    assert {p.name for p in first} >= {
        *runtime.RUNTIME_FILES,
        "decide-form.html",
        "decision-tables.md",
        "nginx.conf",
        "_headers",
        ".htaccess",
    }
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    assert build(*settings, out=tmp_path, docs_dir=tmp_path / "docs") == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    version = runtime.pyodide_version()
    pyodide_dir = tmp_path / "pyodide" / version
    assert (pyodide_dir / "pyodide.asm.wasm").is_file()
    snapshot_file = pyodide_dir / snapshot.file_name(pyodide_dir)
    assert snapshot_file in first
    memory = gzip.decompress(snapshot_file.read_bytes())  # gzip, which browsers can undo
    assert len(memory) > 10_000_000
    assert str(ROOT).encode() not in memory  # nothing of the build machine's folders is published
    form_html = (tmp_path / "fragments" / "decide-form.html").read_text()
    url = snapshot_file.relative_to(tmp_path.parent).as_posix()  # URLs are from the site's root
    assert f'data-snapshot="{url}"' in form_html
    # What a first visit downloads for the engine, said while it starts (for visitors on a phone).
    fetched = [*(pyodide_dir / f for f in runtime.RUNTIME_FILES), snapshot_file]
    fetched += (tmp_path / "engine").glob("*.whl")
    size = sum(p.stat().st_size for p in fetched) / 1e6
    assert 15 < size < 30  # Pyodide, its snapshot and the engine: nothing missing or doubled
    assert f"The first time, this downloads about {size:.0f} MB." in form_html


def test_snapshot_is_named_after_its_recipe_and_stale_ones_go(tmp_path: Path) -> None:
    """The name changes with the Pyodide version (and make_snapshot.mjs), so no browser cache can
    pair a snapshot with another pyodide.asm.wasm; a snapshot of another recipe is removed."""
    a, b = tmp_path / "314.0.7", tmp_path / "314.0.8"
    assert snapshot.file_name(a) != snapshot.file_name(b)
    assert snapshot.file_name(a) == snapshot.file_name(tmp_path / "x" / "314.0.7")
    a.mkdir()
    stale = a / "snapshot-000000000000.bin.gz"
    stale.write_bytes(b"old")
    current = a / snapshot.file_name(a)
    current.write_bytes(b"\x1f\x8b made earlier")  # present: kept as it is, not made again
    assert snapshot.build_snapshot(a) == (current, [])
    assert not stale.exists()
    assert current.read_bytes() == b"\x1f\x8b made earlier"


def test_form_comes_from_the_vocabulary(tmp_path: Path) -> None:
    vocab = form.vocabulary()
    html = form.form_html(vocab, "w.whl", "p/", "p/s.bin.gz", 19_700_000)
    for group in ("requesters", "records"):
        for item in vocab[group]:
            assert f'value="{item["id"]}"' in html
    for fact in vocab["facts"]:
        assert f'data-fact="{fact["id"]}" hidden' in html
        for value in fact["values"]:
            assert f'id="q-{fact["id"]}-{form.fact_value(value["value"])}"' in html
        if fact.get("if_not_given") is not None:  # how an unanswered question is read is shown
            default = next(v for v in fact["values"] if v["value"] == fact["if_not_given"])
            assert f"Left unanswered, this counts as “{default['label']}”" in html
    assert 'data-engine-state="loading"' in html
    assert "downloads about 20 MB" in html
    assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block


def test_tables_have_one_table_per_requester_and_every_answered_row() -> None:
    vocab = form.vocabulary()
    every = tables.table_rows()
    rows = tables.answered_rows(every)
    # Rows with an "I'm not sure", legal papers, a records request, an emergency or a court order
    # are summed up above the tables (docs/tables.md), not repeated in them.
    assert 200 < len(rows) < len(every) / 10
    assert all(None not in r["facts"].values() for r in rows)
    assert not {"legal_process", "formal_records_request", "emergency",
                "court_order_limits_requester"} & {f for r in rows for f in r["facts"]}
    assert {(r["requester"], r["record"]) for r in rows} == {
        (q["id"], r["id"]) for q in vocab["requesters"] for r in vocab["records"]}
    md = tables.tables_markdown(vocab, rows)
    assert md.count("<table") == len(vocab["requesters"])
    assert md.count("<tr>") - md.count("<thead><tr>") == len(rows)
    # Each row shows its answer and the rules behind it, in the order the engine gives them.
    outcomes = {o["id"]: o["label"] for o in vocab["outcomes"]}
    body = md.split("<tbody>")
    for row in rows:
        answer = f'<td class="decide-outcome-{row["outcome"]}">{outcomes[row["outcome"]]}</td>'
        rules = "<td>" + " ".join(f"<code>{r}</code>" for r in row["rules"]) + "</td>"
        assert any(answer + rules in part for part in body), row
