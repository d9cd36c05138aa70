"""Drops a second item for an article already seen in this run (the same canonical URL)."""

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.pipelines import ArticlePipeline


class CanonicalUrlDedupPipeline(ArticlePipeline):
    def __init__(self, stats):
        super().__init__(stats)
        self.seen_urls: set[str] = set()

    def process_article(self, item):
        url = ItemAdapter(item)["url"]
        if url in self.seen_urls:
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"{url} was already scraped in this run")
        self.seen_urls.add(url)
        return item
