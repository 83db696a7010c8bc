"""Build-time generation: engine wheel, Pyodide runtime copy, question form, decision
tables, each page's "Last updated" line, host configurations.

Everything is written under the git-ignored `docs/generated/`, which MkDocs and Zensical both copy,
except `docs/_headers` and `docs/.htaccess` (git-ignored too), which hosts read from the site's
root, and the decision tables' requester pages, `docs/tables/<slug>.md` (git-ignored too), which
must sit at the path of their address (/tables/<slug>/).
Each function writes a file only when its content changes, so `mkdocs serve` does not loop.
Run it alone with `python -m site_build`; the MkDocs hook (`site_build/mkdocs_hook.py`) only
calls `build()`.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = DOCS / "generated"


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write `data` to `path` unless the file already holds exactly that; True if it was written."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def node_or_exit(needed_for: str) -> str:
    """The path of Node.js, which the build runs Pyodide and brotli with."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit(f"Node.js is needed {needed_for}: run `make setup` first")
    return node


def node_output(script: Path, args: list[str], making: str, starts_with: bytes) -> bytes:
    """What a build script run with Node writes on stdout: a file that must begin with
    `starts_with`; anything else stops the build with the script's own error output."""
    node = node_or_exit(f"for {making}")
    made = subprocess.run(
        [node, str(script), *args], capture_output=True, check=False, timeout=300)
    if made.returncode != 0 or not made.stdout.startswith(starts_with):
        raise SystemExit(f"making {making} failed:\n{made.stderr.decode(errors='replace')}")
    return made.stdout


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def keep_only(folder: Path, keep: set[Path]) -> None:
    """Remove the files in `folder` that are not in `keep` (an earlier build's stdlib or siblings
    must not ship beside the current ones)."""
    for path in folder.iterdir():
        if path.is_file() and path not in keep:
            path.unlink()


def build(
    site_url: str, csp: list[str], out: Path = GENERATED, docs_dir: Path = DOCS
) -> list[Path]:
    """Generate every artifact under `out` (host configurations also into `docs_dir`) for a site
    published at `site_url` with the Content-Security-Policy `csp`; return the files written."""
    from . import (
        board,
        dates,
        deskcard,
        form,
        hosting,
        practice,
        precompress,
        review_notes,
        runtime,
        stdlib,
        stories,
        tables,
        wheel,
    )

    changed: list[Path] = []
    wheel_path, wheel_changed = wheel.build_wheel(out / "engine")
    changed += wheel_changed
    pyodide_dir, runtime_changed = runtime.copy_runtime(out / "pyodide")
    changed += runtime_changed
    stdlib_path, stdlib_changed = stdlib.build_stdlib(pyodide_dir, runtime.FULL_STDLIB, wheel_path)
    changed += stdlib_changed
    # The wheel is deflated already.
    large = [*(pyodide_dir / f for f in runtime.RUNTIME_FILES), stdlib_path]
    changed += precompress.write_siblings(large, changed)
    keep_only(pyodide_dir, {*large, *(s for p in large for s in precompress.siblings(p))})
    site_root_rel = lambda p: p.relative_to(out.parent).as_posix()  # noqa: E731 - URL below docs/
    vocab = form.vocabulary()  # the engine's command line, asked once for both fragments
    # What the worker reads before it is ready: the files it fetches (the wasm, Pyodide's package
    # list, the standard library, the wheel), as they arrive decoded.
    wasm_bytes = (pyodide_dir / "pyodide.asm.wasm").stat().st_size
    load_bytes = (wheel_path.stat().st_size + stdlib_path.stat().st_size + wasm_bytes
                  + (pyodide_dir / "pyodide-lock.json").stat().st_size)
    changed += form.write_form(
        out / "fragments" / "decide-form.html",
        vocab,
        engine={
            "wheel": f"{site_root_rel(wheel_path)}?v={sha256_file(wheel_path)[:12]}",
            "wheel-sha256": sha256_file(wheel_path),
            "pyodide": site_root_rel(pyodide_dir) + "/",
            "stdlib": site_root_rel(stdlib_path),
            "stdlib-sha256": sha256_file(stdlib_path),
            "wasm-bytes": str(wasm_bytes),
        },
        load_bytes=load_bytes,
    )
    changed += tables.write_tables(vocab, out / "fragments" / "decision-matrix.md",
                                   docs_dir / "tables")
    changed += review_notes.write_review_notes(out / "fragments" / "review-notes.md", vocab)
    changed += board.write_board_pages(out / "fragments", vocab)
    changed += stories.write_stories(out / "stories")
    changed += practice.write_practice(out / "fragments" / "practice", vocab, site_url)
    changed += deskcard.write_desk_card(out / "fragments" / "practice")
    changed += dates.write_last_updated(out / "fragments" / "last-updated", docs_dir)
    changed += hosting.write_host_configs(docs_dir, out, site_url, csp)
    return changed
