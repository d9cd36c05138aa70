"""End to end: one `scrapy crawl cms_news` over both sites of the sample family at once (site A on 127.0.0.1, site B
on 127.0.0.2), each site a polite crawl of its own, and sites that fail beside ones that do not."""

import re
from collections import Counter

import pytest

from newscrawl import sample_site
from newscrawl.demo import sites_file
from newscrawl.runs import EXIT_NOTHING_FOUND, EXIT_OK, EXIT_SITE_UNREACHABLE
from newscrawl.sample_site import SITE_A, SITE_B, Response
from tests.crawling import crawl, runs_of

# The per-site limit the test crawls with: the project's own (settings.py), which the local settings raise to 8.
PER_SITE = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
ARTICLE_VIEW_RE = re.compile(r"^/news/view\.php\?idx=\d+$")


def _slow_pages(app, request):
    # A site that takes 20 ms a page, as a real one does: a crawler allowed more requests at once would have more.
    app.stopped.wait(0.02)


@pytest.fixture(scope="module")
def family():
    with sample_site.start_family() as running:
        for site in running.sites:
            site.app.add_hook(_slow_pages)
        yield running


@pytest.fixture(scope="module")
def sites_toml(family, tmp_path_factory):
    path = tmp_path_factory.mktemp("sites") / "family.toml"
    path.write_text(sites_file(list(family.sites)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def family_crawl(family, sites_toml, tmp_path_factory):
    for site in family.sites:
        site.clear_requests()
    workdir = tmp_path_factory.mktemp("family")
    result = crawl(None, workdir, *PER_SITE, sites=str(sites_toml))
    assert result.returncode == EXIT_OK, result.log
    for site in family.sites:
        assert site.wait_idle()
    return result, workdir, {site.host: site.requests for site in family.sites}, \
        {site.host: site.max_in_flight for site in family.sites}


def test_both_sites_are_stored_once_each_with_exact_fields(family, family_crawl):
    result, _, _, _ = family_crawl
    stored = Counter((article["site"], article["article_id"]) for article in result.stored())
    expected = {(site.host, item["article_id"]): item
                for site, profile in ((family.a, SITE_A), (family.b, SITE_B))
                for item in profile.expected_items(site.base_url)}
    assert set(stored) == set(expected) and set(stored.values()) == {1}
    # idx 828 and 834 are articles of both sites: keyed by site and id, neither hides the other.
    assert {("127.0.0.1", "828"), ("127.0.0.2", "828"), ("127.0.0.1", "834"), ("127.0.0.2", "834")} <= set(stored)
    mismatches = [
        (key, field, article[field], expected[key][field])
        for article in result.stored()
        for key in [(article["site"], article["article_id"])]
        for field in expected[key]
        if article[field] != expected[key][field]
    ]
    assert mismatches == []


def test_no_site_ever_sees_more_requests_at_once_than_the_per_site_limit(family_crawl):
    _, _, requests, max_in_flight = family_crawl
    # Counted by each site's own server; both sites were crawled in the same run, each up to its own limit (the
    # local settings' DOWNLOAD_DELAY 0 included: see newscrawl.addons.PerSiteConcurrency).
    assert all(requests.values())
    assert max_in_flight == {"127.0.0.1": 2, "127.0.0.2": 2}


def test_each_site_lists_are_paged_its_own_way(family, family_crawl):
    _, _, requests, _ = family_crawl
    site_b_lists = [path for path in requests["127.0.0.2"] if path.startswith("/news/list.php")]
    assert any("&board_data=" in path for path in site_b_lists)
    assert not any("&page=" in path for path in site_b_lists)
    assert any("&page=2" in path for path in requests["127.0.0.1"] if path.startswith("/news/list.php"))


def test_the_run_record_and_summary_break_the_run_down_per_site(family_crawl):
    result, _, _, _ = family_crawl
    (record,) = runs_of(result.store_path)
    assert {key: (site["new"], site["exit_code"]) for key, site in record["sites"].items()} == {
        "127.0.0.1": (84, EXIT_OK), "127.0.0.2": (50, EXIT_OK)}
    assert record["new"] == 134 and record["exit_site"] is None
    assert re.search(r"^  127\.0\.0\.2: \d+ pages read, 50 new, 0 updated, 0 unchanged, 0 failed; exit code 0: ok$",
                     result.log, re.M)


def test_a_second_run_keeps_each_sites_state_apart_and_fetches_no_article(family, sites_toml, family_crawl):
    _, workdir, _, _ = family_crawl
    for site in family.sites:
        site.clear_requests()
    result = crawl(None, workdir, *PER_SITE, "-a", "refresh_days=0", sites=str(sites_toml))
    assert result.returncode == EXIT_OK, result.log
    for site in family.sites:
        assert site.wait_idle()
        articles = [path for path in site.requests if ARTICLE_VIEW_RE.match(path)]
        assert articles == [], site.host
        # One list page per section: each site stops paging once a page lists only stored articles.
        lists = [path for path in site.requests if path.startswith("/news/list.php")]
        assert len(lists) == len(site.data.sections), (site.host, lists)
    record = runs_of(result.store_path)[-1]
    assert {key: site["new"] for key, site in record["sites"].items()} == {"127.0.0.1": 0, "127.0.0.2": 0}


def _refuse_everything(app, request):
    return Response(status=403, body="<html><body>Forbidden</body></html>")


def _maintenance_page(app, request):
    # The site answers, but its pages no longer carry the family's markup: no menu, no list, no article link.
    return Response(body="<html><body><p>사이트 점검 중입니다.</p></body></html>")


def test_failing_sites_are_named_and_do_not_stop_the_others(family, tmp_path):
    refusing = sample_site.SampleSite(host="127.0.0.3", site=SITE_B)
    changed = sample_site.SampleSite(host="127.0.0.4", site=SITE_B)
    refusing.app.add_hook(_refuse_everything)
    changed.app.add_hook(_maintenance_page)
    with refusing, changed:
        family.a.clear_requests()
        path = tmp_path / "sites.toml"
        path.write_text(sites_file([family.a, refusing, changed]), encoding="utf-8")
        result = crawl(None, tmp_path / "run", *PER_SITE, sites=str(path))
    assert result.returncode == EXIT_SITE_UNREACHABLE, result.log
    assert {article["site"] for article in result.stored()} == {"127.0.0.1"}
    assert len(result.stored()) == 84
    (record,) = runs_of(result.store_path)
    assert record["exit_site"] == "127.0.0.3"
    assert {key: site["exit_code"] for key, site in record["sites"].items()} == {
        "127.0.0.1": EXIT_OK, "127.0.0.3": EXIT_SITE_UNREACHABLE, "127.0.0.4": EXIT_NOTHING_FOUND}
    assert re.search(r"exit code 7: no page of the site could be fetched \(127\.0\.0\.3: HTTP 403 x\d+\)", result.log)
    assert re.search(r"^  127\.0\.0\.4: .* exit code 4: no article link", result.log, re.M)
