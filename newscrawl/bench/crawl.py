"""Benchmark section: crawl throughput of seoul_news, with its pipelines and SQLite store, against a bare Scrapy
spider that only follows the same links (bare_spider.py), on the same synthetic site with the same settings
(politeness throttles off, the same concurrency; crawling.CRAWL_SETTINGS).

Pages per second are each crawl's responses over its own elapsed time (engine start to close).
"""

from newscrawl.bench.common import Row
from newscrawl.bench.crawling import crawl_bare, crawl_ours, synthetic_site, workdir

THROUGHPUT_SITE_ARTICLES = 2_000


def bench_crawl() -> list[Row]:
    with synthetic_site(THROUGHPUT_SITE_ARTICLES) as base_url:
        with workdir("ours") as ours_dir:
            ours = crawl_ours(base_url, ours_dir)
        with workdir("bare") as bare_dir:
            bare = crawl_bare(base_url, bare_dir)
    if ours.pages != bare.pages:
        raise RuntimeError(f"seoul_news fetched {ours.pages} pages and the bare spider {bare.pages}: "
                           "they no longer follow the same links, so the comparison would be meaningless")
    site = f"{THROUGHPUT_SITE_ARTICLES:,} articles, {ours.pages:,} pages"
    return [
        (f"crawl: seoul_news + pipelines + SQLite ({site})", ours.pages_per_second, "pages/s"),
        ("crawl: bare Scrapy spider, same links", bare.pages_per_second, "pages/s"),
        ("crawl: seoul_news / bare Scrapy", 100 * ours.pages_per_second / bare.pages_per_second, "%"),
    ]
