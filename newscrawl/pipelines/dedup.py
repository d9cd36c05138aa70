"""Drops a second item for an article already seen in this run (the same canonical URL)."""

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.items import MissingArticle


class CanonicalUrlDedupPipeline:
    def __init__(self, stats):
        self.stats = stats
        self.seen_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if isinstance(item, MissingArticle):
            return item
        url = ItemAdapter(item)["url"]
        if url in self.seen_urls:
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"{url} was already scraped in this run")
        self.seen_urls.add(url)
        return item
