"""Scrapy extensions: the run record each crawl leaves in its store."""

import json
import logging

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.pipelines.store import STORE_ERRORS
from newscrawl.runs import exit_code, run_record, summary_line
from newscrawl.stores import open_store

logger = logging.getLogger(__name__)


class RunRecordExtension:
    """At the end of a run: one summary line in the log, and the run record saved in the store."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store_spec = crawler.settings.get("NEWSCRAWL_STORE")
        self.max_errors = crawler.settings.getint("NEWSCRAWL_MAX_ERRORS")
        if not self.store_spec:
            raise NotConfigured("no store to keep run records in")

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        record = run_record(self.crawler.stats.get_stats(), reason)
        record["exit_code"] = exit_code(record, self.max_errors)
        logger.info(summary_line(record))
        try:
            store = open_store(self.store_spec)
            try:
                store.add_run(record)
            finally:
                store.close()
        except STORE_ERRORS as error:
            logger.error("The run record could not be stored (%s): %s", error, json.dumps(record, ensure_ascii=False))
