"""Precompressed siblings of the engine's large files: <file>.gz and <file>.br, written at build
time, so a host can send them with Content-Encoding instead of compressing on every request (or
not at all: few static hosts compress .wasm or .zip on the fly). Deterministic bytes: gzip with no
time or name in its header, brotli from Node's zlib (brotli.mjs). A sibling is made again only
when its file was rewritten.
"""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from . import node_or_exit, write_if_changed

BROTLI = Path(__file__).with_name("brotli.mjs")
ENCODINGS = {"br": ".br", "gzip": ".gz"}


def siblings(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ENCODINGS.values()]


def write_siblings(files: list[Path], changed: list[Path]) -> list[Path]:
    """Make the .gz and .br siblings of `files` that are missing or whose file is in `changed`."""
    written: list[Path] = []
    stale = {p for p in files if p in changed or not all(s.is_file() for s in siblings(p))}
    for path in sorted(stale):
        gz = path.with_name(path.name + ".gz")
        if write_if_changed(gz, gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)):
            written.append(gz)
    if stale:
        node = node_or_exit("for the brotli siblings")
        subprocess.run([node, str(BROTLI), *map(str, sorted(stale))], check=True, timeout=600)
        written += [p.with_name(p.name + ".br") for p in sorted(stale)]
    return written

