"""Build the engine's pure-Python wheel deterministically, with the standard library only.

No pyodide-build, no micropip, no `python -m build` (its isolated environment needs the
network): a wheel is a zip file with a `.dist-info` folder (METADATA, WHEEL, RECORD). Entries are
sorted and carry a fixed timestamp and mode, so the same sources always give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile
from pathlib import Path

from . import ROOT, write_if_changed

PACKAGE = "policy_engine"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
SKIP_DIRS = {"__pycache__"}
SKIP_SUFFIXES = {".pyc", ".pyo"}


def package_dir() -> Path:
    """The engine's sources: `policy_engine/` at the repo root (not wherever sys.path points:
    MkDocs restores sys.path after loading a hook)."""
    path = ROOT / PACKAGE
    if not (path / "__init__.py").is_file():
        raise SystemExit(f"cannot find the {PACKAGE} package at {path}")
    return path


def project_metadata() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _entry(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def wheel_bytes(src: Path | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of the wheel for the package in `src`."""
    src = src or package_dir()
    meta = project_metadata()
    name, version = meta["name"], meta["version"]
    dist_info = f"{name}-{version}.dist-info"
    files: list[tuple[str, bytes]] = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or SKIP_DIRS.intersection(rel.parts) or path.suffix in SKIP_SUFFIXES:
            continue
        files.append((f"{PACKAGE}/{rel.as_posix()}", path.read_bytes()))
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {name}\n"
        f"Version: {version}\n"
        f"Summary: {meta.get('description', '')}\n"
        f"Requires-Python: {meta.get('requires-python', '>=3.11')}\n"
    )
    wheel = "Wheel-Version: 1.0\nGenerator: site_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files += [(f"{dist_info}/METADATA", metadata.encode()), (f"{dist_info}/WHEEL", wheel.encode())]
    record = (
        "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files) + f"{dist_info}/RECORD,,\n"
    )
    files.append((f"{dist_info}/RECORD", record.encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for entry_name, data in files:
            _entry(zf, entry_name, data)
    return f"{name}-{version}-py3-none-any.whl", buf.getvalue()


def build_wheel(out: Path) -> tuple[Path, list[Path]]:
    """Write the wheel into `out` (removing stale wheels); return its path and the files written."""
    file_name, data = wheel_bytes()
    path = out / file_name
    for old in out.glob("*.whl"):
        if old.name != file_name:
            old.unlink()
    return path, [path] if write_if_changed(path, data) else []


def short_hash(path: Path) -> str:
    """A content hash for cache-busting the wheel's URL."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
