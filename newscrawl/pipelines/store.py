"""Writes every item that passed validation and deduplication into the configured store."""

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import MissingArticle
from newscrawl.stores import SaveResult, open_store

logger = logging.getLogger(__name__)


class StorePipeline:
    """Saves in batches; an article counts as stored (stats `newscrawl/articles/new|updated`) once its batch is committed."""

    def __init__(self, store_spec: str, batch_size: int, stats):
        if not store_spec:
            raise NotConfigured("NEWSCRAWL_STORE is empty: items go only to feeds")
        self.store_spec = store_spec
        self.batch_size = batch_size
        self.stats = stats
        self.store = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.get("NEWSCRAWL_STORE"), settings.getint("NEWSCRAWL_BATCH_SIZE"), crawler.stats)

    def open_spider(self):
        self.store = open_store(self.store_spec, batch_size=self.batch_size)

    def process_item(self, item):
        if isinstance(item, MissingArticle):
            self.store.record_missing(ItemAdapter(item).asdict())
            # Recorded; it is not an article, so no feed may export it.
            raise DropItem(f"{item['url']} recorded as missing ({item['reason']})", log_level="DEBUG")
        if self.store.save(ItemAdapter(item).asdict()) is SaveResult.UNCHANGED:
            self.stats.inc_value(f"newscrawl/articles/{SaveResult.UNCHANGED.value}")
        elif self.store.batch_is_full():
            self._commit()
        return item

    def _commit(self) -> None:
        committed = self.store.commit()
        for result, count in committed.items():
            self.stats.inc_value(f"newscrawl/articles/{result.value}", count)
        if committed:
            logger.info("Stored %s", ", ".join(f"{count} {result.value}" for result, count in committed.items()))

    def close_spider(self):
        self._commit()
        self.store.close()
