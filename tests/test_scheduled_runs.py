"""Cron runs: incremental, edits kept as revisions, kill -9 safety, no overlap, run records, exit codes."""

import dataclasses
import re
import signal
import sqlite3

import pytest

from newscrawl import sample_site
from newscrawl.runs import EXIT_NOTHING_FOUND, EXIT_OK, EXIT_STORE_LOCKED, EXIT_TOO_MANY_ERRORS
from newscrawl.stores import SqliteStore, StoreLock
from tests.crawling import Gate, crawl, start_crawl

ALL_IDS = {str(article.idx) for article in sample_site.ARTICLES}
STORED_LINE_RE = re.compile(r"Stored (\d+) new")


@pytest.fixture
def site():
    running = sample_site.start()
    yield running
    for hook in running.app.hooks:
        if isinstance(hook, Gate):
            hook.open()
    running.stop()


def runs_of(store_path):
    store = SqliteStore(store_path)
    try:
        return store.runs()
    finally:
        store.close()


def test_a_second_run_over_an_unchanged_site_fetches_only_list_pages(site, tmp_path):
    first = crawl(site.base_url, tmp_path)
    assert first.returncode == EXIT_OK, first.log
    site.clear_requests()

    second = crawl(site.base_url, tmp_path)

    assert second.returncode == EXIT_OK, second.log
    first_list_pages = [f"/news/list.php?mcode={section.mcode}" for section in sample_site.SECTIONS]
    assert sorted(site.requests) == sorted(["/robots.txt", "/", *first_list_pages])
    last = runs_of(first.store_path)[-1]
    assert (last["new"], last["updated"], last["unchanged"]) == (0, 0, 0)
    assert last["skipped"]["already_stored"] > 0


def test_full_mode_walks_everything_again_and_writes_nothing_for_unchanged_articles(site, tmp_path):
    crawl(site.base_url, tmp_path)
    site.clear_requests()
    again = crawl(site.base_url, tmp_path, "-a", "mode=full")
    assert again.returncode == EXIT_OK, again.log
    # Full mode also looks again at the article the site deleted.
    assert sum(1 for path in site.requests if path.startswith("/news/view.php")) == len(ALL_IDS) + len(sample_site.DELETED_IDX)
    last = runs_of(again.store_path)[-1]
    assert (last["new"], last["updated"], last["unchanged"]) == (0, 0, len(ALL_IDS))


def test_an_edited_article_is_updated_and_its_previous_version_kept(site, tmp_path):
    first = crawl(site.base_url, tmp_path)
    before = next(a for a in first.stored() if a["article_id"] == "828")
    site.app.data = sample_site.SiteData(
        site.app.data.sections,
        [dataclasses.replace(a, title=a.title + " (수정)", title_raw=a.title_raw + " (수정)") if a.idx == 828 else a
         for a in site.app.data.articles],
        site.app.data.deleted_idx,
    )

    # Every sample article is older than a year: a long refresh window fetches them all again.
    second = crawl(site.base_url, tmp_path, "-a", "refresh_days=100000")

    assert second.returncode == EXIT_OK, second.log
    after = next(a for a in second.stored() if a["article_id"] == "828")
    assert after["title"] == before["title"] + " (수정)"
    assert after["content_hash"] != before["content_hash"]
    store = SqliteStore(second.store_path)
    revisions = store.revisions(before["site"], "828")
    store.close()
    assert revisions == [before]
    assert (revisions[0]["content_hash"], revisions[0]["crawled_at"]) == (before["content_hash"], before["crawled_at"])
    last = runs_of(second.store_path)[-1]
    assert (last["new"], last["updated"], last["unchanged"]) == (0, 1, len(ALL_IDS) - 1)


def test_a_killed_run_keeps_what_it_reported_and_the_next_run_completes_it(site, tmp_path):
    gate = Gate(pass_first=40)
    site.app.add_hook(gate)
    process, store_path = start_crawl(site.base_url, tmp_path, "-s", "NEWSCRAWL_BATCH_SIZE=5", "-s", "LOG_LEVEL=INFO")
    reported = 0
    for line in process.stderr:
        match = STORED_LINE_RE.search(line)
        reported += int(match.group(1)) if match else 0
        if reported >= 15:
            break
    assert gate.held.wait(timeout=60)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    gate.open()

    database = sqlite3.connect(store_path)
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    kept = {row[0] for row in database.execute("SELECT article_id FROM articles")}
    database.close()
    assert reported <= len(kept) <= 40

    following = crawl(site.base_url, tmp_path)

    assert following.returncode == EXIT_OK, following.log
    assert "the previous run on this store was killed; walking every list page" in following.log
    stored = [article["article_id"] for article in following.stored()]
    assert sorted(stored) == sorted(ALL_IDS)
    last = runs_of(store_path)[-1]
    assert last["new"] == len(ALL_IDS) - len(kept)


