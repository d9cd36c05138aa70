"""Where articles are kept: SQLite (the default) or JSONL, chosen by a `kind:path` spec."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from newscrawl.items import ARTICLE_SCHEMA

ARTICLE_FIELDS = list(ARTICLE_SCHEMA["properties"])
# List and object fields are stored as JSON text in SQLite.
JSON_FIELDS = {name for name, field in ARTICLE_SCHEMA["properties"].items() if field.get("type") == "array"}


class SqliteStore:
    """One row per article, keyed by (site, article_id); a newer crawl of an article replaces its row."""

    BATCH_SIZE = 50

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(self.path)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self._create_tables()
        self.pending = 0

    def _create_tables(self) -> None:
        columns = ", ".join(f"{name} TEXT" for name in ARTICLE_FIELDS)
        with self.connection:
            self.connection.execute(
                f"CREATE TABLE IF NOT EXISTS articles ({columns}, PRIMARY KEY (site, article_id))"
            )

    def add(self, article: dict) -> None:
        values = [json.dumps(article[name], ensure_ascii=False) if name in JSON_FIELDS else article[name] for name in ARTICLE_FIELDS]
        placeholders = ", ".join("?" for _ in ARTICLE_FIELDS)
        updates = ", ".join(f"{name} = excluded.{name}" for name in ARTICLE_FIELDS)
        self.connection.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) VALUES ({placeholders}) "
            f"ON CONFLICT (site, article_id) DO UPDATE SET {updates}",
            values,
        )
        self.pending += 1
        if self.pending >= self.BATCH_SIZE:
            self.commit()

    def commit(self) -> None:
        self.connection.commit()
        self.pending = 0

    def articles(self) -> Iterator[dict]:
        cursor = self.connection.execute(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles ORDER BY site, CAST(article_id AS INTEGER)")
        for row in cursor:
            yield {name: json.loads(value) if name in JSON_FIELDS else value for name, value in zip(ARTICLE_FIELDS, row)}

    def close(self) -> None:
        self.commit()
        self.connection.close()


class JsonlStore:
    """One JSON object per line, appended and flushed whole, so a stopped run leaves only complete lines."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.path.open("a", encoding="utf-8")

    def add(self, article: dict) -> None:
        self.file.write(json.dumps({name: article[name] for name in ARTICLE_FIELDS}, ensure_ascii=False) + "\n")
        self.file.flush()

    def articles(self) -> Iterator[dict]:
        self.file.flush()
        return read_jsonl(self.path)

    def close(self) -> None:
        self.file.close()


def read_jsonl(path: str | Path) -> Iterator[dict]:
    with Path(path).open(encoding="utf-8") as lines:
        yield from (json.loads(line) for line in lines if line.strip())


STORE_KINDS = {"sqlite": SqliteStore, "jsonl": JsonlStore}


def open_store(spec: str) -> SqliteStore | JsonlStore:
    """Open the store a `kind:path` spec names, e.g. `sqlite:data/seoul_news.sqlite` or `jsonl:out.jsonl`."""
    kind, separator, path = spec.partition(":")
    if not separator or kind not in STORE_KINDS or not path:
        raise ValueError(f"NEWSCRAWL_STORE must be one of {', '.join(f'{k}:PATH' for k in STORE_KINDS)}; got {spec!r}")
    return STORE_KINDS[kind](path)
