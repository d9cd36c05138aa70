"""`python -m newscrawl.demo`: crawl the bundled sample site into SQLite and JSONL, and say where it all went.

The crawl runs through the real `scrapy crawl` command, exactly as cron would run it against the live site;
only the politeness throttles are off, because the sample site is our own server on 127.0.0.1.
"""

import os
import subprocess
import sys
from pathlib import Path

from newscrawl import sample_site
from newscrawl.stores import SqliteStore, read_jsonl

DATA_DIR = Path("data")
LOCAL_SITE_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=0",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "NEWSCRAWL_RETRY_BACKOFF_BASE=0.05",
)


def crawl_command(base_url: str, store_spec: str, *extra: str, polite: bool = False) -> list[str]:
    """The `scrapy crawl seoul_news` command line for a crawl of a site on 127.0.0.1; `polite` keeps the throttles
    the project sets for live sites."""
    local = () if polite else LOCAL_SITE_SETTINGS
    settings = [arg for setting in (*local, f"NEWSCRAWL_STORE={store_spec}") for arg in ("-s", setting)]
    return [sys.executable, "-m", "scrapy", "crawl", "seoul_news", "-a", f"base_url={base_url}", *settings, *extra]


def scrapy_environment() -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}


def main() -> int:
    sqlite_path = DATA_DIR / "demo.sqlite"
    jsonl_path = DATA_DIR / "demo.jsonl"
    for stale in DATA_DIR.glob("demo.*"):
        stale.unlink()
    with sample_site.start() as site:
        print(f"Sample site serving at {site.base_url}", flush=True)
        command = crawl_command(site.base_url, f"sqlite:{sqlite_path}", "-O", str(jsonl_path), "-s", "LOG_LEVEL=WARNING")
        result = subprocess.run(command, env=scrapy_environment())
    if result.returncode != 0:
        print(f"The crawl failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    store = SqliteStore(sqlite_path)
    stored = sum(1 for _ in store.articles())
    store.close()
    exported = sum(1 for _ in read_jsonl(jsonl_path))
    print(f"SQLite: {sqlite_path.resolve()} ({stored} articles)")
    print(f"JSONL:  {jsonl_path.resolve()} ({exported} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
