"""Build the engine's pure-Python wheel with the project's own build backend (flit_core, pinned
in pyproject.toml and requirements.txt), reproducibly.

The same backend `pip install .` uses, called in-process: no isolated build environment (which
would need the network), no pyodide-build (see README: it cannot run offline and gives the same
wheel for a pure-Python package), no micropip. SOURCE_DATE_EPOCH fixes every entry's timestamp,
so the same sources always give the same bytes, and the wheel's URL hash changes only with them.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import ROOT, write_if_changed

PACKAGE = "policy_engine"
# 1980-01-01, the earliest time a zip entry can hold: no build carries the day it was made.
SOURCE_DATE_EPOCH = "315532800"


def package_dir() -> Path:
    """The engine's sources: `policy_engine/` at the repo root (not wherever sys.path points:
    MkDocs restores sys.path after loading a hook)."""
    path = ROOT / PACKAGE
    if not (path / "__init__.py").is_file():
        raise SystemExit(f"cannot find the {PACKAGE} package at {path}")
    return path


@contextmanager
def _reproducible_build_at(root: Path):
    """flit_core reads pyproject.toml from the working directory and the clock from
    SOURCE_DATE_EPOCH: set both for the build, and put them back after."""
    before_dir, before_epoch = Path.cwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(root)
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.chdir(before_dir)
        if before_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before_epoch


def wheel_bytes() -> tuple[str, bytes]:
    """(file name, bytes) of the engine's wheel, as flit_core builds it."""
    from flit_core import buildapi

    package_dir()
    with tempfile.TemporaryDirectory() as tmp, _reproducible_build_at(ROOT):
        name = buildapi.build_wheel(tmp)
        return name, (Path(tmp) / name).read_bytes()


def build_wheel(out: Path) -> tuple[Path, list[Path]]:
    """Write the wheel into `out` (removing stale wheels); return its path and the files written."""
    file_name, data = wheel_bytes()
    path = out / file_name
    for old in out.glob("*.whl"):
        if old.name != file_name:
            old.unlink()
    return path, [path] if write_if_changed(path, data) else []

