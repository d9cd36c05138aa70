"""Running the real `scrapy crawl` command against a local sample site, for the end-to-end tests."""

import resource
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from newscrawl.demo import crawl_command, scrapy_environment
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


def _paths(workdir: Path, store: str) -> tuple[Path, Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    return workdir / f"store.{store}", workdir / "feed.jsonl"


def crawl(base_url: str, workdir: Path, *args: str, store: str = "sqlite", store_spec: str | None = None,
          max_file_bytes: int | None = None) -> Crawl:
    """Crawl `base_url` into a store and an `-O` JSONL feed under `workdir`; `args` are extra CLI arguments.

    Runs in the same workdir share their store, as cron runs do. `max_file_bytes` caps the size of any file
    the crawl writes (RLIMIT_FSIZE), which is how a full disk looks to it; no feed is written then."""
    store_path, feed_path = _paths(workdir, store)
    feed = ["-O", str(feed_path)] if max_file_bytes is None else []
    command = crawl_command(base_url, store_spec or f"{store}:{store_path}", *feed, *args)
    result = subprocess.run(
        command, env=scrapy_environment(), capture_output=True, text=True, timeout=300,
        preexec_fn=None if max_file_bytes is None else lambda: _limit_file_size(max_file_bytes),
    )
    return Crawl(result.returncode, result.stderr, store_path, feed_path)


def _limit_file_size(max_bytes: int) -> None:
    # Ignored, SIGXFSZ no longer kills the process: writes past the limit fail with EFBIG, as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))


def start_crawl(base_url: str, workdir: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    """A crawl into the SQLite store under `workdir`, running in the background; its log is on stderr."""
    store_path, _ = _paths(workdir, "sqlite")
    command = crawl_command(base_url, f"sqlite:{store_path}", *args)
    return subprocess.Popen(command, env=scrapy_environment(), stderr=subprocess.PIPE, text=True), store_path


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
