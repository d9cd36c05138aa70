"""The throughput peer: a bare Scrapy spider that follows the links seoul_news follows and does nothing else.

Section menu -> each section's list pages, page after page until an empty one -> every listed article -> each
article's previous/next links.  No item, no parsing beyond finding those links, no storage.  Article URLs are
reduced to `view.php?idx=N`, as ours are, so Scrapy's duplicate filter fetches each article once and both spiders
fetch the same pages.  It lives here, not in newscrawl/spiders, so `scrapy list` shows only the real spider; the
benchmark runs it with `scrapy runspider` outside the project, with Scrapy's own defaults.
"""

import scrapy
from w3lib.url import add_or_replace_parameter, url_query_cleaner

MENU_LINKS = "#gnb a[href*='mcode=']::attr(href)"
LIST_ENTRY_LINKS = "div.basicList dt.title a::attr(href)"
# Previous/next article links of the newer and the older skin.
ADJACENT_LINKS = ", ".join(
    f"{box} a[href*='view.php']::attr(href)" for box in ("div.article-prevnext", "div.viewPrevNext")
)


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, base_url: str, max_pages: str = "0", **kwargs):
        """`base_url`: one site's, or several separated by commas (the multi-site section's); `max_pages`: list pages
        read per section, 0 for all (as seoul_news's `-a max_pages=`)."""
        super().__init__(**kwargs)
        self.base_urls = base_url.split(",")
        self.max_pages = int(max_pages)

    async def start(self):
        for base_url in self.base_urls:
            yield scrapy.Request(base_url, callback=self.parse_home)

    def parse_home(self, response):
        for href in response.css(MENU_LINKS).getall():
            section_url = url_query_cleaner(response.urljoin(href), ["mcode"])
            yield scrapy.Request(section_url, callback=self.parse_list, cb_kwargs={"page": 1})

    def parse_list(self, response, page: int):
        links = response.css(LIST_ENTRY_LINKS).getall()
        yield from self._articles(response, links)
        if links and page != self.max_pages:
            next_page = add_or_replace_parameter(response.url, "page", str(page + 1))
            yield scrapy.Request(next_page, callback=self.parse_list, cb_kwargs={"page": page + 1})

    def parse_article(self, response):
        yield from self._articles(response, response.css(ADJACENT_LINKS).getall())

    def _articles(self, response, hrefs):
        for href in hrefs:
            yield scrapy.Request(url_query_cleaner(response.urljoin(href), ["idx"]), callback=self.parse_article)
