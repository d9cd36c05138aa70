"""Put into a measured crawl with `-s STATS_CLASS=newscrawl.bench.stats_file.StatsFileCollector`: Scrapy's stats,
also written as JSON to the path in the NEWSCRAWL_BENCH_STATS setting when the spider closes, with the process's CPU
time from the spider's opening to its closing (OPEN_CPU_SECONDS: the crawl's own, without the interpreter's start-up
and the run's end, over the same span as Scrapy's elapsed_time_seconds).

A stats collector rather than an extension, so the crawl's own EXTENSIONS stay exactly as they are."""

import json
import time
from pathlib import Path

from scrapy.statscollectors import MemoryStatsCollector


OPEN_CPU_SECONDS = "newscrawl_bench/open_cpu_seconds"


class StatsFileCollector(MemoryStatsCollector):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.path = Path(crawler.settings["NEWSCRAWL_BENCH_STATS"])
        self.opened_cpu = None

    def open_spider(self, *args, **kwargs) -> None:
        super().open_spider(*args, **kwargs)
        self.opened_cpu = time.process_time()

    def close_spider(self, *args, **kwargs) -> None:
        self.set_value(OPEN_CPU_SECONDS, time.process_time() - self.opened_cpu)
        super().close_spider(*args, **kwargs)
        self.path.write_text(json.dumps(self.get_stats(), default=str), encoding="utf-8")
