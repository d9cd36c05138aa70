"""The bundled sample family: two sites of the same CMS, pages in its real markup, plus their ground truth.

Site A, "워크헤드라인" (content.py + pages.py), on 127.0.0.1: 84 articles in both skins, lists paged by `&page=N`
(10 a page).  Hundreds of tests depend on its pages and ground truth byte for byte: leave them as they are.

Site B, "경북새벽신문" (site_b.py + pages_b.py; fictional, e-mail domain gbdawn.co.kr), on 127.0.0.2 so that a
crawler sees another host: a regional daily on the older skin, 50 articles (idx 30512-30611, and 828 and 834, the
same idx as two site-A articles on purpose), 3 sections, lists of 15 paged by a base64 `board_data` offset
(`&page=N` is ignored), previous/next links in three markups, bylines in the date box, e-mails in a profile box or
at the end of the body, sub-headlines and photos outside the body box.  site_b.py's docstring lists its features
and how its ground truth differs from site A's.

    from newscrawl import sample_site
    with sample_site.start() as site:          # site A; port 0 = any free port
        site.base_url                          # 'http://127.0.0.1:PORT'
        site.requests                          # ['/', '/news/list.php?mcode=m71w8xw', ...]
        site.max_in_flight                     # most requests it ever had in flight at once
    sample_site.ARTICLES                       # site A's ground truth (content.SampleArticle)
    with sample_site.start(site="b") as b:     # site B on 127.0.0.2 (or start(data=SITE_B.data, markup=...))
        sample_site.SITE_B.expected_items(b.base_url)
    with sample_site.start_family() as family:  # both at once: family.a, family.b
        ...

Site N, "남도일보샘플" (ndsoft/; fictional, e-mail domain sample.kr), on 127.0.0.4: a regional daily of the second CMS
family, NDSoft (`/news/articleView.html?idxno=N`), 104 articles in three skins (one section in EUC-KR), RSS feeds
and a sitemap.  It has its own route table (ndsoft.NdsoftApp); ndsoft/__init__.py lists its features and ground
truth.

    with sample_site.start(site="ndsoft") as n:    # or sample_site.start_ndsoft()
        n.expected_items()                         # sample_site.ndsoft.GONE: the notice idxnos and why

`python -m newscrawl.sample_site [--site a|b|ndsoft] [--host H] [--port N]` serves one in the foreground and prints
its base URL first.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer

from . import site_b
from .content import (ARTICLES, ARTICLES_BY_IDX, DATA, DELETED_IDX, EMAIL_DOMAIN, PAGE_SIZE, REFERENCE, REFERENCE_IDX,
                      SECTIONS, SITE_NAME, VARIATIONS, SampleArticle, Section, SiteData, clean_text, expected_items)
from .markup import GBDAWN, WORKHEADLINE, Markup
from .scripted import install as install_scripted_sections
from .server import App, RequestLog, Response, make_handler
from . import ndsoft  # noqa: E402  (after .server: its routes build on it)

__all__ = [
    "ARTICLES", "ARTICLES_BY_IDX", "DATA", "DELETED_IDX", "PAGE_SIZE", "REFERENCE", "REFERENCE_IDX", "SECTIONS",
    "SITES", "SITE_A", "SITE_B", "VARIATIONS", "App", "Markup", "Response", "SampleArticle", "SampleFamily",
    "SampleSite", "Section", "SiteData", "SiteProfile", "clean_text", "expected_items", "start", "start_family",
    "SITE_NDSOFT", "ndsoft", "start_ndsoft",
]


@dataclass(frozen=True)
class SiteProfile:
    """One site of the family: its data, its markup and the loopback host it is meant to be served on."""

    key: str  # 'a' | 'b' | 'ndsoft'
    name: str
    host: str
    email_domain: str
    data: SiteData
    markup: Markup
    variations: dict  # feature -> idx of the articles that show it
    list_paging: str = "page"  # how its lists page, as a site record says it (newscrawl.sites.Site.list_paging)
    app_class: type | None = None  # the App it is served with (None: server.App); NDSoft has its own routes
    family: str = "dada"  # its CMS family, as its site record says it (newscrawl.sites.Site.family)
    user_agent: str = "crawler"  # the User-Agent its site record asks for (newscrawl.sites.Site.user_agent)

    def expected_items(self, base_url: str) -> list[dict]:
        """`expected(base_url)` of every article, in idx order (for site A the same as `expected_items`)."""
        return [article.expected(base_url) for article in self.data.articles]


SITE_A = SiteProfile("a", SITE_NAME, "127.0.0.1", EMAIL_DOMAIN, DATA, WORKHEADLINE, VARIATIONS)
SITE_B = SiteProfile("b", site_b.SITE_NAME, site_b.HOST, site_b.EMAIL_DOMAIN, site_b.DATA, GBDAWN, site_b.VARIATIONS,
                     list_paging="board_data")
# Site N, the NDSoft family's sample (ndsoft/): its own routes, so its own App.
SITE_NDSOFT = SiteProfile("ndsoft", ndsoft.SITE_NAME, ndsoft.HOST, ndsoft.EMAIL_DOMAIN, ndsoft.DATA, ndsoft.NDSOFT,
                          ndsoft.VARIATIONS, app_class=ndsoft.NdsoftApp, family="ndsoft", user_agent="browser")
SITES: dict[str, SiteProfile] = {"a": SITE_A, "b": SITE_B, "ndsoft": SITE_NDSOFT}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: more concurrent connections than that would be refused or dropped.
    request_queue_size = 64

    def handle_error(self, request, client_address) -> None:
        # A crawler killed mid-response (the crash tests do it on purpose) is not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SampleSite:
    """A sample site's HTTP server.  Use `start()` (background thread) or `serve_forever()` (foreground).

    `site` ('a', 'b', 'ndsoft' or a SiteProfile) gives the defaults of `host`, `data` and `markup`; without it the
    site is site A on 127.0.0.1.  `markup` defaults to the one that fits `data`."""

    def __init__(self, host: str | None = None, port: int = 0, data: SiteData | None = None, scripted: bool = False,
                 markup: Markup | None = None, site: str | SiteProfile | None = None):
        profile = SITES[site] if isinstance(site, str) else site
        # The site's profile, when it was served from one (the family's sites are).
        self.profile = profile
        if profile is not None:
            host = host or profile.host
            if data is None:
                data, markup = profile.data, markup or profile.markup
        app_class = profile.app_class if profile is not None and profile.app_class is not None else App
        if isinstance(data, ndsoft.NdsoftSiteData):
            app_class = ndsoft.NdsoftApp
        self.app = app_class(data, markup)
        if scripted:
            install_scripted_sections(self.app)
        self._log = RequestLog()
        host = host or "127.0.0.1"
        self.server = _QuietServer((host, port), make_handler(self.app, self._log, lambda: self.base_url))
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

    @property
    def markup(self) -> Markup:
        return self.app.markup

    def expected_items(self) -> list[dict]:
        """The ground truth of this site's articles at its own base URL, in idx order."""
        return [article.expected(self.base_url) for article in self.data.articles]

    def count(self, target: str) -> int:
        """How many times exactly this path+query was requested."""
        return self.requests.count(target)

    @property
    def in_flight(self) -> int:
        """Requests that arrived and whose response is not written yet (its last byte aside)."""
        return self._log.in_flight

    @property
    def max_in_flight(self) -> int:
        """The most requests in flight at once since the site started (or since `clear_requests()`)."""
        return self._log.max_in_flight

    def wait_idle(self, timeout: float = 10) -> bool:
        """Wait until no request is in flight (a client may have its response before the server is done)."""
        return self._log.wait_idle(timeout)

    def clear_requests(self) -> None:
        """Forget the requests so far; `max_in_flight` starts again from the requests in flight now."""
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


