"""What a deployer ships, read as files: the build for a sub-path address (printing no warning), the
host configurations written with it (they must say what the pages' own CSP says), and builds that
repeat exactly."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from site_build.hosting import IMMUTABLE, MIME_TYPES, PYODIDE_PATH
from tests.conftest import one_build_at_a_time
from tests.deploy.conftest import SOURCE_DATE, SUB_PATH, mkdocs_build
from tests.site.site_helpers import csp_directives, csp_of, html_pages, page_file


def _header_csp(site_dir: Path) -> dict[str, list[str]]:
    """The CSP the pages carry in their <meta>, as a header must send it: the same directives, and
    frame-ancestors, which only a header can carry. Every page carries the same one."""
    metas = {csp_of(page_file(site_dir, a).read_text()) for a in html_pages(site_dir)}
    assert len(metas) == 1, metas
    return {**csp_directives(metas.pop()), "frame-ancestors": ["'none'"]}


def test_the_build_prints_no_warning(subpath_build) -> None:
    assert "WARNING" not in subpath_build.output and "ERROR" not in subpath_build.output, (
        subpath_build.output)


def test_the_address_reaches_links_sitemap_and_404_page(subpath_build) -> None:
    base, site_dir = subpath_build.base, subpath_build.site_dir
    decide = (site_dir / "decide/index.html").read_text()
    assert f'<link rel="canonical" href="{base}decide/">' in decide
    locs = re.findall(r"<loc>([^<]*)</loc>", (site_dir / "sitemap.xml").read_text())
    assert locs and all(loc.startswith(base) for loc in locs), locs
    # The 404 page is served at any depth, so its links and styles are absolute: under the sub-path.
    not_found = (site_dir / "404.html").read_text()
    assert f'href="{SUB_PATH}assets/stylesheets/' in not_found
    assert f'href="{SUB_PATH}decide/"' in not_found
    assert 'href="/assets/' not in not_found and 'href="/decide/' not in not_found


def test_each_host_configuration_sends_the_pages_csp_and_the_rest(subpath_build) -> None:
    site_dir, nginx = subpath_build.site_dir, subpath_build.nginx_conf
    csp = _header_csp(site_dir)
    assert "'wasm-unsafe-eval'" in csp["script-src"] and csp["worker-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    nginx_text, htaccess, headers = (
        nginx.read_text(), (site_dir / ".htaccess").read_text(), (site_dir / "_headers").read_text()
    )
    found = {
        "nginx": re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', nginx_text),
        ".htaccess": re.findall(r'Header always set Content-Security-Policy "([^"]*)"', htaccess),
        "_headers": re.findall(r"^  Content-Security-Policy: (.*)$", headers, re.M),
    }
    for host, values in found.items():
        assert values, f"{host}: no CSP header"
        for value in values:
            assert csp_directives(value) == csp, host
    for text in (nginx_text, htaccess, headers):
        assert "nosniff" in text and IMMUTABLE in text
    # Every path is under the site's own: the Pyodide folder's caching, the 404 page.
    assert f"location {SUB_PATH}{PYODIDE_PATH} {{" in nginx_text
    assert f"error_page 404 {SUB_PATH}404.html;" in nginx_text
    assert "gzip_static on;" in nginx_text
    assert f"ErrorDocument 404 {SUB_PATH}404.html" in htaccess
    assert f"^{SUB_PATH}{PYODIDE_PATH}" in htaccess
    assert re.search(rf"^{SUB_PATH}\*$", headers, re.M)
    assert re.search(rf"^{SUB_PATH}{PYODIDE_PATH}\*\n  Cache-Control: {IMMUTABLE}$", headers, re.M)
    # The nginx configuration is the server's, not a page of the site.
    assert not list(site_dir.rglob("nginx.conf"))


def test_nginx_knows_the_type_of_every_file_the_site_holds(subpath_build) -> None:
    """nginx's snippet replaces the server's type table: a kind of file missing from it would be
    sent as application/octet-stream. A .gz or .br sibling of a file is sent as that file."""
    site_dir = subpath_build.site_dir
    missing = set()
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.name in ("_headers", ".htaccess"):
            continue
        if path.suffix in (".gz", ".br") and path.with_suffix("").is_file():
            continue
        if path.suffix.lstrip(".") not in MIME_TYPES:
            missing.add(path.relative_to(site_dir).as_posix())
    assert not missing, sorted(missing)


def test_two_builds_at_the_same_source_date_are_identical(subpath_build, tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH (as `make site` sets it, from the last commit), the sitemap's dates
    are that date, not the day of the build, and a second build gives the same bytes."""
    first, second = subpath_build.site_dir, tmp_path / "second"
    with one_build_at_a_time():
        mkdocs_build(second, subpath_build.base)
    sitemap = (first / "sitemap.xml").read_text()
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates == {datetime.fromtimestamp(SOURCE_DATE, UTC).date().isoformat()}
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differ = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert differ == []
