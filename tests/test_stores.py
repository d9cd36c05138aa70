import json
import os
import sqlite3
from datetime import datetime, timezone

import pytest

from newscrawl.items import ARTICLE_SCHEMA
from newscrawl.cms.dada import DADA
from newscrawl.stores import (
    SQLITE_MIGRATIONS,
    SQLITE_SCHEMA_VERSION,
    CrawlState,
    JsonlStore,
    KilledRun,
    SaveResult,
    SqliteStore,
    StoreDamaged,
    StoreLock,
    StoreLocked,
    StoreTooNew,
    check_store,
    is_damage,
    open_store,
    read_crawl_state,
    read_jsonl,
)
from tests.crawling import damage_the_middle, stored_value

STORES = [("sqlite", "a.sqlite"), ("jsonl", "a.jsonl"), ("postgresql", None)]


@pytest.fixture(params=STORES, ids=[kind for kind, _ in STORES])
def store_spec(request, tmp_path):
    kind, name = request.param
    # The PostgreSQL store: a database of its own on the tests' throwaway server (tests/postgres_server.py).
    return request.getfixturevalue("postgres_url") if kind == "postgresql" else f"{kind}:{tmp_path / name}"


def edited(article, **changes):
    return {**article, **changes, "crawled_at": "2026-11-28T12:00:00+00:00"}


def test_save_says_new_updated_or_unchanged_in_both_stores(store_spec, article):
    store = open_store(store_spec)
    assert store.save(article) is SaveResult.NEW
    assert store.save(edited(article)) is SaveResult.UNCHANGED
    assert store.save(edited(article, content_hash="1" * 64, title="고친 제목")) is SaveResult.UPDATED
    assert store.save(edited(article, content_hash="1" * 64, title="고친 제목", modified_at="2025-03-09T09:12:00+09:00")) is SaveResult.UPDATED
    assert store.commit() == {("workheadline.co.kr", SaveResult.NEW): 1, ("workheadline.co.kr", SaveResult.UPDATED): 2}
    store.close()

    reopened = open_store(store_spec)
    assert [a["title"] for a in reopened.articles()] == ["고친 제목"]
    assert reopened.save(edited(article, content_hash="1" * 64, title="고친 제목", modified_at="2025-03-09T09:12:00+09:00")) is SaveResult.UNCHANGED
    assert reopened.known_articles("workheadline.co.kr") == {"828": "2025-03-08T20:54:06+09:00"}
    assert reopened.known_articles("other.kr") == {}
    reopened.close()


