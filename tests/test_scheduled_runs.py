"""Cron runs: incremental, edits kept as revisions, kill -9 safety, no overlap, run records, exit codes."""

import dataclasses
import re
import signal
import sqlite3

import pytest

from newscrawl import sample_site
from newscrawl.runs import (EXIT_INTERRUPTED, EXIT_NOTHING_FOUND, EXIT_OK, EXIT_SITE_UNREACHABLE, EXIT_STORE_DAMAGED,
                            EXIT_STORE_LOCKED, EXIT_TOO_MANY_ERRORS)
from newscrawl.stores import SqliteStore, StoreLock
from tests.crawling import Gate, crawl, damage_the_middle, free_port, runs_of, start_crawl

ALL_IDS = {str(article.idx) for article in sample_site.ARTICLES}
STORED_LINE_RE = re.compile(r"Stored (\d+) new")


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
    assert re.search(r"the previous run on this store \(started \S+\) was killed; walking every list page", following.log)
    stored = [article["article_id"] for article in following.stored()]
    assert sorted(stored) == sorted(ALL_IDS)
    killed, recovery = runs_of(store_path)
    assert (killed["finish_reason"], killed["pid"], killed["finished_at"], killed["exit_code"]) == ("killed", process.pid, None, None)
    assert killed["started_at"] <= killed["found_killed_at"] <= recovery["finished_at"]
    assert recovery["recovered_from"] == {"killed_run_started_at": killed["started_at"], "killed_run_pid": process.pid}
    assert recovery["new"] == len(ALL_IDS) - len(kept)


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
    assert (f"newscrawl run finished: {len(site.requests)} pages, {len(ALL_IDS)} new, 0 updated, 0 unchanged, 0 dropped, "
            "0 errors, 0 drifts; exit code 0: ok") in result.log


def test_finding_nothing_on_pages_that_exist_is_a_failure_that_names_the_section(site, tmp_path):
    result = crawl(site.base_url, tmp_path, "-a", "sections=mzzzzzz")
    assert result.returncode == EXIT_NOTHING_FOUND
    record = runs_of(result.store_path)[-1]
    assert (record["exit_code"], record["empty_sections"]) == (EXIT_NOTHING_FOUND, ["mzzzzzz"])
    assert f"Section mzzzzzz lists no article on its first page {site.base_url}/news/list.php?mcode=mzzzzzz" in result.log
    assert ("exit code 4: no article link on the pages fetched: the site's markup probably changed "
            "(section mzzzzzz lists nothing)") in result.log


def test_a_site_that_refuses_connections_is_unreachable(tmp_path):
    result = crawl(f"http://127.0.0.1:{free_port()}", tmp_path, "-s", "RETRY_TIMES=0")
    assert result.returncode == EXIT_SITE_UNREACHABLE, result.log
    record = runs_of(result.store_path)[-1]
    assert (record["exit_code"], record["pages_fetched"], record["site_pages_ok"]) == (EXIT_SITE_UNREACHABLE, 0, 0)
    assert re.search(r"exit code 7: no page of the site could be fetched \(\w*ConnectionRefusedError x2\)", result.log)


def test_a_site_that_answers_every_page_with_an_error_is_unreachable(site, tmp_path):
    site.app.add_hook(lambda app, request: None if request.path == "/robots.txt" else sample_site.Response(status=503))
    result = crawl(site.base_url, tmp_path, "-s", "RETRY_TIMES=0")
    assert result.returncode == EXIT_SITE_UNREACHABLE, result.log
    record = runs_of(result.store_path)[-1]
    assert (record["pages_fetched"], record["site_pages_ok"], record["site_failures"]) == (2, 0, {"HTTP 503": 1})
    assert "exit code 7: no page of the site could be fetched (HTTP 503 x1)" in result.log


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_run_stopped_by_a_signal_says_it_was_interrupted(site, tmp_path, signum):
    gate = Gate(pass_first=10)
    site.app.add_hook(gate)
    process, store_path = start_crawl(site.base_url, tmp_path)
    assert gate.held.wait(timeout=60)
    process.send_signal(signum)
    gate.open()
    _, log = process.communicate(timeout=120)
    assert process.returncode == EXIT_INTERRUPTED, log
    record = runs_of(store_path)[-1]
    assert (record["finish_reason"], record["exit_code"]) == ("shutdown", EXIT_INTERRUPTED)
    assert "newscrawl run shutdown: " in log and "exit code 8: interrupted before the end" in log