def start(host: str | None = None, port: int = 0, data: SiteData | None = None, scripted: bool = False, *,
          markup: Markup | None = None, site: str | SiteProfile | None = None) -> SampleSite:
    """Serve a sample site from a daemon thread; returns the running SampleSite (also a context manager).

    Site A on 127.0.0.1 by default; `site="b"` (or SITE_B) serves site B on 127.0.0.2.  `scripted=True` serves
    two of site A's sections' lists written for a browser (see scripted.py)."""
    return SampleSite(host, port, data, scripted, markup=markup, site=site).start()


def start_ndsoft(host: str | None = None, port: int = 0) -> SampleSite:
    """Serve site N (NDSoft, "남도일보샘플") from a daemon thread, on 127.0.0.4 by default: `start(site="ndsoft")`."""
    return SampleSite(host, port, site=SITE_NDSOFT).start()


class SampleFamily:
    """Both sites of the family, each on its own host: `a` (127.0.0.1) and `b` (127.0.0.2).  A context manager."""

    def __init__(self, port: int = 0):
        self.a = SampleSite(port=port, site=SITE_A)
        try:
            self.b = SampleSite(port=port, site=SITE_B)
        except BaseException:
            self.a.stop()
            raise

    @property
    def sites(self) -> tuple[SampleSite, SampleSite]:
        return self.a, self.b

    def start(self) -> "SampleFamily":
        for site in self.sites:
            site.start()
        return self

    def stop(self) -> None:
        for site in self.sites:
            site.stop()

    def __enter__(self) -> "SampleFamily":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def start_family(port: int = 0) -> SampleFamily:
    """Serve site A on 127.0.0.1 and site B on 127.0.0.2 (`port` for both; 0 = any free port for each)."""
    return SampleFamily(port).start()
