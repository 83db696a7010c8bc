"""Build-time generation: engine wheel, Pyodide runtime copy and snapshot, question form, decision
tables, host configurations.

Everything is written under the git-ignored `docs/generated/`, which MkDocs and Zensical both copy,
except `docs/_headers` and `docs/.htaccess` (git-ignored too),
which hosts read from the site's root.
Each function writes a file only when its content changes, so `mkdocs serve` does not loop.
Run it alone with `python -m site_build`; the MkDocs hook (`site_build/mkdocs_hook.py`) only
calls `build()`.
"""

from __future__ import annotations

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


def build(
    site_url: str, csp: list[str], out: Path = GENERATED, docs_dir: Path = DOCS
) -> list[Path]:
    """Generate every artifact under `out` (host configurations also into `docs_dir`) for a site
    published at `site_url` with the Content-Security-Policy `csp`; return the files written."""
    from . import form, hosting, review_notes, runtime, snapshot, stories, tables, wheel

    changed: list[Path] = []
    wheel_path, wheel_changed = wheel.build_wheel(out / "engine")
    changed += wheel_changed
    pyodide_dir, runtime_changed = runtime.copy_runtime(out / "pyodide")
    changed += runtime_changed
    snapshot_path, snapshot_changed = snapshot.build_snapshot(pyodide_dir)
    changed += snapshot_changed
    site_root_rel = lambda p: p.relative_to(out.parent).as_posix()  # noqa: E731 - URL below docs/
    vocab = form.vocabulary()  # the engine's command line, asked once for both fragments
    changed += form.write_form(
        out / "fragments" / "decide-form.html",
        vocab,
        wheel_url=f"{site_root_rel(wheel_path)}?v={wheel.short_hash(wheel_path)}",
        pyodide_url=site_root_rel(pyodide_dir) + "/",
        snapshot_url=site_root_rel(snapshot_path),
        download_bytes=sum(
            p.stat().st_size
            for p in (wheel_path, snapshot_path, *(pyodide_dir / f for f in runtime.RUNTIME_FILES))
        ),
    )
    changed += tables.write_tables(out / "fragments" / "decision-tables.md", vocab)
    changed += review_notes.write_review_notes(out / "fragments" / "review-notes.md")
    changed += stories.write_stories(out / "stories")
    changed += hosting.write_host_configs(docs_dir, out, site_url, csp)
    return changed
