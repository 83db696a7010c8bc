"""site_build: the generated artifacts are deterministic, complete, and rewritten only on change."""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from site_build import (
    ROOT,
    build,
    form,
    hosting,
    precompress,
    runtime,
    stdlib,
    tables,
    wheel,
)
from tests.conftest import one_build_at_a_time


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


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """(folder, files written): one build from nothing, for the tests below."""
    out = tmp_path_factory.mktemp("generated")
    with one_build_at_a_time():  # it shares .cache/ with the other builds
        return out, build(*hosting.settings(), out=out, docs_dir=out / "docs")


def test_build_writes_only_changed_files(fresh_build) -> None:
    tmp_path, first = fresh_build
    assert {p.name for p in first} >= {
        *runtime.RUNTIME_FILES,
        "decide-form.html",
        "decision-matrix.md",
        "cardholder.md",  # one page per requester (docs/tables/), checked below
        "nginx.conf",
        "_headers",
        ".htaccess",
    }
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    with one_build_at_a_time():
        assert build(*hosting.settings(), out=tmp_path, docs_dir=tmp_path / "docs") == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    version = runtime.pyodide_version()
    pyodide_dir = tmp_path / "pyodide" / version
    assert (pyodide_dir / "pyodide.asm.wasm").is_file()
    (stdlib_file,) = pyodide_dir.glob("python_stdlib-*.zip")
    assert not (pyodide_dir / "python_stdlib.zip").exists()  # the full one is not shipped
    assert stdlib_file in first
    (wheel_file,) = (tmp_path / "engine").glob("*.whl")
    # Each large file has its .gz and .br beside it, and nothing else is there.
    large = [*(pyodide_dir / f for f in runtime.RUNTIME_FILES), stdlib_file]
    for path in large:
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()
        assert path.with_name(path.name + ".br").stat().st_size < path.stat().st_size
    shipped = {*large, *(s for p in large for s in precompress.siblings(p))}
    assert set(pyodide_dir.iterdir()) == shipped
    # The worker is told where each file is and its SHA-256, fixed at build time.
    form_html = (tmp_path / "fragments" / "decide-form.html").read_text()
    url = lambda p: p.relative_to(tmp_path.parent).as_posix()  # noqa: E731 - from the site's root
    for attribute in (
        f'data-stdlib="{url(stdlib_file)}"',
        f'data-stdlib-sha256="{hashlib.sha256(stdlib_file.read_bytes()).hexdigest()}"',
        f'data-wheel-sha256="{hashlib.sha256(wheel_file.read_bytes()).hexdigest()}"',
    ):
        assert attribute in form_html
    # The progress bar's length: the bytes the worker fetches before it is ready, as they arrive
    # decoded, so "6 of 11 MB" is true of what the visitor waits for.
    fetched = [pyodide_dir / "pyodide.asm.wasm", pyodide_dir / "pyodide-lock.json", stdlib_file,
               wheel_file]
    load_bytes = sum(p.stat().st_size for p in fetched)
    assert 8_000_000 < load_bytes < 14_000_000  # nothing missing or doubled
    assert f'data-load-bytes="{load_bytes}"' in form_html
    assert f'<progress id="decide-progress" max="{load_bytes}" value="0">' in form_html


def test_standard_library_ships_compiled_by_pyodides_python(fresh_build) -> None:
    """The shipped zip holds bytecode, not source: Python would otherwise compile every module it
    imports on every start (about two thirds of an ordinary start). Each module the trimmed zip
    holds is there as `.pyc`, made by Pyodide's Python (not the build machine's), the same bytes
    when compiled again; entries are stored, so the host's gzip or brotli compresses across them."""
    out, _ = fresh_build
    (pyodide_dir,) = (out / "pyodide").iterdir()
    (wheel_file,) = (out / "engine").glob("*.whl")
    (stdlib_file,) = pyodide_dir.glob("python_stdlib-*.zip")
    trimmed = stdlib.trimmed_zip(
        runtime.FULL_STDLIB.read_bytes(),
        stdlib.imported_entries(pyodide_dir, runtime.FULL_STDLIB, wheel_file))
    sources = zipfile.ZipFile(io.BytesIO(trimmed)).namelist()
    shipped = zipfile.ZipFile(stdlib_file)
    assert shipped.namelist() == [n + "c" if n.endswith(".py") else n for n in sources]
    assert len([n for n in sources if n.endswith(".py")]) > 100
    assert {i.compress_type for i in shipped.infolist()} == {zipfile.ZIP_STORED}
    headers = {shipped.read(n)[:8] for n in shipped.namelist() if n.endswith(".pyc")}
    magics = {h[:4] for h in headers}
    assert len(magics) == 1 and magics != {importlib.util.MAGIC_NUMBER}  # Pyodide's 3.14
    # Hash-based, unchecked (PEP 552): no time in the file, and no source to check it against.
    assert {int.from_bytes(h[4:], "little") for h in headers} == {0b01}
    assert stdlib.compile_zip(pyodide_dir, trimmed) == stdlib_file.read_bytes()


def test_trimmed_standard_library_keeps_the_imported_modules_and_their_folders() -> None:
    full = runtime.FULL_STDLIB.read_bytes()
    modules = ["json/__init__.py", "json/decoder.py", "encodings/utf_8.py", "abc.py"]
    data = stdlib.trimmed_zip(full, modules)
    assert data == stdlib.trimmed_zip(full, list(reversed(modules)))  # deterministic
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(names) == sorted([*modules, "json/", "encodings/"])
    original = zipfile.ZipFile(io.BytesIO(full))
    assert all(
        zipfile.ZipFile(io.BytesIO(data)).read(n) == original.read(n) for n in modules
    )


