"""Site N's routing: NDSoft URLs on the sample server (server.App with its own route table, no site-A Markup).

    /  /index.html                                   home
    /news/articleList.html?sc_section_code=S1N1&view_type=sm[&page=N]       section list (S1N3: EUC-KR)
    /news/articleList.html?sc_sub_section_code=S2N3&view_type=sm[&page=N]   sub-section list
    /news/articleList.html?view_type=sm[&page=N]     all articles
    /news/articleList.html?sc_area=A&sc_word=KW&view_type=sm[&page=N]       search
    /news/articleView.html?idxno=N[&...]             article (S1N3's: EUC-KR), notice, or the deleted alert
    /rss/allArticle.xml                              403 unless the User-Agent starts with "Mozilla/"
    /rss/S1N<k>.xml  /sitemap.xml  /robots.txt
    /news/photo/...  /news/thumbnail/...  /image/... a 1x1 GIF
    /Autobox/*.html                                  the home page's iframe box

`NdsoftApp.article_path_re` / `article_id_param` / `article_path` tell faults.FaultInjector where articles live.
"""

from __future__ import annotations

import re

from ..markup import Markup
from ..server import PIXEL_GIF, App, Request, Response, not_found
from . import feeds, pages
from .content import DATA, NdsoftSiteData

BROWSER_UA_PREFIX = "Mozilla/"
EUCKR_CONTENT_TYPE = "text/html; charset=euc-kr"


def html(text: str, euckr: bool = False, status: int = 200) -> Response:
    """A page; the EUC-KR ones encoded as CP949 (their text is strict EUC-KR) with charset=euc-kr in the header."""
    if euckr:
        return Response(status=status, body=text.encode("cp949"), content_type=EUCKR_CONTENT_TYPE, charset=None)
    return Response(status=status, body=text)


def xml(text: str) -> Response:
    return Response(body=text, content_type="text/xml")


def browser_only(handler):
    """A route-level rule: 403 unless the User-Agent starts with "Mozilla/" (as some NDSoft sites answer feeds)."""

    def guarded(app: App, request: Request, match: re.Match) -> Response:
        if not request.headers.get("user-agent", "").startswith(BROWSER_UA_PREFIX):
            return html(pages.render_forbidden(), status=403)
        return handler(app, request, match)

    guarded.__name__ = handler.__name__
    return guarded


# --------------------------------------------------------------------------------------------------------------
# Handlers


def home(app: App, request: Request, match: re.Match) -> Response:
    return html(app.markup.home(app.data, request.base_url))


def _list_args(request: Request) -> dict:
    keyword = request.param("sc_word")
    return dict(
        section_code=(request.param("sc_section_code") or "").strip() or None,
        sub_code=(request.param("sc_sub_section_code") or "").strip() or None,
        keyword=keyword.strip() if keyword and keyword.strip() else None,
        page=request.int_param("page", 1),
    )


def article_list(app: App, request: Request, match: re.Match) -> Response:
    args = _list_args(request)
    text = pages.render_list(app.data, request.base_url, **args)
    return html(text, euckr=pages.is_euckr_list(args["section_code"], args["sub_code"], args["keyword"]))


def article_view(app: App, request: Request, match: re.Match) -> Response:
    data: NdsoftSiteData = app.data
    idx = request.int_param("idxno")
    notice = data.notices.get(idx) if idx is not None else None
    if notice is not None and notice.reason == "unapproved_notice":
        return html(pages.render_unapproved(data, request.base_url))
    article = data.get(idx) if idx is not None and notice is None else None
    if article is None:
        return html(app.markup.deleted())
    return html(app.markup.article(data, article, request.base_url), euckr=pages.is_euckr_page(article))


@browser_only
def feed_all(app: App, request: Request, match: re.Match) -> Response:
    return xml(feeds.render_feed(app.data, request.base_url))


def feed_section(app: App, request: Request, match: re.Match) -> Response:
    code = match.group("code")
    if app.data.section(code) is None:
        return not_found(app, request)
    return xml(feeds.render_feed(app.data, request.base_url, code))


def sitemap(app: App, request: Request, match: re.Match) -> Response:
    return xml(feeds.render_sitemap(app.data, request.base_url))


def robots(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=feeds.render_robots(request.base_url), content_type="text/plain")


def autobox(app: App, request: Request, match: re.Match) -> Response:
    return html(pages.render_autobox())


def image(app: App, request: Request, match: re.Match) -> Response:
    return Response(body=PIXEL_GIF, content_type="image/gif", charset=None)


ROUTES = [
    (r"/(?:index\.html?)?", home),
    (r"/news/articleList\.html", article_list),
    (r"/news/articleView\.html", article_view),
    (r"/rss/allArticle\.xml", feed_all),
    (r"/rss/(?P<code>S\d+N\d+)\.xml", feed_section),
    (r"/sitemap\.xml", sitemap),
    (r"/robots\.txt", robots),
    (r"/Autobox/[^/]+\.html", autobox),
    (r"/(?:news/photo|news/thumbnail|image)/.+", image),
]


# --------------------------------------------------------------------------------------------------------------
# The Markup (the page functions faults.py and the server's generic handlers call) and the App


def _section_list(data: NdsoftSiteData, request: Request) -> str:
    return pages.render_list(data, request.base_url, **_list_args(request))


NDSOFT = Markup(
    name="ndsoft", home=pages.render_home, section_list=_section_list, search=_section_list,
    article=pages.render_article, mobile_article=pages.render_article,
    mobile_home=lambda data: pages.render_home(data, ""), deleted=pages.render_deleted, admin=pages.render_admin,
)


class NdsoftApp(App):
    """The sample server's App with NDSoft's route table (hooks, add_route and `stopped` as in server.App)."""

    # Where faults.FaultInjector finds articles on this site.
    article_path_re = re.compile(r"^/news/articleView\.html$")
    article_id_param = "idxno"

    def __init__(self, data: NdsoftSiteData | None = None, markup: Markup | None = None):
        super().__init__(data or DATA, markup or NDSOFT)
        self.routes = [(re.compile(pattern), handler) for pattern, handler in ROUTES]

    @staticmethod
    def article_path(idx: int | str) -> str:
        return f"/news/articleView.html?idxno={idx}"
