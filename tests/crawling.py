"""Running the real `scrapy crawl` command against a local sample site, for the end-to-end tests."""

import resource
import signal
import socket
import sqlite3
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from newscrawl.demo import crawl_command, scrapy_environment, sites_crawl_command
from newscrawl.stores import SqliteStore, read_jsonl


@dataclass
class Crawl:
    returncode: int
    log: str
    store_path: Path
    feed_path: Path

    def stored(self) -> list[dict]:
        store = SqliteStore(self.store_path)
        try:
            return list(store.articles())
        finally:
            store.close()

    def fed(self) -> list[dict]:
        return list(read_jsonl(self.feed_path))


def runs_of(store_path: Path) -> list[dict]:
    """The run records of a SQLite store, oldest first."""
    store = SqliteStore(store_path)
    try:
        return store.runs()
    finally:
        store.close()


def stored_value(store_path: Path, column: str, site: str, article_id: str):
    """One column of one stored article, read with SQL: the store-only columns (gone_at, paywalled, provenance) are not part of
    the articles the store's API gives."""
    database = sqlite3.connect(store_path)
    try:
        row = database.execute(f"SELECT {column} FROM articles WHERE site = ? AND article_id = ?", (site, article_id)).fetchone()
    finally:
        database.close()
    return row[0] if row else None


def free_port() -> int:
    """A loopback port nothing listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def damage_the_middle(path: Path) -> bytes:
    """Overwrites a page in the middle of a SQLite file, as a failing disk or a stray write would; the new bytes."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
    return bytes(data)


def damage_table(path: Path, table: str) -> bytes:
    """Overwrites the root page of `table` in a SQLite file, so that every read of the table meets the damage
    (damage_the_middle may hit a page that a command does not read, such as the search index's); the new bytes."""
    connection = sqlite3.connect(path)
    try:
        (root_page,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    start = (root_page - 1) * page_size
    data[start:start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return bytes(data)


def _paths(workdir: Path, store: str) -> tuple[Path, Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    return workdir / f"store.{store}", workdir / "feed.jsonl"


def crawl(base_url: str | None, workdir: Path, *args: str, store: str = "sqlite", store_spec: str | None = None,
          max_file_bytes: int | None = None, env: dict[str, str] | None = None, polite: bool = False,
          timeout: float = 300, sites: str | None = None) -> Crawl:
    """Crawl `base_url` (seoul_news), or the `sites` (cms_news -a sites=...), into a store and an `-O` JSONL feed under
    `workdir`; `args` are extra CLI arguments.

    Runs in the same workdir share their store, as cron runs do; `store_spec=""` crawls into the feed alone.
    `max_file_bytes` caps the size of any file the crawl writes (RLIMIT_FSIZE), which is how a full disk looks to
    it; no feed is written then. `env` adds environment variables; `polite` keeps the live sites' throttles."""
    store_path, feed_path = _paths(workdir, store)
    feed = ["-O", str(feed_path)] if max_file_bytes is None else []
    spec = f"{store}:{store_path}" if store_spec is None else store_spec
    command = (sites_crawl_command(sites, spec, *feed, *args, polite=polite) if sites
               else crawl_command(base_url, spec, *feed, *args, polite=polite))
    result = subprocess.run(
        command, env={**scrapy_environment(), **(env or {})}, capture_output=True, text=True, timeout=timeout,
        preexec_fn=None if max_file_bytes is None else lambda: _limit_file_size(max_file_bytes),
    )
    return Crawl(result.returncode, result.stderr, store_path, feed_path)


def _limit_file_size(max_bytes: int) -> None:
    # Ignored, SIGXFSZ no longer kills the process: writes past the limit fail with EFBIG, as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))


def start_crawl(base_url: str, workdir: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, Path]:
    """A crawl into the SQLite store under `workdir`, running in the background; its log is on stderr."""
    store_path, _ = _paths(workdir, "sqlite")
    command = crawl_command(base_url, f"sqlite:{store_path}", *args)
    process = subprocess.Popen(command, env={**scrapy_environment(), **(env or {})}, stderr=subprocess.PIPE, text=True)
    return process, store_path


class Gate:
    """A sample-site hook that holds every article request after the first `pass_first` until opened.

    `held` is set when the first request is held, so a test waits on an event, never on a clock."""

    def __init__(self, pass_first: int = 0, path_prefix: str = "/news/view.php"):
        self.pass_first = pass_first
        self.path_prefix = path_prefix
        self.seen = 0
        self.lock = threading.Lock()
        self.held = threading.Event()
        self.opened = threading.Event()

    def __call__(self, app, request):
        if not request.path.startswith(self.path_prefix):
            return None
        with self.lock:
            self.seen += 1
            hold = self.seen > self.pass_first
        if hold:
            self.held.set()
            self.opened.wait(timeout=120)
        return None

    def open(self) -> None:
        self.opened.set()
