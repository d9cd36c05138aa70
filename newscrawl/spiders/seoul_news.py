"""The seoul_news spider: it only navigates. Parsing lives in newscrawl.pages."""

from datetime import date

import scrapy
from scrapy.http import TextResponse

from newscrawl.pages.article import NotAnArticle, SectionHint, parse_article
from newscrawl.pages.listing import adjacent_article_links, article_links, parse_list_page, section_links
from newscrawl.normalizers.urls import section_list_url

LIVE_SITE = "https://www.workheadline.co.kr"


class SeoulNewsSpider(scrapy.Spider):
    """Walks section lists page by page, opens every article and follows its previous/next links.

    Arguments (`-a name=value`):
      base_url   site to crawl (default: the live site); any host on the same CMS works
      sections   comma-separated section codes (default: discovered from the home page's menu)
      max_pages  list pages per section at most (default: until a list page is empty)
      since      YYYY-MM-DD: stop paging a section past this date; older articles are neither kept
                 nor followed further
    """

    name = "seoul_news"

    def __init__(self, base_url=LIVE_SITE, sections=None, max_pages=None, since=None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/") + "/"
        self.section_codes = [code.strip() for code in sections.split(",") if code.strip()] if sections else []
        self.max_pages = int(max_pages) if max_pages else None
        self.since = date.fromisoformat(since) if since else None
        self.section_names: dict[str, str] = {}
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError("max_pages must be at least 1")

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # Kept at the priority it came with, so a USER_AGENT given with -s still wins over the default.
        user_agent = settings["USER_AGENT"].replace("{contact}", settings["NEWSCRAWL_CONTACT"])
        settings.set("USER_AGENT", user_agent, priority=settings.getpriority("USER_AGENT"))

    async def start(self):
        if self.section_codes:
            for code in self.section_codes:
                yield self._list_request(code, page=1)
        else:
            yield scrapy.Request(self.base_url, callback=self.parse_home)

    def parse_home(self, response: TextResponse):
        self.section_names = section_links(response)
        if not self.section_names:
            self.logger.warning("No section links found in the menu of %s", response.url)
        self.crawler.stats.set_value("newscrawl/sections", len(self.section_names))
        for code in self.section_names:
            yield self._list_request(code, page=1)
        for link in article_links(response):
            yield self._article_request(link.url, self._section_hint(link.section_code))

    def parse_list(self, response: TextResponse, section_code: str, page: int):
        entries = parse_list_page(response)
        self.crawler.stats.inc_value("newscrawl/list_pages")
        wanted = [entry for entry in entries if not self._before_since(entry.listed_on)]
        for entry in wanted:
            yield self._article_request(entry.url, self._section_hint(entry.section_code or section_code))
        # Lists are newest first: once an entry is older than `since`, later pages are older still.
        reached_since = len(wanted) < len(entries)
        if entries and not reached_since and (self.max_pages is None or page < self.max_pages):
            yield self._list_request(section_code, page + 1)

    def parse_article(self, response: TextResponse, section_hint: SectionHint):
        try:
            item = parse_article(response, section_hint=section_hint)
        except NotAnArticle as skipped:
            self.crawler.stats.inc_value(f"newscrawl/not_an_article/{skipped.reason}")
            self.logger.info("Skipped %s: %s", response.url, skipped.reason)
            return
        published_on = date.fromisoformat(item["published_at"][:10]) if item["published_at"] else None
        if self._before_since(published_on):
            self.crawler.stats.inc_value("newscrawl/skipped/before_since")
            return
        yield item
        for link in adjacent_article_links(response, item["url"]).values():
            if link:
                yield self._article_request(link.url, self._section_hint(link.section_code))

    def _section_hint(self, section_code: str | None) -> SectionHint:
        return SectionHint(name=self.section_names.get(section_code), code=section_code)

    def _before_since(self, day: date | None) -> bool:
        return self.since is not None and day is not None and day < self.since

    def _list_request(self, section_code: str, page: int) -> scrapy.Request:
        return scrapy.Request(
            section_list_url(self.base_url, section_code, page),
            callback=self.parse_list,
            cb_kwargs={"section_code": section_code, "page": page},
        )

    def _article_request(self, url: str, section_hint: SectionHint) -> scrapy.Request:
        # Every URL form of an article was canonicalised before this, so the dupefilter fetches each once.
        return scrapy.Request(url, callback=self.parse_article, cb_kwargs={"section_hint": section_hint})
