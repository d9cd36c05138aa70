"""Benchmark section: crawl throughput of seoul_news, with its pipelines and SQLite store, against a bare Scrapy
spider that only follows the same links (bare_spider.py), on the same synthetic site with the same settings
(politeness throttles off, the same concurrency; crawling.CRAWL_SETTINGS).

Pages per second are each crawl's responses over its own elapsed time (engine start to close), the best of
THROUGHPUT_RUNS runs taken in turn, so a burst of other load on the machine spoils one run, not the figure.

The bare spider runs with Scrapy's defaults. One of them, CONCURRENT_ITEMS=100, makes Scrapy start 100 workers
for every response; seoul_news sets it to 1 (settings.py), so the bare spider is also measured with that
setting, and the ratio against it says what our parsing, validation and storage cost on their own.

Beside each pages/s row is its CPU row: the crawl process's user + system time (os.wait4) over its responses, of the
same run, interpreter start-up included (the pages/s count only engine start to close).  The peak RSS rows are
each crawl process's own (newscrawl.bench.measured), of the same run.
"""

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.crawling import CrawlRun, crawl_bare, crawl_ours, synthetic_site, workdir
from newscrawl.settings import CONCURRENT_ITEMS

THROUGHPUT_SITE_ARTICLES = 2_000
THROUGHPUT_RUNS = 3
MEGABYTE = 2**20


def _fastest(runs: list[CrawlRun]) -> CrawlRun:
    return max(runs, key=lambda run: run.pages_per_second)


def bench_crawl() -> list[Row]:
    ours_runs, bare_runs, tuned_bare_runs = [], [], []
    with synthetic_site(THROUGHPUT_SITE_ARTICLES) as base_url:
        for _ in range(THROUGHPUT_RUNS):
            with workdir("ours") as directory:
                ours_runs.append(crawl_ours(base_url, directory))
            with workdir("bare") as directory:
                bare_runs.append(crawl_bare(base_url, directory))
            with workdir("bare-tuned") as directory:
                tuned_bare_runs.append(crawl_bare(base_url, directory, f"CONCURRENT_ITEMS={CONCURRENT_ITEMS}"))
    ours, bare, tuned_bare = map(_fastest, (ours_runs, bare_runs, tuned_bare_runs))
    if not ours.pages == bare.pages == tuned_bare.pages:
        raise RuntimeError(f"seoul_news fetched {ours.pages} pages and the bare spider {bare.pages} and "
                           f"{tuned_bare.pages}: they no longer follow the same links, so the comparison would be "
                           "meaningless")
    site = f"{THROUGHPUT_SITE_ARTICLES:,} articles, {ours.pages:,} pages, best of {THROUGHPUT_RUNS}"
    return [
        (f"crawl: seoul_news + pipelines + SQLite ({site})", ours.pages_per_second, "pages/s"),
        ("crawl: seoul_news + pipelines + SQLite, CPU", ours.cpu_ms_per_page, CPU_MS_PER_PAGE),
        ("crawl: bare Scrapy spider, same links, Scrapy's defaults", bare.pages_per_second, "pages/s"),
        ("crawl: bare Scrapy spider, Scrapy's defaults, CPU", bare.cpu_ms_per_page, CPU_MS_PER_PAGE),
        ("crawl: seoul_news / bare Scrapy", 100 * ours.pages_per_second / bare.pages_per_second, "%"),
        (f"crawl: bare Scrapy spider with CONCURRENT_ITEMS={CONCURRENT_ITEMS} as ours",
         tuned_bare.pages_per_second, "pages/s"),
        (f"crawl: bare Scrapy spider with CONCURRENT_ITEMS={CONCURRENT_ITEMS}, CPU", tuned_bare.cpu_ms_per_page,
         CPU_MS_PER_PAGE),
        (f"crawl: seoul_news / bare Scrapy with CONCURRENT_ITEMS={CONCURRENT_ITEMS}",
         100 * ours.pages_per_second / tuned_bare.pages_per_second, "%"),
        ("crawl: seoul_news, peak RSS of the crawl", ours.peak_rss_bytes / MEGABYTE, "MB"),
        ("crawl: bare Scrapy spider, Scrapy's defaults, peak RSS", bare.peak_rss_bytes / MEGABYTE, "MB"),
    ]
