"""The theme overrides stay small and Zensical-friendly (DESIGN.md section 6)."""

from __future__ import annotations

import re

from site_build.hosting import read_config
from tests.site.site_helpers import ROOT

OVERRIDES = ROOT / "site_overrides"


def test_templates_use_no_python_method_calls_and_call_super() -> None:
    files = sorted(OVERRIDES.rglob("*.html"))
    # No partials: Zensical renders Material's partials its own way (an overridden search partial
    # showed a second search box there).
    assert {f.relative_to(OVERRIDES).as_posix() for f in files} <= {"main.html", "404.html"}
    for file in files:
        text = file.read_text()
        for tag in re.findall(r"\{[{%](.*?)[%}]\}", text, flags=re.S):
            # lang.t() is Material's own translation helper, not a Python method.
            calls = re.findall(r"(\w+)\.(\w+)\(", tag)
            assert all(call == ("lang", "t") for call in calls), (
                f"{file.name}: method call in {tag!r}"
            )
            assert not re.search(r"\s%\s", tag), f"{file.name}: % formatting in {tag!r}"
    main = (OVERRIDES / "main.html").read_text()
    blocks = re.findall(r"\{% block (\w+) %\}(.*?)\{% endblock %\}", main, flags=re.S)
    assert blocks
    for name, body in blocks:
        assert "{{ super() }}" in body, f"block {name} must call super()"
    assert "page.meta and" in main  # page.meta is guarded


def test_mkdocs_yml_stays_plain() -> None:
    config = read_config()
    assert config["plugins"] == ["search"]
    assert config["theme"]["font"] is False
    assert config["theme"]["variant"] == "classic"
    # One hook only: the decision tool's two-line wrapper around `python -m site_build` (pre-build).
    assert config.get("hooks", []) in ([], ["site_build/mkdocs_hook.py"])
    assert "repo_url" not in config
    assert "privacy" not in str(config["plugins"]) and "offline" not in str(config["plugins"])
