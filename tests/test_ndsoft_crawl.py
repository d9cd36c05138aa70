"""End to end on the NDSoft family: `scrapy crawl cms_news` over the NDSoft sample site (127.0.0.4: three skins, an
EUC-KR section, RSS feeds, a sitemap, notices, a feed that refuses a non-browser User-Agent), alone and beside a
site of the first family; and the one-off commands on it."""

import csv
import dataclasses
import io
import re
import sqlite3
import subprocess
import sys
import urllib.request

import pytest

from newscrawl import sample_site
from newscrawl.demo import scrapy_environment, sites_file
from newscrawl.runs import EXIT_MARKUP_DRIFT, EXIT_OK, EXIT_SITE_UNREACHABLE
from newscrawl.sample_site import SITE_A, Response
from newscrawl.sample_site.faults import FaultInjector, redesigned_every
from newscrawl.sample_site.ndsoft import gone_items
from newscrawl.stores import SqliteStore
from tests.crawling import crawl, runs_of
from tests.paths import REPOSITORY

SITE = "127.0.0.4"
IDXNO_RE = re.compile(r"articleView\.html\?idxno=(\d+)")
LIST_PATH_RE = re.compile(r"^/news/articleList\.html\?(sc_section_code|sc_sub_section_code)=(\w+)&view_type=sm(&page=(\d+))?$")
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


@pytest.fixture(scope="module")
def ndsoft():
    with sample_site.start(site="ndsoft") as running:
        yield running


@pytest.fixture
def fresh_ndsoft():
    """A site of its own, for tests that switch its faults on."""
    with sample_site.start(site="ndsoft") as running:
        yield running


