"""The PostgreSQL store against a real server (tests/postgres_server.py): what the SQLite store keeps, it keeps,
and the commands work on it. The contract tests shared by every store are in test_stores.py."""

import pytest

from newscrawl import sample_site
from newscrawl.postgres_store import POSTGRES_SCHEMA_VERSION, PostgresStore
from newscrawl.runs import EXIT_STORE_DAMAGED, EXIT_STORE_FAILED
from newscrawl.stores import SaveResult, StoreTooNew, open_store
from tests.crawling import crawl, free_port
from tests.test_exports import jsonl_rows, scrapy_export
from tests.test_stores import edited, missing


def test_one_row_per_article_earlier_versions_as_revisions_and_the_article_read_back_equal(postgres_url, article):
    store = open_store(postgres_url)
    assert isinstance(store, PostgresStore)
    store.save(article)
    store.save(edited(article, content_hash="1" * 64, title="고친 제목"))
    store.save({**article, "article_id": "829", "url": article["url"].replace("828", "829")})
    store.close()

    reopened = open_store(postgres_url)
    assert [(a["article_id"], a["title"]) for a in reopened.articles()] == [("828", "고친 제목"), ("829", article["title"])]
    assert reopened.revisions("workheadline.co.kr", "828") == [article]
    assert list(reopened.articles())[1] == {**article, "article_id": "829", "url": article["url"].replace("828", "829")}
    reopened.close()


def test_a_batch_rolled_back_leaves_nothing(postgres_url, article):
    store = open_store(postgres_url)
    assert store.save(article) is SaveResult.NEW
    store.rollback()
    assert list(store.articles()) == []
    store.close()


def test_a_deleted_article_stays_stored_marked_gone_until_it_comes_back(postgres_url, article):
    store = open_store(postgres_url)
    store.save(article)
    store.record_missing(missing(article, "2026-11-27T10:00:00+00:00"))
    store.record_missing(missing(article, "2026-11-28T10:00:00+00:00", reason="http_404"))
    store.commit()
    gone_at = "SELECT gone_at FROM articles WHERE article_id = '828'"
    assert store.connection.execute(gone_at).fetchone() == ("2026-11-27T10:00:00+00:00",)
    assert store.missing("workheadline.co.kr")["828"]["reason"] == "http_404"
    store.save(edited(article, content_hash="1" * 64))
    store.commit()
    assert store.connection.execute(gone_at).fetchone() == (None,)
    assert store.missing("workheadline.co.kr") == {}
    store.close()


def test_a_database_of_a_newer_schema_is_refused(postgres_url):
    PostgresStore(postgres_url).close()
    store = PostgresStore(postgres_url)
    store.connection.execute("UPDATE newscrawl_schema SET version = %s", (POSTGRES_SCHEMA_VERSION + 1,))
    store.close()
    with pytest.raises(StoreTooNew, match="newer newscrawl"):
        PostgresStore(postgres_url)


def test_a_crawl_into_postgresql_stores_every_article_once_and_exports_as_from_sqlite(postgres_url, tmp_path):
    with sample_site.start() as site:
        into_postgres = crawl(site.base_url, tmp_path / "pg", store_spec=postgres_url)
        into_sqlite = crawl(site.base_url, tmp_path / "sqlite")
        expected = sample_site.expected_items(site.base_url)
    assert into_postgres.returncode == 0, into_postgres.log
    assert into_sqlite.returncode == 0, into_sqlite.log
    store = open_store(postgres_url)
    assert sorted(a["article_id"] for a in store.articles()) == sorted(item["article_id"] for item in expected)
    assert [run["finish_reason"] for run in store.runs()] == ["finished"]
    store.close()

    from_postgres, from_sqlite = tmp_path / "pg.jsonl", tmp_path / "sqlite.jsonl"
    assert scrapy_export("--store", postgres_url, "-o", str(from_postgres)).returncode == 0
    assert scrapy_export("--store", f"sqlite:{into_sqlite.store_path}", "-o", str(from_sqlite)).returncode == 0
    ignore_crawl_time = [{**row, "crawled_at": None} for row in jsonl_rows(from_postgres.read_bytes())]
    assert ignore_crawl_time == [{**row, "crawled_at": None} for row in jsonl_rows(from_sqlite.read_bytes())]


def test_a_server_that_cannot_be_reached_stops_the_crawl_with_its_exit_code_and_one_line(tmp_path):
    unreachable = f"postgresql://newscrawl@127.0.0.1:{free_port()}/news"
    result = crawl("http://127.0.0.1:9", tmp_path, store_spec=unreachable)
    assert result.returncode == EXIT_STORE_FAILED, result.log
    assert "newscrawl: cannot use the store postgresql://" in result.log
    assert "Traceback" not in result.log


def test_a_crawl_refuses_a_database_of_a_newer_schema(postgres_url, tmp_path):
    store = PostgresStore(postgres_url)
    store.connection.execute("UPDATE newscrawl_schema SET version = %s", (POSTGRES_SCHEMA_VERSION + 1,))
    store.close()
    result = crawl("http://127.0.0.1:9", tmp_path, store_spec=postgres_url)
    assert result.returncode == EXIT_STORE_DAMAGED, result.log
    assert "Traceback" not in result.log
