"""End to end: the real `scrapy crawl seoul_news` over the bundled sample site on 127.0.0.1."""

import json
import re
from collections import Counter

import pytest
from jsonschema import Draft202012Validator

from newscrawl import sample_site
from newscrawl.pipelines.validation import FORMAT_CHECKER
from newscrawl.runs import EXIT_BAD_ARGUMENTS
from tests.crawling import crawl
from tests.paths import shared_file

SHARED_SCHEMA = "schema/article.schema.json"
ARTICLE_VIEW_RE = re.compile(r"^/news/view\.php\?idx=(\d+)$")


@pytest.fixture(scope="module")
def site():
    with sample_site.start() as running:
        yield running


@pytest.fixture(scope="module")
def full_crawl(site, tmp_path_factory):
    site.clear_requests()
    result = crawl(site.base_url, tmp_path_factory.mktemp("full"))
    assert result.returncode == 0, result.log
    return result, site.requests


@pytest.fixture(scope="module")
def expected(site):
    return {item["article_id"]: item for item in sample_site.expected_items(site.base_url)}


def test_every_sample_article_is_stored_exactly_once(full_crawl, expected):
    crawl_result, _ = full_crawl
    stored_ids = Counter(article["article_id"] for article in crawl_result.stored())
    assert set(stored_ids) == set(expected)
    assert set(stored_ids.values()) == {1}


def test_stored_articles_equal_the_ground_truth_field_by_field(full_crawl, expected):
    crawl_result, _ = full_crawl
    stored = {article["article_id"]: article for article in crawl_result.stored()}
    mismatches = [
        (article_id, field, stored[article_id][field], value)
        for article_id, truth in expected.items()
        for field, value in truth.items()
        if stored[article_id][field] != value
    ]
    assert mismatches == []


def test_the_reference_article_comes_out_exactly(full_crawl, site):
    crawl_result, _ = full_crawl
    reference = next(a for a in crawl_result.stored() if a["article_id"] == str(sample_site.REFERENCE_IDX))
    assert reference["title"] == "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 아시아 AI 허브로 도약”"
    assert reference["authors"] == [{"name": "김태령", "role": "기자", "email": None}]
    assert (reference["published_at"], reference["published_raw"]) == ("2025-03-08T20:54:06+09:00", "등록 2025-03-08 20:54:06")
    assert reference["url"] == f"{site.base_url}/news/view.php?idx=828"
    assert reference["body"].startswith("오세훈 서울시장이 8일 DDP 아트홀에서 열린 「서울 AI 페스타 2025」에 참석해")
    assert "\n\n이번 행사는 오는 9월 코엑스에서" in reference["body"]
    assert "악수를 하고 있다" not in reference["body"]


def test_articles_reachable_only_through_previous_next_links_are_found(full_crawl):
    crawl_result, _ = full_crawl
    stored_ids = {article["article_id"] for article in crawl_result.stored()}
    unlisted = {str(article.idx) for article in sample_site.ARTICLES if not article.listed}
    assert len(unlisted) >= 5
    assert unlisted <= stored_ids


def test_each_article_is_fetched_once_whatever_url_forms_link_it(full_crawl):
    _, requests = full_crawl
    article_fetches = Counter(
        match.group(1) for match in map(ARTICLE_VIEW_RE.match, requests) if match
    )
    assert set(article_fetches.values()) == {1}
    other_article_forms = [path for path in requests if "view.php" in path and not ARTICLE_VIEW_RE.match(path)]
    assert other_article_forms == []
    assert not [path for path in requests if re.match(r"^/news/\d+", path)]


def test_every_list_page_is_walked_until_the_empty_one(full_crawl):
    _, requests = full_crawl
    for section in sample_site.SECTIONS:
        pages = sample_site.DATA.page_count(section.mcode)
        assert f"/news/list.php?mcode={section.mcode}" in requests
        for page in range(2, pages + 2):
            assert f"/news/list.php?mcode={section.mcode}&page={page}" in requests
        assert f"/news/list.php?mcode={section.mcode}&page={pages + 2}" not in requests


def test_robots_txt_is_read_and_its_disallowed_paths_never_fetched(full_crawl):
    _, requests = full_crawl
    assert requests[0] == "/robots.txt"
    assert not [path for path in requests if path.startswith("/admin")]


def test_every_item_validates_against_the_shared_schema(full_crawl):
    crawl_result, _ = full_crawl
    validator = Draft202012Validator(json.loads(shared_file(SHARED_SCHEMA).read_text("utf-8")), format_checker=FORMAT_CHECKER)
    items = crawl_result.fed()
    assert len(items) == len(sample_site.ARTICLES)
    assert [error.message for item in items for error in validator.iter_errors(item)] == []


def test_scrapys_own_feed_export_gets_the_same_articles(full_crawl):
    crawl_result, _ = full_crawl
    assert sorted(crawl_result.fed(), key=lambda a: a["url"]) == sorted(crawl_result.stored(), key=lambda a: a["url"])


