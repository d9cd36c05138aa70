"""Running the real `scrapy crawl` command against a local sample site, for the end-to-end tests."""

import subprocess
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


def crawl(base_url: str, workdir: Path, *args: str, store: str = "sqlite") -> Crawl:
    """Crawl `base_url` into a store and an `-O` JSONL feed under `workdir`; `args` are extra CLI arguments."""
    workdir.mkdir(parents=True, exist_ok=True)
    store_path = workdir / f"store.{store}"
    feed_path = workdir / "feed.jsonl"
    command = crawl_command(base_url, f"{store}:{store_path}", "-O", str(feed_path), *args)
    result = subprocess.run(command, env=scrapy_environment(), capture_output=True, text=True, timeout=300)
    return Crawl(result.returncode, result.stderr, store_path, feed_path)
