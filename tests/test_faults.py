"""Faults and bad input, each injected on chosen articles of the sample site (newscrawl/sample_site/faults.py)."""

import json
import sqlite3

import pytest
from jsonschema import Draft202012Validator

from newscrawl import sample_site
from newscrawl.pipelines.validation import FORMAT_CHECKER
from newscrawl.runs import EXIT_NOTHING_FOUND, EXIT_OK, EXIT_STORE_FAILED, EXIT_TOO_MANY_ERRORS
from newscrawl.sample_site.faults import HOSTILE_PARAGRAPHS, HOSTILE_TITLE, FaultInjector
from newscrawl.stores import SqliteStore
from tests.crawling import crawl, stored_value
from tests.paths import shared_file

SECTION = "m71w8xw"
SECTION_IDS = {str(a.idx) for a in sample_site.ARTICLES if a.mcode == SECTION}
ONE_SECTION = ("-a", f"sections={SECTION}")
FAST_RETRIES = ("-s", "RETRY_TIMES=2")


def with_faults(site, faults: dict[int, str]):
    site.app.add_hook(FaultInjector(faults))
    return site


def article_fetches(site, idx: int) -> int:
    return site.requests.count(f"/news/view.php?idx={idx}")


def last_run(store_path) -> dict:
    store = SqliteStore(store_path)
    try:
        return store.runs()[-1]
    finally:
        store.close()


def stored_by_id(result) -> dict[str, dict]:
    return {article["article_id"]: article for article in result.stored()}


def truth(site, idx: int) -> dict:
    return sample_site.ARTICLES_BY_IDX[idx].expected(site.base_url)


