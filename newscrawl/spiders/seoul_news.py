"""The seoul_news spider: it only navigates. Parsing lives in newscrawl.pages, storage in the pipelines."""

from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse

from newscrawl.arguments import (SCRAPYD_ARGUMENTS, Argument, comma_list, http_url, iso_date, one_of, read_arguments,
                                 whole_number)
from newscrawl.dupefilters import FingerprintSet
from newscrawl.items import MissingArticle
from newscrawl.normalizers.dates import KST
from newscrawl.normalizers.urls import (SECTION_CODE_RE, article_id_from_url, canonical_article_url, section_list_url,
                                        site_name, url_key)
from newscrawl.pages.article import GONE_STATUSES, NotAnArticle, SectionHint, read_article_page
from newscrawl.pages.listing import (ArticleLink, article_links, has_script_built_list, parse_list_page,
                                     section_links)
from newscrawl.rendering import (ARTICLE, LIST, RENDERED_KINDS, enable_rendering, playwright_settings, rendered_kinds,
                                 request_meta)
from newscrawl.runs import EMPTY_SECTIONS_STAT, FAILED_ARTICLES_STAT
from newscrawl.signals import article_missing
from newscrawl.stores import read_crawl_state

LIVE_SITE = "https://www.workheadline.co.kr"
MODES = ("incremental", "full")
# Articles are fetched before further list pages, so the queue holds about one list page of articles (and their
# previous/next chains) whatever the site's size: memory stays flat instead of growing with the whole frontier.
ARTICLE_REQUEST_PRIORITY = 1


def _section_code(text: str) -> str:
    if not SECTION_CODE_RE.fullmatch(text):
        raise ValueError(text)
    return text


ARGUMENTS = (
    Argument("base_url", http_url, "an http or https URL of a site on this CMS, e.g. https://www.workheadline.co.kr",
             LIVE_SITE),
    Argument("sections", comma_list(_section_code),
             "section codes separated by commas, each m and 5 to 7 letters or digits, e.g. m71w8xw,m2k4p9a", ()),
    Argument("max_pages", whole_number(1), "a whole number of list pages per section, at least 1"),
    Argument("max_articles", whole_number(1), "a whole number of article pages to fetch, at least 1"),
    Argument("since", iso_date, "a date as YYYY-MM-DD, e.g. 2025-03-01"),
    Argument("mode", one_of(*MODES), " or ".join(MODES), "incremental"),
    Argument("refresh_days", whole_number(0), "a whole number of days, 0 or more", 2),
    Argument("stop_after_known_pages", whole_number(1), "a whole number of list pages, at least 1", 1),
    Argument("render_js", one_of(*RENDERED_KINDS), " or ".join(RENDERED_KINDS), "none"),
)


