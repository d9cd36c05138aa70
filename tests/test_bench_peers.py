"""The benchmark's bare Scrapy spider fetches exactly the pages newscrawl fetches, over several sites and with
`max_pages`, as the multi-site section runs it: a peer that fetched fewer pages would make our crawl look costly
for the wrong reason (the section refuses runs whose page counts differ, and this keeps it runnable)."""

from collections import Counter

from newscrawl import sample_site
from newscrawl.bench.crawling import crawl_bare, crawl_sites, workdir
from newscrawl.demo import sites_file
from newscrawl.sample_site.synthetic import SyntheticSiteData

ARTICLES = 24
SECTIONS = 4


def test_the_bare_spider_fetches_the_pages_cms_news_fetches_over_several_sites(tmp_path):
    sites = [sample_site.SampleSite(f"127.0.21.{number}", 0, SyntheticSiteData(ARTICLES), site=sample_site.SITE_A).start()
             for number in (1, 2)]
    try:
        sites_path = tmp_path / "sites.toml"
        sites_path.write_text(sites_file(sites), encoding="utf-8")
        with workdir("ours") as directory:
            ours = crawl_sites(sites_path, directory, "-a", "max_pages=1")
        ours_requests = [Counter(site.requests) for site in sites]
        for site in sites:
            site.clear_requests()
        with workdir("bare") as directory:
            bare = crawl_bare(",".join(site.base_url for site in sites), directory, max_pages=1)
        bare_requests = [Counter(site.requests) for site in sites]
    finally:
        for site in sites:
            site.stop()
    # Per site: robots.txt, the home page, each section's first list page, every article (those past the first list
    # page through their previous/next links).
    assert ours.pages == bare.pages == len(sites) * (2 + SECTIONS + ARTICLES)
    assert bare_requests == ours_requests
