"""Benchmark section: what an incremental run costs, in requests, over an NDSoft site where nothing changed.

The NDSoft sample site (newscrawl/sample_site/ndsoft/) is served from this process; the real
`scrapy crawl cms_news -a sites=FILE.toml` command crawls it twice into one temporary SQLite store, as cron's runs
share theirs: a first run, then an incremental one over the unchanged site.  Requests are the ones the site
received (`SampleSite.requests`: robots.txt, the home page, the feed and each section's first list page for the
second run).
"""

from newscrawl import sample_site
from newscrawl.bench.common import Row
from newscrawl.bench.crawling import crawl_sites, workdir
from newscrawl.demo import sites_file


def _requests_of_run(site: sample_site.SampleSite, run) -> int:
    site.clear_requests()
    run()
    if not site.wait_idle():
        raise RuntimeError("the NDSoft sample site still has requests in flight after the crawl ended")
    return len(site.requests)


def bench_incremental() -> list[Row]:
    with sample_site.start(site="ndsoft") as site, workdir("incremental-ndsoft") as directory:
        sites_path = directory / "sites.toml"
        sites_path.write_text(sites_file([site]), encoding="utf-8")
        first = _requests_of_run(site, lambda: crawl_sites(sites_path, directory))
        incremental = _requests_of_run(site, lambda: crawl_sites(sites_path, directory))
    articles = len(sample_site.ndsoft.ARTICLES)
    return [
        (f"first run, ndsoft site ({articles} articles): requests", first, "requests"),
        ("incremental run, unchanged ndsoft site: requests", incremental, "requests"),
        ("incremental run / first run, ndsoft site", 100 * incremental / first, "%"),
    ]