class SeoulNewsSpider(scrapy.Spider):
    """Walks section lists page by page, opens every article and follows its previous/next links.

    Arguments (`-a name=value`; any other name is refused):
      base_url    site to crawl (default: the live site); any host on the same CMS works
      sections    comma-separated section codes (default: discovered from the home page's menu)
      max_pages   list pages per section at most (default: until a list page is empty)
      max_articles article pages fetched at most, previous/next links included (default: no limit)
      since       YYYY-MM-DD: stop paging a section past this date; older articles are neither kept
                  nor followed further
      mode        incremental (default): skip articles already stored; full: fetch everything
      refresh_days           incremental mode fetches stored articles published in the last N days
                             again, to catch edits (default 2)
      stop_after_known_pages incremental mode stops paging a section after N list pages in a row
                             whose articles are all stored already (default 1)
      render_js   lists, articles or all: render those pages in Chromium first (default: none)
    """

    name = "seoul_news"

    @classmethod
    def check_arguments(cls, given: dict, settings) -> None:
        """Before the crawl starts: ArgumentError names the first `-a` value that is wrong, and BrowserNotFound says
        that render_js cannot be done here."""
        if rendered_kinds(read_arguments(ARGUMENTS, given)["render_js"]):
            playwright_settings(settings)

    def __init__(self, **given):
        arguments = read_arguments(ARGUMENTS, given)
        # scrapyd's job id, the one other name accepted, stays an attribute as Scrapy makes it.
        super().__init__(**{name: value for name, value in given.items() if name in SCRAPYD_ARGUMENTS})
        self.base_url = arguments["base_url"].rstrip("/") + "/"
        self.allowed_domains = [urlsplit(self.base_url).hostname]
        self.section_codes = list(arguments["sections"])
        self.max_pages = arguments["max_pages"]
        self.max_articles = arguments["max_articles"]
        self.since = arguments["since"]
        self.incremental = arguments["mode"] == "incremental"
        self.refresh_days = arguments["refresh_days"]
        self.stop_after_known_pages = arguments["stop_after_known_pages"]
        self.rendered_kinds = rendered_kinds(arguments["render_js"])
        self.section_names: dict[str, str] = {}
        self.known: dict[str, str | None] = {}
        self.known_pages_in_a_row: dict[str, int] = {}
        # The canonical URLs of the articles this run has asked for, compactly (see newscrawl.dupefilters).
        self.requested_articles = FingerprintSet()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Here, not in update_settings: rendering depends on an argument, and the settings freeze only after this.
        enable_rendering(crawler.settings, spider.rendered_kinds)
        return spider

    async def start(self):
        if self.incremental:
            state = read_crawl_state(self.settings.get("NEWSCRAWL_STORE"), site_name(self.base_url))
            self.known = state.known
            self.logger.info(
                "Incremental run: %d articles of %s known, %d linked ones not stored yet",
                len(self.known), site_name(self.base_url), len(state.unvisited_links),
            )
            for request in self._article_requests(ArticleLink(url) for url in state.unvisited_links):
                yield request
        if self.section_codes:
            for code in self.section_codes:
                yield self._list_request(code, page=1)
        else:
            yield scrapy.Request(self.base_url, callback=self.parse_home, meta=request_meta(LIST, self.rendered_kinds))

    def parse_home(self, response: TextResponse):
        self.section_names = section_links(response)
        if not self.section_names:
            self.logger.warning("No section links found in the menu of %s", response.url)
        self.crawler.stats.set_value("newscrawl/sections", len(self.section_names))
        for code in self.section_names:
            yield self._list_request(code, page=1)
        yield from self._article_requests(article_links(response))

    def parse_list(self, response: TextResponse, section_code: str, page: int):
        entries = parse_list_page(response)
        self.crawler.stats.inc_value("newscrawl/list_pages")
        if not entries and LIST not in self.rendered_kinds and has_script_built_list(response):
            self.crawler.stats.inc_value("newscrawl/script_built_lists")
            self.logger.warning("The list on %s is built by a script, so it is empty without a browser; "
                                "crawl with -a render_js=lists to render it", response.url)
        if not entries and page == 1:
            # A section code given by hand that the site does not have, or a list markup that changed.
            self.logger.warning("Section %s lists no article on its first page %s", section_code, response.url)
            self._append_to_stat(EMPTY_SECTIONS_STAT, section_code)
        wanted = [entry for entry in entries if not self._before_since(entry.listed_on)]
        yield from self._article_requests(wanted, default_section_code=section_code)
        if self._is_last_list_page(entries, wanted, section_code, page):
            return
        yield self._list_request(section_code, page + 1)

    def _is_last_list_page(self, entries: list[ArticleLink], wanted: list[ArticleLink], section_code: str, page: int) -> bool:
        if not entries or len(wanted) < len(entries):
            # Empty past the last page; lists are newest first, so past `since` every later page is older.
            return True
        if self.max_pages is not None and page >= self.max_pages:
            return True
        if self._has_all_articles_it_may_fetch():
            return True
        if self.incremental and not self.settings.getdict("NEWSCRAWL_RECOVERING"):
            all_known = all(article_id_from_url(entry.url) in self.known for entry in entries)
            self.known_pages_in_a_row[section_code] = self.known_pages_in_a_row.get(section_code, 0) + 1 if all_known else 0
            return self.known_pages_in_a_row[section_code] >= self.stop_after_known_pages
        return False

    def parse_article(self, response: TextResponse, section_hint: SectionHint):
        try:
            page = read_article_page(response, section_hint=section_hint)
        except NotAnArticle as skipped:
            self.crawler.stats.inc_value(f"newscrawl/not_an_article/{skipped.reason}")
            self.logger.info("Skipped %s: %s", response.url, skipped.reason)
            if skipped.gone:
                self.crawler.signals.send_catch_log(article_missing, missing=self._missing(response.url, skipped.reason))
            else:
                self._record_failure(response.url, response.status, skipped.reason)
            return
        item = page.item
        published_on = date.fromisoformat(item["published_at"][:10]) if item["published_at"] else None
        if self._before_since(published_on):
            self.crawler.stats.inc_value("newscrawl/skipped/before_since")
            return
        yield item
        yield from self._article_requests(page.adjacent_links)

    def article_failed(self, failure):
        """Errback: the article could not be fetched, even after retries; the next run tries it again."""
        response = getattr(failure.value, "response", None)
        self._record_failure(failure.request.url, response.status if response is not None else None, type(failure.value).__name__)

    def _record_failure(self, url: str, status: int | None, error: str) -> None:
        # Scrapy has already logged the error itself (e.g. "Gave up retrying"); this says what happens next.
        self.logger.warning("Failed to get article %s (%s): the next run tries it again", url, status or error)
        self.crawler.stats.inc_value(f"newscrawl/failed/{status or error}")
        self._append_to_stat(FAILED_ARTICLES_STAT, {"url": url, "status": status, "error": error})

    def _append_to_stat(self, name: str, value) -> None:
        """Adds `value` to a stat that is a list (the run record lists them: failed articles, empty sections)."""
        self.crawler.stats.set_value(name, [*self.crawler.stats.get_value(name, []), value])

    def _missing(self, url: str, reason: str) -> MissingArticle:
        article_id = article_id_from_url(url)
        return MissingArticle(
            url=canonical_article_url(url, article_id),
            site=site_name(url),
            article_id=article_id,
            reason=reason,
            seen_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )

    def _has_all_articles_it_may_fetch(self) -> bool:
        return self.max_articles is not None and len(self.requested_articles) >= self.max_articles

    def _before_since(self, day: date | None) -> bool:
        return self.since is not None and day is not None and day < self.since

    def _needs_fetching(self, article_id: str) -> bool:
        """Everything in full mode; otherwise what is not stored yet, or recent enough to have been edited."""
        if not self.incremental or article_id not in self.known:
            return True
        published_at = self.known[article_id]
        refresh_from = datetime.now(KST) - timedelta(days=self.refresh_days)
        return published_at is not None and datetime.fromisoformat(published_at) >= refresh_from

    def _article_requests(self, links, default_section_code: str | None = None):
        for link in links:
            self.crawler.stats.inc_value("newscrawl/links_found")
            if not self._needs_fetching(article_id_from_url(link.url)):
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
            code = link.section_code or default_section_code
            hint = SectionHint(name=self.section_names.get(code), code=code)
            # Every URL form of an article was canonicalised, so the dupefilter fetches each article once.
            yield scrapy.Request(
                link.url,
                callback=self.parse_article,
                errback=self.article_failed,
                priority=ARTICLE_REQUEST_PRIORITY,
                cb_kwargs={"section_hint": hint},
                meta={"handle_httpstatus_list": GONE_STATUSES, **request_meta(ARTICLE, self.rendered_kinds)},
            )

    def _list_request(self, section_code: str, page: int) -> scrapy.Request:
        return scrapy.Request(
            section_list_url(self.base_url, section_code, page),
            callback=self.parse_list,
            cb_kwargs={"section_code": section_code, "page": page},
            meta=request_meta(LIST, self.rendered_kinds),
        )
