"""Fault injection for the sample site: broken servers and broken pages, on chosen articles, deterministically.

    site.app.add_hook(FaultInjector({828: "500", 834: "euc-kr"}))

or, by hand, `python -m newscrawl.sample_site --fault 828=500`, or any article URL with `&fault=KIND`
(the crawler strips query parameters from article URLs, so tests use the idx table).
On a site with its own article URLs (the NDSoft sample, ndsoft.NdsoftApp) the App says where articles live
(`article_path_re`, `article_id_param`, `article_path`): there `/news/articleView.html?idxno=N&fault=KIND`.
A kind with a count, e.g. "503x2", fails that many times and then serves the article normally.

`redesigned_every(data, n)` is the drift switch: every n-th article served in a template no layout knows, as after
a site's redesign (`python -m newscrawl.sample_site --redesign-every 3`).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from html import escape

from . import pages
from .server import App, Request, Response

HOSTILE_TITLE = "'); DROP TABLE articles;-- <script>alert('제목')</script>"
HOSTILE_PARAGRAPHS = (
    "본문에 '); DROP TABLE articles;-- 가 그대로 있다.",
    "<script>alert(1)</script> 는 글자로 보여야 한다.",
    "NUL\x00바이트는 브라우저처럼 버린다.",
)
MEMBERS_ONLY_BOX = (
    '<div class="fr-view"><p class="members-only">멤버십 회원 전용 콘텐츠입니다.</p>'
    '<p><a href="/bbs/login.php?url=%2Fnews%2Fview.php">로그인</a> 후 이용해 주세요.</p></div>'
)
NEW_SKIN_BODY_BOX_RE = re.compile(r'<div class="fr-view">.*?</div>', re.S)
HUGE_PAGE_BYTES = 5 * 1024 * 1024
FAULT_WITH_COUNT_RE = re.compile(r"^(?P<kind>[a-z0-9-]+?)(?:x(?P<times>\d+))?$")
ARTICLE_PATH_RE = re.compile(r"^/news/view\.php$")


def _article_html(app: App, request: Request, idx: int, **changes) -> str:
    article = dataclasses.replace(app.data.get(idx), **changes)
    return app.markup.article(app.data, article, request.base_url)


def _encoded_cp949(html: str, meta_charset: str = "euc-kr") -> bytes:
    # Characters outside CP949 (▴, emoji) become numeric references, as EUC-KR editors write them.
    return html.replace('<meta charset="utf-8">', f'<meta charset="{meta_charset}">', 1).encode("cp949", "xmlcharrefreplace")


def redesigned_article(app: App, request: Request, idx: int) -> str:
    """The article in a template of a redesign no layout knows: class names of its own, the headline in an h2 and
    og:title, no byline, the time in article:published_time only, the paragraphs in a plain div."""
    article = app.data.get(idx)
    paragraphs = "\n".join(f"<p>{escape(text)}</p>" for text in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{escape(article.title)}</title>
<meta property="og:title" content="{escape(article.title)}">
<meta property="article:published_time" content="{article.published_at}">
</head>
<body>
<main class="story">
  <h2 class="story-headline">{escape(article.title)}</h2>
  <div class="story-text">
{paragraphs}
  </div>
</main>
</body>
</html>
"""


def redesigned_every(data, n: int) -> dict[int, str]:
    """A fault table serving every n-th article (in idx order, the first included) in the redesigned template."""
    return {article.idx: "redesigned" for article in data.articles[::n]}


def fault_response(kind: str, app: App, request: Request, idx: int) -> Response:
    """The response of one fault `kind` for article `idx`."""
    if kind in {"500", "502", "503"}:
        return Response(status=int(kind), body=f"<h1>{kind}</h1>")
    if kind == "404":
        return Response(status=404, body=pages.render_not_found(request.path))
    if kind == "deleted":
        return Response(body=app.markup.deleted())
    if kind == "empty":
        return Response(body=b"")
    if kind in {"reset", "hang"}:
        return Response(abort=kind)
    if kind.startswith("redirect-"):
        target = kind.removeprefix("redirect-")
        article_path = getattr(app, "article_path", None)  # the NDSoft sample's; site A and B: /news/view.php
        location = article_path(target) if article_path else f"/news/view.php?idx={target}"
        return Response(status=301, headers={"Location": location})
    if kind == "redesigned":
        return Response(body=redesigned_article(app, request, idx))
    html = _article_html(app, request, idx)
    if kind == "truncated":
        # Cut inside a tag, in the middle of the body box.
        cut = html.index("</p>", len(html) // 3) + 2
        return Response(body=html[:cut])
    if kind == "huge":
        filler = "<p>" + "가나다라마바사 아자차카타파하 " * 40 + "</p>\n"
        padding = filler * (HUGE_PAGE_BYTES // len(filler.encode()) + 1)
        return Response(body=html.replace("</body>", f'<div class="huge-comments">{padding}</div></body>', 1))
    if kind == "members-only":
        return Response(body=NEW_SKIN_BODY_BOX_RE.sub(MEMBERS_ONLY_BOX, html, count=1))
    if kind == "hostile":
        return Response(body=_article_html(
            app, request, idx, title=HOSTILE_TITLE, title_raw=HOSTILE_TITLE, raw_paragraphs=list(HOSTILE_PARAGRAPHS),
            paragraphs=list(HOSTILE_PARAGRAPHS), images=[], credit=None, copyright=False, youtube_id=None,
        ))
    if kind == "euc-kr":
        return Response(body=_encoded_cp949(html), charset="euc-kr", content_type="text/html")
    if kind == "euc-kr-no-header":
        return Response(body=_encoded_cp949(html), charset=None, content_type="text/html")
    if kind == "charset-mismatch":
        # The header claims UTF-8, the page and its meta tag are EUC-KR: what misconfigured old servers send.
        return Response(body=_encoded_cp949(html), headers={"Content-Type": "text/html; charset=utf-8"}, charset=None)
    raise ValueError(f"unknown fault {kind!r}")


class FaultInjector:
    """A sample-site hook: article idx -> fault kind (see fault_response); `&fault=KIND` works on any article URL."""

    def __init__(self, faults: dict[int, str] | None = None):
        self.remaining: dict[int, tuple[str, int | None]] = {}
        for idx, spec in (faults or {}).items():
            match = FAULT_WITH_COUNT_RE.match(spec)
            if not match:
                raise ValueError(f"bad fault {spec!r}")
            times = match.group("times")
            self.remaining[idx] = (match.group("kind"), int(times) if times else None)
        self.lock = threading.Lock()

    def _fault_for(self, idx: int) -> str | None:
        with self.lock:
            kind, times = self.remaining.get(idx, (None, None))
            if kind is None or times == 0:
                return None
            if times is not None:
                self.remaining[idx] = (kind, times - 1)
            return kind

    def __call__(self, app: App, request: Request) -> Response | None:
        if not getattr(app, "article_path_re", ARTICLE_PATH_RE).match(request.path):
            return None
        idx = request.int_param(getattr(app, "article_id_param", "idx"))
        kind = request.param("fault") or self._fault_for(idx)
        if kind is None or app.data.get(idx) is None:
            return None
        return fault_response(kind, app, request, idx)
