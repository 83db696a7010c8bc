"""The standard library the tool ships: only what Pyodide's own start-up and the engine import,
compiled.

Pyodide's python_stdlib.zip holds the whole standard library as source (2.5 MB, and it hardly
compresses: most entries are already deflated), which Python compiles on every start. The worker
passes the trimmed and compiled zip as `loadPyodide({stdLibURL})`.
Which modules: Pyodide runs under Node (pyodide_decide.mjs) with the full zip, unpacks the engine
wheel and gives the tool's full answer for a spread of the decision table's rows (every
FULL_EVERY-th: every requester and record) and a few malformed requests; the zip's entries
that Python then holds in `sys.modules` are kept, with the folders above them. The parity test runs
every row again on the shipped zip. Those modules are then compiled by Pyodide's own Python
(compile_stdlib.mjs): an ordinary start reads their bytecode instead of compiling their source.
Recording and compiling take a few seconds each, so their answers are kept in the git-ignored
`.cache/` under a key of everything they depend on; the zip is named after its content.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tempfile
import zipfile
from pathlib import Path

from . import node_or_exit, node_output, write_if_changed
from .form import CACHE

RECORDER = Path(__file__).with_name("pyodide_decide.mjs")
COMPILER = Path(__file__).with_name("compile_stdlib.mjs")
PREFIX = "python_stdlib-"
# One row in FULL_EVERY gets the full answer in the recording and the parity test: 2,149 of the
# 15,042 rows, every requester and record. (The engine imports all it uses when it is imported.)
FULL_EVERY = 7
# Requests the engine must turn away; their error paths may import modules a decision does not.
MALFORMED = ('{"requester": ', "[1, 2]", '{"requester": "x", "requester": "y"}', '{"record": 5}')


def recording_requests() -> list[str]:
    from .tables import table_rows

    rows = [
        json.dumps({"requester": r["requester"], "record": r["record"], "facts": r["facts"]})
        for r in table_rows()[::FULL_EVERY]
    ]
    return [*rows, *MALFORMED]


def run_pyodide(
    pyodide_dir: Path,
    stdlib: Path,
    wheel: Path,
    requests: list[str],
    work: Path,
    every: int = 1,
) -> tuple[dict, list[str]]:
    """Decide `requests` on Pyodide under Node: ({python, modules, compiled_from_source}, one line
    per request: the full decision for every `every`-th, the outcome and rules for the others)."""
    node = node_or_exit("to run Pyodide at build time")
    work.mkdir(parents=True, exist_ok=True)
    lines = work / "requests.jsonl"
    lines.write_text("\n".join(requests) + "\n", encoding="utf-8")
    args = [str(pyodide_dir), str(stdlib), str(wheel)]
    ran = subprocess.run(
        [node, str(RECORDER), *args, str(lines), str(every)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if ran.returncode != 0:
        raise SystemExit(f"running the engine on Pyodide under Node failed:\n{ran.stderr}")
    header, *decisions = ran.stdout.splitlines()
    return json.loads(header), decisions


def imported_entries(pyodide_dir: Path, full_stdlib: Path, wheel: Path) -> list[str]:
    """The full zip's entries that Python imports by the end of the recording run (cached)."""
    key = hashlib.sha256(
        wheel.read_bytes()
        + full_stdlib.read_bytes()
        + RECORDER.read_bytes()
        + "\n".join(recording_requests()).encode()
    ).hexdigest()[:16]
    cached = CACHE / f"stdlib-imports-{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    header, _ = run_pyodide(pyodide_dir, full_stdlib, wheel, recording_requests(), CACHE / "work")
    write_if_changed(cached, json.dumps(header["modules"]))
    return header["modules"]


def trimmed_zip(full: bytes, modules: list[str]) -> bytes:
    """The entries of `full` named in `modules` and the folders above them, in the zip's own order
    and with its own timestamps: the same input gives the same bytes."""
    keep = set(modules)
    for name in modules:
        parts = name.split("/")[:-1]
        keep.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    src = zipfile.ZipFile(io.BytesIO(full))
    missing = keep - set(src.namelist()) - {m for m in keep if m.endswith("/")}
    if missing:
        raise SystemExit(f"the standard library zip lacks {sorted(missing)}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in keep:
                dst.writestr(info, src.read(info), compress_type=info.compress_type)
    return out.getvalue()


def compile_zip(pyodide_dir: Path, trimmed: bytes) -> bytes:
    """`trimmed` with each module's source replaced by its bytecode for Pyodide's Python, made now
    (compile_stdlib.mjs)."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "trimmed.zip"
        source.write_bytes(trimmed)
        return node_output(COMPILER, [str(pyodide_dir), str(source)],
                           "the compiled standard library", b"PK")


def compiled_zip(pyodide_dir: Path, trimmed: bytes) -> bytes:
    """compile_zip's answer, kept in the cache under a key of its inputs."""
    key = hashlib.sha256(trimmed + COMPILER.read_bytes() + pyodide_dir.name.encode()).hexdigest()
    cached = CACHE / f"stdlib-compiled-{key[:16]}.zip"
    if cached.is_file():
        return cached.read_bytes()
    data = compile_zip(pyodide_dir, trimmed)
    write_if_changed(cached, data)
    return data


def build_stdlib(pyodide_dir: Path, full_stdlib: Path, wheel: Path) -> tuple[Path, list[Path]]:
    """Write the trimmed, compiled zip beside the Pyodide copy; return its path and the files
    written."""
    trimmed = trimmed_zip(full_stdlib.read_bytes(),
                          imported_entries(pyodide_dir, full_stdlib, wheel))
    data = compiled_zip(pyodide_dir, trimmed)
    path = pyodide_dir / f"{PREFIX}{hashlib.sha256(data).hexdigest()[:12]}.zip"
    return path, [path] if write_if_changed(path, data) else []
