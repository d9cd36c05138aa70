"""Benchmark section: one `scrapy crawl cms_news` run over SITES synthetic sites at one request a second each, the
way a crawl of many small local papers runs in production: every site polite (DOWNLOAD_DELAY=1, no AutoThrottle, no
randomised delay, one request at a time per site), all sites crawled at once by one process.

What it answers: how much of one core that crawl keeps busy from the spider's opening to its closing (target: under
60 %; the whole process's share, interpreter start-up included, is shown beside it), the pages per second it reaches
(SITES when every site is busy) and its CPU time per page; and the same for the bare Scrapy spider (bare_spider.py,
on Scrapy's defaults but for the same pace, concurrency, robots.txt and CONCURRENT_ITEMS=1 as ours) over the same
sites and pages: the peer that says how much of that share is Scrapy's own, and so how much is left to our parsing,
validation and storage.  (On Scrapy's default CONCURRENT_ITEMS=100 the bare spider alone takes more of the core than
our crawl: 77 % against 73 % on 2026-12-04, whole process, 60 articles a site, most of it starting 100 item workers
for every response.)  The open-to-close share is the crawl process's CPU time between the spider's opening and its
closing (bench.stats_file) over Scrapy's elapsed_time_seconds; the whole-process share is its user + system time
(os.wait4) over its own wall time; pages/s count engine start to close (crawling.CrawlRun).

The sites are SITES SampleSite servers of a SyntheticSiteData(ARTICLES_PER_SITE) each, on distinct loopback hosts
(127.0.10.1, 127.0.10.2, ...: Linux routes all of 127/8 to lo, and the crawl keys its sites and download slots by
host), served by threads of ONE helper process (`python -m newscrawl.bench.multisite serve ...`), so that neither
their CPU nor their threads count in the crawl's figures.  Each site is crawled whole with `-a max_pages=1`:
robots.txt, the home page, its 4 sections' first list pages and all its 30 articles (those past the first list page
through their previous/next links), 36 pages a site, 7,200 in all, so the crawl lasts about 36 s with every site
busy throughout (60 articles a site until 2026-12-04: two such crawls took the benchmark past its ten minutes).
CLOSESPIDER_TIMEOUT only bounds the run if something goes wrong; a run it cut short says so in its row.

The helper stamps every request it receives, so the section also reports the servers' request rate over the middle
half of the crawl, every site busy: about SITES requests/s means the servers kept up with every site's one request
a second and were not what limits the crawl's pages/s.  The helper's own CPU share is reported beside it: on a
two-core machine it runs on the core the crawl does not use.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.crawling import CrawlRun, crawl_bare, run_crawl, workdir
from newscrawl.demo import scrapy_environment, sites_crawl_command
from newscrawl.settings import CONCURRENT_ITEMS
from newscrawl.sites import parse_sites

SITES = 200
ARTICLES_PER_SITE = 30
FIRST_HOST = ipaddress.IPv4Address("127.0.10.1")
# Each site at one request a second, one at a time, nothing adjusting or randomising the pace.
CRAWL_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=1",
    "RANDOMIZE_DOWNLOAD_DELAY=False",
    "CONCURRENT_REQUESTS_PER_DOMAIN=1",
    "ROBOTSTXT_OBEY=True",
    "LOG_LEVEL=INFO",
)
# A bound on the run, far above its natural length (about one second per page of a site); not expected to apply.
CRAWL_TIMEOUT_SECONDS = 150
# How long the helper may take to start its servers, and to report after the crawl.
HELPER_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class ServedRequests:
    """What the helper process reports once the crawl is over."""

    arrivals: list[float]  # time.monotonic() of every request's arrival, sorted
    cpu_seconds: float  # the helper's CPU time from its servers' start to the report
    wall_seconds: float  # the same span in wall time

    @property
    def cpu_share(self) -> float:
        return self.cpu_seconds / self.wall_seconds

    def steady_rate(self) -> float:
        """Requests per second received over the middle half of the time from the first request to the last: all
        sites busy, neither the start (robots.txt and the home page come in together) nor the tail."""
        first, last = self.arrivals[0], self.arrivals[-1]
        start, end = first + (last - first) / 4, last - (last - first) / 4
        return sum(1 for arrived in self.arrivals if start <= arrived < end) / (end - start)


def site_host(number: int) -> str:
    host = FIRST_HOST + number
    if host.packed[-1] in (0, 255):
        raise ValueError(f"site {number} would be on {host}; start the hosts elsewhere or serve fewer sites")
    return str(host)


# ---- the helper process: SITES sample sites, one thread each ------------------------------------------------------


def serve(count: int, articles: int, sites_path: Path, report_path: Path) -> None:
    """Serves `count` synthetic sites of `articles` articles each on hosts of their own, writes a sites file naming
    them all, prints 'ready', and serves until stdin closes; then writes a ServedRequests report as JSON."""
    from newscrawl import sample_site
    from newscrawl.demo import sites_file
    from newscrawl.sample_site.synthetic import SyntheticSiteData

    arrivals: list[float] = []

    def stamp(app, request):
        arrivals.append(time.monotonic())  # list.append is atomic: the server threads share the list safely
        return None

    sites = []
    for number in range(count):
        site = sample_site.SampleSite(site_host(number), 0, SyntheticSiteData(articles), site=sample_site.SITE_A)
        site.app.add_hook(stamp)
        sites.append(site.start())
    sites_path.write_text(sites_file(sites), encoding="utf-8")
    started, cpu_started = time.monotonic(), time.process_time()
    print("ready", flush=True)
    sys.stdin.read()
    wall, cpu = time.monotonic() - started, time.process_time() - cpu_started
    report = {"arrivals": sorted(arrivals), "cpu_seconds": cpu, "wall_seconds": wall}
    report_path.write_text(json.dumps(report), encoding="utf-8")
    # The servers' threads are daemons: exiting closes every socket at once (shutting 200 servers down one by one
    # would wait up to half a second each for its poll loop).


@contextmanager
def served_sites(count: int, articles: int, directory: Path) -> Iterator[tuple[Path, list[ServedRequests]]]:
    """Runs the helper process; yields the sites file and a list that holds its ServedRequests once the block ends
    without an error."""
    sites_path, report_path = directory / "sites.toml", directory / "served.json"
    helper = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.bench.multisite", "serve", str(count), str(articles), str(sites_path),
         str(report_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    report: list[ServedRequests] = []
    try:
        line = helper.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"the sample sites' helper process did not start (it said {line!r})")
        yield sites_path, report
        helper.stdin.close()
        helper.wait(timeout=HELPER_TIMEOUT_SECONDS)
        served = json.loads(report_path.read_text(encoding="utf-8"))
        report.append(ServedRequests(served["arrivals"], served["cpu_seconds"], served["wall_seconds"]))
    finally:
        if helper.poll() is None:
            helper.kill()
            helper.wait()
        for stream in (helper.stdin, helper.stdout):
            if not stream.closed:
                stream.close()


# ---- the section ---------------------------------------------------------------------------------------------------


def _cut(run: CrawlRun) -> str:
    reason = run.stats.get("finish_reason")
    return "" if reason == "finished" else f", cut short: {reason}"


def bench_multisite() -> list[Row]:
    settings = (*CRAWL_SETTINGS, f"CLOSESPIDER_TIMEOUT={CRAWL_TIMEOUT_SECONDS}")
    with workdir("multisite") as directory:
        with served_sites(SITES, ARTICLES_PER_SITE, directory) as (sites_path, report):
            command = sites_crawl_command(str(sites_path), f"sqlite:{directory / 'store.sqlite'}", "-a", "max_pages=1",
                                          *(arg for setting in settings for arg in ("-s", setting)), polite=True)
            run = run_crawl(command, directory, scrapy_environment())
        served = report[0]
    with workdir("multisite-bare") as directory:
        with served_sites(SITES, ARTICLES_PER_SITE, directory) as (sites_path, _):
            base_urls = ",".join(site.base_url for site in parse_sites(sites_path.read_text("utf-8"), str(sites_path)))
            # newscrawl raises CONCURRENT_REQUESTS to one a site (newscrawl.spiders.cms_news); the bare spider is told.
            bare = crawl_bare(base_urls, directory, *settings, f"CONCURRENT_REQUESTS={SITES}",
                              f"CONCURRENT_ITEMS={CONCURRENT_ITEMS}", max_pages=1, base_settings=())
    if bare.pages != run.pages:
        raise RuntimeError(f"over the same sites newscrawl fetched {run.pages} pages and the bare spider {bare.pages}: "
                           "they no longer follow the same links, so the comparison would be meaningless")
    label = f"multi-site: {SITES} sites at 1 req/s"
    crawled = (f"{ARTICLES_PER_SITE} articles each, {run.stats.get('item_scraped_count', 0):,} articles, "
               f"{run.pages:,} pages{_cut(run)}")
    share, bare_share = (100 * crawl.open_cpu_share for crawl in (run, bare))
    elapsed = run.stats["elapsed_time_seconds"]
    return [
        (f"{label} ({crawled})", run.pages_per_second, "pages/s"),
        (f"{label}, CPU", run.cpu_ms_per_page, CPU_MS_PER_PAGE),
        (f"{label}: CPU share of one core, spider open to close ({elapsed:.0f} s)", share, "%"),
        (f"{label}: CPU share of one core, whole process with its start-up ({run.wall_seconds:.0f} s)",
         100 * run.cpu_seconds / run.wall_seconds, "%"),
        (f"{label}: servers' requests/s, middle half of the crawl (~{SITES}: not the bottleneck)", served.steady_rate(),
         "requests/s"),
        (f"{label}: servers' CPU share of one core (helper process)", 100 * served.cpu_share, "%"),
        (f"{label}, bare Scrapy spider with CONCURRENT_ITEMS={CONCURRENT_ITEMS}, same pages{_cut(bare)}",
         bare.pages_per_second, "pages/s"),
        (f"{label}, bare Scrapy spider, CPU", bare.cpu_ms_per_page, CPU_MS_PER_PAGE),
        (f"{label}, bare Scrapy spider: CPU share of one core, spider open to close", bare_share, "%"),
        (f"{label}: CPU share, newscrawl - bare Scrapy (our parsing, validation, storage)", share - bare_share,
         "points"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.bench.multisite",
                                     description="Serve the multi-site benchmark's sample sites (see the module).")
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve", help="serve COUNT sites until stdin closes")
    serving.add_argument("count", type=int)
    serving.add_argument("articles", type=int)
    serving.add_argument("sites_path", type=Path)
    serving.add_argument("report_path", type=Path)
    args = parser.parse_args(argv)
    serve(args.count, args.articles, args.sites_path, args.report_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
