"""The cms_news spider: many sites of the CMS families in one run, each on its own terms. It only navigates:
each site's family (newscrawl.cms) reads its URLs and pages, the pipelines store what it yields."""

import functools
import inspect
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Request, Response, TextResponse

from newscrawl.arguments import SCRAPYD_ARGUMENTS, Argument, iso_date, one_of, read_arguments, whole_number
from newscrawl.cms.base import (GONE_STATUSES, VIA_ADJACENT_ARTICLE, VIA_LIST_PAGE, ArticleLink, NotAnArticle,
                                SectionHint, site_key)
from newscrawl.dupefilters import FingerprintSet, url_key
from newscrawl.items import MissingArticle
from newscrawl.leases import site_turns
from newscrawl.middlewares import OPTIONAL_META, SITE_META
from newscrawl.normalizers.dates import KST
from newscrawl.rendering import (ARTICLE, LIST, RENDERED_KINDS, enable_rendering, playwright_settings, rendered_kinds,
                                 request_meta)
from newscrawl.runs import FAILED_ARTICLES_STAT, SITES_STAT, site_stat
from newscrawl.signals import article_missing
from newscrawl.sites import Site, resolve_sites
from newscrawl.stores import read_crawl_state

MODES = ("incremental", "full")
# Articles are fetched before further list pages, so the queue holds about one list page of articles (and their
# previous/next chains) per site whatever the site's size: memory stays flat instead of growing with the frontier.
ARTICLE_REQUEST_PRIORITY = 1


def _ends_a_request(method):
    """Marks a callback or errback of the spider as the end of its request, once all it gives has been taken."""

    @functools.wraps(method)
    def ended(spider, result, **kwargs):
        site = (result.meta if isinstance(result, Response) else result.request.meta)[SITE_META]
        try:
            output = method(spider, result, **kwargs)
        except BaseException:
            spider.request_ended(site)
            raise
        if not inspect.isgenerator(output):
            spider.request_ended(site)
            return output
        return spider.ending_after(output, site)

    return ended


def _sites(text: str) -> tuple[Site, ...]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise ValueError(text)
    return tuple(resolve_sites(names))


# The arguments every crawl takes, whichever sites it names.
CRAWL_ARGUMENTS = (
    Argument("max_pages", whole_number(1), "a whole number of list pages per section, at least 1"),
    Argument("max_articles", whole_number(1), "a whole number of article pages to fetch, at least 1"),
    Argument("since", iso_date, "a date as YYYY-MM-DD, e.g. 2025-03-01"),
    Argument("mode", one_of(*MODES), " or ".join(MODES), "incremental"),
    Argument("refresh_days", whole_number(0), "a whole number of days, 0 or more", 2),
    Argument("stop_after_known_pages", whole_number(1), "a whole number of list pages, at least 1", 1),
    Argument("render_js", one_of(*RENDERED_KINDS), " or ".join(RENDERED_KINDS), "none"),
)
SITES_ARGUMENT = Argument(
    "sites", _sites, "site keys of the registry (scrapy sites lists them), all, or a sites file ending in .toml, "
    "separated by commas, e.g. workheadline.co.kr,kbsm.net", required=True,
)


@dataclass
class SiteCrawl:
    """One site's part of a run: its record, and what the run knows of it so far."""

    site: Site
    section_names: dict[str, str] = field(default_factory=dict)
    # article_id -> published_at of the articles the store holds (incremental mode).
    known: dict[str, str | None] = field(default_factory=dict)
    known_pages_in_a_row: dict[str, int] = field(default_factory=dict)
    # section code -> the article ids its list pages gave so far: a page that adds none is past the last page
    # (some sites answer a page past the end with the last page again).
    listed: dict[str, set[str]] = field(default_factory=dict)
    # Requests of the site not ended yet, and items its pages gave that the pipelines are not done with (newscrawl.leases:
    # at 0 its turn is over).
    pending: int = 0
    # Taken over from a worker whose lease expired: its incremental run walks every list page, as after a kill.
    taken_over: bool = False

    @property
    def key(self) -> str:
        return self.site.key