def test_form_comes_from_the_vocabulary(tmp_path: Path) -> None:
    vocab = form.vocabulary()
    engine = {"wheel": "w.whl", "wheel-sha256": "ab" * 32, "stdlib": "p/s.zip"}
    html = form.form_html(vocab, engine, 10_500_000)
    for group in ("requesters", "records"):
        for item in vocab[group]:
            assert html.count(f'name="{group[:-1]}" id="q-{group[:-1]}-{item["id"]}"') == 1
            assert f'value="{item["id"]}"' in html
    for fact in vocab["facts"]:
        assert f'data-fact="{fact["id"]}" hidden' in html
        for value in fact["values"]:
            assert f'id="q-{fact["id"]}-{form.fact_value(value["value"])}"' in html
        if fact.get("if_not_given") is not None:
            # How an unanswered question is read is shown, and its answer is chosen already.
            default = next(v for v in fact["values"] if v["value"] == fact["if_not_given"])
            value = form.fact_value(default["value"])
            assert f'id="q-{fact["id"]}-{value}" value="{value}" checked>' in html
            assert f'data-fact="{fact["id"]}" hidden data-default="{value}"' in html
    assert html.count(" checked>") == sum(f.get("if_not_given") is not None
                                          for f in vocab["facts"])
    assert 'data-engine-state="loading"' in html
    assert f'data-wheel="w.whl" data-wheel-sha256="{"ab" * 32}" data-stdlib="p/s.zip"' in html
    assert 'data-load-bytes="10500000"' in html
    assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block


def test_records_are_grouped_each_once_and_a_new_record_stops_the_build() -> None:
    vocab = form.vocabulary()
    groups = form.grouped_records(vocab["records"])
    assert [title for title, _ in groups] == ["Borrowing", "Their account",
                                              "Their use of the Library", "Other records"]
    assert sorted(r["id"] for _, members in groups for r in members) == sorted(
        r["id"] for r in vocab["records"])
    new = [*vocab["records"], {"id": "reading_lists", "label": "Reading lists"}]
    with pytest.raises(SystemExit, match="missing \\['reading_lists'\\]"):
        form.grouped_records(new)


def test_requester_pages_have_every_answered_row_and_no_rule_ids(fresh_build) -> None:
    out, _ = fresh_build
    vocab = form.vocabulary()
    every = tables.table_rows()
    rows = tables.answered_rows(every)
    # Rows with an "I'm not sure", legal papers, a records request, an emergency or a court order
    # are summed up on /tables/ (docs/tables.md), not repeated in the tables.
    assert 200 < len(rows) < len(every) / 10
    assert all(None not in r["facts"].values() for r in rows)
    assert not {"legal_process", "formal_records_request", "emergency",
                "court_order_limits_requester"} & {f for r in rows for f in r["facts"]}
    assert {(r["requester"], r["record"]) for r in rows} == {
        (q["id"], r["id"]) for q in vocab["requesters"] for r in vocab["records"]}
    pages = out / "docs" / "tables"
    assert sorted(p.stem for p in pages.glob("*.md")) == sorted(
        q["id"].replace("_", "-") for q in vocab["requesters"])
    rule_ids = {rule for r in every for rule in r["rules"]}
    for req in vocab["requesters"]:
        md = (pages / f"{tables.requester_slug(req['id'])}.md").read_text()
        mine = [r for r in rows if r["requester"] == req["id"]]
        records = {r["record"] for r in mine}
        assert md.count('<table class="tables-rows"') == len(records)  # one table per record
        assert md.count('<tr markdown="1">') == len(mine)  # every answered row
        assert md.count('class="outcome-badge ') == len(mine)
        assert not [rule for rule in rule_ids if rule in md]  # words, not rule ids
        for record in records:
            assert f"{{ #{record.replace('_', '-')} }}" in md


def test_requester_addresses_are_the_ids_with_hyphens() -> None:
    """The decision tool links to these when it cannot run: the rule must not drift."""
    assert tables.requester_slug("law_enforcement") == "law-enforcement"
    assert tables.requester_path("parent_or_guardian") == "tables/parent-or-guardian/"
    assert tables.requester_path("cardholder") == "tables/cardholder/"


def test_matrix_has_a_badge_per_requester_and_record(fresh_build) -> None:
    out, _ = fresh_build
    vocab = form.vocabulary()
    html = (out / "fragments" / "decision-matrix.md").read_text()
    assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block
    assert html.count("<td ") == len(vocab["requesters"]) * len(vocab["records"])
    assert html.count('class="outcome-badge ') == html.count("<td ")
    for req in vocab["requesters"]:  # old links to /tables/#<slug> land on the requester's row
        slug = tables.requester_slug(req["id"])
        assert f'<th scope="row" id="{slug}" markdown="span">[' in html
        assert f"](tables/{slug}.md)</th>" in html
    # Each note mark points at a note; the notes are few because cells share them.
    marks = {int(n) for n in re.findall(r'<span class="tables-sr">note </span>(\d+)</sup>', html)}
    assert marks == set(range(1, html.count('<li id="matrix-note-') + 1))
    assert 3 <= len(marks) <= 20