def test_server_errors_and_connection_resets_are_retried_until_they_succeed(site, tmp_path):
    with_faults(site, {828: "503x2", 834: "resetx1", 818: "502x1"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION, *FAST_RETRIES)
    assert result.returncode == EXIT_OK, result.log
    assert set(stored_by_id(result)) == SECTION_IDS
    assert (article_fetches(site, 828), article_fetches(site, 834), article_fetches(site, 818)) == (3, 2, 2)


def test_an_article_failing_every_try_is_recorded_not_stored_and_tried_again_next_run(site, tmp_path):
    with_faults(site, {828: "500x3"})
    first = crawl(site.base_url, tmp_path, *ONE_SECTION, *FAST_RETRIES)
    assert first.returncode == EXIT_OK, first.log
    assert "828" not in stored_by_id(first)
    assert last_run(first.store_path)["failed_articles"] == [
        {"url": f"{site.base_url}/news/view.php?idx=828", "site": "127.0.0.1", "status": 500, "error": "HttpError"}
    ]

    second = crawl(site.base_url, tmp_path, *ONE_SECTION, *FAST_RETRIES)

    assert second.returncode == EXIT_OK, second.log
    assert stored_by_id(second)["828"]["title"] == truth(site, 828)["title"]
    assert last_run(second.store_path)["failed_articles"] == []


def test_a_server_that_holds_the_connection_times_out_and_the_crawl_goes_on(site, tmp_path):
    with_faults(site, {828: "hang"})
    # Long enough for every healthy page on a busy 2-core machine, short enough for a test.
    result = crawl(site.base_url, tmp_path, *ONE_SECTION, "-s", "DOWNLOAD_TIMEOUT=5", "-s", "RETRY_TIMES=0")
    assert result.returncode == EXIT_OK, result.log
    assert set(stored_by_id(result)) == SECTION_IDS - {"828"}
    (failure,) = last_run(result.store_path)["failed_articles"]
    assert (failure["url"], failure["status"], failure["error"]) == (f"{site.base_url}/news/view.php?idx=828", None, "DownloadTimeoutError")


def test_deleted_and_404_articles_give_no_item_and_stored_ones_stay_marked_gone(site, tmp_path):
    first = crawl(site.base_url, tmp_path, *ONE_SECTION)
    with_faults(site, {828: "deleted", 834: "404"})

    second = crawl(site.base_url, tmp_path, *ONE_SECTION, "-a", "mode=full")

    assert second.returncode == EXIT_OK, second.log
    assert set(stored_by_id(second)) == SECTION_IDS
    assert stored_by_id(second)["828"] == stored_by_id(first)["828"]
    record = last_run(second.store_path)
    assert record["not_articles"] == {"deleted_notice": 1, "http_404": 1}
    gone = {idx: stored_value(second.store_path, "gone_at", "127.0.0.1", idx) for idx in ("828", "834", "818")}
    assert gone["818"] is None
    assert gone["828"] is not None and gone["834"] is not None
    assert gone["828"] >= record["started_at"]


def test_an_article_never_stored_that_is_deleted_is_counted_missing(site, tmp_path):
    with_faults(site, {828: "404"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    assert "828" not in stored_by_id(result)
    assert last_run(result.store_path)["not_articles"] == {"http_404": 1}
    store = SqliteStore(result.store_path)
    assert store.missing("127.0.0.1")["828"]["reason"] == "http_404"
    store.close()


def test_a_members_only_article_keeps_its_metadata_with_an_empty_body_and_a_flag(site, tmp_path):
    with_faults(site, {828: "members-only"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    article = stored_by_id(result)["828"]
    expected = truth(site, 828)
    assert (article["title"], article["authors"], article["published_at"]) == (expected["title"], expected["authors"], expected["published_at"])
    assert article["body"] == ""
    assert article["images"] == []
    assert (stored_value(result.store_path, "paywalled", "127.0.0.1", "828"), stored_value(result.store_path, "paywalled", "127.0.0.1", "834")) == (1, 0)
    assert "paywalled" not in next(item for item in result.fed() if item["article_id"] == "828")


def test_a_redirected_article_is_stored_once_under_its_final_canonical_url(site, tmp_path):
    with_faults(site, {946: "redirect-828"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    stored = stored_by_id(result)
    assert "946" not in stored
    assert stored["828"]["url"] == f"{site.base_url}/news/view.php?idx=828"
    assert [item["article_id"] for item in result.fed()].count("828") == 1
    assert article_fetches(site, 828) == 1


@pytest.mark.parametrize("fault", ["euc-kr", "euc-kr-no-header", "charset-mismatch"])
def test_korean_text_comes_out_right_whatever_the_charset(site, tmp_path, fault):
    with_faults(site, {828: fault, 844: fault})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    for idx in (828, 844):
        article = stored_by_id(result)[str(idx)]
        expected = truth(site, idx)
        assert {field: article[field] for field in expected} == expected


def test_cut_off_and_empty_pages_are_counted_skips_and_a_huge_page_is_parsed(site, tmp_path):
    with_faults(site, {828: "truncated", 834: "empty", 818: "huge"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    assert result.returncode == EXIT_OK, result.log
    stored = stored_by_id(result)
    assert set(stored) == SECTION_IDS - {"828", "834"}
    assert {field: stored["818"][field] for field in truth(site, 818)} == truth(site, 818)
    record = last_run(result.store_path)
    assert record["not_articles"] == {"empty_response": 1, "truncated_page": 1}
    assert {failure["error"] for failure in record["failed_articles"]} == {"empty_response", "truncated_page"}


def test_hostile_text_is_stored_and_exported_verbatim_and_scripts_stay_out(site, tmp_path):
    with_faults(site, {828: "hostile"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    # NUL is not text in HTML: browsers drop it from the page, and so does the parser.
    expected_body = "\n\n".join(paragraph.replace("\x00", "") for paragraph in HOSTILE_PARAGRAPHS)
    for article in (stored_by_id(result)["828"], next(i for i in result.fed() if i["article_id"] == "828")):
        assert article["title"] == HOSTILE_TITLE
        assert article["body"] == expected_body
    database = sqlite3.connect(result.store_path)
    assert database.execute("SELECT count(*) FROM articles").fetchone() == (len(SECTION_IDS),)
    database.close()


def test_the_store_keeps_nul_and_sql_text_verbatim(tmp_path, article):
    hostile = {**article, "title": "'); DROP TABLE articles;--\x00끝", "body": "<script>x</script>\x00"}
    store = SqliteStore(tmp_path / "a.sqlite")
    store.save(hostile)
    store.close()
    assert list(SqliteStore(tmp_path / "a.sqlite").articles()) == [hostile]


def test_a_path_robots_txt_disallows_is_never_fetched(site, tmp_path):
    def robots_disallowing_828(app, request):
        if request.path == "/robots.txt":
            return sample_site.Response(body="User-agent: *\nDisallow: /news/view.php?idx=828\n", content_type="text/plain")
        return None

    site.app.add_hook(robots_disallowing_828)
    result = crawl(site.base_url, tmp_path, *ONE_SECTION)
    assert article_fetches(site, 828) == 0
    assert "828" not in stored_by_id(result)
    assert "834" in stored_by_id(result)


def test_a_full_disk_stops_the_run_with_a_clear_error_and_keeps_what_was_stored(site, tmp_path):
    first = crawl(site.base_url, tmp_path, *ONE_SECTION)
    before = first.stored()

    full = crawl(site.base_url, tmp_path, "-a", "mode=full", "-s", "NEWSCRAWL_BATCH_SIZE=5",
                 max_file_bytes=first.store_path.stat().st_size + 32 * 1024)

    assert full.returncode == EXIT_STORE_FAILED, full.log
    assert "cannot be written" in full.log
    database = sqlite3.connect(full.store_path)
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    database.close()
    after = {article["article_id"]: article for article in SqliteStore(full.store_path).articles()}
    assert all(after[article["article_id"]] == article for article in before)


def test_a_store_that_cannot_be_created_is_a_clear_error_and_a_failed_run(site, tmp_path):
    result = crawl(site.base_url, tmp_path, store_spec="sqlite:/proc/newscrawl/store.sqlite")
    assert result.returncode == EXIT_STORE_FAILED
    assert "cannot use the store sqlite:/proc/newscrawl/store.sqlite" in result.log
    assert site.requests == []


def test_a_full_disk_under_a_jsonl_store_leaves_only_whole_lines_and_the_next_runs_work(site, tmp_path):
    first = crawl(site.base_url, tmp_path, *ONE_SECTION, store="jsonl")
    assert first.returncode == EXIT_OK, first.log

    # Room for a few more lines: one of the articles of the other sections is cut off part way.
    full = crawl(site.base_url, tmp_path, store="jsonl", max_file_bytes=first.store_path.stat().st_size + 20_000)

    assert full.returncode == EXIT_STORE_FAILED, full.log
    assert "cannot be written" in full.log
    lines = first.store_path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])
    runs = [json.loads(line) for line in first.store_path.with_name("store.jsonl.runs.jsonl").read_bytes().splitlines()]
    assert runs[-1]["exit_code"] == EXIT_STORE_FAILED

    after = crawl(site.base_url, tmp_path, store="jsonl")

    assert after.returncode == EXIT_OK, after.log
    stored = {json.loads(line)["article_id"] for line in first.store_path.read_bytes().splitlines()}
    assert stored == {str(article.idx) for article in sample_site.ARTICLES}


def test_without_a_store_the_feed_carries_articles_alone(site, tmp_path):
    with_faults(site, {828: "deleted", 834: "404"})
    result = crawl(site.base_url, tmp_path, *ONE_SECTION, store_spec="")
    assert result.returncode == EXIT_OK, result.log
    fed = result.fed()
    assert sorted(item["article_id"] for item in fed) == sorted(SECTION_IDS - {"828", "834"})
    validator = Draft202012Validator(json.loads(shared_file("schema/article.schema.json").read_text("utf-8")),
                                     format_checker=FORMAT_CHECKER)
    assert [error.message for item in fed for error in validator.iter_errors(item)] == []
    assert "exit code 0: ok" in result.log
    assert not result.store_path.exists()


def test_without_a_store_a_run_that_finds_nothing_or_logs_too_many_errors_still_fails(site, tmp_path):
    nothing = crawl(site.base_url, tmp_path / "nothing", "-a", "sections=mzzzzzz", store_spec="")
    with_faults(site, {828: "500x3"})
    errors = crawl(site.base_url, tmp_path / "errors", *ONE_SECTION, "-s", "RETRY_TIMES=0", "-s", "NEWSCRAWL_MAX_ERRORS=0",
                   store_spec="")
    assert nothing.returncode == EXIT_NOTHING_FOUND, nothing.log
    assert errors.returncode == EXIT_TOO_MANY_ERRORS, errors.log


def test_a_full_disk_as_a_run_starts_after_a_killed_one_is_a_clear_error(site, tmp_path):
    first = crawl(site.base_url, tmp_path, *ONE_SECTION)
    first.store_path.with_name("store.sqlite.lock").write_text("12345 2026-11-30T03:17:02+00:00\n")
    site.clear_requests()

    # Room for the lock's line, none for SQLite to write the killed run's record.
    full = crawl(site.base_url, tmp_path, *ONE_SECTION, max_file_bytes=100)

    assert full.returncode == EXIT_STORE_FAILED, full.log
    assert full.log.splitlines()[-1].startswith(f"newscrawl: cannot use the store sqlite:{first.store_path}: ")
    assert "Traceback" not in full.log
    assert site.requests == []
