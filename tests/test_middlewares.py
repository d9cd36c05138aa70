import asyncio
import gc
import weakref

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from newscrawl.middlewares import (SITE_META, CharsetRepairMiddleware, ReleaseParsedPagesMiddleware, SiteUserAgentMiddleware,
                                   backoff_delay, repaired_encoding)
from newscrawl.sites import Site

PAGE = '<html><head><meta charset="{meta}"></head><body><p>서울시 「AI 페스타」</p></body></html>'


@pytest.mark.parametrize(
    ("retry_times", "expected"),
    [(1, 2.0), (2, 4.0), (3, 8.0), (5, 32.0), (6, 60.0), (10, 60.0)],
)
def test_backoff_doubles_up_to_its_cap(retry_times, expected):
    assert backoff_delay(retry_times, base=2.0, cap=60.0) == expected


def response(body: bytes, content_type: str) -> HtmlResponse:
    return HtmlResponse(url="http://127.0.0.1/news/view.php?idx=1", body=body, headers={"Content-Type": content_type})


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        # header says UTF-8, page and meta are EUC-KR: the meta is right
        (PAGE.format(meta="euc-kr").encode("cp949"), "text/html; charset=utf-8", "cp949"),
        # header and meta agree
        (PAGE.format(meta="euc-kr").encode("cp949"), "text/html; charset=euc-kr", None),
        (PAGE.format(meta="utf-8").encode("utf-8"), "text/html; charset=utf-8", None),
        # they disagree but the header's encoding reads the page: trust the header, as browsers do
        (PAGE.format(meta="euc-kr").encode("utf-8"), "text/html; charset=utf-8", None),
        # no header charset: Scrapy reads the meta itself
        (PAGE.format(meta="euc-kr").encode("cp949"), "text/html", None),
        # neither encoding reads the page: nothing better to offer
        (b"\xff\xfe\xfa" + PAGE.format(meta="ascii").encode("utf-8"), "text/html; charset=utf-8", None),
    ],
)
def test_the_meta_charset_wins_only_when_the_header_cannot_read_the_page(body, content_type, expected):
    assert repaired_encoding(response(body, content_type)) == expected


def test_a_repaired_page_reads_korean_exactly():
    broken = response(PAGE.format(meta="euc-kr").encode("cp949"), "text/html; charset=utf-8")
    repaired = CharsetRepairMiddleware().process_response(None, broken)
    assert repaired.css("p::text").get() == "서울시 「AI 페스타」"
    assert broken.css("p::text").get() != "서울시 「AI 페스타」"


async def _taken(outputs) -> list:
    return [output async for output in outputs]


async def _first_paragraph(page: HtmlResponse):
    yield page.css("p::text").get()


def test_a_parsed_page_is_freed_as_soon_as_its_output_is_taken():
    # Reference counting alone must free it: the cyclic garbage collector is kept out of the way.
    gc.disable()
    try:
        kept = response(PAGE.format(meta="utf-8").encode("utf-8"), "text/html; charset=utf-8")
        assert asyncio.run(_taken(_first_paragraph(kept))) == ["서울시 「AI 페스타」"]
        left_to_the_collector = weakref.ref(kept)
        del kept

        page = response(PAGE.format(meta="utf-8").encode("utf-8"), "text/html; charset=utf-8")
        outputs = ReleaseParsedPagesMiddleware().process_spider_output(page, _first_paragraph(page))
        assert asyncio.run(_taken(outputs)) == ["서울시 「AI 페스타」"]
        freed = weakref.ref(page)
        del page, outputs

        # Without the middleware the response -> selector -> response cycle keeps the page alive.
        assert left_to_the_collector() is not None
        assert freed() is None
    finally:
        gc.enable()


def test_scrapy_still_caches_a_pages_selector_where_the_middleware_clears_it():
    # Guards the private name TextResponse._cached_selector: there is no public way to drop the cached Selector.
    page = response(PAGE.format(meta="utf-8").encode("utf-8"), "text/html; charset=utf-8")
    parsed = page.selector
    assert page._cached_selector is parsed

    asyncio.run(_taken(ReleaseParsedPagesMiddleware().process_spider_output(page, _first_paragraph(page))))
    assert page._cached_selector is None
    assert page.selector is not parsed
    assert page.css("p::text").get() == "서울시 「AI 페스타」"


CRAWLER_AGENT = "newscrawl/0.1 (Korean local news research crawler; +you@example.org)"


class SitesSpider:
    sites = [Site("http://news.example.kr", user_agent="browser"), Site("http://other.example.kr")]


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        # a site whose record says "browser", its robots.txt included (that request names no site)
        (Request("http://news.example.kr/rss/allArticle.xml", meta={SITE_META: "news.example.kr"}),
         f"Mozilla/5.0 (compatible; {CRAWLER_AGENT})"),
        (Request("http://news.example.kr/robots.txt"), f"Mozilla/5.0 (compatible; {CRAWLER_AGENT})"),
        # every other site keeps what Scrapy's UserAgentMiddleware gives it
        (Request("http://other.example.kr/", meta={SITE_META: "other.example.kr"}), None),
        # a User-Agent the request already has is kept
        (Request("http://news.example.kr/", headers={"User-Agent": "mine"}), "mine"),
    ],
)
def test_a_site_whose_record_says_browser_gets_the_crawlers_user_agent_behind_a_browsers_prefix(request_, expected):
    middleware = SiteUserAgentMiddleware(CRAWLER_AGENT)
    middleware.spider_opened(SitesSpider())
    middleware.process_request(request_)
    agent = request_.headers.get("User-Agent")
    assert (agent.decode() if agent else None) == expected
