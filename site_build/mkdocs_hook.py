"""MkDocs hook: regenerate docs/generated/ before each build.

Zensical ignores hooks: run `python -m site_build` before `zensical build`.
"""

import mimetypes
import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # the repo root: site_build, policy_engine
# `mkdocs serve` on Python 3.11 guesses these from the system table, which may lack or mistype them.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")

import site_build  # noqa: E402


def on_pre_build(config, **kwargs):
    site_build.build(config.site_url, config.extra["content_security_policy"])