def test_the_jsonl_store(site, tmp_path):
    result = crawl(site.base_url, tmp_path, "-a", "sections=m71w8xw", "-a", "max_pages=1", store="jsonl")
    assert result.returncode == 0, result.log
    stored = [json.loads(line) for line in result.store_path.read_text("utf-8").splitlines()]
    assert {article["article_id"] for article in stored} == {article["article_id"] for article in result.fed()}
    assert len(stored) == len({article["article_id"] for article in stored}) > 0


def test_sections_and_max_pages_limit_the_list_pages(site, tmp_path):
    site.clear_requests()
    result = crawl(site.base_url, tmp_path, "-a", "sections=m71w8xw", "-a", "max_pages=1")
    assert result.returncode == 0, result.log
    list_requests = [path for path in site.requests if "list.php" in path]
    assert list_requests == ["/news/list.php?mcode=m71w8xw"]
    assert "/" not in site.requests
    first_page = {str(article.idx) for article in sample_site.DATA.list_page("m71w8xw", 1)}
    assert first_page <= {article["article_id"] for article in result.stored()}


def test_since_stops_paging_and_keeps_older_articles_out(site, tmp_path):
    since = "2025-03-01"
    site.clear_requests()
    result = crawl(site.base_url, tmp_path, "-a", f"since={since}")
    assert result.returncode == 0, result.log
    stored = result.stored()
    wanted = {str(a.idx) for a in sample_site.ARTICLES if a.published_at[:10] >= since}
    assert {article["article_id"] for article in stored} == wanted
    last_pages = {
        section.mcode: sample_site.DATA.page_count(section.mcode) + 1 for section in sample_site.SECTIONS
    }
    assert not [path for path in site.requests if any(path == f"/news/list.php?mcode={code}&page={page}" for code, page in last_pages.items())]


def test_max_articles_bounds_the_article_pages_fetched_previous_and_next_links_included(site, tmp_path):
    site.clear_requests()
    result = crawl(site.base_url, tmp_path, "-a", "sections=m71w8xw", "-a", "max_pages=1", "-a", "max_articles=5")
    assert result.returncode == 0, result.log
    article_fetches = [path for path in site.requests if ARTICLE_VIEW_RE.match(path)]
    first_five = [f"/news/view.php?idx={article.idx}" for article in sample_site.DATA.list_page("m71w8xw", 1)[:5]]
    assert sorted(article_fetches) == sorted(first_five)
    assert [path for path in site.requests if "list.php" in path] == ["/news/list.php?mcode=m71w8xw"]
    assert {article["article_id"] for article in result.stored()} == {path.rpartition("=")[2] for path in first_five}


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("since=2025-13-01", "bad argument -a since=2025-13-01: expected a date as YYYY-MM-DD, e.g. 2025-03-01"),
        ("max_pages=abc", "bad argument -a max_pages=abc: expected a whole number of list pages per section, at least 1"),
        ("max_articles=0", "bad argument -a max_articles=0: expected a whole number of article pages to fetch, at least 1"),
        ("mode=fast", "bad argument -a mode=fast: expected incremental or full"),
        ("render_js=yes", "bad argument -a render_js=yes: expected none or lists or articles or all"),
        ("refresh_days=-1", "bad argument -a refresh_days=-1: expected a whole number of days, 0 or more"),
        ("base_url=notaurl",
         "bad argument -a base_url=notaurl: expected an http or https URL of a site on this CMS, e.g. https://www.workheadline.co.kr"),
        ("sections=nosuch", "bad argument -a sections=nosuch: expected section codes separated by commas, each m and 5 to 7 "
                            "letters or digits, e.g. m71w8xw,m2k4p9a"),
        ("sinse=2025-01-01", "unknown argument -a sinse: did you mean since? the arguments are base_url, sections, max_pages, "
                             "max_articles, since, mode, refresh_days, stop_after_known_pages, render_js"),
    ],
)
def test_a_bad_argument_is_one_line_naming_it_and_nothing_is_touched(site, tmp_path, argument, message):
    site.clear_requests()
    result = crawl(site.base_url, tmp_path, "-a", argument)
    assert result.returncode == EXIT_BAD_ARGUMENTS
    assert result.log.splitlines()[-1] == f"newscrawl: {message}"
    assert "Traceback" not in result.log
    assert site.requests == []
    assert list(tmp_path.iterdir()) == []


def test_a_bad_store_setting_is_one_line_and_nothing_is_touched(site, tmp_path):
    result = crawl(site.base_url, tmp_path, store_spec=f"csv:{tmp_path / 'x.csv'}")
    assert result.returncode == EXIT_BAD_ARGUMENTS
    assert result.log.splitlines()[-1] == (f"newscrawl: NEWSCRAWL_STORE must be one of sqlite:PATH, jsonl:PATH or "
                                           f"postgresql://USER@HOST/DATABASE; got 'csv:{tmp_path / 'x.csv'}'")
    assert list(tmp_path.iterdir()) == []
