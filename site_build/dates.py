"""The "Last updated" line of every page: one small generated snippet per page, dated from git.

Each page's Markdown ends with `--8<-- "generated/fragments/last-updated/<page>.md"`, which
pymdownx.snippets includes in MkDocs and Zensical alike (no hook or template needed). The date is
that of the last commit touching the page's source file (`git log -1 --format=%cs`), never the
build's clock, so two builds of one commit are identical. Without git history (a tarball, or a
file not yet committed) the line says the date was not recorded.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from . import DOCS, write_if_changed

NOT_RECORDED = "not recorded"


# A page the build writes (git-ignored, e.g. one decision table per requester) changes when the
# engine or the build code does: it is dated by the last commit touching these, from the root.
GENERATED_FROM = ("policy_engine", "site_build")


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False)
    except OSError:  # no git on this machine
        return None


def last_commit_day(path: Path) -> datetime.date | None:
    """The committer date of the last commit that touched `path` (for a generated page, the
    engine and build code it comes from), or None without one."""
    ignored = _git(["check-ignore", "-q", path.name], path.parent)
    if ignored is None:
        return None
    if ignored.returncode == 0:
        root = _git(["rev-parse", "--show-toplevel"], path.parent)
        run = _git(["log", "-1", "--format=%cs", "--", *GENERATED_FROM],
                   Path(root.stdout.strip()))
    else:
        run = _git(["log", "-1", "--format=%cs", "--", path.name], path.parent)
    try:
        return datetime.date.fromisoformat(run.stdout.strip()) if run.returncode == 0 else None
    except ValueError:  # no commit touches it (empty output)
        return None


def last_updated_html(day: datetime.date | None) -> str:
    """The line a page ends with; left out of the search index (it would match every query)."""
    if day is None:
        shown = f"Last updated: {NOT_RECORDED}"
    else:
        shown = (f'Last updated <time datetime="{day.isoformat()}">'
                 f"{day:%B} {day.day}, {day.year}</time>")
    return f'<p class="page-date" data-search-exclude>{shown}.</p>\n'


def pages(docs_dir: Path = DOCS) -> list[Path]:
    """Every page's Markdown source (the generated folder holds fragments, not pages)."""
    return sorted(p for p in docs_dir.rglob("*.md")
                  if "generated" not in p.relative_to(docs_dir).parts)


def write_last_updated(out: Path, docs_dir: Path = DOCS) -> list[Path]:
    """Write `<out>/<page path>.md` for every page; return the files that changed."""
    changed = []
    for page in pages(docs_dir):
        target = out / page.relative_to(docs_dir)
        if write_if_changed(target, last_updated_html(last_commit_day(page))):
            changed.append(target)
    return changed