def test_sqlite_keeps_one_row_per_article_and_earlier_versions_as_revisions(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    store.save(article)
    store.save(edited(article, content_hash="1" * 64, title="고친 제목"))
    store.save({**article, "article_id": "829", "url": article["url"].replace("828", "829")})
    store.close()

    rows = sqlite3.connect(tmp_path / "a.sqlite").execute("SELECT article_id, title, authors FROM articles ORDER BY article_id").fetchall()
    assert [(row[0], row[1]) for row in rows] == [("828", "고친 제목"), ("829", article["title"])]
    assert json.loads(rows[0][2]) == [{"name": "김태령", "role": "기자", "email": None}]
    reopened = SqliteStore(tmp_path / "a.sqlite")
    assert reopened.revisions("workheadline.co.kr", "828") == [article]
    assert reopened.revisions("workheadline.co.kr", "829") == []
    reopened.close()


NEWER_SKIN = {"title": "layout:newer-skin", "published_at": "layout:newer-skin", "authors": "layout:newer-skin"}


def test_sqlite_keeps_each_articles_provenance_and_follows_it_when_only_the_markup_changed(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    store.save({**article, "provenance": NEWER_SKIN})
    store.commit()
    assert json.loads(stored_value(store.path, "provenance", "workheadline.co.kr", "828")) == NEWER_SKIN

    # The same words, read by the fallbacks after a template change: unchanged, and no revision, but the column follows.
    fallbacks = {**NEWER_SKIN, "title": "meta:og:title", "authors": "none"}
    assert store.save(edited(article, provenance=fallbacks)) is SaveResult.UNCHANGED
    store.commit()
    assert json.loads(stored_value(store.path, "provenance", "workheadline.co.kr", "828")) == fallbacks
    assert store.revisions("workheadline.co.kr", "828") == []
    assert list(store.articles()) == [article]
    store.close()


def test_the_jsonl_store_keeps_the_schemas_fields_only(tmp_path, article):
    store = JsonlStore(tmp_path / "a.jsonl")
    store.save({**article, "provenance": NEWER_SKIN, "paywalled": False})
    store.close()
    assert list(read_jsonl(tmp_path / "a.jsonl")) == [article]


def test_sqlite_store_layout(tmp_path):
    store = SqliteStore(tmp_path / "a.sqlite")
    columns = [row[1] for row in store.connection.execute("PRAGMA table_info(articles)")]
    indexes = {row[1] for row in store.connection.execute("PRAGMA index_list(articles)")}
    assert columns == [*ARTICLE_SCHEMA["properties"], "gone_at", "paywalled", "provenance"]
    assert {"articles_published_at", "articles_section"} <= indexes
    assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.schema_version == SQLITE_SCHEMA_VERSION
    store.close()


def test_an_older_database_is_migrated_forward_keeping_its_rows(tmp_path, article):
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(f"BEGIN; {SQLITE_MIGRATIONS[0]}; PRAGMA user_version = 1; COMMIT;")
    placeholders = ", ".join("?" for _ in article)
    old.execute(f"INSERT INTO articles ({', '.join(article)}) VALUES ({placeholders})",
                [json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in article.values()])
    old.close()

    store = SqliteStore(path)
    assert store.schema_version == SQLITE_SCHEMA_VERSION
    assert list(store.articles()) == [article]
    assert store.runs() == []
    store.close()


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SQLITE_SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match=f"schema version {SQLITE_SCHEMA_VERSION + 1}, written by a newer newscrawl"):
        SqliteStore(path)
    assert path.read_bytes() == before


def a_store_of(path, article, count: int) -> None:
    store = SqliteStore(path)
    for number in range(count):
        store.save({**article, "article_id": str(number), "body": article["body"] * 40})
    store.close()


def test_a_damaged_database_is_found_out_before_anything_is_written_into_it(tmp_path, article):
    path = tmp_path / "a.sqlite"
    a_store_of(path, article, 200)
    damaged = damage_the_middle(path)
    with pytest.raises(StoreDamaged, match="is damaged"):
        check_store(f"sqlite:{path}")
    assert path.read_bytes() == damaged


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"not a database, but a file someone put here " * 200)
    with pytest.raises(StoreDamaged, match="is damaged"):
        SqliteStore(path)
    assert path.read_bytes() == b"not a database, but a file someone put here " * 200


def test_a_whole_database_passes_the_check(tmp_path, article):
    path = tmp_path / "a.sqlite"
    a_store_of(path, article, 200)
    check_store(f"sqlite:{path}")
    check_store(f"sqlite:{tmp_path / 'not-there-yet.sqlite'}")
    assert not (tmp_path / "not-there-yet.sqlite").exists()


def test_errors_that_mean_damage_are_told_from_those_that_mean_a_full_disk(tmp_path, article):
    path = tmp_path / "a.sqlite"
    a_store_of(path, article, 200)
    damage_the_middle(path)
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as malformed:
        connection.execute("SELECT count(*), max(body) FROM articles").fetchall()
    connection.close()
    assert is_damage(malformed.value)
    assert not is_damage(sqlite3.OperationalError("database or disk is full"))
    assert not is_damage(OSError(28, "No space left on device"))


def test_run_records_are_kept_in_order(store_spec):
    store = open_store(store_spec)
    store.add_run({"started_at": "2026-11-27T10:00:00+00:00", "finished_at": "2026-11-27T10:01:00+00:00", "new": 3})
    store.add_run({"started_at": "2026-11-27T11:00:00+00:00", "finished_at": "2026-11-27T11:01:00+00:00", "new": 0})
    assert [run["new"] for run in store.runs()] == [3, 0]
    store.close()


