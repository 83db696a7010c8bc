"""The theme overrides stay small and Zensical-friendly (DESIGN.md section 6)."""

from __future__ import annotations

import re

import yaml

from tests.site.site_helpers import ROOT

OVERRIDES = ROOT / "site_overrides"


def _material_templates():
    import material

    return ROOT.joinpath(material.__file__).parent / "templates"


def test_search_partial_differs_from_materials_only_by_its_accessible_name() -> None:
    ours = (OVERRIDES / "partials/search.html").read_text()
    upstream = (_material_templates() / "partials/search.html").read_text()
    strip_comment = re.compile(r"^\{#-.*?-#\}\n", re.S)
    ours, upstream = strip_comment.sub("", ours), strip_comment.sub("", upstream)
    named = ours.replace(""" aria-label="{{ lang.t('search') }}">""", ">", 1)
    assert named != ours, "the search dialog's aria-label is gone"
    assert named == upstream, (
        "Material's search partial changed: copy it again and re-add the aria-label"
    )


def test_templates_use_no_python_method_calls_and_call_super() -> None:
    files = sorted(OVERRIDES.rglob("*.html"))
    assert {f.relative_to(OVERRIDES).as_posix() for f in files} <= {
        "main.html", "404.html", "partials/search.html"
    }
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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert config["plugins"] == ["search"]
    assert config["theme"]["font"] is False
    assert config["theme"]["variant"] == "classic"
    # One hook only: the decision tool's two-line wrapper around `python -m site_build` (pre-build).
    assert config.get("hooks", []) in ([], ["site_build/mkdocs_hook.py"])
    assert "repo_url" not in config
    assert "privacy" not in str(config["plugins"]) and "offline" not in str(config["plugins"])
