"""Benchmark section: workers sharing one PostgreSQL store (newscrawl.leases), on a throwaway server of Debian's
package (newscrawl.throwaway_postgres).

1. Scaling: 1, 2 and 4 worker processes, started together, crawl a synthetic family of SITES sites into one new
   database, each site polite (DOWNLOAD_DELAY=SITE_DELAY, one request at a time), each worker LEASED_SITES sites at
   once: the total time until the last worker ends, and its ratio to one worker's. The work is sites in turns, so
   the ideal ratio is the number of turns one worker needs over the number N workers need (ceil(SITES / (N *
   LEASED_SITES))), printed beside it; the rest is start-up and the last turn's stragglers.
2. The store: one process crawls the same sites at once, without delays, into PostgreSQL and into SQLite: articles
   per second and the crawl process's CPU ms per page (the database server's own CPU is not in it).

The sites are served by multisite's helper process (one thread per site, hosts 127.0.10.x), with `-a max_pages=1`:
robots.txt, the home page, 4 first list pages and ARTICLES_PER_SITE articles a site.
"""

import math
import subprocess
import time

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.crawling import run_crawl, workdir
from newscrawl.bench.multisite import served_sites
from newscrawl.demo import LOCAL_SITE_SETTINGS, scrapy_environment, sites_crawl_command
from newscrawl.throwaway_postgres import PostgresServer

SITES = 50
ARTICLES_PER_SITE = 6
SITE_DELAY = 0.25
LEASED_SITES = 5
WORKER_COUNTS = (1, 2, 4)
POLITE_SETTINGS = ("AUTOTHROTTLE_ENABLED=False", f"DOWNLOAD_DELAY={SITE_DELAY}", "RANDOMIZE_DOWNLOAD_DELAY=False",
                   "CONCURRENT_REQUESTS_PER_DOMAIN=1", f"NEWSCRAWL_LEASED_SITES={LEASED_SITES}", "LOG_LEVEL=INFO")
WORKER_TIMEOUT_SECONDS = 300


def _settings(settings) -> list[str]:
    return [arg for setting in settings for arg in ("-s", setting)]


def _workers_seconds(count: int, sites_path, store_url: str, directory) -> float:
    """Wall seconds from starting `count` workers together until the last one ended."""
    started = time.perf_counter()
    workers = []
    for number in range(count):
        command = sites_crawl_command(str(sites_path), store_url, "-a", "max_pages=1",
                                      *_settings((*POLITE_SETTINGS, f"NEWSCRAWL_WORKER=bench-{number}")), polite=True)
        log = open(directory / f"worker-{count}-{number}.log", "w", encoding="utf-8")
        workers.append((subprocess.Popen(command, env=scrapy_environment(), stdout=log, stderr=subprocess.STDOUT), log))
    for worker, log in workers:
        code = worker.wait(timeout=WORKER_TIMEOUT_SECONDS)
        log.close()
        if code != 0:
            raise RuntimeError(f"a benchmark worker exited with {code}; see {log.name}")
    return time.perf_counter() - started


def bench_workers() -> list[Row]:
    rows = []
    with workdir("workers") as directory, PostgresServer() as server:
        with served_sites(SITES, ARTICLES_PER_SITE, directory) as (sites_path, _):
            one_worker = None
            for count in WORKER_COUNTS:
                seconds = _workers_seconds(count, sites_path, server.new_database(), directory)
                one_worker = one_worker or seconds
                turns = math.ceil(SITES / LEASED_SITES), math.ceil(SITES / (count * LEASED_SITES))
                label = (f"workers: {count} on one PostgreSQL store, {SITES} sites at {SITE_DELAY} s a request, "
                         f"{LEASED_SITES} leased at once each")
                rows.append((f"{label}: total time", seconds, "s"))
                rows.append((f"{label}: speed-up over one worker (ideal {turns[0] / turns[1]:.2f})",
                             one_worker / seconds, "x"))
            stores = {"PostgreSQL": server.new_database(), "SQLite": f"sqlite:{directory / 'store.sqlite'}"}
            for name, spec in stores.items():
                command = sites_crawl_command(str(sites_path), spec, "-a", "max_pages=1", *_settings(
                    (*LOCAL_SITE_SETTINGS, f"NEWSCRAWL_LEASED_SITES={SITES}", "LOG_LEVEL=INFO")), polite=True)
                run = run_crawl(command, directory, scrapy_environment())
                label = f"store: one crawl of the {SITES} sites at once into {name}"
                articles = run.stats.get("item_scraped_count", 0)
                rows.append((f"{label} ({articles} articles)", articles / run.stats["elapsed_time_seconds"],
                             "articles/s"))
                rows.append((f"{label}, CPU", run.cpu_ms_per_page, CPU_MS_PER_PAGE))
    return rows


if __name__ == "__main__":
    from newscrawl.bench.common import format_table

    print(format_table(bench_workers()))