def test_a_second_signal_stops_the_run_at_once_and_still_says_it_was_interrupted(site, tmp_path):
    gate = Gate(pass_first=10)
    site.app.add_hook(gate)
    process, _ = start_crawl(site.base_url, tmp_path)
    assert gate.held.wait(timeout=60)
    # The first signal waits for the held requests; the second does not.
    process.send_signal(signal.SIGINT)
    for line in process.stderr:
        if "Received SIGINT, shutting down gracefully" in line:
            break
    process.send_signal(signal.SIGINT)
    _, log = process.communicate(timeout=120)
    gate.open()
    assert process.returncode == EXIT_INTERRUPTED, log
    assert "newscrawl: the run was stopped before its end could be recorded; exit code 8." in log


def test_a_damaged_store_stops_the_run_before_it_starts_and_is_left_as_it_is(site, tmp_path):
    first = crawl(site.base_url, tmp_path)
    assert first.returncode == EXIT_OK, first.log
    damaged = damage_the_middle(first.store_path)
    site.clear_requests()

    second = crawl(site.base_url, tmp_path)

    assert second.returncode == EXIT_STORE_DAMAGED, second.log
    last_line = second.log.splitlines()[-1]
    assert last_line.startswith(f"newscrawl: {first.store_path} is damaged (")
    assert last_line.endswith("; the file is left as it is, and nothing was crawled.")
    assert "Traceback" not in second.log
    assert first.store_path.read_bytes() == damaged
    assert site.requests == []


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
    assert paused.returncode == EXIT_INTERRUPTED
    assert (runs_of(store_path)[-1]["finish_reason"], runs_of(store_path)[-1]["exit_code"]) == ("shutdown", EXIT_INTERRUPTED)

    resumed = crawl(site.base_url, tmp_path, "-s", f"JOBDIR={jobdir}")

    assert resumed.returncode == EXIT_OK, resumed.log
    assert sorted(article["article_id"] for article in resumed.stored()) == sorted(ALL_IDS)
    article_fetches = [path for path in site.requests if path.startswith("/news/view.php")]
    assert len(article_fetches) == len(set(article_fetches)) == len(ALL_IDS) + len(sample_site.DELETED_IDX)


def test_a_jobdir_left_by_a_killed_run_is_set_aside_and_the_store_resumes_the_work(site, tmp_path):
    jobdir = tmp_path / "job"
    gate = Gate(pass_first=30)
    site.app.add_hook(gate)
    killed, store_path = start_crawl(site.base_url, tmp_path, "-s", f"JOBDIR={jobdir}", "-s", "NEWSCRAWL_BATCH_SIZE=5")
    assert gate.held.wait(timeout=60)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    killed.stderr.close()
    gate.open()
    assert jobdir.is_dir()

    # Given the killed run's queue again, Scrapy would wait forever: the timeout makes that a failure.
    again = crawl(site.base_url, tmp_path, "-s", f"JOBDIR={jobdir}", timeout=180)

    assert again.returncode == EXIT_OK, again.log
    (aside,) = tmp_path.glob("job.killed-*")
    assert f"its job directory {jobdir} cannot be resumed after a kill: set aside as {aside}" in again.log
    assert sorted(article["article_id"] for article in again.stored()) == sorted(ALL_IDS)
    assert runs_of(store_path)[-1]["recovered_from"]["jobdir_set_aside"] == str(aside)
    # The new job directory is this run's own, and a clean end leaves it ready for the next one.
    assert (jobdir / "requests.seen").is_file()
