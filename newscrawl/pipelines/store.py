"""Writes every item that passed validation and deduplication into the configured store."""

import asyncio
import logging
from collections import Counter
from dataclasses import asdict

from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newscrawl.items import MissingArticle
from newscrawl.pipelines import item_fields
from newscrawl.runs import STORE_DAMAGED_STAT, STORE_FAILED_REASON, STORE_FAILED_STAT, site_stat
from newscrawl.signals import article_missing, site_finished
from newscrawl.stores import STORE_ERRORS, SaveResult, is_damage, open_store

logger = logging.getLogger(__name__)

class StorePipeline:
    """Saves in batches; an article counts as stored (each site's stats `articles/new|updated`, newscrawl.runs.site_stat) once its batch is committed.
    Article URLs that gave no article (the `article_missing` signal) are recorded too.

    When the store cannot write, the run stops: the uncommitted batch is rolled back and what was committed stays
    intact. When it turns out damaged, the run stops and nothing more is written into it.
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
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.record_missing, signal=article_missing)
        crawler.signals.connect(pipeline.site_finished, signal=site_finished)
        return pipeline

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
            if self.store.save(item_fields(item)) is SaveResult.UNCHANGED:
                self.stats.inc_value(site_stat(item["site"], f"articles/{SaveResult.UNCHANGED.value}"))
            elif self.store.batch.is_full():
                self._commit()
        except STORE_ERRORS as error:
            self._stop_run(error)
            raise DropItem(f"{item['url']} not stored: {error}") from error
        return item

    def record_missing(self, missing: MissingArticle) -> None:
        if self.stopping:
            return
        try:
            self.store.record_missing(asdict(missing))
        except STORE_ERRORS as error:
            self._stop_run(error)

    def site_finished(self, site: str) -> None:
        # Before the site's lease is released (newscrawl.leases): a worker that dies after it loses none of the site.
        if not self.stopping:
            try:
                self._commit()
            except STORE_ERRORS as error:
                self._stop_run(error)

    def _commit(self) -> None:
        committed = self.store.commit()
        totals = Counter()
        for (site, result), count in committed.items():
            self.stats.inc_value(site_stat(site, f"articles/{result.value}"), count)
            totals[result] += count
        if totals:
            logger.info("Stored %s", ", ".join(f"{count} {result.value}" for result, count in totals.items()))

    def _record_failure(self, error: Exception) -> None:
        if is_damage(error):
            logger.error("The store %s is damaged (%s): stopping the run; nothing more is written into it", self.store_spec, error)
            self.stats.set_value(STORE_DAMAGED_STAT, f"{type(error).__name__}: {error}")
        else:
            logger.error("The store %s cannot be written (%s): stopping the run; what was stored before is intact", self.store_spec, error)
            self.stats.set_value(STORE_FAILED_STAT, f"{type(error).__name__}: {error}")

    def _rollback(self) -> None:
        try:
            self.store.rollback()
        except STORE_ERRORS as error:
            # A damaged file may refuse the rollback too; the transaction dies with the connection.
            logger.debug("Rollback failed: %s", error)

    def _stop_run(self, error: Exception) -> None:
        self._record_failure(error)
        self._rollback()
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
            self._rollback()
        finally:
            try:
                self.store.close()
            except STORE_ERRORS as error:
                self._record_failure(error)
