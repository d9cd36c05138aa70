"""Measured crawls for the benchmark sections: a synthetic site in a process of its own, and a crawl command run
in a fresh child process whose wall time, CPU time, peak RSS and Scrapy stats are taken.

Peak RSS is the crawl process's own VmHWM, which it reports itself at exit (newscrawl.bench.measured: not
`ru_maxrss`, which on Linux starts from the benchmark's own peak); Scrapy crawls in a single process, so neither
the benchmark nor the site's server counts in it.  CPU time is the crawl process's user + system time from
os.wait4, interpreter start-up included.
"""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newscrawl.addons import PerSiteConcurrency
from newscrawl.bench import bare_spider
from newscrawl.bench.measured import run_measured
from newscrawl.bench.stats_file import OPEN_CPU_SECONDS
from newscrawl.demo import crawl_command, scrapy_environment, sites_crawl_command

# What both spiders run with: the politeness throttles off (the site is ours, on 127.0.0.1) and the same concurrency.
# The delay is the smallest that keeps Scrapy's per-host limit, which newscrawl's add-on puts in place of 0 (see
# newscrawl.addons.PerSiteConcurrency); the bare spider gets it too, so both start requests at the same pace.
CRAWL_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=0",
    f"DOWNLOAD_DELAY={PerSiteConcurrency.SMALLEST_DELAY}",
    "CONCURRENT_REQUESTS=16",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "ROBOTSTXT_OBEY=True",
    "LOG_LEVEL=INFO",
)
# How much of a failed crawl's log its error shows.
FAILED_LOG_CHARACTERS = 3000


@dataclass
class CrawlRun:
    wall_seconds: float  # the whole command, interpreter start-up included
    peak_rss_bytes: int  # the crawl process's own VmHWM
    stats: dict
    cpu_seconds: float  # the crawl process's user + system time, interpreter start-up included

    @property
    def pages(self) -> int:
        return self.stats.get("response_received_count", 0)

    @property
    def requests(self) -> int:
        return self.stats.get("downloader/request_count", 0)

    @property
    def pages_per_second(self) -> float:
        """Responses per second of the crawl itself (Scrapy's elapsed time: engine start to close)."""
        return self.pages / self.stats["elapsed_time_seconds"]

    @property
    def open_cpu_share(self) -> float:
        """The crawl process's CPU time from the spider's opening to its closing over the same span's wall time: the
        share of a core the crawl itself keeps busy, without the interpreter's start-up."""
        return self.stats[OPEN_CPU_SECONDS] / self.stats["elapsed_time_seconds"]

    @property
    def cpu_ms_per_page(self) -> float:
        """The whole command's CPU time (start-up included) over the responses it received, in milliseconds."""
        return 1000 * self.cpu_seconds / self.pages


@contextmanager
def synthetic_site(articles: int) -> Iterator[str]:
    """Serves a synthetic site of `articles` articles from its own process; yields its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.sample_site", "--synthetic", str(articles)], stdout=subprocess.PIPE, text=True
    )
    try:
        yield server.stdout.readline().strip()
    finally:
        server.terminate()
        server.wait()
        server.stdout.close()


def run_crawl(command: list[str], directory: Path, env: dict[str, str]) -> CrawlRun:
    """Runs a `scrapy` command line in `directory`; its log goes to directory/crawl.log."""
    stats_path = directory / "stats.json"
    log_path = directory / "crawl.log"
    command = [*command, "-s", "STATS_CLASS=newscrawl.bench.stats_file.StatsFileCollector",
               "-s", f"NEWSCRAWL_BENCH_STATS={stats_path}"]
    with open(log_path, "w", encoding="utf-8") as log:
        child = run_measured(command, cwd=directory, env=env, stdout=log, stderr=subprocess.STDOUT)
    if child.returncode != 0:
        # The directory is temporary: the end of the log goes into the error itself.
        log_end = log_path.read_text(encoding="utf-8")[-FAILED_LOG_CHARACTERS:]
        raise RuntimeError(f"{' '.join(command)} exited with {child.returncode}; its log ends:\n{log_end}")
    return CrawlRun(child.wall_seconds, child.peak_rss_bytes, json.loads(stats_path.read_text(encoding="utf-8")),
                    child.cpu_seconds)


def crawl_ours(base_url: str, directory: Path, *args: str) -> CrawlRun:
    """`scrapy crawl seoul_news` into directory/store.sqlite, as cron would run it; `args` are extra CLI arguments."""
    command = crawl_command(base_url, f"sqlite:{directory / 'store.sqlite'}", *args)
    return run_crawl([*command, *_settings_arguments()], directory, scrapy_environment())


def crawl_sites(sites_path: Path, directory: Path, *args: str) -> CrawlRun:
    """`scrapy crawl cms_news -a sites=FILE` into directory/store.sqlite, as cron would run it; `args` are extra CLI
    arguments."""
    command = sites_crawl_command(str(sites_path), f"sqlite:{directory / 'store.sqlite'}", *args)
    return run_crawl([*command, *_settings_arguments()], directory, scrapy_environment())


def crawl_bare(base_url: str, directory: Path, *settings: str, max_pages: int = 0,
               base_settings: tuple[str, ...] = CRAWL_SETTINGS) -> CrawlRun:
    """The bare peer spider with `scrapy runspider`, outside the project (the directory has no scrapy.cfg), over
    `base_url` (several separated by commas) and `max_pages` list pages a section (0: all); `settings` are
    NAME=VALUE settings over `base_settings`."""
    command = [sys.executable, "-m", "scrapy", "runspider", bare_spider.__file__, "-a", f"base_url={base_url}",
               "-a", f"max_pages={max_pages}"]
    env = {name: value for name, value in os.environ.items() if name != "SCRAPY_SETTINGS_MODULE"}
    return run_crawl([*command, *_settings_arguments(base_settings), *_settings_arguments(settings)], directory, env)


def _settings_arguments(settings: tuple[str, ...] = CRAWL_SETTINGS) -> list[str]:
    return [arg for setting in settings for arg in ("-s", setting)]


@contextmanager
def workdir(name: str) -> Iterator[Path]:
    """A temporary directory for one measured crawl's store, log and stats; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"newscrawl-bench-{name}-") as path:
        yield Path(path)
