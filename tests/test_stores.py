import json
import sqlite3

import pytest

from newscrawl.stores import JsonlStore, SqliteStore, open_store, read_jsonl


def test_sqlite_store_keeps_one_row_per_article_with_list_fields_as_json(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    store.add(article)
    store.add({**article, "title": "고친 제목"})
    store.add({**article, "article_id": "829", "url": article["url"].replace("828", "829")})
    store.close()

    rows = sqlite3.connect(tmp_path / "a.sqlite").execute("SELECT article_id, title, authors FROM articles ORDER BY article_id").fetchall()
    assert [(row[0], row[1]) for row in rows] == [("828", "고친 제목"), ("829", article["title"])]
    assert json.loads(rows[0][2]) == [{"name": "김태령", "role": "기자", "email": None}]
    assert list(SqliteStore(tmp_path / "a.sqlite").articles())[0] == {**article, "title": "고친 제목"}


def test_sqlite_store_uses_wal_journal(tmp_path, article):
    store = SqliteStore(tmp_path / "a.sqlite")
    assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    store.close()


def test_jsonl_store_appends_whole_lines_across_runs(tmp_path, article):
    for title in ("첫 번째", "두 번째"):
        store = JsonlStore(tmp_path / "out" / "a.jsonl")
        store.add({**article, "title": title})
        store.close()
    assert [line["title"] for line in read_jsonl(tmp_path / "out" / "a.jsonl")] == ["첫 번째", "두 번째"]
    assert (tmp_path / "out" / "a.jsonl").read_text("utf-8").count("\n") == 2


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
