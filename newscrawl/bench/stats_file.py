"""Put into a measured crawl with `-s STATS_CLASS=newscrawl.bench.stats_file.StatsFileCollector`: Scrapy's stats,
also written as JSON to the path in the NEWSCRAWL_BENCH_STATS setting when the spider closes.

A stats collector rather than an extension, so the crawl's own EXTENSIONS stay exactly as they are."""

import json
from pathlib import Path

from scrapy.statscollectors import MemoryStatsCollector


class StatsFileCollector(MemoryStatsCollector):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.path = Path(crawler.settings["NEWSCRAWL_BENCH_STATS"])

    def close_spider(self, *args, **kwargs) -> None:
        super().close_spider(*args, **kwargs)
        self.path.write_text(json.dumps(self.get_stats(), default=str), encoding="utf-8")
