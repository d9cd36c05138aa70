"""Drops a second item for an article already seen in this run (the same canonical URL)."""

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.dupefilters import FingerprintSet, url_key
from newscrawl.pipelines import CountingPipeline


class CanonicalUrlDedupPipeline(CountingPipeline):
    def __init__(self, stats):
        super().__init__(stats)
        self.seen_urls = FingerprintSet()

    def process_item(self, item):
        url = ItemAdapter(item)["url"]
        key = url_key(url)
        if key in self.seen_urls:
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"{url} was already scraped in this run")
        self.seen_urls.add(key)
        return item
