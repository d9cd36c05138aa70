"""Several newscrawl workers on one PostgreSQL store over a family of sample sites, logged by one WorkerLog: each
worker is a real process with its own User-Agent contact, so the sample servers' request log tells which worker asked
for which page, and when. Shared by the tests of workers started by hand (test_workers) and by scrapyd (test_scrapyd)."""

import re
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from newscrawl import sample_site
from newscrawl.demo import scrapy_environment, sites_crawl_command, sites_file
from newscrawl.postgres_store import PostgresStore
from newscrawl.sample_site.synthetic import SyntheticSiteData

SITES = 6
ARTICLES = 30
WORKER_RE = re.compile(r"\+(worker-\d+)\)")


@dataclass(frozen=True)
class Served:
    at: float
    site: str
    worker: str
    target: str


class WorkerLog:
    """A sample-site hook: every request with its time, site and worker (read from the User-Agent's contact).

    `hold(worker, after=N)` makes the worker's requests wait, once it had N article pages, until `release()`;
    `hold(worker, at_second_site=True)` from its first request to a second site on. `held` is set when the first of
    them waits, so tests wait on events, never on a clock."""

    def __init__(self):
        self.served: list[Served] = []
        self.lock = threading.Lock()
        self.held = threading.Event()
        self.released = threading.Event()
        self.holding: tuple[str, Callable[[list[Served]], bool]] | None = None

    def __call__(self, app, request):
        agent = next((value for name, value in request.headers.items() if name.lower() == "user-agent"), "")
        found = WORKER_RE.search(agent)
        worker = found.group(1) if found else "?"
        with self.lock:
            self.served.append(Served(time.monotonic(), urlsplit(request.base_url).hostname, worker, request.target))
            hold = (self.holding is not None and self.holding[0] == worker
                    and self.holding[1]([entry for entry in self.served if entry.worker == worker]))
        if hold:
            self.held.set()
            self.released.wait(timeout=120)
        # Every page takes a little while, as on a real site, so that the workers' crawls overlap in time.
        app.stopped.wait(0.005)
        return None

    def hold(self, worker: str, after: int | None = None, at_second_site: bool = False) -> None:
        if at_second_site:
            self.holding = (worker, lambda served: len({entry.site for entry in served}) > 1)
        else:
            self.holding = (worker, lambda served: sum("view.php" in entry.target for entry in served) > after)

    def release(self) -> None:
        self.released.set()

    def workers_by_site(self) -> dict[str, dict[str, tuple[float, float]]]:
        """Site -> worker -> (first, last) time it asked the site for a page."""
        spans: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
        for entry in self.served:
            first, last = spans[entry.site].get(entry.worker, (entry.at, entry.at))
            spans[entry.site][entry.worker] = (min(first, entry.at), max(last, entry.at))
        return spans


@pytest.fixture
def family(tmp_path):
    """SITES synthetic sites on hosts of their own (127.0.20.x), logged by one WorkerLog; (sites, sites file, log)."""
    log = WorkerLog()
    sites = []
    try:
        for number in range(SITES):
            site = sample_site.SampleSite(f"127.0.20.{number + 1}", 0, SyntheticSiteData(ARTICLES), site=sample_site.SITE_A)
            site.app.add_hook(log)
            sites.append(site.start())
        path = tmp_path / "sites.toml"
        path.write_text(sites_file(sites), encoding="utf-8")
        yield sites, path, log
    finally:
        log.release()
        for site in sites:
            site.stop()


def start_worker(number: int, sites_path, store_url: str, *settings: str) -> subprocess.Popen:
    command = sites_crawl_command(str(sites_path), store_url, "-s", f"NEWSCRAWL_WORKER=worker-{number}",
                                  "-s", f"NEWSCRAWL_CONTACT=worker-{number}", "-s", "NEWSCRAWL_LEASED_SITES=1",
                                  *[arg for setting in settings for arg in ("-s", setting)])
    return subprocess.Popen(command, env=scrapy_environment(), stderr=subprocess.PIPE, text=True)


def finish(worker: subprocess.Popen) -> tuple[int, str]:
    _, log = worker.communicate(timeout=300)
    return worker.returncode, log


def stored_once(store_url: str, sites) -> None:
    """Every article of every site is in the store exactly once, with no earlier version."""
    store = PostgresStore(store_url)
    try:
        stored = Counter((article["site"], article["article_id"]) for article in store.articles())
        revisions = store.connection.execute("SELECT count(*) FROM revisions").fetchone()[0]
        runs = store.runs()
    finally:
        store.close()
    expected = {(site.host, item["article_id"]) for site in sites for item in site.expected_items()}
    assert set(stored) == expected
    assert set(stored.values()) == {1}
    assert revisions == 0
    return runs


def assert_one_worker_at_a_time(log: WorkerLog) -> dict[str, dict[str, tuple[float, float]]]:
    spans = log.workers_by_site()
    for site, by_worker in spans.items():
        ordered = sorted(by_worker.values())
        assert all(earlier[1] < later[0] for earlier, later in zip(ordered, ordered[1:])), (site, by_worker)
    return spans