def write_sites(path, *sites, **changes) -> str:
    text = sites_file(list(sites))
    for name, value in changes.items():
        text = re.sub(rf'^{name} = ".*"$', f'{name} = "{value}"', text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def first_crawl(ndsoft, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("ndsoft")
    ndsoft.clear_requests()
    result = crawl(None, workdir, "-s", "LOG_LEVEL=INFO", sites=write_sites(workdir / "sites.toml", ndsoft))
    assert result.returncode == EXIT_OK, result.log
    assert ndsoft.wait_idle()
    return result, workdir, ndsoft.requests


def fetch(url: str, user_agent: str = "Mozilla/5.0 (test)") -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": user_agent}), timeout=10) as response:
        return response.read().decode("latin-1")  # the links are ASCII, whatever the page's encoding


def test_every_article_is_stored_once_with_exact_fields_and_the_notices_are_missing(ndsoft, first_crawl):
    result, _, _ = first_crawl
    stored = {article["article_id"]: article for article in result.stored()}
    expected = {item["article_id"]: item for item in ndsoft.expected_items()}
    assert set(stored) == set(expected)
    for article_id, item in expected.items():
        assert {name: stored[article_id][name] for name in item} == item, article_id
    assert {article["site"] for article in stored.values()} == {SITE}
    store = SqliteStore(result.store_path)
    try:
        missing = store.missing(SITE)
    finally:
        store.close()
    assert {key: entry["reason"] for key, entry in missing.items()} == {
        gone["article_id"]: gone["reason"] for gone in gone_items()}


def test_lists_are_paged_until_a_page_adds_no_article_and_each_page_is_fetched_once(ndsoft, first_crawl):
    _, _, requests = first_crawl
    pages: dict[str, list[int]] = {}
    for path in requests:
        match = LIST_PATH_RE.match(path)
        if match:
            pages.setdefault(match[2], []).append(int(match[4] or 1))
    # 40 listed articles of S1N1 fill two pages of 20; page 3 is page 2 again (the site repeats its last page), and
    # paging stops there
    assert {code: sorted(numbers) for code, numbers in pages.items()} == {
        "S1N1": [1, 2, 3], "S1N2": [1, 2, 3, 4], "S1N3": [1, 2, 3], "S2N3": [1, 2]}
    # the retired section in the menu's HTML comment is never followed
    assert not any("S1N9" in path for path in requests)
    # the feed, read with the browser-prefixed User-Agent the site record asks for
    assert requests.count("/rss/allArticle.xml") == 1


def test_the_euc_kr_table_layout_section_is_read_from_its_own_markup(first_crawl):
    result, _, _ = first_crawl
    (record,) = runs_of(result.store_path)
    figures = record["sites"][SITE]
    assert figures["layouts"] == {"current-skin": 64, "table-layout": 22, "user-container": 18, "none": 0}
    # the feed answered the browser-prefixed User-Agent
    assert figures["failures"] == {}
    for name in ("title", "published_at", "authors", "body"):
        assert set(figures["fields"][name]["sources"]) == {"layout:current-skin", "layout:table-layout",
                                                           "layout:user-container", "none"}, name
    assert record["drifts"] == []


def test_an_incremental_run_over_an_unchanged_site_costs_the_feed_and_one_list_page_per_section(ndsoft, first_crawl):
    _, workdir, _ = first_crawl
    ndsoft.clear_requests()
    result = crawl(None, workdir, sites=str(workdir / "sites.toml"))
    assert result.returncode == EXIT_OK
    assert ndsoft.wait_idle()
    assert sorted(ndsoft.requests) == sorted([
        "/robots.txt", "/", "/rss/allArticle.xml",
        "/news/articleList.html?sc_section_code=S1N1&view_type=sm", "/news/articleList.html?sc_section_code=S1N2&view_type=sm",
        "/news/articleList.html?sc_section_code=S1N3&view_type=sm",
        "/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm",
    ])


def test_the_feed_brings_an_article_the_first_list_pages_no_longer_show(ndsoft, first_crawl):
    _, workdir, _ = first_crawl
    in_feed = IDXNO_RE.findall(fetch(f"{ndsoft.base_url}/rss/allArticle.xml"))
    on_first_pages = {idxno for path in ("/", *(f"/news/articleList.html?sc_section_code={code}&view_type=sm"
                                                 for code in ("S1N1", "S1N2", "S1N3")),
                                         "/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm")
                      for idxno in IDXNO_RE.findall(fetch(ndsoft.base_url + path))}
    only_in_feed = next(idxno for idxno in in_feed if idxno not in on_first_pages)
    # the store forgets it, and its neighbours' links to it, as if it had been published after the last run, and
    # pushed to the second list page already
    database = sqlite3.connect(workdir / "store.sqlite")
    url = f"{ndsoft.base_url}/news/articleView.html?idxno={only_in_feed}"
    with database:
        database.execute("DELETE FROM articles WHERE site = ? AND article_id = ?", (SITE, only_in_feed))
        for side in ("prev_url", "next_url"):
            database.execute(f"UPDATE articles SET {side} = NULL WHERE {side} = ?", (url,))
    database.close()
    ndsoft.clear_requests()
    result = crawl(None, workdir, sites=str(workdir / "sites.toml"))
    assert result.returncode == EXIT_OK
    assert ndsoft.wait_idle()
    assert f"/news/articleView.html?idxno={only_in_feed}" in ndsoft.requests
    assert not any("&page=" in path for path in ndsoft.requests)
    assert only_in_feed in {article["article_id"] for article in result.stored()}


def test_a_full_run_reads_the_sitemap_and_each_sections_feed(ndsoft, tmp_path):
    ndsoft.clear_requests()
    result = crawl(None, tmp_path, "-a", "mode=full", "-a", "max_pages=1",
                   sites=write_sites(tmp_path / "sites.toml", ndsoft))
    assert result.returncode == EXIT_OK
    assert ndsoft.wait_idle()
    feeds = sorted(path for path in ndsoft.requests if path.endswith(".xml"))
    assert feeds == ["/rss/S1N1.xml", "/rss/S1N2.xml", "/rss/S1N3.xml", "/rss/allArticle.xml", "/sitemap.xml"]


def test_without_the_browser_user_agent_the_feed_is_refused_and_the_lists_still_give_every_article(ndsoft, tmp_path):
    ndsoft.clear_requests()
    result = crawl(None, tmp_path, sites=write_sites(tmp_path / "sites.toml", ndsoft, user_agent="crawler"))
    assert result.returncode == EXIT_OK
    (record,) = runs_of(result.store_path)
    assert record["sites"][SITE]["failures"] == {"HTTP 403": 1}
    assert f"Could not read the feed {ndsoft.base_url}/rss/allArticle.xml (403)" in result.log
    assert len(result.stored()) == len(ndsoft.expected_items())


def test_one_crawl_mixes_sites_of_both_families(ndsoft, tmp_path):
    with sample_site.start(site="a") as site_a:
        result = crawl(None, tmp_path, sites=write_sites(tmp_path / "sites.toml", site_a, ndsoft))
        expected = {(item["url"], item["title"], item["published_at"])
                    for site in (site_a, ndsoft) for item in site.expected_items()}
    assert result.returncode == EXIT_OK
    stored = result.stored()
    assert {(article["url"], article["title"], article["published_at"]) for article in stored} == expected
    assert len(stored) == len(SITE_A.data.articles) + len(ndsoft.expected_items())
    (record,) = runs_of(result.store_path)
    assert {key: site["articles"] for key, site in record["sites"].items()} == {"127.0.0.1": 84, SITE: 104}


def test_a_redesign_of_an_ndsoft_site_is_a_drift(fresh_ndsoft, tmp_path):
    sites = write_sites(tmp_path / "sites.toml", fresh_ndsoft)
    assert crawl(None, tmp_path, sites=sites).returncode == EXIT_OK
    fresh_ndsoft.app.add_hook(FaultInjector(redesigned_every(fresh_ndsoft.data, 3)))
    result = crawl(None, tmp_path, "-a", "mode=full", sites=sites)
    assert result.returncode == EXIT_MARKUP_DRIFT
    drifts = {(drift["field"], drift["kind"]) for drift in runs_of(result.store_path)[-1]["drifts"]}
    assert {("title", "provenance"), ("layout", "layout")} <= drifts


def test_sitecheck_reads_the_ndsoft_sample_site(ndsoft):
    result = subprocess.run([sys.executable, "-m", "scrapy", "sitecheck", ndsoft.base_url + "/", *FAST],
                            cwd=REPOSITORY, env=scrapy_environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert "ok: family ndsoft (NDSoft)" in result.stdout
    assert "verdict: ok: title, published_at, authors, body read by the layouts' own markup" in result.stdout


def test_scrapy_export_writes_an_ndsoft_sites_articles_for_excel(ndsoft, first_crawl, tmp_path):
    result, _, _ = first_crawl
    out = tmp_path / "ndsoft.csv"
    exported = subprocess.run([sys.executable, "-m", "scrapy", "export", "--store", f"sqlite:{result.store_path}",
                               "-o", str(out), "--site", SITE, "--section", "경제"],
                              cwd=REPOSITORY, env=scrapy_environment(), capture_output=True, text=True, timeout=120)
    assert exported.returncode == EXIT_OK, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    # the EUC-KR section's articles, decoded and written as UTF-8 for Excel
    expected = {item["url"]: item["title"] for item in ndsoft.expected_items() if item["section_code"] == "S1N3"}
    assert {row["url"]: row["title"] for row in rows} == expected


def test_an_edited_ndsoft_article_is_updated_and_its_previous_version_kept(fresh_ndsoft, tmp_path):
    sites = write_sites(tmp_path / "sites.toml", fresh_ndsoft)
    first = crawl(None, tmp_path, sites=sites)
    edited_id = 24590
    before = next(article for article in first.stored() if article["article_id"] == str(edited_id))
    data = fresh_ndsoft.app.data
    fresh_ndsoft.app.data = type(data)(data.sections, [
        dataclasses.replace(article, title=article.title + " (수정)", title_raw=article.title_raw + " (수정)")
        if article.idx == edited_id else article for article in data.articles
    ], list(data.notices.values()), data.sub_sections)
    # Every sample article is older than the refresh window: a long one fetches them all again.
    second = crawl(None, tmp_path, "-a", "refresh_days=100000", sites=sites)
    assert second.returncode == EXIT_OK, second.log
    after = next(article for article in second.stored() if article["article_id"] == str(edited_id))
    assert after["title"] == before["title"] + " (수정)"
    store = SqliteStore(second.store_path)
    try:
        assert store.revisions(SITE, str(edited_id)) == [before]
    finally:
        store.close()
    last = runs_of(second.store_path)[-1]
    assert (last["new"], last["updated"]) == (0, 1)



def _refuse_crawlers(app, request):
    # A site that answers 403 to every request whose User-Agent does not start like a browser's.
    if not request.headers.get("user-agent", "").startswith("Mozilla/"):
        return Response(status=403, body="<h1>403 Forbidden</h1>")
    return None


def test_sitecheck_sends_the_browser_user_agent_when_asked(fresh_ndsoft):
    fresh_ndsoft.app.add_hook(_refuse_crawlers)

    def sitecheck(*args):
        return subprocess.run([sys.executable, "-m", "scrapy", "sitecheck", fresh_ndsoft.base_url + "/", *args, *FAST],
                              cwd=REPOSITORY, env=scrapy_environment(), capture_output=True, text=True, timeout=120)

    refused = sitecheck()
    assert (refused.returncode, refused.stderr.strip()) == (
        EXIT_SITE_UNREACHABLE, f"newscrawl sitecheck: could not fetch the home page {fresh_ndsoft.base_url}/: HTTP 403")
    assert sitecheck("--user-agent", "browser").returncode == EXIT_OK
