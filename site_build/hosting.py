"""Host configurations that send the site's security headers: nginx, Apache (`.htaccess`) and a
`_headers` file (Netlify, Cloudflare Pages and other hosts that read one).

A `<meta>` Content-Security-Policy binds the page alone: only a response header binds the decision
tool's Web Worker, and only a header can forbid framing (browsers ignore frame-ancestors in a
`<meta>`). Every configuration is written from the same two values the pages are built from, the
site's address (`site_url`) and its CSP (`extra.content_security_policy`, also each page's
`<meta>`), so none can drift from the pages; tests/deploy/ serves the site with the nginx and
Apache ones.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from . import ROOT, write_if_changed

# The Pyodide runtime's folder carries its version, so a file there never changes.
PYODIDE_PATH = "generated/pyodide/"
IMMUTABLE = "public, max-age=31536000, immutable"

# Every kind of file the built site holds (tests/deploy/ checks the list is complete). nginx gets
# exactly these (its own table lacks .mjs); Apache only the two the tool cannot do without, in
# case its table lacks or mistypes them; _headers hosts set types themselves.
MIME_TYPES = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "map": "application/json",  # source maps of Material's scripts and styles
    "wasm": "application/wasm",
    "xml": "application/xml",
    "txt": "text/plain",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
    "zip": "application/zip",
    "whl": "application/zip",
    "gz": "application/gzip",
}
NEEDED_BY_THE_TOOL = ("mjs", "wasm")
# Worth compressing: a .gz or .br sibling of these is sent in place of the file when the browser
# takes that encoding. (The standard library's zip holds stored entries, which compress as text
# does; the engine's wheel is deflated already.)
COMPRESSIBLE = ("html", "css", "js", "mjs", "json", "wasm", "xml", "txt", "svg", "zip")


def security_headers(meta_csp: list[str]) -> dict[str, str]:
    """The headers every response carries: the pages' CSP plus frame-ancestors, which only a header
    can carry (no other site may show these pages in a frame of its own); no MIME sniffing; no
    Referer sent to the law sites the pages link to."""
    return {
        "Content-Security-Policy": "; ".join([*meta_csp, "frame-ancestors 'none'"]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def _generated_by(site_url: str) -> str:
    return (
        f"# Written by `python -m site_build` for {site_url} (mkdocs.yml site_url and\n"
        "# extra.content_security_policy). Rebuild rather than edit it: README.md, \"Deploying\".\n"
    )


def _add_headers(headers: dict[str, str], indent: str = "") -> str:
    return "".join(f'{indent}add_header {name} "{value}" always;\n'
                   for name, value in headers.items())


def nginx_conf(site_url: str, headers: dict[str, str]) -> str:
    path = urlsplit(site_url).path
    types = "".join(f"    {mime} {ext};\n" for ext, mime in MIME_TYPES.items())
    return (
        _generated_by(site_url)
        + "# Include it in the location that serves the folder you copied the built site into:\n"
        + f"#     location {path} {{\n"
        + "#         alias /var/www/ipl-confidentiality/;  # the folder\n"
        + "#         include /etc/nginx/snippets/ipl-confidentiality.conf;\n"
        + "#     }\n"
        + "types {\n" + types + "}\n"
        + "# A .gz sibling made by the build is sent as it is to browsers that take gzip;\n"
        + "# without one, the file itself is sent.\n"
        + "gzip_static on;\n"
        + "gzip_vary on;\n"
        + f"error_page 404 {path}404.html;\n"
        + _add_headers(headers)
        + f"location {path}{PYODIDE_PATH} {{\n"
        + "    # add_header here replaces the ones above (nginx does not merge them).\n"
        + _add_headers(headers, "    ")
        + f'    add_header Cache-Control "{IMMUTABLE}" always;\n'
        + "}\n"
    )


def htaccess(site_url: str, headers: dict[str, str]) -> str:
    path = urlsplit(site_url).path
    compressible = "|".join(COMPRESSIBLE)
    retype = "".join(
        f"  RewriteRule \\.{ext}\\.(br|gz)$ - [T={MIME_TYPES[ext]},E=no-gzip:1,E=no-brotli:1]\n"
        for ext in COMPRESSIBLE
    )
    return (
        _generated_by(site_url)
        + "# Apache reads it from the folder you copied the built site into; the server must\n"
        + "# allow it (AllowOverride FileInfo) and load mod_headers (without it Apache\n"
        + "# refuses every request here, rather than serve the site without its headers).\n"
        + f"ErrorDocument 404 {path}404.html\n"
        + "".join(f"AddType {MIME_TYPES[ext]} .{ext}\n" for ext in NEEDED_BY_THE_TOOL)
        + "".join(f'Header always set {name} "{value}"\n' for name, value in headers.items())
        + f'<If "%{{REQUEST_URI}} =~ m#^{path}{PYODIDE_PATH}#">\n'
        + f'  Header always set Cache-Control "{IMMUTABLE}"\n'
        + "</If>\n"
        + "# With mod_rewrite, a .br or .gz sibling made by the build is sent instead of the\n"
        + "# file to browsers that take that encoding, with the file's own type.\n"
        + "<IfModule mod_rewrite.c>\n"
        + "  RewriteEngine On\n"
        + f"  RewriteBase {path}\n"
        + "  RewriteCond %{HTTP:Accept-Encoding} \\bbr\\b\n"
        + "  RewriteCond %{REQUEST_FILENAME}.br -s\n"
        + f"  RewriteRule ^(.+\\.({compressible}))$ $1.br [L]\n"
        + "  RewriteCond %{HTTP:Accept-Encoding} \\bgzip\\b\n"
        + "  RewriteCond %{REQUEST_FILENAME}.gz -s\n"
        + f"  RewriteRule ^(.+\\.({compressible}))$ $1.gz [L]\n"
        + retype
        + "</IfModule>\n"
        + f'<FilesMatch "\\.({compressible})\\.br$">\n'
        + "  Header set Content-Encoding br\n"
        + "  Header append Vary Accept-Encoding\n"
        + "</FilesMatch>\n"
        + f'<FilesMatch "\\.({compressible})\\.gz$">\n'
        + "  Header set Content-Encoding gzip\n"
        + "  Header append Vary Accept-Encoding\n"
        + "</FilesMatch>\n"
    )


def headers_file(site_url: str, headers: dict[str, str]) -> str:
    path = urlsplit(site_url).path
    return (
        _generated_by(site_url)
        + "# Hosts that read it apply every rule whose path matches: Pyodide's files get both.\n"
        + f"{path}*\n"
        + "".join(f"  {name}: {value}\n" for name, value in headers.items())
        + f"{path}{PYODIDE_PATH}*\n"
        + f"  Cache-Control: {IMMUTABLE}\n"
    )


def write_host_configs(
    docs_dir: Path, generated: Path, site_url: str, meta_csp: list[str]
) -> list[Path]:
    """`_headers` and `.htaccess` into the docs folder's root (both tools copy them to the built
    site's root, where hosts look for them); the nginx snippet, which belongs to the server and not
    the site, into generated/hosting/ (left out of the built site). Returns the files written."""
    if not site_url.endswith("/"):
        raise SystemExit(f"site_url must end with '/': {site_url!r}")
    headers = security_headers(meta_csp)
    outputs = {
        docs_dir / "_headers": headers_file(site_url, headers),
        docs_dir / ".htaccess": htaccess(site_url, headers),
        generated / "hosting" / "nginx.conf": nginx_conf(site_url, headers),
    }
    return [path for path, text in outputs.items() if write_if_changed(path, text)]


def read_config(config_file: Path = ROOT / "mkdocs.yml") -> dict:
    """`config_file` as MkDocs and Zensical read it, environment variables (!ENV) included."""
    import yaml
    from yaml_env_tag import construct_env_tag

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", construct_env_tag)
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)


def settings() -> tuple[str, list[str]]:
    """(site_url, the CSP directives), for `python -m site_build` run on its own."""
    config = read_config()
    return config["site_url"], config["extra"]["content_security_policy"]
