"""`python -m newscrawl.demo`: crawl the bundled sample sites (two of the 다다미디어 family, one of NDSoft) into
SQLite and JSONL, and say where it all went.

The crawl runs through the real `scrapy crawl cms_news` command, exactly as cron would run it against the live sites;
only the politeness throttles are off, because the sample sites are our own servers on 127.0.0.1, 127.0.0.2 and 127.0.0.4.
"""

import os
from collections import Counter
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


def _command(spider: str, spider_arguments: dict[str, str], store_spec: str, extra: tuple[str, ...], polite: bool) -> list[str]:
    local = () if polite else LOCAL_SITE_SETTINGS
    settings = [arg for setting in (*local, f"NEWSCRAWL_STORE={store_spec}") for arg in ("-s", setting)]
    arguments = [arg for name, value in spider_arguments.items() for arg in ("-a", f"{name}={value}")]
    return [sys.executable, "-m", "scrapy", "crawl", spider, *arguments, *settings, *extra]


def crawl_command(base_url: str, store_spec: str, *extra: str, polite: bool = False) -> list[str]:
    """The `scrapy crawl seoul_news` command line for a crawl of a site on 127.0.0.1; `polite` keeps the throttles
    the project sets for live sites."""
    return _command("seoul_news", {"base_url": base_url}, store_spec, extra, polite)


def sites_crawl_command(sites: str, store_spec: str, *extra: str, polite: bool = False) -> list[str]:
    """The `scrapy crawl cms_news -a sites=...` command line, like crawl_command."""
    return _command("cms_news", {"sites": sites}, store_spec, extra, polite)


def sites_file(sites: list[sample_site.SampleSite]) -> str:
    """A sites file (newscrawl.sites) naming running sample sites, each with its family, list paging and User-Agent."""
    return "".join(f'[[site]]\nbase_url = "{site.base_url}"\nfamily = "{site.profile.family}"\n'
                   f'list_paging = "{site.profile.list_paging}"\nuser_agent = "{site.profile.user_agent}"\n\n'
                   for site in sites)


def scrapy_environment() -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}


def main() -> int:
    sqlite_path = DATA_DIR / "demo.sqlite"
    jsonl_path = DATA_DIR / "demo.jsonl"
    sites_path = DATA_DIR / "demo-sites.toml"
    DATA_DIR.mkdir(exist_ok=True)
    for stale in DATA_DIR.glob("demo.*"):
        stale.unlink()
    with sample_site.start_family() as family, sample_site.start(site="ndsoft") as ndsoft:
        sites = [*family.sites, ndsoft]
        for site in sites:
            print(f"Sample site {site.profile.name} ({site.profile.family}) serving at {site.base_url}", flush=True)
        sites_path.write_text(sites_file(sites), encoding="utf-8")
        command = sites_crawl_command(str(sites_path), f"sqlite:{sqlite_path}", "-O", str(jsonl_path),
                                      "-s", "LOG_LEVEL=WARNING")
        result = subprocess.run(command, env=scrapy_environment())
    if result.returncode != 0:
        print(f"The crawl failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    store = SqliteStore(sqlite_path)
    stored = Counter(article["site"] for article in store.articles())
    store.close()
    exported = sum(1 for _ in read_jsonl(jsonl_path))
    by_site = ", ".join(f"{count} of {site}" for site, count in stored.items())
    print(f"SQLite: {sqlite_path.resolve()} ({stored.total()} articles: {by_site})")
    print(f"JSONL:  {jsonl_path.resolve()} ({exported} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
