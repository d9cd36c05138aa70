"""Scrapy extensions: each site's field figures while a crawl runs, and the run record it makes at its end."""

import json
import logging

from scrapy import signals

from newscrawl.drift import EXAMPLES_KEPT, DriftThresholds, describe, find_drifts, problems
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.provenance import NONE, article_layout, is_present
from newscrawl.runs import (EXIT_CODE_STAT, EXIT_OK, FIELD_STATS, judge_run, run_record, site_examples, site_stat,
                            stats_by_site, summary_line, with_drifts)
from newscrawl.stores import STORE_ERRORS, open_store

logger = logging.getLogger(__name__)


class FieldAuditExtension:
    """Counts what each scraped article of each site had (newscrawl.runs.FIELD_STATS): the schema fields present,
    each traced field's source, the layout matched, and the first URLs of each problem, for the drift check."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item, spider):
        article = dict(item)
        prefix = site_stat(article["site"], FIELD_STATS)
        # Some 40 counts an article: the collector's method is looked up once, since in Scrapy 2.19 every lookup goes
        # through StatsCollector.__getattribute__ (82 -> 67 µs an article).
        inc_value = self.stats.inc_value
        inc_value(f"{prefix}articles")
        for name in ARTICLE_FIELDS:
            if is_present(article.get(name)):
                inc_value(f"{prefix}present/{name}")
        provenance = article.get("provenance") or {}
        for name, label in provenance.items():
            inc_value(f"{prefix}sources/{name}/{label}")
        inc_value(f"{prefix}layouts/{article_layout(provenance) or NONE}")
        for key in problems({name: article.get(name) for name in (*ARTICLE_FIELDS, "provenance")}):
            examples = self.stats.get_value(f"{prefix}examples/{key}", [])
            if len(examples) < EXAMPLES_KEPT:
                self.stats.set_value(f"{prefix}examples/{key}", [*examples, article["url"]])


class RunRecordExtension:
    """At the end of a run: the run record, each site's markup drifts against its own recent runs in the store
    (one WARNING each), the run's exit code (also put into the stats, where `scrapy crawl` reads it), the summary
    lines in the log, and the record saved in the store, when there is one that can take it."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store_spec = crawler.settings.get("NEWSCRAWL_STORE")
        self.max_errors = crawler.settings.getint("NEWSCRAWL_MAX_ERRORS")
        self.recovering = crawler.settings.getdict("NEWSCRAWL_RECOVERING")
        self.drift_thresholds = DriftThresholds.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        record = run_record(stats, reason)
        if self.recovering:
            record["recovered_from"] = self.recovering
        store, store_error = self._open_store(record)
        try:
            history = {site: [] for site in record["sites"]}
            if store is not None:
                try:
                    history = {site: store.site_history(site, self.drift_thresholds.history_runs) for site in history}
                except STORE_ERRORS as error:
                    store_error = error
            own_stats = stats_by_site(stats)
            drifts = [
                drift for site, figures in record["sites"].items()
                for drift in find_drifts(site, figures, site_examples(own_stats[site]), history[site], self.drift_thresholds)
            ]
            for drift in drifts:
                logger.warning("Markup drift on %s", describe(drift))
            record = judge_run(with_drifts(record, drifts), self.max_errors)
            self.crawler.stats.set_value(EXIT_CODE_STAT, record["exit_code"])
            (logger.info if record["exit_code"] == EXIT_OK else logger.warning)(summary_line(record))
            if store is not None and store_error is None:
                try:
                    store.add_run(record)
                except STORE_ERRORS as error:
                    store_error = error
        finally:
            if store is not None:
                store.close()
        if record["store_damaged"]:
            logger.warning("The run record is not written into the damaged store: %s", json.dumps(record, ensure_ascii=False))
        elif store_error is not None:
            logger.error("The run record could not be stored (%s): %s", store_error, json.dumps(record, ensure_ascii=False))

    def _open_store(self, record: dict):
        """(the store, None), or (None, why it could not be opened); (None, None) without a store or with a
        damaged one, which is not touched again."""
        if not self.store_spec or record["store_damaged"]:
            return None, None
        try:
            return open_store(self.store_spec), None
        except STORE_ERRORS as error:
            return None, error
