"""A snapshot of Pyodide's memory just after Python has started: the tool's worker restores it and
skips that start-up, about two thirds of Pyodide's boot. The memory is stored as its difference
from the memory the wasm starts with (docs/js/snapshot-delta.mjs), with freed memory zeroed:
about 3.6 MB with gzip instead of 6.1.

Made under Node (make_snapshot.mjs) from the Pyodide copy and the trimmed standard library the site
ships, and kept beside them. Two makings give the same bytes (make_snapshot.mjs fixes the seeds and
the clock; a test makes it twice), so it is made only when no file of its name exists: the name is
the hash of its recipe (make_snapshot.mjs, snapshot-delta.mjs, the Pyodide version, the standard
library zip). A new
Pyodide, recipe or zip gives a new name, so no browser cache can pair it with other files. The
worker checks the file against its SHA-256 before restoring it (or the memory against
`memory_sha256`, when the host has undone the gzip).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from . import DOCS, node_output, write_if_changed

RECIPE = Path(__file__).with_name("make_snapshot.mjs")
# How the memory is stored (its difference from the wasm's starting memory); the worker undoes it.
DELTA = DOCS / "js" / "snapshot-delta.mjs"
PREFIX = "snapshot-"
SUFFIX = ".bin.gz"


def file_name(pyodide_dir: Path, stdlib_zip: Path) -> str:
    recipe = hashlib.sha256(
        RECIPE.read_bytes() + DELTA.read_bytes() + pyodide_dir.name.encode()
        + stdlib_zip.read_bytes()
    ).hexdigest()[:12]
    return f"{PREFIX}{recipe}{SUFFIX}"


def make(pyodide_dir: Path, stdlib_zip: Path) -> bytes:
    """The gzip-compressed snapshot, made now."""
    return node_output(RECIPE, [str(pyodide_dir), str(stdlib_zip)], "the Pyodide snapshot",
                       b"\x1f\x8b")


def memory_sha256(path: Path) -> str:
    """The SHA-256 of the file's content, gzip undone (the memory's difference from the wasm's
    starting memory), for a host that undoes the gzip with Content-Encoding."""
    return hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest()


def build_snapshot(pyodide_dir: Path, stdlib_zip: Path) -> tuple[Path, list[Path]]:
    """Make the snapshot for the Pyodide copy in `pyodide_dir` unless it exists.

    Returns its path and the files written."""
    path = pyodide_dir / file_name(pyodide_dir, stdlib_zip)
    if path.is_file():
        return path, []
    write_if_changed(path, make(pyodide_dir, stdlib_zip))
    return path, [path]
