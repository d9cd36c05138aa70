"""Writes every item that passed validation and deduplication into the configured store."""

import asyncio
import logging
import sqlite3

from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newscrawl.items import MissingArticle
from newscrawl.pipelines import item_fields
from newscrawl.runs import STORE_FAILED_STAT
from newscrawl.stores import SaveResult, open_store

logger = logging.getLogger(__name__)

# What a store raises when it cannot write: a full disk, a read-only file or directory, a locked database.
STORE_ERRORS = (sqlite3.Error, OSError)
STORE_FAILED_REASON = "store_failed"


class StorePipeline:
    """Saves in batches; an article counts as stored (stats `newscrawl/articles/new|updated`) once its batch is committed.

    When the store cannot write, the run stops: the uncommitted batch is rolled back and what was committed stays intact.
    """

    def __init__(self, crawler):
        settings = crawler.settings
        self.store_spec = settings.get("NEWSCRAWL_STORE")
        if not self.store_spec:
            raise NotConfigured("NEWSCRAWL_STORE is empty: items go only to feeds")
        self.batch_size = settings.getint("NEWSCRAWL_BATCH_SIZE")
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = None
        self.stopping = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        try:
            self.store = open_store(self.store_spec, batch_size=self.batch_size)
        except STORE_ERRORS as error:
            self._record_failure(error)
            raise CloseSpider(STORE_FAILED_REASON) from error

    def process_item(self, item):
        if self.stopping:
            raise DropItem(f"{item['url']} not stored: the store failed earlier in this run")
        try:
            return self._store(item)
        except STORE_ERRORS as error:
            self._stop_run(error)
            raise DropItem(f"{item['url']} not stored: {error}") from error

    def _store(self, item):
        if isinstance(item, MissingArticle):
            self.store.record_missing(item_fields(item))
            # Recorded; it is not an article, so no feed may export it.
            raise DropItem(f"{item['url']} recorded as missing ({item['reason']})", log_level="DEBUG")
        if self.store.save(item_fields(item)) is SaveResult.UNCHANGED:
            self.stats.inc_value(f"newscrawl/articles/{SaveResult.UNCHANGED.value}")
        elif self.store.batch.is_full():
            self._commit()
        return item

    def _commit(self) -> None:
        committed = self.store.commit()
        for result, count in committed.items():
            self.stats.inc_value(f"newscrawl/articles/{result.value}", count)
        if committed:
            logger.info("Stored %s", ", ".join(f"{count} {result.value}" for result, count in committed.items()))

    def _record_failure(self, error: Exception) -> None:
        logger.error("The store %s cannot be written (%s): stopping the run; what was stored before is intact", self.store_spec, error)
        self.stats.set_value(STORE_FAILED_STAT, f"{type(error).__name__}: {error}")

    def _stop_run(self, error: Exception) -> None:
        self._record_failure(error)
        self.store.rollback()
        # Closing waits for the items in flight, this one included, so it must not be awaited here.
        self.stopping = asyncio.get_running_loop().create_task(self.crawler.engine.close_spider_async(reason=STORE_FAILED_REASON))

    def close_spider(self):
        if self.store is None:
            return
        try:
            if not self.stopping:
                self._commit()
        except STORE_ERRORS as error:
            self._record_failure(error)
            self.store.rollback()
        finally:
            self.store.close()
