"""End to end: several `scrapy crawl cms_news` workers on one PostgreSQL store divide a family of sites by lease
(newscrawl.leases), started by hand as cron would start them (tests/worker_family.py)."""

import json
import re
import signal
import time
from collections import Counter

import psycopg

from newscrawl.runs import EXIT_OK, EXIT_STORE_FAILED
from newscrawl.settings import ITEM_PIPELINES
from newscrawl.throwaway_postgres import PostgresServer
from tests.worker_family import (ARTICLES, assert_one_worker_at_a_time, family, finish, start_worker,  # noqa: F401
                                 stored_once)


def test_three_workers_fill_one_store_with_every_article_once_each_site_crawled_by_one_worker(
        family, postgres_url):
    sites, sites_path, log = family
    workers = [start_worker(number, sites_path, postgres_url) for number in (1, 2, 3)]
    results = [finish(worker) for worker in workers]
    assert [code for code, _ in results] == [EXIT_OK] * 3, results
    runs = stored_once(postgres_url, sites)
    spans = assert_one_worker_at_a_time(log)
    assert set(spans) == {site.host for site in sites}
    assert all(len(by_worker) == 1 for by_worker in spans.values()), spans
    # The run records say which worker crawled which site, and together they name every site once.
    crawled = Counter(site for run in runs for site in run["sites"])
    assert crawled == Counter({site.host: 1 for site in sites})
    for run in runs:
        for site in run["sites"]:
            assert set(spans[site]) == {run["worker"]}


def test_a_worker_killed_mid_site_leaves_it_to_the_others_who_finish_it_within_the_lease_expiry(family, postgres_url):
    sites, sites_path, log = family
    lease = 3
    settings = (f"NEWSCRAWL_LEASE_SECONDS={lease}", "NEWSCRAWL_BATCH_SIZE=2")
    log.hold("worker-1", after=8)
    victim = start_worker(1, sites_path, postgres_url, *settings)
    assert log.held.wait(timeout=120), "worker-1 never got to its ninth article"
    # The others may crawl all the sites at once, so that one of them is free to take over as soon as the lease expires.
    others = [start_worker(number, sites_path, postgres_url, *settings, "NEWSCRAWL_LEASED_SITES=6") for number in (2, 3)]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    killed_at = time.monotonic()
    log.release()
    results = [finish(worker) for worker in others]
    assert [code for code, _ in results] == [EXIT_OK] * 2, results
    runs = stored_once(postgres_url, sites)
    spans = assert_one_worker_at_a_time(log)
    (victims_site,) = [site for site, by_worker in spans.items() if "worker-1" in by_worker]
    successors = {worker: span for worker, span in spans[victims_site].items() if worker != "worker-1"}
    assert len(successors) == 1, spans[victims_site]
    (successor, (taken_at, _)), = successors.items()
    # The lease expires at most `lease` seconds after the kill; the others look every third of it.
    assert taken_at - killed_at < 2 * lease
    (record,) = [run for run in runs if run["worker"] == successor and run["leases_taken_over"]]
    assert record["leases_taken_over"] == [{"site": victims_site, "from_worker": "worker-1"}]
    assert victims_site in record["sites"]


def test_the_database_stopped_mid_run_gives_exit_code_6_and_a_rerun_commits_nothing_twice(family, tmp_path):
    sites, sites_path, log = family
    with PostgresServer() as server:
        url = server.new_database()
        log.hold("worker-1", at_second_site=True)
        # One site at a time: the second site is claimed once the first one's lease is released, and that only
        # after its last article is committed, even when items reach the store after their page's callback ended.
        pipelines = {**ITEM_PIPELINES, "tests.pipelines.BackToTheEventLoop": 250}
        worker = start_worker(1, sites_path, url, "NEWSCRAWL_BATCH_SIZE=7", f"ITEM_PIPELINES={json.dumps(pipelines)}")
        assert log.held.wait(timeout=120), "the worker never got to a second site"
        with psycopg.connect(url) as connection:
            committed_before = connection.execute("SELECT site, count(*) FROM articles GROUP BY site").fetchall()
        (first_site,) = {entry.site for entry in log.served if entry.worker == "worker-1"} - {log.served[-1].site}
        assert committed_before == [(first_site, ARTICLES)]
        server.stop()
        log.release()
        code, stderr = finish(worker)
        assert code == EXIT_STORE_FAILED, stderr
        assert "Traceback" not in stderr
        assert re.search(r"The store postgresql://\S+ cannot be written \(", stderr), stderr
        server.start()
        code, stderr = finish(start_worker(1, sites_path, url))
        assert code == EXIT_OK, stderr
        stored_once(url, sites)
