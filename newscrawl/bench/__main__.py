"""Runs every benchmark section and prints one table; then, on standard error, how long each section took."""

import sys
import time

from newscrawl.bench.crawl import bench_crawl
from newscrawl.bench.dates import bench_dates
from newscrawl.bench.exports import bench_exports
from newscrawl.bench.incremental import bench_incremental
from newscrawl.bench.multisite import bench_multisite
from newscrawl.bench.parsing import bench_parsing
from newscrawl.bench.rendering import bench_rendering
from newscrawl.bench.scale import bench_scale
from newscrawl.bench.search import bench_search
from newscrawl.bench.validation import bench_validation
from newscrawl.bench.workers import bench_workers
from newscrawl.bench.common import format_table

SECTIONS = [bench_parsing, bench_validation, bench_crawl, bench_incremental, bench_scale, bench_multisite, bench_workers, bench_dates, bench_exports, bench_search, bench_rendering]


def main() -> None:
    rows, took = [], []
    for section in SECTIONS:
        started = time.monotonic()
        rows.extend(section())
        took.append(f"{section.__name__.removeprefix('bench_')} {time.monotonic() - started:.0f} s")
    print(format_table(rows))
    # What each section took, to keep the whole under its 10 minutes (README, Benchmark).
    print(f"sections: {', '.join(took)}", file=sys.stderr)


if __name__ == "__main__":
    main()
