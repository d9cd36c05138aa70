"""Benchmark section: what a page rendered in Chromium costs against a page from Scrapy's plain downloader.

Two crawls of the bundled sample site through the real `scrapy crawl`, the same pages each: one plain, one with
every page rendered (`-a render_js=all`), the browser allowed as many pages at once as the crawl has requests
(so concurrency is the same). Pages per second are each crawl's responses over its own elapsed time, the
browser's launch included. Needs Chromium (`apt-get install chromium`).

The CPU rows are the crawl process's user + system time (os.wait4) per page, start-up included.  For the rendered
crawl that counts the browser only as far as its processes were reaped below the crawl process (os.wait4 adds a
child's waited-for descendants): see the figure as a floor of what rendering costs in CPU.
"""

from newscrawl import sample_site
from newscrawl.bench.common import CPU_MS_PER_PAGE, Row
from newscrawl.bench.crawling import CRAWL_SETTINGS, crawl_ours, workdir

CRAWL_CONCURRENCY = int(dict(setting.split("=", 1) for setting in CRAWL_SETTINGS)["CONCURRENT_REQUESTS_PER_DOMAIN"])


def bench_rendering() -> list[Row]:
    with sample_site.start() as site:
        with workdir("plain") as plain_dir:
            plain = crawl_ours(site.base_url, plain_dir)
        with workdir("rendered") as rendered_dir:
            rendered = crawl_ours(site.base_url, rendered_dir, "-a", "render_js=all",
                                  "-s", f"NEWSCRAWL_RENDER_CONCURRENCY={CRAWL_CONCURRENCY}")
    if rendered.stats.get("playwright/page_count", 0) < rendered.pages - 1:  # robots.txt is never rendered
        raise RuntimeError(f"only {rendered.stats.get('playwright/page_count', 0)} of {rendered.pages} pages were "
                           "rendered; the comparison would be meaningless")
    return [
        ("rendering: plain pages", plain.pages_per_second, "pages/s"),
        ("rendering: plain pages, CPU", plain.cpu_ms_per_page, CPU_MS_PER_PAGE),
        ("rendering: pages rendered in Chromium", rendered.pages_per_second, "pages/s"),
        ("rendering: pages rendered in Chromium, CPU", rendered.cpu_ms_per_page, CPU_MS_PER_PAGE),
        ("rendering: cost of a rendered page", plain.pages_per_second / rendered.pages_per_second, "× a plain page"),
    ]
