"""Benchmark section: full crawls of synthetic sites of growing size (time, throughput and CPU time per page, peak
RSS of the crawl, SQLite size, and how each grows), then what a second run over the smallest, unchanged site costs
in requests.  Peak RSS is the crawl process's own VmHWM (newscrawl.bench.measured), not ru_maxrss.

The sizes come from NEWSCRAWL_BENCH_SCALE, article counts separated by commas.  The default, 3,000 and 9,000,
keeps the whole benchmark within ten minutes on two cores (5,000 and 15,000 took about 100 s of the 11 minutes the
benchmark took on 2026-12-04, once the multi-site section had its bare peer); `NEWSCRAWL_BENCH_SCALE=10000,100000`
is the full measurement (the 100,000-article crawl alone takes 10 to 15 minutes).
"""

import os
from dataclasses import dataclass
from pathlib import Path

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.crawling import CrawlRun, crawl_ours, synthetic_site, workdir
from newscrawl.sample_site import SECTIONS

SIZES_VARIABLE = "NEWSCRAWL_BENCH_SCALE"
DEFAULT_SIZES = (3_000, 9_000)
MEGABYTE = 2**20


@dataclass(frozen=True)
class FullCrawl:
    articles: int
    run: CrawlRun
    sqlite_bytes: int

    @property
    def seconds_per_article(self) -> float:
        return self.run.wall_seconds / self.articles

    @property
    def sqlite_bytes_per_article(self) -> float:
        return self.sqlite_bytes / self.articles


def scale_sizes() -> list[int]:
    configured = os.environ.get(SIZES_VARIABLE)
    return sorted(int(size) for size in configured.split(",")) if configured else list(DEFAULT_SIZES)


def _crawl_rows(crawl: FullCrawl) -> list[Row]:
    label = f"scale {crawl.articles:,} articles"
    return [
        (f"{label}: crawl time", crawl.run.wall_seconds, "s"),
        (f"{label}: throughput", crawl.run.pages_per_second, "pages/s"),
        (f"{label}: throughput, CPU", crawl.run.cpu_ms_per_page, CPU_MS_PER_PAGE),
        (f"{label}: peak RSS of the crawl", crawl.run.peak_rss_bytes / MEGABYTE, "MB"),
        (f"{label}: SQLite file", crawl.sqlite_bytes / MEGABYTE, "MB"),
    ]


def _growth_rows(small: FullCrawl, large: FullCrawl) -> list[Row]:
    label = f"scale {small.articles:,} -> {large.articles:,}"
    return [
        (f"{label}: time per article, large / small", large.seconds_per_article / small.seconds_per_article,
         "x (1 = linear)"),
        (f"{label}: peak RSS, large / small", large.run.peak_rss_bytes / small.run.peak_rss_bytes, "x (1 = flat)"),
        (f"{label}: SQLite bytes per article, large / small",
         large.sqlite_bytes_per_article / small.sqlite_bytes_per_article, "x (1 = linear)"),
    ]


def _incremental_rows(base_url: str, articles: int, store_dir: Path) -> list[Row]:
    """Second runs over the unchanged site into the store of its full crawl: with the sections given, and with
    the sections read from the home page's menu (one request more)."""
    every_section = ",".join(section.mcode for section in SECTIONS)
    with_sections = crawl_ours(base_url, store_dir, "-a", f"sections={every_section}")
    from_home = crawl_ours(base_url, store_dir)
    label = f"incremental, unchanged {articles:,}-article site"
    return [
        (f"{label}, -a sections= ({len(SECTIONS)} sections)", with_sections.requests, "requests"),
        (f"{label}, sections from the home page", from_home.requests, "requests"),
        (f"{label}, -a sections=: time", with_sections.wall_seconds, "s"),
    ]


def bench_scale() -> list[Row]:
    sizes = scale_sizes()
    crawls: list[FullCrawl] = []
    incremental_rows: list[Row] = []
    for articles in sizes:
        with synthetic_site(articles) as base_url, workdir(f"scale-{articles}") as path:
            run = crawl_ours(base_url, path)
            crawls.append(FullCrawl(articles, run, (path / "store.sqlite").stat().st_size))
            if articles == sizes[0]:
                incremental_rows = _incremental_rows(base_url, articles, path)
    rows = [row for crawl in crawls for row in _crawl_rows(crawl)]
    if len(crawls) > 1:
        rows.extend(_growth_rows(crawls[0], crawls[-1]))
    return rows + incremental_rows
