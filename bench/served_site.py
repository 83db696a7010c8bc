"""The benchmarks' web server (not a benchmark): the worktree's site built and served on loopback.

Shared by bench/tool.py and bench/desk_tasks.py. The server sends `Cache-Control: max-age=31536000,
immutable` for the versioned Pyodide path and the content-hashed engine wheel, and `no-cache` for
everything else, and each file's precompressed .br or .gz sibling when Chromium accepts it
(tests/conftest.py SiteHandler), as a production host should.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import QuietServer, SiteHandler, build_site, free_port  # noqa: E402


class Handler(SiteHandler):
    def end_headers(self) -> None:
        if self.path.startswith("/generated/pyodide/") or ".whl?v=" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def serve(site_dir: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site_dir` on 127.0.0.1:`port` (0: any free port) from a background thread; returns
    the server and its base URL."""
    server = QuietServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def built_site(prepare: Callable[[Path], None] | None = None) -> Iterator[str]:
    """Build the worktree's site for a free loopback port (instant navigation needs `site_url`
    to be the address it is served from), let `prepare(site_dir)` add files, serve it; yields the
    base URL."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        build_site(site_dir, f"http://127.0.0.1:{port}/")
        if prepare is not None:
            prepare(site_dir)
        server, base = serve(site_dir, port)
        try:
            yield base
        finally:
            server.shutdown()
            server.server_close()
