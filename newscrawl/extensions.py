"""Scrapy extensions: the run record each crawl makes at its end."""

import json
import logging

from scrapy import signals

from newscrawl.runs import EXIT_CODE_STAT, EXIT_OK, judge_run, run_record, summary_line
from newscrawl.stores import STORE_ERRORS, open_store

logger = logging.getLogger(__name__)


class RunRecordExtension:
    """At the end of a run: the run record and its exit code (also put into the stats, where `scrapy crawl` reads
    it), one summary line in the log, and the record saved in the store, when there is one that can take it."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store_spec = crawler.settings.get("NEWSCRAWL_STORE")
        self.max_errors = crawler.settings.getint("NEWSCRAWL_MAX_ERRORS")
        self.recovering = crawler.settings.getdict("NEWSCRAWL_RECOVERING")

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        record = run_record(self.crawler.stats.get_stats(), reason)
        if self.recovering:
            record["recovered_from"] = self.recovering
        record = judge_run(record, self.max_errors)
        self.crawler.stats.set_value(EXIT_CODE_STAT, record["exit_code"])
        (logger.info if record["exit_code"] == EXIT_OK else logger.warning)(summary_line(record))
        if not self.store_spec:
            return
        if record["store_damaged"]:
            logger.warning("The run record is not written into the damaged store: %s", json.dumps(record, ensure_ascii=False))
            return
        try:
            store = open_store(self.store_spec)
            try:
                store.add_run(record)
            finally:
                store.close()
        except STORE_ERRORS as error:
            logger.error("The run record could not be stored (%s): %s", error, json.dumps(record, ensure_ascii=False))