class CmsNewsSpider(scrapy.Spider):
    """Walks each site's section lists page by page, opens every article and follows its previous/next links.
    Every site is its own crawl: its own politeness slot, incremental state, paging and run-record entry.

    Arguments (`-a name=value`; any other name is refused):
      sites       which sites: registry keys (workheadline.co.kr,kbsm.net), all, or a sites file (my-sites.toml)
      max_pages   list pages per section at most (default: until a list page is empty)
      max_articles article pages fetched at most in the whole run, previous/next links included (default: no limit)
      since       YYYY-MM-DD: stop paging a section past this date; older articles are neither kept
                  nor followed further
      mode        incremental (default): skip articles already stored; full: fetch everything
      refresh_days           incremental mode fetches stored articles published in the last N days
                             again, to catch edits (default 2)
      stop_after_known_pages incremental mode stops paging a section after N list pages in a row
                             whose articles are all stored already (default 1)
      render_js   lists, articles or all: render those pages in Chromium first (default: none)
    """

    name = "cms_news"
    ARGUMENTS = (SITES_ARGUMENT, *CRAWL_ARGUMENTS)

    @classmethod
    def sites_from(cls, arguments: dict) -> tuple[Site, ...]:
        """The sites the arguments name."""
        return arguments["sites"]

    @classmethod
    def check_arguments(cls, given: dict, settings) -> None:
        """Before the crawl starts: ArgumentError names the first `-a` value that is wrong, and BrowserNotFound says
        that render_js cannot be done here."""
        arguments = read_arguments(cls.ARGUMENTS, given)
        cls.sites_from(arguments)
        if rendered_kinds(arguments["render_js"]):
            playwright_settings(settings)

    def __init__(self, **given):
        arguments = read_arguments(self.ARGUMENTS, given)
        # scrapyd's job id, the one other name accepted, stays an attribute as Scrapy makes it.
        super().__init__(**{name: value for name, value in given.items() if name in SCRAPYD_ARGUMENTS})
        self.crawls = {site.key: SiteCrawl(site) for site in self.sites_from(arguments)}
        self.allowed_domains = sorted({urlsplit(site.base_url).hostname for site in self.sites})
        self.max_pages = arguments["max_pages"]
        self.max_articles = arguments["max_articles"]
        self.since = arguments["since"]
        self.incremental = arguments["mode"] == "incremental"
        self.refresh_days = arguments["refresh_days"]
        self.stop_after_known_pages = arguments["stop_after_known_pages"]
        self.rendered_kinds = rendered_kinds(arguments["render_js"])
        # The canonical URLs of the articles this run has asked for, compactly (see newscrawl.dupefilters).
        self.requested_articles = FingerprintSet()

    @property
    def sites(self) -> list[Site]:
        return [crawl.site for crawl in self.crawls.values()]

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Here, not in update_settings: these depend on the arguments, and the settings freeze only after this.
        enable_rendering(crawler.settings, spider.rendered_kinds)
        # Each site is a polite crawl of its own (a download slot per host, CONCURRENT_REQUESTS_PER_DOMAIN each): the
        # run's overall limit must not make the sites wait for one another. A limit set on the command line stays.
        per_site = crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        wanted = max(crawler.settings.getint("CONCURRENT_REQUESTS"), per_site * len(spider.crawls))
        crawler.settings.set("CONCURRENT_REQUESTS", wanted, priority="spider")
        spider.site_turns = site_turns(crawler)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        for item_end in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.item_ended, signal=item_end)
        return spider

    async def start(self):
        # The run record has an entry for every site crawled, even one that never answered.
        self.crawler.stats.set_value(SITES_STAT, [])
        async for turn in self.site_turns.turns(list(self.crawls)):
            crawl = self.crawls[turn.site]
            crawl.taken_over = turn.taken_from is not None
            self._append_to_stat(SITES_STAT, crawl.key)
            # The site's start counts as a request, so that its turn cannot end before all its start requests are out.
            crawl.pending += 1
            for request in self._site_start(crawl):
                yield request
            self.request_ended(crawl.key)

    def request_ended(self, site: str) -> None:
        crawl = self.crawls[site]
        crawl.pending -= 1
        if not crawl.pending:
            self.site_turns.finished(site)

    def ending_after(self, output, site: str):
        """`output`, then the end of its request. An item in it is pending until the pipelines are done with it
        (item_ended): Scrapy takes a callback's output to its end while the items it gave are still on their way
        (CONCURRENT_ITEMS at once), and the site's end commits its articles and then releases its lease."""
        crawl = self.crawls[site]
        try:
            for result in output:
                if not isinstance(result, Request):
                    crawl.pending += 1
                yield result
        finally:
            self.request_ended(site)

    def item_ended(self, response: Response | None, **kwargs) -> None:
        """item_scraped, item_dropped, item_error: the pipelines are done with an item a callback gave."""
        if response is not None and SITE_META in response.meta:
            self.request_ended(response.meta[SITE_META])

    def request_dropped(self, request) -> None:
        # The dupefilter's drop: a request that never gets to its callback.
        if SITE_META in request.meta:
            self.request_ended(request.meta[SITE_META])

    def _request(self, crawl: SiteCrawl, url: str, **kwargs) -> scrapy.Request:
        """A request of the site's; every request the spider makes is made here, and ends in one of its callbacks
        or errbacks."""
        crawl.pending += 1
        return scrapy.Request(url, **kwargs)

    def _site_start(self, crawl: SiteCrawl):
        site = crawl.site
        if self.incremental:
            state = read_crawl_state(self.settings.get("NEWSCRAWL_STORE"), site.key, site.cms.article_id)
            crawl.known = state.known
            self.logger.info("Incremental run: %d articles of %s known, %d linked ones not stored yet",
                             len(crawl.known), site.key, len(state.unvisited_links))
            yield from self._article_requests(crawl, (ArticleLink(url) for url in state.unvisited_links))
        # Feeds first: the cheap change detector of an incremental run; a full run reads the sitemaps too.
        for url in site.cms.feed_urls(site):
            yield self._feed_request(crawl, url)
        if not self.incremental:
            for url in site.cms.sitemap_urls(site):
                yield self._feed_request(crawl, url, optional=True)
        if site.sections:
            yield from self._section_requests(crawl, site.sections)
        else:
            yield self._request(crawl, site.base_url, callback=self.parse_home, errback=self.page_failed,
                                meta={SITE_META: site.key, **request_meta(LIST, self.rendered_kinds)})

    def _crawl_of(self, response: TextResponse) -> SiteCrawl:
        return self.crawls[response.meta[SITE_META]]

    @_ends_a_request
    def parse_home(self, response: TextResponse):
        crawl = self._crawl_of(response)
        crawl.section_names = crawl.site.cms.section_links(response)
        if not crawl.section_names:
            self.logger.warning("No section links found in the menu of %s", response.url)
        self.crawler.stats.inc_value("newscrawl/sections", len(crawl.section_names))
        yield from self._section_requests(crawl, crawl.section_names)
        yield from self._article_requests(crawl, crawl.site.cms.article_links(response))

    def _section_requests(self, crawl: SiteCrawl, section_codes):
        """Each section's first list page, and in a full run its feed, when it has one."""
        for code in section_codes:
            yield self._list_request(crawl, code, page=1, offset=0)
            feed_url = None if self.incremental else crawl.site.cms.section_feed_url(crawl.site, code)
            if feed_url:
                yield self._feed_request(crawl, feed_url)

    @_ends_a_request
    def parse_feed(self, response: TextResponse):
        crawl = self._crawl_of(response)
        if response.status in GONE_STATUSES:
            self.logger.info("%s has no %s", crawl.key, response.url)
            return
        links = crawl.site.cms.feed_links(response)
        if not links:
            # An empty feed, or one refused unread (a DOCTYPE or entity declaration: feeds are untrusted XML).
            self.logger.warning("The feed %s lists no article", response.url)
        yield from self._article_requests(crawl, [link for link in links if not self._before_since(link.listed_on)])

    @_ends_a_request
    def feed_failed(self, failure):
        """Errback: a feed that could not be read; the lists still lead to every article."""
        response = getattr(failure.value, "response", None)
        self.logger.warning("Could not read the feed %s (%s); the section lists are crawled all the same",
                            failure.request.url, response.status if response is not None else type(failure.value).__name__)

    @_ends_a_request
    def page_failed(self, failure):
        """Errback of home and list pages: Scrapy reports the failure as it does without an errback."""
        return failure

    @_ends_a_request
    def parse_list(self, response: TextResponse, section_code: str, page: int, offset: int):
        crawl = self._crawl_of(response)
        family = crawl.site.cms
        entries = family.list_page(response)
        self._count(crawl, "list_pages")
        if not entries and LIST not in self.rendered_kinds and family.has_script_built_list(response):
            self.crawler.stats.inc_value("newscrawl/script_built_lists")
            self.logger.warning("The list on %s is built by a script, so it is empty without a browser; "
                                "crawl with -a render_js=lists to render it", response.url)
        if not entries and page == 1:
            # A section code given by hand that the site does not have, or a list markup that changed.
            self.logger.warning("Section %s lists no article on its first page %s", section_code, response.url)
            self._append_to_stat(site_stat(crawl.key, "empty_sections"), section_code)
        wanted = [entry for entry in entries if not self._before_since(entry.listed_on)]
        yield from self._article_requests(crawl, wanted, default_section_code=section_code)
        if self._is_last_list_page(crawl, entries, wanted, section_code, page):
            return
        yield self._list_request(crawl, section_code, page + 1, offset + len(entries))

    def _is_last_list_page(self, crawl: SiteCrawl, entries: list[ArticleLink], wanted: list[ArticleLink],
                           section_code: str, page: int) -> bool:
        if not entries or len(wanted) < len(entries):
            # Empty past the last page; lists are newest first, so past `since` every later page is older.
            return True
        listed = crawl.listed.setdefault(section_code, set())
        ids = {crawl.site.cms.article_id(entry.url) for entry in entries}
        if ids <= listed:
            # The last page again, as sites that answer every page past the end with it do.
            return True
        listed |= ids
        if self.max_pages is not None and page >= self.max_pages:
            return True
        if self._has_all_articles_it_may_fetch():
            return True
        if self.incremental and not self.settings.getdict("NEWSCRAWL_RECOVERING") and not crawl.taken_over:
            all_known = ids <= crawl.known.keys()
            in_a_row = crawl.known_pages_in_a_row.get(section_code, 0) + 1 if all_known else 0
            crawl.known_pages_in_a_row[section_code] = in_a_row
            return in_a_row >= self.stop_after_known_pages
        return False

    @_ends_a_request
    def parse_article(self, response: TextResponse, section_hint: SectionHint):
        crawl = self._crawl_of(response)
        try:
            page = crawl.site.cms.article_page(response, section_hint=section_hint)
        except NotAnArticle as skipped:
            self.crawler.stats.inc_value(f"newscrawl/not_an_article/{skipped.reason}")
            self.logger.info("Skipped %s: %s", response.url, skipped.reason)
            if skipped.gone:
                self.crawler.signals.send_catch_log(article_missing, missing=self._missing(crawl, response.url, skipped.reason))
            else:
                self._record_failure(crawl.key, response.url, response.status, skipped.reason)
            return
        item = page.item
        published_on = date.fromisoformat(item["published_at"][:10]) if item["published_at"] else None
        if self._before_since(published_on):
            self.crawler.stats.inc_value("newscrawl/skipped/before_since")
            return
        yield item
        shared = crawl.site.cms.adjacent_links_share_section
        yield from self._article_requests(crawl, page.adjacent_links, default_section_code=item["section_code"] if shared else None,
                                          via=VIA_ADJACENT_ARTICLE)

    @_ends_a_request
    def article_failed(self, failure):
        """Errback: the article could not be fetched, even after retries; the next run tries it again."""
        response = getattr(failure.value, "response", None)
        self._record_failure(failure.request.meta[SITE_META], failure.request.url,
                             response.status if response is not None else None, type(failure.value).__name__)

    def _record_failure(self, site: str, url: str, status: int | None, error: str) -> None:
        # Scrapy has already logged the error itself (e.g. "Gave up retrying"); this says what happens next.
        self.logger.warning("Failed to get article %s (%s): the next run tries it again", url, status or error)
        self.crawler.stats.inc_value(f"newscrawl/failed/{status or error}")
        self._append_to_stat(FAILED_ARTICLES_STAT, {"url": url, "site": site, "status": status, "error": error})

    def _append_to_stat(self, name: str, value) -> None:
        """Adds `value` to a stat that is a list (the run record lists them: failed articles, empty sections)."""
        self.crawler.stats.set_value(name, [*self.crawler.stats.get_value(name, []), value])

    def _count(self, crawl: SiteCrawl, name: str) -> None:
        """One more `name` in the site's stats (the run record adds the sites' counts up)."""
        self.crawler.stats.inc_value(site_stat(crawl.key, name))

    def _missing(self, crawl: SiteCrawl, url: str, reason: str) -> MissingArticle:
        article_id = crawl.site.cms.article_id(url)
        return MissingArticle(
            url=crawl.site.cms.canonical_url(url, article_id),
            site=crawl.key,
            article_id=article_id,
            reason=reason,
            seen_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )

    def _has_all_articles_it_may_fetch(self) -> bool:
        return self.max_articles is not None and len(self.requested_articles) >= self.max_articles

    def _before_since(self, day: date | None) -> bool:
        return self.since is not None and day is not None and day < self.since

    def _needs_fetching(self, crawl: SiteCrawl, article_id: str) -> bool:
        """Everything in full mode; otherwise what is not stored yet, or recent enough to have been edited."""
        if not self.incremental or article_id not in crawl.known:
            return True
        published_at = crawl.known[article_id]
        refresh_from = datetime.now(KST) - timedelta(days=self.refresh_days)
        return published_at is not None and datetime.fromisoformat(published_at) >= refresh_from

    def _article_requests(self, crawl: SiteCrawl, links, default_section_code: str | None = None, via: str = VIA_LIST_PAGE):
        for link in links:
            self._count(crawl, "links_found")
            # A link to another site's article is that site's to crawl, if the run crawls it at all.
            owner = self.crawls.get(site_key(link.url))
            if owner is None:
                self.crawler.stats.inc_value("newscrawl/skipped/other_site")
                continue
            if not self._needs_fetching(owner, owner.site.cms.article_id(link.url)):
                self.crawler.stats.inc_value("newscrawl/skipped/already_stored")
                continue
            key = url_key(link.url)
            if key in self.requested_articles:
                # Asked for already in this run: building the request again would only feed the dupefilter.
                continue
            if self._has_all_articles_it_may_fetch():
                self.crawler.stats.inc_value("newscrawl/skipped/max_articles")
                continue
            self.requested_articles.add(key)
            code = link.section_code or (default_section_code if owner is crawl else None)
            hint = SectionHint(name=owner.section_names.get(code), code=code, via=via)
            # Every URL form of an article was canonicalised, so the dupefilter fetches each article once.
            yield self._request(
                owner,
                link.url,
                callback=self.parse_article,
                errback=self.article_failed,
                priority=ARTICLE_REQUEST_PRIORITY,
                cb_kwargs={"section_hint": hint},
                meta={SITE_META: owner.key, "handle_httpstatus_list": GONE_STATUSES,
                      **request_meta(ARTICLE, self.rendered_kinds)},
            )

    def _feed_request(self, crawl: SiteCrawl, url: str, optional: bool = False) -> scrapy.Request:
        # An optional resource's 404 (a sitemap the site does not have) reaches parse_feed and is no failure.
        meta = {SITE_META: crawl.key, **({OPTIONAL_META: True, "handle_httpstatus_list": GONE_STATUSES} if optional else {})}
        return self._request(crawl, url, callback=self.parse_feed, errback=self.feed_failed, meta=meta)

    def _list_request(self, crawl: SiteCrawl, section_code: str, page: int, offset: int) -> scrapy.Request:
        return self._request(
            crawl,
            crawl.site.cms.list_url(crawl.site, section_code, page, offset),
            callback=self.parse_list,
            errback=self.page_failed,
            cb_kwargs={"section_code": section_code, "page": page, "offset": offset},
            meta={SITE_META: crawl.key, **request_meta(LIST, self.rendered_kinds)},
        )
