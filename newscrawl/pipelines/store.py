"""Writes every item that passed validation and deduplication into the configured store."""

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl.stores import open_store


class StorePipeline:
    def __init__(self, store_spec: str, stats):
        if not store_spec:
            raise NotConfigured("NEWSCRAWL_STORE is empty: items go only to feeds")
        self.store_spec = store_spec
        self.stats = stats
        self.store = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NEWSCRAWL_STORE"), crawler.stats)

    def open_spider(self):
        self.store = open_store(self.store_spec)

    def process_item(self, item):
        self.store.add(ItemAdapter(item).asdict())
        self.stats.inc_value("newscrawl/stored")
        return item

    def close_spider(self):
        self.store.close()
