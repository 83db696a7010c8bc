"""A snapshot of Pyodide's memory just after Python has started: the tool's worker restores it and
skips that start-up, about two thirds of Pyodide's boot.

Made once under Node (make_snapshot.mjs) from the Pyodide copy the site ships, and kept beside it.
Two makings of the same recipe differ in a few bytes (Python seeds its hashes and `random` at
start-up), and either fits that pyodide.asm.wasm. So the file is named after its recipe (the Pyodide
version and make_snapshot.mjs) and made only when no file of that name exists: `mkdocs serve` does
not loop, and a new Pyodide or recipe gives a new name, so no browser cache can mix them up.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from . import write_if_changed

RECIPE = Path(__file__).with_name("make_snapshot.mjs")
PREFIX = "snapshot-"
SUFFIX = ".bin.gz"


def file_name(pyodide_dir: Path) -> str:
    recipe = hashlib.sha256(RECIPE.read_bytes() + pyodide_dir.name.encode()).hexdigest()[:12]
    return f"{PREFIX}{recipe}{SUFFIX}"


def build_snapshot(pyodide_dir: Path) -> tuple[Path, list[Path]]:
    """Make the snapshot for the Pyodide copy in `pyodide_dir` unless it exists.

    Returns its path and the files written."""
    path = pyodide_dir / file_name(pyodide_dir)
    for old in pyodide_dir.glob(f"{PREFIX}*{SUFFIX}"):
        if old != path:
            old.unlink()
    if path.is_file():
        return path, []
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Node.js is needed to make the Pyodide snapshot: run `make setup` first")
    made = subprocess.run(
        [node, str(RECIPE), str(pyodide_dir)], capture_output=True, check=False, timeout=300
    )
    if made.returncode != 0 or made.stdout[:2] != b"\x1f\x8b":
        raise SystemExit(
            f"making the Pyodide snapshot failed:\n{made.stderr.decode(errors='replace')}"
        )
    write_if_changed(path, made.stdout)
    return path, [path]
