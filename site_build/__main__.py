"""`python -m site_build`: generate docs/generated/ (and the host configurations) for mkdocs.yml's
site_url, or the SITE_URL environment variable; run it before `zensical build`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import GENERATED, ROOT, build, hosting


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_build", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=GENERATED, help="output folder (default: docs/generated)"
    )
    args = parser.parse_args(argv)
    changed = build(*hosting.settings(), out=args.out.resolve())
    for path in changed:
        try:
            print(f"wrote {path.relative_to(ROOT)}")
        except ValueError:
            print(f"wrote {path}")
    if not changed:
        print("docs/generated is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
