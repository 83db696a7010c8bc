"""The site as a deployer publishes it: built with `mkdocs build --strict` for a sub-path given by
the SITE_URL environment variable, and served by a real nginx (Debian's) with the shipped
configuration, included in a location block as README's "Deploying" says, and by a real Apache
(Debian's) reading the shipped .htaccess from the copied folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import ROOT, free_port, one_build_at_a_time

NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
SUB_PATH = "/confidentiality/"


# The date a deployer's build carries (`make site` sets SOURCE_DATE_EPOCH from the last commit).
SOURCE_DATE = 1767225600  # 2026-01-01 00:00 UTC


def mkdocs_build(site_dir: Path, site_url: str, **env: str) -> str:
    """`mkdocs build --strict` as CI runs it: the address from SITE_URL, the folder SITE_DIR, the
    date from SOURCE_DATE_EPOCH. Returns what it printed. Call it holding the build lock
    (tests.conftest.one_build_at_a_time)."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "SITE_URL": site_url, "SITE_DIR": str(site_dir),
             "SOURCE_DATE_EPOCH": str(SOURCE_DATE), "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout + run.stderr


class Build(NamedTuple):
    base: str  # the address it was built for
    site_dir: Path
    nginx_conf: Path  # the nginx configuration the build wrote
    output: str  # what `mkdocs build --strict` printed


@pytest.fixture(scope="session")
def subpath_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site as a deployer builds it, for http://127.0.0.1:PORT/confidentiality/."""
    base = f"http://127.0.0.1:{free_port()}{SUB_PATH}"
    tmp = tmp_path_factory.mktemp("subpath")
    conf = tmp / "ipl-confidentiality.conf"
    with one_build_at_a_time():
        output = mkdocs_build(tmp / "site", base)
        # Taken at once: a later build (another test's, for another address) rewrites it.
        shutil.copyfile(ROOT / "docs" / "generated" / "hosting" / "nginx.conf", conf)
    return Build(base, tmp / "site", conf, output)


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server exited: {log.read_text() if log.exists() else ''}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server did not listen on {port}: {log.read_text()}")


@pytest.fixture(scope="session")
def nginx_site(subpath_build, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(base URL, built site folder): the sub-path build served by nginx in the foreground, from a
    temporary prefix (no system service, loopback only)."""
    base, site_dir, snippet = subpath_build.base, subpath_build.site_dir, subpath_build.nginx_conf
    port = int(base.split(":")[2].split("/")[0])
    prefix = tmp_path_factory.mktemp("nginx")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(
        "daemon off;\n"
        "user root;\n"  # pytest's temporary folders are readable by their owner only
        "worker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"  access_log {prefix}/access.log;\n"
        + "".join(f"  {name}_temp_path {prefix}/{name};\n"
                  for name in ("proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  client_body_temp_path {prefix}/body;\n"
        "  server {\n"
        f"    listen 127.0.0.1:{port};\n"
        f"    location {SUB_PATH} {{\n"
        f"      alias {site_dir}/;\n"
        f"      include {snippet};\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    log = prefix / "error.log"
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(log)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    assert "[warn]" not in check.stderr, check.stderr  # the shipped snippet loads cleanly
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(log)])
    try:
        _wait_for_port(port, process, log)
        yield base, site_dir
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def apache_site(subpath_build) -> Iterator[tuple[str, Path]]:
    """(base URL, served folder): a copy of the sub-path build (.htaccess included) in the folder
    an Apache in the foreground serves as /confidentiality/, with the modules README names and
    AllowOverride FileInfo. The copy lives where Apache's unprivileged user may read it (pytest's
    temporary folders are private)."""
    site_dir = subpath_build.site_dir
    port = free_port()
    root = Path(tempfile.mkdtemp(prefix="ipl-apache-"))
    try:
        root.chmod(0o755)
        served = root / "htdocs" / SUB_PATH.strip("/")
        shutil.copytree(site_dir, served)
        conf = root / "httpd.conf"
        modules = ("mpm_event", "authz_core", "mime", "headers", "rewrite", "dir")
        conf.write_text(
            f"ServerRoot {root}\n"
            f"PidFile {root}/httpd.pid\n"
            f"Listen 127.0.0.1:{port}\n"
            "ServerName 127.0.0.1\n"
            "User nobody\n"
            "Group nogroup\n"
            + "".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n" for m in modules)
            + "TypesConfig /etc/mime.types\n"
            f"ErrorLog {root}/error.log\n"
            f"DocumentRoot {root}/htdocs\n"
            "DirectoryIndex index.html\n"
            f"<Directory {root}/htdocs>\n"
            "  Options FollowSymLinks\n"
            "  AllowOverride FileInfo\n"
            "  Require all granted\n"
            "</Directory>\n"
        )
        log = root / "error.log"
        check = subprocess.run([APACHE, "-f", str(conf), "-t"], capture_output=True, text=True,
                               check=False)
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen([APACHE, "-f", str(conf), "-X"])
        try:
            _wait_for_port(port, process, log)
            yield f"http://127.0.0.1:{port}{SUB_PATH}", served
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(root)


@pytest.fixture(params=["nginx", "apache"])
def served_site(request) -> tuple[str, Path]:
    """(base URL, served folder) under each server the project ships a configuration for."""
    return request.getfixturevalue(f"{request.param}_site")