def test_a_second_run_on_a_store_in_use_exits_at_once_without_touching_it(site, tmp_path):
    gate = Gate(path_prefix="/robots.txt")
    site.app.add_hook(gate)
    first, store_path = start_crawl(site.base_url, tmp_path)
    assert gate.held.wait(timeout=60)
    store_files = sorted(tmp_path.glob("store.sqlite*"))
    before = {path: path.read_bytes() for path in store_files}

    second = crawl(site.base_url, tmp_path)

    assert second.returncode == EXIT_STORE_LOCKED
    assert "another newscrawl run is using this store" in second.log
    assert {path: path.read_bytes() for path in sorted(tmp_path.glob("store.sqlite*"))} == before
    assert site.requests == ["/robots.txt"]
    first.kill()
    first.wait(timeout=60)
    first.stderr.close()


def test_a_held_lock_blocks_a_run_and_a_freed_one_does_not(site, tmp_path):
    store_path = tmp_path / "store.sqlite"
    with StoreLock(f"sqlite:{store_path}"):
        assert crawl(site.base_url, tmp_path).returncode == EXIT_STORE_LOCKED
    assert crawl(site.base_url, tmp_path, "-a", "sections=m71w8xw", "-a", "max_pages=1").returncode == EXIT_OK


def test_each_run_leaves_a_record_and_a_summary_line(site, tmp_path):
    result = crawl(site.base_url, tmp_path, "-s", "LOG_LEVEL=INFO")
    (record,) = runs_of(result.store_path)
    assert record["new"] == len(ALL_IDS)
    assert record["finish_reason"] == "finished"
    assert record["pages_fetched"] == len(site.requests)
    assert record["not_articles"] == {"deleted_notice": 1}
    assert record["exit_code"] == EXIT_OK
    assert record["started_at"] <= record["finished_at"]
    assert f"newscrawl run finished: {len(site.requests)} pages, {len(ALL_IDS)} new, 0 updated, 0 unchanged, 0 dropped, 0 errors" in result.log


def test_finding_nothing_on_pages_that_exist_is_a_failure(site, tmp_path):
    result = crawl(site.base_url, tmp_path, "-a", "sections=mzzzzzz")
    assert result.returncode == EXIT_NOTHING_FOUND
    assert runs_of(result.store_path)[-1]["exit_code"] == EXIT_NOTHING_FOUND


def test_more_errors_than_the_threshold_is_a_failure(site, tmp_path):
    def broken_article(app, request):
        if request.path == "/news/view.php" and request.param("idx") == "828":
            return sample_site.Response(status=500, body="<h1>500</h1>")
        return None

    site.app.add_hook(broken_article)
    tolerant = crawl(site.base_url, tmp_path / "tolerant", "-s", "RETRY_TIMES=1", "-s", "NEWSCRAWL_MAX_ERRORS=1")
    strict = crawl(site.base_url, tmp_path / "strict", "-s", "RETRY_TIMES=1", "-s", "NEWSCRAWL_MAX_ERRORS=0")
    assert tolerant.returncode == EXIT_OK, tolerant.log
    assert strict.returncode == EXIT_TOO_MANY_ERRORS


def test_a_paused_run_resumes_from_its_jobdir_without_fetching_anything_twice(site, tmp_path):
    jobdir = tmp_path / "job"
    gate = Gate(pass_first=30)
    site.app.add_hook(gate)
    paused, store_path = start_crawl(site.base_url, tmp_path, "-s", f"JOBDIR={jobdir}")
    assert gate.held.wait(timeout=60)
    paused.send_signal(signal.SIGINT)
    gate.open()
    paused.communicate(timeout=120)
    assert paused.returncode == EXIT_OK
    assert runs_of(store_path)[-1]["finish_reason"] == "shutdown"

    resumed = crawl(site.base_url, tmp_path, "-s", f"JOBDIR={jobdir}")

    assert resumed.returncode == EXIT_OK, resumed.log
    assert sorted(article["article_id"] for article in resumed.stored()) == sorted(ALL_IDS)
    article_fetches = [path for path in site.requests if path.startswith("/news/view.php")]
    assert len(article_fetches) == len(set(article_fetches)) == len(ALL_IDS) + len(sample_site.DELETED_IDX)
