"""Copy the pinned Pyodide runtime from node_modules/pyodide to a versioned folder (no CDN)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import ROOT, write_if_changed

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
# Only what loadPyodide() fetches besides the standard library, which the site ships trimmed
# (stdlib.py, from FULL_STDLIB); the npm package holds no package wheels.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
)
FULL_STDLIB = NPM_PYODIDE / "python_stdlib.zip"


def pyodide_version(src: Path = NPM_PYODIDE) -> str:
    return json.loads((src / "package.json").read_text(encoding="utf-8"))["version"]


def copy_runtime(out: Path, src: Path = NPM_PYODIDE) -> tuple[Path, list[Path]]:
    """Copy the runtime to out/<version>/; return that folder and the files written."""
    if not (src / "package.json").is_file():
        raise SystemExit(f"{src} is missing: run `npm ci` (or `make setup`) first")
    dest = out / pyodide_version(src)
    for old in out.glob("*"):  # an earlier pinned version must not ship alongside the current one
        if old.is_dir() and old != dest:
            shutil.rmtree(old)
    changed = [
        dest / name
        for name in RUNTIME_FILES
        if write_if_changed(dest / name, (src / name).read_bytes())
    ]
    return dest, changed
