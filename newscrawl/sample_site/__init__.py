"""The bundled sample site: pages in the real CMS markup, served on 127.0.0.1, plus their ground truth.

    from newscrawl import sample_site
    with sample_site.start() as site:          # port 0 = any free port
        site.base_url                          # 'http://127.0.0.1:PORT'
        site.requests                          # ['/', '/news/list.php?mcode=m71w8xw', ...]
    sample_site.ARTICLES                       # ground truth (content.SampleArticle)

`python -m newscrawl.sample_site [--port N]` serves in the foreground and prints the base URL first.
"""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer

from .content import (ARTICLES, ARTICLES_BY_IDX, DATA, DELETED_IDX, PAGE_SIZE, REFERENCE, REFERENCE_IDX, SECTIONS,
                      VARIATIONS, SampleArticle, Section, SiteData, clean_text, expected_items)
from .scripted import install as install_scripted_sections
from .server import App, RequestLog, Response, make_handler

__all__ = [
    "ARTICLES", "ARTICLES_BY_IDX", "DATA", "DELETED_IDX", "PAGE_SIZE", "REFERENCE", "REFERENCE_IDX", "SECTIONS",
    "VARIATIONS", "App", "Response", "SampleArticle", "SampleSite", "Section", "SiteData", "clean_text", "expected_items",
    "start",
]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A crawler killed mid-response (the crash tests do it on purpose) is not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SampleSite:
    """The sample site's HTTP server.  Use `start()` (background thread) or `serve_forever()` (foreground)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, data: SiteData | None = None, scripted: bool = False):
        self.app = App(data)
        if scripted:
            install_scripted_sections(self.app)
        self._log = RequestLog()
        self.server = _QuietServer((host, port), make_handler(self.app, self._log.append, lambda: self.base_url))
        self.host = host
        self.port = self.server.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    @property
    def data(self) -> SiteData:
        return self.app.data

    @property
    def requests(self) -> list[str]:
        """Every request served so far: path with query string, in arrival order (a copy)."""
        return self._log.snapshot()

    def count(self, target: str) -> int:
        """How many times exactly this path+query was requested."""
        return self.requests.count(target)

    def clear_requests(self) -> None:
        self._log.clear()

    def start(self) -> "SampleSite":
        if self._thread is None:
            self._thread = threading.Thread(target=self.server.serve_forever, name="sample-site", daemon=True)
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        try:
            self.server.serve_forever()
        finally:
            self.server.server_close()

    def stop(self) -> None:
        self.app.stopped.set()
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server.server_close()

    def __enter__(self) -> "SampleSite":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def start(host: str = "127.0.0.1", port: int = 0, data: SiteData | None = None, scripted: bool = False) -> SampleSite:
    """Serve the sample site from a daemon thread; returns the running SampleSite (also a context manager).

    `scripted=True` serves two sections' lists written for a browser (see scripted.py)."""
    return SampleSite(host, port, data, scripted).start()