def test_the_crawl_state_of_a_store_that_does_not_exist_yet_is_empty(tmp_path):
    assert read_crawl_state(f"sqlite:{tmp_path / 'none.sqlite'}", "workheadline.co.kr", DADA.article_id) == CrawlState({}, [])
    assert not (tmp_path / "none.sqlite").exists()
    assert read_crawl_state("", "workheadline.co.kr", DADA.article_id) == CrawlState({}, [])


def test_the_crawl_state_names_linked_articles_not_stored_yet(store_spec, article):
    store = open_store(store_spec)
    store.save(article)  # links 827 as its previous article
    store.save({**article, "article_id": "827", "url": article["prev_url"], "prev_url": article["url"].replace("828", "826"),
                "next_url": article["url"]})
    store.save({**article, "article_id": "1", "site": "other.kr", "prev_url": "https://other.kr/news/view.php?idx=0"})
    store.close()
    state = read_crawl_state(store_spec, "workheadline.co.kr", DADA.article_id)
    assert state.known == {"828": article["published_at"], "827": article["published_at"]}
    assert state.unvisited_links == ["https://www.workheadline.co.kr/news/view.php?idx=826"]


def jsonl_line(article) -> bytes:
    return (json.dumps(article, ensure_ascii=False) + "\n").encode("utf-8")


def test_a_line_cut_off_at_any_byte_is_skipped_with_a_warning_and_ended_by_the_next_write(tmp_path, article, caplog):
    whole, cut = jsonl_line(article), jsonl_line({**article, "article_id": "829"})
    # Every byte a full disk or a kill could cut the line at, inside the three bytes of a Korean character too.
    for end in range(1, len(cut) - 1):
        path = tmp_path / f"cut-at-{end}.jsonl"
        path.write_bytes(whole + cut[:end])
        caplog.clear()
        store = JsonlStore(path)
        assert store.known_articles("workheadline.co.kr") == {"828": article["published_at"]}, end
        assert f"Skipped line 2 of {path}: not a whole JSON object" in caplog.text
        store.save({**article, "article_id": "830"})
        store.close()
        assert path.read_bytes() == whole + cut[:end] + b"\n" + jsonl_line({**article, "article_id": "830"})
        assert [a["article_id"] for a in read_jsonl(path)] == ["828", "830"]


def test_opening_a_jsonl_store_to_read_it_writes_nothing(tmp_path, article):
    path = tmp_path / "a.jsonl"
    torn = jsonl_line(article) + jsonl_line(article)[:30]
    path.write_bytes(torn)
    store = JsonlStore(path)
    assert list(store.select_articles()) == [article]
    store.close()
    assert path.read_bytes() == torn


def test_a_short_write_is_cut_off_again_so_the_file_keeps_only_whole_lines(tmp_path, article, monkeypatch):
    path = tmp_path / "a.jsonl"
    store = JsonlStore(path)
    store.save(article)
    real_write = os.write
    # What a write() on a nearly full disk does: it writes what fits and says how much.
    monkeypatch.setattr(os, "write", lambda descriptor, data: real_write(descriptor, data[:17]))
    with pytest.raises(OSError, match="only 17 of"):
        store.save({**article, "article_id": "829"})
    monkeypatch.undo()
    store.close()
    assert path.read_bytes() == jsonl_line(article)


def test_run_records_and_missing_articles_of_a_jsonl_store_survive_a_cut_off_line_too(tmp_path, article):
    store = JsonlStore(tmp_path / "a.jsonl")
    store.add_run({"started_at": "2026-11-27T10:00:00+00:00", "finished_at": None, "new": 3})
    store.close()
    with (tmp_path / "a.jsonl.runs.jsonl").open("ab") as killed_writer:
        killed_writer.write('{"started_at": "2026-11-28T10:00:00+00:00", "세'.encode("utf-8")[:-1])
    store = JsonlStore(tmp_path / "a.jsonl")
    store.add_run({"started_at": "2026-11-29T10:00:00+00:00", "finished_at": None, "new": 0})
    store.record_missing(missing(article, "2026-11-29T10:00:00+00:00"))
    store.close()
    reopened = JsonlStore(tmp_path / "a.jsonl")
    assert [run["new"] for run in reopened.runs()] == [3, 0]
    assert reopened.known_articles("workheadline.co.kr") == {"828": None}
    reopened.close()


