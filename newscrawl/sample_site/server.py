"""Routing for the sample site: a table of (path regex, handler) and a small request/response pair.

Handlers are plain functions `handler(app, request, match) -> Response`; they read data from `app.data`
(a content.SiteData) and HTML from `app.markup` (markup.py: pages.py for site A, pages_b.py for site B).
To extend the site later (fault injection, EUC-KR pages, a synthetic data set, a JS-built list section) add a
route with `app.add_route(...)`, a hook with `app.add_hook(...)` (runs before routing and may return a Response),
or build the App with another SiteData or Markup; `Response.charset` controls the encoding of text bodies.
"""

from __future__ import annotations

import re
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from . import pages
from .content import DATA, SiteData
from .markup import Markup, markup_for

# A 1x1 transparent GIF, served for every /data/... image.
PIXEL_GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
             b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


@dataclass
class Request:
    method: str
    target: str  # path with query string, as received
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    base_url: str  # 'http://127.0.0.1:PORT' (from the Host header)

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def int_param(self, name: str, default: int | None = None) -> int | None:
        value = (self.param(name) or "").strip()
        return int(value) if value.isdigit() else default


@dataclass
class Response:
    status: int = 200
    body: str | bytes = ""
    content_type: str = "text/html"
    charset: str | None = "utf-8"  # used to encode a str body and in the Content-Type header
    headers: dict[str, str] = field(default_factory=dict)
    # "reset": close the connection with a TCP reset and no response; "hang": hold it until the site stops.
    abort: str | None = None

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return self.body.encode(self.charset or "utf-8")

    def content_type_header(self) -> str:
        if self.charset and not isinstance(self.body, bytes):
            return f"{self.content_type}; charset={self.charset}"
        return self.content_type


Handler = Callable[["App", Request, "re.Match[str]"], Response]
Hook = Callable[["App", Request], "Response | None"]


# --------------------------------------------------------------------------------------------------------------
# Handlers


def home(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=app.markup.home(app.data, request.base_url))


def news_list(app: App, request: Request, match: re.Match) -> Response:
    """/news/list.php: the markup reads its own paging parameters (&page=N on site A, board_data on site B)."""
    return Response(body=app.markup.section_list(app.data, request))


def search(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=app.markup.search(app.data, request))


def _article(app: App, idx: int | None):
    return app.data.get(idx) if idx is not None else None


def view(app: App, request: Request, match: re.Match) -> Response:
    """/news/view.php?idx=N (other parameters ignored) and /news/N."""
    idx = int(match.group("idx")) if match.groupdict().get("idx") else request.int_param("idx")
    article = _article(app, idx)
    if article is None:
        return Response(body=app.markup.deleted())
    return Response(body=app.markup.article(app.data, article, request.base_url))


def mobile_view(app: App, request: Request, match: re.Match) -> Response:
    article = _article(app, request.int_param("idx"))
    if article is None:
        return Response(body=app.markup.deleted())
    return Response(body=app.markup.mobile_article(app.data, article, request.base_url))


def mobile_home(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=app.markup.mobile_home(app.data))


def robots(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=pages.render_robots(), content_type="text/plain")


def admin(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=app.markup.admin())


def image(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=PIXEL_GIF, content_type="image/gif", charset=None)


def not_found(app: App, request: Request, match: re.Match | None = None) -> Response:
    return Response(status=404, body=pages.render_not_found(request.path))


ROUTES: list[tuple[str, Handler]] = [
    (r"/(?:index\.(?:php|html))?", home),
    (r"/news/list\.php", news_list),
    (r"/news/search\.php", search),
    (r"/news/view\.php", view),
    (r"/news/(?P<idx>\d+)", view),
    (r"/m/view\.php", mobile_view),
    (r"/m/?", mobile_home),
    (r"/robots\.txt", robots),
    (r"/admin(?:/.*)?", admin),
    (r"/data/.+", image),
]


