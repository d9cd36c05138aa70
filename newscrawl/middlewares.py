"""Downloader middlewares, and a spider middleware that frees parsed pages."""

import asyncio

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import HtmlResponse, TextResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

from newscrawl.cms.base import GONE_STATUSES, site_key
from newscrawl.runs import site_stat
from newscrawl.sites import BROWSER_USER_AGENT


def backoff_delay(retry_times: int, base: float, cap: float) -> float:
    """Seconds to wait before retry number `retry_times` (1-based): base, 2×base, 4×base, ... at most `cap`."""
    return min(base * 2 ** (retry_times - 1), cap)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting longer before each retry, so a struggling server gets room to recover.

    The wait is an asyncio sleep inside this one response's processing: other requests go on meanwhile.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX")

    async def _after_backoff(self, result):
        if isinstance(result, Request):
            await asyncio.sleep(backoff_delay(result.meta["retry_times"], self.backoff_base, self.backoff_max))
        return result

    async def process_response(self, request, response, spider=None):
        return await self._after_backoff(super().process_response(request, response))

    async def process_exception(self, request, exception, spider=None):
        return await self._after_backoff(super().process_exception(request, exception))


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def repaired_encoding(response: HtmlResponse) -> str | None:
    """The page's own meta charset, when the HTTP header names another one that cannot decode the page.

    Scrapy trusts the header first, as browsers do; old Korean servers send `charset=utf-8` for EUC-KR pages,
    and the header's encoding then turns every Korean character into U+FFFD. None when nothing needs repair.
    """
    header = http_content_type_encoding(response.headers.get("Content-Type", b"").decode("latin-1"))
    declared = html_body_declared_encoding(response.body)
    if not header or not declared or resolve_encoding(header) == resolve_encoding(declared):
        return None
    if _decodes(response.body, resolve_encoding(header)) or not _decodes(response.body, resolve_encoding(declared)):
        return None
    return declared


class CharsetRepairMiddleware:
    """Decodes a page with its meta charset when its HTTP header charset is wrong (see repaired_encoding)."""

    def process_response(self, request, response, spider=None):
        if not isinstance(response, HtmlResponse):
            return response
        encoding = repaired_encoding(response)
        return response.replace(encoding=encoding) if encoding else response


class ReleaseParsedPagesMiddleware:
    """Spider middleware: once a callback's output has all been taken, the response forgets its parsed page.

    A response caches its Selector, which points back at the response (scrapy/scrapy#2977). Only a full garbage
    collection frees such a cycle, and one comes every few hundred pages, so the bodies, texts and lxml trees of
    those pages pile up meanwhile: 15-30 MB at a time, and a peak that grows with the crawl (measured peak RSS of a
    full crawl, 10,000 / 100,000 articles: 125 / 215 MB with the cycle, 92 / 105 MB without it).
    Without the cycle, a page is freed as soon as Scrapy lets go of it. A later `response.css()` parses it again.
    """

    async def process_spider_output(self, response, result):
        async for output in result:
            yield output
        if isinstance(response, TextResponse):
            response._cached_selector = None


# The request meta key that names the site (its key) a request was made for; redirects and retries keep it.
SITE_META = "newscrawl_site"
# The request meta key of a resource a site may not have (a sitemap): its 404 is not counted as a failure.
OPTIONAL_META = "newscrawl_optional"
# What a site record's `user_agent = "browser"` puts before the crawler's own User-Agent.
BROWSER_USER_AGENT_PREFIX = "Mozilla/5.0 (compatible; {user_agent})"


class SiteUserAgentMiddleware:
    """Sends a site whose record says `user_agent = "browser"` the crawler's User-Agent behind a browser's prefix,
    "Mozilla/5.0 (compatible; newscrawl/0.1 (...; +contact))", as search engines' crawlers write theirs: some
    NDSoft sites answer 403 to a User-Agent without it, and the words that say who crawls stay in it.

    Before Scrapy's UserAgentMiddleware (500), which only sets a User-Agent a request does not have yet. Its
    robots.txt request carries no site, so the site is found by the request's host."""

    def __init__(self, user_agent: str):
        self.browser_user_agent = BROWSER_USER_AGENT_PREFIX.format(user_agent=user_agent)
        self.browser_sites: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler.settings["USER_AGENT"])
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider):
        self.browser_sites = {site.key for site in getattr(spider, "sites", ()) if site.user_agent == BROWSER_USER_AGENT}

    def process_request(self, request, spider=None):
        if (request.meta.get(SITE_META) or site_key(request.url)) in self.browser_sites:
            request.headers.setdefault(b"User-Agent", self.browser_user_agent)


class SiteStatsMiddleware:
    """Counts each site's responses and download failures (newscrawl.runs.site_stat), so the run record says which
    site of a run could not be read and why. Responses count for the spider's own requests only (a robots.txt answer
    is no page of the site), download failures for every request to the site's host.

    Beside Scrapy's DownloaderStats (850), so it sees every attempt, as that one does, before a retry."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        site = request.meta.get(SITE_META)
        if request.meta.get(OPTIONAL_META) and response.status in GONE_STATUSES:
            # A sitemap the site does not have is no failure of the site.
            return response
        if site:
            name = "pages_ok" if 200 <= response.status < 300 else f"failures/HTTP {response.status}"
            self.stats.inc_value(site_stat(site, name))
        return response

    def process_exception(self, request, exception, spider=None):
        # A host that cannot be reached fails its robots.txt too: that attempt counts against the site as well.
        site = request.meta.get(SITE_META) or site_key(request.url)
        self.stats.inc_value(site_stat(site, f"failures/{type(exception).__name__}"))