def test_the_store_lock_lets_one_run_in_at_a_time(tmp_path):
    spec = f"sqlite:{tmp_path / 'a.sqlite'}"
    with StoreLock(spec):
        with pytest.raises(StoreLocked, match="another newscrawl run is using this store"):
            with StoreLock(spec):
                pass
        pid, started_at = (tmp_path / "a.sqlite.lock").read_text().split()
        assert pid == str(os.getpid())
        assert datetime.fromisoformat(started_at) <= datetime.now(timezone.utc)
    assert (tmp_path / "a.sqlite.lock").read_text() == ""
    with StoreLock(spec):
        pass


def test_the_store_lock_tells_when_the_previous_holder_was_killed_and_when_it_started(tmp_path):
    spec = f"sqlite:{tmp_path / 'a.sqlite'}"
    with StoreLock(spec) as first:
        assert first.killed_run is None
    with StoreLock(spec) as after_a_clean_run:
        assert after_a_clean_run.killed_run is None
    (tmp_path / "a.sqlite.lock").write_text("12345 2026-11-30T03:17:02+00:00\n")  # what a killed holder leaves behind
    with StoreLock(spec) as after_a_kill:
        assert after_a_kill.killed_run == KilledRun(12345, "2026-11-30T03:17:02+00:00")


def test_a_lock_left_by_an_older_newscrawl_names_its_start_by_the_time_it_was_written(tmp_path):
    lock_file = tmp_path / "a.sqlite.lock"
    lock_file.write_text("12345\n")
    os.utime(lock_file, (1764472622, 1764472622))
    with StoreLock(f"sqlite:{tmp_path / 'a.sqlite'}") as after_a_kill:
        assert after_a_kill.killed_run == KilledRun(12345, "2025-11-30T03:17:02+00:00")


@pytest.mark.parametrize(("spec", "kind"), [("sqlite:x.sqlite", SqliteStore), ("jsonl:x.jsonl", JsonlStore)])
def test_open_store_by_spec(tmp_path, monkeypatch, spec, kind):
    monkeypatch.chdir(tmp_path)
    store = open_store(spec)
    assert isinstance(store, kind)
    store.close()


@pytest.mark.parametrize("spec", ["x.sqlite", "csv:x.csv", "sqlite:", ""])
def test_open_store_rejects_unknown_specs(spec):
    with pytest.raises(ValueError, match="NEWSCRAWL_STORE must be one of sqlite:PATH, jsonl:PATH"):
        open_store(spec)


def missing(article, seen_at, reason="deleted_notice"):
    return {"url": article["url"], "site": article["site"], "article_id": article["article_id"], "reason": reason, "seen_at": seen_at}


def test_a_stored_article_seen_deleted_stays_stored_and_is_marked_gone_once(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    store.save(article)
    store.record_missing(missing(article, "2026-11-27T10:00:00+00:00"))
    store.record_missing(missing(article, "2026-11-28T10:00:00+00:00", reason="http_404"))
    store.commit()
    assert [a["article_id"] for a in store.articles()] == ["828"]
    assert stored_value(store.path, "gone_at", "workheadline.co.kr", "828") == "2026-11-27T10:00:00+00:00"
    assert store.missing("workheadline.co.kr")["828"] == {
        "url": article["url"], "reason": "http_404",
        "first_seen_at": "2026-11-27T10:00:00+00:00", "last_seen_at": "2026-11-28T10:00:00+00:00",
    }
    store.close()


def test_an_article_that_comes_back_is_no_longer_gone(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    store.save(article)
    store.record_missing(missing(article, "2026-11-27T10:00:00+00:00"))
    store.save(edited(article, content_hash="1" * 64))
    store.commit()
    assert stored_value(store.path, "gone_at", "workheadline.co.kr", "828") is None
    assert store.missing("workheadline.co.kr") == {}
    store.close()


def test_missing_ids_count_as_known_so_incremental_runs_skip_them(store_spec, article):
    store = open_store(store_spec)
    store.record_missing(missing({**article, "article_id": "829"}, "2026-11-27T10:00:00+00:00"))
    store.close()
    assert read_crawl_state(store_spec, "workheadline.co.kr", DADA.article_id).known == {"829": None}