class App:
    """The site: data + markup + routing table + hooks.  Thread-safe as long as handlers only read `data`.

    `markup` defaults to the one that fits `data` (markup.markup_for)."""

    def __init__(self, data: SiteData | None = None, markup: Markup | None = None):
        self.data = data or DATA
        self.markup = markup or markup_for(self.data)
        self.routes: list[tuple[re.Pattern, Handler]] = [(re.compile(p), h) for p, h in ROUTES]
        self.hooks: list[Hook] = []
        # Set when the site stops, releasing connections held open on purpose.
        self.stopped = threading.Event()

    def add_route(self, pattern: str, handler: Handler, first: bool = True) -> None:
        route = (re.compile(pattern), handler)
        self.routes.insert(0, route) if first else self.routes.append(route)

    def add_hook(self, hook: Hook) -> None:
        self.hooks.append(hook)

    def handle(self, request: Request) -> Response:
        for hook in self.hooks:
            response = hook(self, request)
            if response is not None:
                return response
        for pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if match:
                return handler(self, request, match)
        return not_found(self, request)


def make_request(method: str, target: str, headers: dict[str, str], default_base: str) -> Request:
    parts = urlsplit(target)
    host = headers.get("host") or headers.get("Host")
    return Request(
        method=method, target=target, path=parts.path or "/",
        query=parse_qs(parts.query, keep_blank_values=True),
        headers=headers, base_url=f"http://{host}" if host else default_base,
    )


def make_handler(app: App, log: RequestLog, default_base: Callable[[], str]):
    """A BaseHTTPRequestHandler class bound to `app`; every request is recorded in `log`, and counted in flight
    there from its arrival until just before its response's last byte is written (or the connection is aborted):
    always within the time the client waits for it, so `max_in_flight` never counts more than the client had."""

    class SampleSiteHandler(BaseHTTPRequestHandler):
        server_version = "Apache"
        sys_version = ""

        def _serve(self, send_body: bool) -> None:
            log.begin(self.path)
            self._counted = True
            try:
                self._respond(send_body)
            finally:
                self._end()

        def _end(self) -> None:
            # Once per request, and before the response's last byte is sent: a client that has the whole response
            # may send its next request at once, and that one must not find this one still counted.
            if self._counted:
                self._counted = False
                log.end()

        def _respond(self, send_body: bool) -> None:
            request = make_request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                                   default_base())
            try:
                response = app.handle(request)
            except Exception as error:  # a bug in a handler must not hang the crawler
                response = Response(status=500, body=f"<h1>500</h1><p>{type(error).__name__}</p>")
            if response.abort == "hang":
                app.stopped.wait()
            if response.abort:
                # SO_LINGER 0: closing sends a TCP reset instead of an orderly end.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                return
            payload = response.encoded()
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type_header())
            self.send_header("Content-Length", str(len(payload)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            body = payload if send_body else b""
            if not body:
                self._end()
            self.end_headers()
            if body:
                self.wfile.write(body[:-1])
                self.wfile.flush()
                self._end()
                self.wfile.write(body[-1:])

        def do_GET(self) -> None:  # noqa: N802
            self._serve(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(False)

        def log_message(self, format: str, *args) -> None:  # quiet
            pass

    return SampleSiteHandler


class RequestLog:
    """Thread-safe: the request targets (path + query string) in arrival order, and how many requests are in flight
    (arrived, response not yet sent but its last byte) now and at most since the start or the last `clear()`."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._items: list[str] = []
        self._in_flight = 0
        self._max_in_flight = 0

    def append(self, target: str) -> None:
        """Record a request without counting it in flight."""
        with self._lock:
            self._items.append(target)

    def begin(self, target: str) -> None:
        """A request arrived: record it and count it in flight until `end()`."""
        with self._lock:
            self._items.append(target)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)

    def end(self) -> None:
        """The response of a request `begin()` counted is written but its last byte (or its connection aborted)."""
        with self._lock:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._lock.notify_all()

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no request is in flight; False if `timeout` seconds passed first."""
        with self._lock:
            return self._lock.wait_for(lambda: self._in_flight == 0, timeout)

    def snapshot(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget the requests so far; the maximum in flight starts again from those in flight now."""
        with self._lock:
            self._items.clear()
            self._max_in_flight = self._in_flight
