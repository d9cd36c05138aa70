"""Where articles are kept: SQLite (the default) or JSONL, chosen by a `kind:path` spec.

Both stores know what they already hold, so saving an article says whether it was new, updated or
unchanged, and an unchanged article writes nothing.
"""

import errno
import fcntl
import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from itertools import islice
from pathlib import Path

import psycopg

from newscrawl.cms.base import site_key
from newscrawl.items import ARTICLE_FIELDS, ARTICLE_SCHEMA, STORE_ONLY_PROPERTIES
from newscrawl.runs import KILLED_REASON
from newscrawl.search import contains, gram_text, match_expression, needs_confirmation

logger = logging.getLogger(__name__)

# SQLite's primary result codes for a file that is not a database, or one whose pages are malformed.
SQLITE_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class StoreUnusable(Exception):
    """The store cannot be used as it is; nothing was written into it."""


class StoreDamaged(StoreUnusable):
    """The store's file is not a readable database."""


class StoreTooNew(StoreUnusable):
    """The store was written by a newer newscrawl, whose schema this one does not know."""


# What a store raises when it cannot be used: a full disk, a read-only file or directory, a locked or damaged database,
# a database server that cannot be reached or refuses the write.
STORE_ERRORS = (sqlite3.Error, psycopg.Error, OSError, StoreUnusable)


def is_damage(error: BaseException) -> bool:
    """True for an error that says the store's file is damaged, as opposed to one that could not be written."""
    if isinstance(error, StoreDamaged):
        return True
    return isinstance(error, sqlite3.DatabaseError) and getattr(error, "sqlite_errorcode", 0) & 0xFF in SQLITE_DAMAGE_CODES

# The SQLite row: the schema's fields, then the store-only ones.
STORED_FIELDS = [*ARTICLE_FIELDS, *STORE_ONLY_PROPERTIES]
# List and object fields are stored as JSON text in SQLite.
JSON_FIELDS = {name for name, field in ARTICLE_SCHEMA["properties"].items() if field.get("type") == "array"}
# Each store-only field's column value, by its type: a flag is 0/1 (absent is 0), an object JSON text (absent is NULL).
STORE_ONLY_ENCODERS = {"boolean": bool, "object": lambda value: None if value is None else json.dumps(value, ensure_ascii=False)}


class SaveResult(str, Enum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class WriteBatch:
    """What a store wrote since its last commit, counted by site and result; full at `size` articles."""

    def __init__(self, size: int):
        self.size = size
        self.counts: Counter[tuple[str, SaveResult]] = Counter()

    def add(self, site: str, previous: dict | None) -> SaveResult:
        """Count one written article of `site`: new when nothing was stored before it, else updated."""
        result = SaveResult.NEW if previous is None else SaveResult.UPDATED
        self.counts[site, result] += 1
        return result

    def is_full(self) -> bool:
        return self.counts.total() >= self.size

    def end(self) -> Counter[tuple[str, SaveResult]]:
        """Close the batch: what it held, by (site, result); the next batch starts empty."""
        ended, self.counts = self.counts, Counter()
        return ended


def is_same_version(stored: dict, article: dict) -> bool:
    """An article is edited when its title or body (the content hash) or its printed modified time changed."""
    return stored["content_hash"] == article["content_hash"] and stored["modified_at"] == article["modified_at"]


# Forward migrations, applied in order; PRAGMA user_version counts those applied. Never edit one that has shipped:
# add the next. The articles columns are the schema's properties (a test checks that they stay equal), then
# `gone_at` (when the article was first seen deleted; it stays stored) and the store-only fields (`paywalled`,
# `provenance`).
SQLITE_MIGRATIONS = (
    """
    CREATE TABLE articles (
        url TEXT NOT NULL, site TEXT NOT NULL, article_id TEXT NOT NULL, section TEXT, section_code TEXT,
        title TEXT NOT NULL, subtitles TEXT NOT NULL, authors TEXT NOT NULL, byline_raw TEXT,
        published_at TEXT, published_raw TEXT, modified_at TEXT, modified_raw TEXT, body TEXT NOT NULL,
        images TEXT NOT NULL, tags TEXT NOT NULL, prev_url TEXT, next_url TEXT, content_hash TEXT NOT NULL,
        crawled_at TEXT NOT NULL,
        PRIMARY KEY (site, article_id)
    );
    CREATE INDEX articles_published_at ON articles (published_at);
    CREATE INDEX articles_section ON articles (section);
    """,
    """
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL, article_id TEXT NOT NULL, content_hash TEXT NOT NULL, crawled_at TEXT NOT NULL,
        article TEXT NOT NULL
    );
    CREATE INDEX revisions_article ON revisions (site, article_id);
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, record TEXT NOT NULL);
    """,
    """
    ALTER TABLE articles ADD COLUMN gone_at TEXT;
    CREATE TABLE missing (
        site TEXT NOT NULL, article_id TEXT NOT NULL, url TEXT NOT NULL, reason TEXT NOT NULL,
        first_seen_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
        PRIMARY KEY (site, article_id)
    );
    """,
    "ALTER TABLE articles ADD COLUMN paywalled INTEGER NOT NULL DEFAULT 0;",
    "ALTER TABLE articles ADD COLUMN provenance TEXT;",
    # Search (newscrawl.search says how): each article's docid with the columns a search filters and orders on, and
    # a contentless FTS5 index of its title's and body's characters and character pairs, kept by save() in the
    # batch's transaction and filled here for the articles already stored (newscrawl_gram_text is
    # newscrawl.search.gram_text, registered on every connection).
    """
    CREATE TABLE search_docs (
        docid INTEGER PRIMARY KEY, site TEXT NOT NULL, article_id TEXT NOT NULL, published_at TEXT, section TEXT,
        UNIQUE (site, article_id)
    );
    CREATE VIRTUAL TABLE search_grams USING fts5(title, body, content='', detail=none, tokenize='ascii');
    INSERT INTO search_docs (site, article_id, published_at, section)
        SELECT site, article_id, published_at, section FROM articles ORDER BY rowid;
    INSERT INTO search_grams (rowid, title, body)
        SELECT docid, newscrawl_gram_text(title), newscrawl_gram_text(body)
        FROM search_docs JOIN articles USING (site, article_id);
    """,
)
SQLITE_SCHEMA_VERSION = len(SQLITE_MIGRATIONS)


def _to_row(article: dict) -> list:
    return [json.dumps(article[name], ensure_ascii=False) if name in JSON_FIELDS else article[name] for name in ARTICLE_FIELDS]


def _store_only_row(article: dict) -> list:
    return [STORE_ONLY_ENCODERS[field["type"]](article.get(name)) for name, field in STORE_ONLY_PROPERTIES.items()]


def _from_row(row) -> dict:
    return {name: json.loads(value) if name in JSON_FIELDS else value for name, value in zip(ARTICLE_FIELDS, row)}


def _article_filters(published_from: str | None, published_before: str | None, section: str | None, site: str | None,
                     table: str = "") -> tuple[list[str], list]:
    """The WHERE conditions of select_articles and search_articles, and their parameters; `table` qualifies the columns."""
    filters = {"published_at >= ?": published_from, "published_at < ?": published_before, "section = ?": section, "site = ?": site}
    chosen = {f"{table}{condition}": value for condition, value in filters.items() if value is not None}
    return list(chosen), list(chosen.values())


def _article_order(direction: str, table: str = "") -> str:
    # site and article_id last: every row has its own place, so the same store always gives the same order.
    return (f"{table}published_at {direction} NULLS LAST, CAST({table}article_id AS INTEGER) {direction}, "
            f"{table}site {direction}, {table}article_id {direction}")


class SqliteStore:
    """One row per article, keyed by (site, article_id); an edited article's previous version goes to `revisions`.

    Writes are grouped into one transaction per batch; `commit()` ends the batch and returns what it made durable.
    """

    def __init__(self, path: str | Path, batch_size: int = 50, *, check: bool = False):
        """`check` reads the whole file first (PRAGMA quick_check) and raises StoreDamaged when it is not whole.
        Nothing is written into a damaged file, nor into one of a newer schema (StoreTooNew)."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Transactions are begun and committed explicitly, so a batch is exactly one transaction.
        self.connection = sqlite3.connect(self.path, isolation_level=None)
        # The search index's text (migration 6 calls it too) and the exact check of a search's candidates.
        self.connection.create_function("newscrawl_gram_text", 1, gram_text, deterministic=True)
        self.connection.create_function("newscrawl_contains", 3, contains, deterministic=True)
        try:
            if check:
                self._check()
            self._refuse_newer_schema()
            self.connection.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except (sqlite3.DatabaseError, StoreUnusable) as error:
            self.connection.close()
            if isinstance(error, sqlite3.DatabaseError) and is_damage(error):
                raise StoreDamaged(f"{self.path} is damaged ({error})") from error
            raise
        self.batch = WriteBatch(batch_size)

    def _check(self) -> None:
        problems = [row[0] for row in self.connection.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise StoreDamaged(f"{self.path} is damaged ({'; '.join(problems[:3])})")

    @property
    def schema_version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def _refuse_newer_schema(self) -> None:
        version = self.schema_version
        if version > SQLITE_SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} has schema version {version}, written by a newer newscrawl; this one knows up to "
                f"{SQLITE_SCHEMA_VERSION}"
            )

    def _migrate(self) -> None:
        version = self.schema_version
        for number, migration in enumerate(SQLITE_MIGRATIONS[version:], start=version + 1):
            # executescript commits first; the BEGIN/COMMIT inside makes each migration all or nothing.
            self.connection.executescript(f"BEGIN; {migration}; PRAGMA user_version = {number}; COMMIT;")

    def _stored(self, site: str, article_id: str) -> tuple[dict | None, str | None]:
        """The stored article (schema fields) and its provenance column."""
        row = self.connection.execute(
            f"SELECT {', '.join(ARTICLE_FIELDS)}, provenance FROM articles WHERE site = ? AND article_id = ?", (site, article_id)
        ).fetchone()
        return (_from_row(row[:-1]), row[-1]) if row else (None, None)

    def _begin(self) -> None:
        if not self.connection.in_transaction:
            self.connection.execute("BEGIN IMMEDIATE")

    def save(self, article: dict) -> SaveResult:
        stored, stored_provenance = self._stored(article["site"], article["article_id"])
        if stored is not None and is_same_version(stored, article):
            provenance = STORE_ONLY_ENCODERS["object"](article.get("provenance"))
            if provenance != stored_provenance:
                # Same text read by other steps (a template change that kept the words): the provenance says so.
                self._begin()
                self.connection.execute(
                    "UPDATE articles SET provenance = ? WHERE site = ? AND article_id = ?",
                    (provenance, article["site"], article["article_id"]),
                )
            return SaveResult.UNCHANGED
        self._begin()
        if stored is not None:
            self.connection.execute(
                "INSERT INTO revisions (site, article_id, content_hash, crawled_at, article) VALUES (?, ?, ?, ?, ?)",
                (stored["site"], stored["article_id"], stored["content_hash"], stored["crawled_at"], json.dumps(stored, ensure_ascii=False)),
            )
        placeholders = ", ".join("?" for _ in STORED_FIELDS)
        # INSERT OR REPLACE writes a whole new row, so an article that came back loses its gone_at.
        self.connection.execute(
            f"INSERT OR REPLACE INTO articles ({', '.join(STORED_FIELDS)}) VALUES ({placeholders})",
            [*_to_row(article), *_store_only_row(article)],
        )
        self.connection.execute("DELETE FROM missing WHERE site = ? AND article_id = ?", (article["site"], article["article_id"]))
        self._index_for_search(article, stored)
        return self.batch.add(article["site"], stored)

    def _index_for_search(self, article: dict, stored: dict | None) -> None:
        """The stored version's entry out of search_grams, this version's in, in the same transaction. A contentless
        FTS5 table deletes an entry given the text it indexed, which gram_text gives again from the stored version."""
        key = (article["site"], article["article_id"])
        row = self.connection.execute("SELECT docid FROM search_docs WHERE site = ? AND article_id = ?", key).fetchone()
        if row is None:
            docid = self.connection.execute(
                "INSERT INTO search_docs (site, article_id, published_at, section) VALUES (?, ?, ?, ?)",
                (*key, article["published_at"], article["section"]),
            ).lastrowid
        else:
            docid = row[0]
            self.connection.execute("UPDATE search_docs SET published_at = ?, section = ? WHERE docid = ?",
                                    (article["published_at"], article["section"], docid))
            if stored is not None:
                self.connection.execute(
                    "INSERT INTO search_grams (search_grams, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                    (docid, gram_text(stored["title"]), gram_text(stored["body"])),
                )
        self.connection.execute("INSERT INTO search_grams (rowid, title, body) VALUES (?, ?, ?)",
                                (docid, gram_text(article["title"]), gram_text(article["body"])))

    def commit(self) -> Counter[tuple[str, SaveResult]]:
        """Make the current batch durable; returns how many articles it held, by (site, result)."""
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")
        return self.batch.end()

    def rollback(self) -> None:
        """Drop the current batch, leaving the database as the last commit left it."""
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
        self.batch.end()

    def record_missing(self, missing: dict) -> None:
        """Remember an article URL that gave no article; a stored article of that id is marked gone, not deleted."""
        self._begin()
        self.connection.execute(
            "INSERT INTO missing (site, article_id, url, reason, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (site, article_id) DO UPDATE SET reason = excluded.reason, last_seen_at = excluded.last_seen_at",
            (missing["site"], missing["article_id"], missing["url"], missing["reason"], missing["seen_at"], missing["seen_at"]),
        )
        self.connection.execute(
            "UPDATE articles SET gone_at = ? WHERE site = ? AND article_id = ? AND gone_at IS NULL",
            (missing["seen_at"], missing["site"], missing["article_id"]),
        )

    def missing(self, site: str) -> dict[str, dict]:
        """article_id -> {url, reason, first_seen_at, last_seen_at} of the article URLs that gave no article."""
        rows = self.connection.execute(
            "SELECT article_id, url, reason, first_seen_at, last_seen_at FROM missing WHERE site = ?", (site,)
        )
        return {row[0]: dict(zip(("url", "reason", "first_seen_at", "last_seen_at"), row[1:])) for row in rows}

    def known_articles(self, site: str) -> dict[str, str | None]:
        """article_id -> published_at of every stored article of `site`, and None for the ids known to be missing."""
        known = dict.fromkeys(self.missing(site))
        known.update(self.connection.execute("SELECT article_id, published_at FROM articles WHERE site = ?", (site,)))
        return known

    def articles(self) -> Iterator[dict]:
        cursor = self.connection.execute(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles ORDER BY site, CAST(article_id AS INTEGER)")
        return map(_from_row, cursor)

    def select_articles(
        self,
        *,
        published_from: str | None = None,
        published_before: str | None = None,
        section: str | None = None,
        site: str | None = None,
        newest_first: bool = False,
    ) -> Iterator[dict]:
        """The current articles that match, streamed from a cursor (memory stays flat), ordered by published_at,
        then article number; undated articles (null published_at) come last, and are left out by a time bound.

        `published_from` (inclusive) and `published_before` (exclusive) are compared with published_at as text,
        which is time order because the normaliser writes every published_at with the same +09:00 offset.
        """
        conditions, parameters = _article_filters(published_from, published_before, section, site)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        order = _article_order("DESC" if newest_first else "ASC")
        cursor = self.connection.execute(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles {where} ORDER BY {order}", parameters)
        return map(_from_row, cursor)

    def search_articles(
        self,
        query: str,
        *,
        published_from: str | None = None,
        published_before: str | None = None,
        section: str | None = None,
        site: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict]:
        """The current articles whose NFC title or body holds `query` (NFC: newscrawl.search.normalize_query), with
        select_articles' filters, newest first (select_articles' order, newest_first), at most `limit`.

        The index gives the candidates, filtered and ordered on search_docs, confirmed against the text when the query
        needs it; the matches' keys come first, then the articles one by one, in one read transaction, so memory
        holds no article bodies however many match."""
        conditions, parameters = _article_filters(published_from, published_before, section, site, table="d.")
        join = ""
        if needs_confirmation(query):
            join = "JOIN articles a ON a.site = d.site AND a.article_id = d.article_id"
            conditions.append("newscrawl_contains(a.title, a.body, ?)")
            parameters.append(query)
        where = "".join(f" AND {condition}" for condition in conditions)
        bound = "" if limit is None else " LIMIT ?"
        began = not self.connection.in_transaction
        if began:
            self.connection.execute("BEGIN")
        try:
            keys = self.connection.execute(
                f"SELECT d.site, d.article_id FROM search_grams JOIN search_docs d ON d.docid = search_grams.rowid {join} "
                f"WHERE search_grams MATCH ?{where} ORDER BY {_article_order('DESC', 'd.')}{bound}",
                [match_expression(query), *parameters, *([] if limit is None else [limit])],
            ).fetchall()
            select = f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE site = ? AND article_id = ?"
            for key in keys:
                yield _from_row(self.connection.execute(select, key).fetchone())
        finally:
            if began and self.connection.in_transaction:
                self.connection.execute("COMMIT")

    def revisions(self, site: str, article_id: str) -> list[dict]:
        """Earlier versions of one article, oldest first."""
        rows = self.connection.execute(
            "SELECT article FROM revisions WHERE site = ? AND article_id = ? ORDER BY id", (site, article_id)
        )
        return [json.loads(article) for (article,) in rows]

    def linked_urls(self, site: str) -> set[str]:
        """The previous/next-article URLs that the stored articles of `site` link to."""
        rows = self.connection.execute("SELECT prev_url, next_url FROM articles WHERE site = ?", (site,))
        return {url for row in rows for url in row if url}

    def last_finished_run(self) -> dict:
        """The newest record of a run that ended by itself (not one written for a killed run); empty before one."""
        row = self.connection.execute(
            "SELECT record FROM runs WHERE json_extract(record, '$.finish_reason') IS NOT ? ORDER BY id DESC LIMIT 1",
            (KILLED_REASON,),
        ).fetchone()
        return json.loads(row[0]) if row else {}

    def site_history(self, site: str, limit: int) -> list[dict]:
        """`site`'s entries in the records of the newest `limit` runs that scraped articles of it, newest first."""
        entry = f'$.sites."{site}"'
        rows = self.connection.execute(
            "SELECT json_extract(record, ?) FROM runs WHERE json_extract(record, ?) > 0 ORDER BY id DESC LIMIT ?",
            (entry, f"{entry}.articles", limit),
        )
        return [json.loads(found) for (found,) in rows]

    def add_run(self, record: dict) -> None:
        with self.connection:
            self.connection.execute(
                "INSERT INTO runs (started_at, finished_at, record) VALUES (?, ?, ?)",
                (record["started_at"], record["finished_at"], json.dumps(record, ensure_ascii=False)),
            )

    def runs(self) -> list[dict]:
        return [json.loads(record) for (record,) in self.connection.execute("SELECT record FROM runs ORDER BY id")]

    def close(self) -> None:
        """Commit what is pending and close; after a failed write, `rollback()` first."""
        try:
            self.commit()
        finally:
            self.connection.close()


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """The objects of a JSONL file. A line that is not a whole JSON object, such as one a full disk or a killed
    writer cut off, whatever byte it ends on, is skipped with a warning."""
    with Path(path).open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                # Bytes, decoded by json itself: a line cut inside a UTF-8 character fails here, not the whole file.
                record = json.loads(line)
            except ValueError:
                logger.warning("Skipped line %d of %s: not a whole JSON object", number, path)
                continue
            yield record


class JsonLinesAppender:
    """Appends JSON objects to a file as whole lines, each with one write() on an O_APPEND descriptor, opened at
    the first append (so a reader of the store never writes).

    A line that a killed writer left without its end is ended before the first new line, so the new one starts a
    line of its own. A short write (a full disk) is cut off again and raised as OSError: the file keeps only whole
    lines.
    """

    def __init__(self, path: Path):
        self.path = path
        self.descriptor: int | None = None

    def _open(self) -> int:
        # Read and write: the last byte tells whether the file ends inside a line.
        descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        size = os.lseek(descriptor, 0, os.SEEK_END)
        if size and os.pread(descriptor, 1, size - 1) != b"\n":
            self._write(descriptor, b"\n")
        return descriptor

    @staticmethod
    def _write(descriptor: int, data: bytes) -> None:
        end = os.lseek(descriptor, 0, os.SEEK_END)
        # A write that fails writes nothing; one that is cut short has written the start of the line.
        written = os.write(descriptor, data)
        if written != len(data):
            os.ftruncate(descriptor, end)
            raise OSError(errno.ENOSPC, f"only {written} of {len(data)} bytes could be written (disk full?)")

    def append(self, record: dict) -> None:
        if self.descriptor is None:
            self.descriptor = self._open()
        self._write(self.descriptor, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))

    def sync(self) -> None:
        if self.descriptor is not None:
            os.fsync(self.descriptor)

    def close(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)
            self.descriptor = None


def append_jsonl(path: Path, record: dict) -> None:
    """One record appended to `path` as a whole line (see JsonLinesAppender)."""
    appender = JsonLinesAppender(path)
    try:
        appender.append(record)
    finally:
        appender.close()


class JsonlStore:
    """One JSON object per line, each version of an article a line of its own (the last one is current).

    Lines are appended whole (JsonLinesAppender), so a killed run or a full disk leaves only whole lines, but for
    a line the machine itself cut off, which is skipped when read and ended at the next write; run records go to a
    `.runs.jsonl` file beside it, missing articles to `.missing.jsonl`.
    """

    def __init__(self, path: str | Path, batch_size: int = 50):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.runs_path = self.path.with_name(self.path.name + ".runs.jsonl")
        self.missing_path = self.path.with_name(self.path.name + ".missing.jsonl")
        self.latest: dict[tuple[str, str], dict] = {}
        if self.path.exists():
            for article in read_jsonl(self.path):
                self.latest[(article["site"], article["article_id"])] = article
        self.missing_records: dict[tuple[str, str], dict] = {}
        if self.missing_path.exists():
            for missing in read_jsonl(self.missing_path):
                self.missing_records.setdefault((missing["site"], missing["article_id"]), missing)
        # The file exists from the store's opening on, as a SQLite store's does; opening to append changes nothing.
        self.path.open("ab").close()
        self.articles_file = JsonLinesAppender(self.path)
        self.batch = WriteBatch(batch_size)

    def save(self, article: dict) -> SaveResult:
        key = (article["site"], article["article_id"])
        stored = self.latest.get(key)
        if stored is not None and is_same_version(stored, article):
            return SaveResult.UNCHANGED
        record = {name: article[name] for name in ARTICLE_FIELDS}
        self.articles_file.append(record)
        self.latest[key] = record
        return self.batch.add(article["site"], stored)

    def commit(self) -> Counter[tuple[str, SaveResult]]:
        self.articles_file.sync()
        return self.batch.end()

    def rollback(self) -> None:
        """Lines are written whole as they come, so there is no batch to drop: only the count is reset."""
        self.batch.end()

    def record_missing(self, missing: dict) -> None:
        """Appended to `.missing.jsonl`; the first record of an id keeps when it was first seen missing."""
        append_jsonl(self.missing_path, dict(missing))
        self.missing_records.setdefault((missing["site"], missing["article_id"]), dict(missing))

    def known_articles(self, site: str) -> dict[str, str | None]:
        known = {article_id: None for (stored_site, article_id) in self.missing_records if stored_site == site}
        known.update({article_id: article["published_at"] for (stored_site, article_id), article in self.latest.items() if stored_site == site})
        return known

    def articles(self) -> Iterator[dict]:
        return iter(sorted(self.latest.values(), key=lambda article: (article["site"], int(article["article_id"]))))

    def select_articles(
        self,
        *,
        published_from: str | None = None,
        published_before: str | None = None,
        section: str | None = None,
        site: str | None = None,
        newest_first: bool = False,
    ) -> Iterator[dict]:
        """Filtered and ordered as SqliteStore.select_articles, from the current versions held in memory."""

        def in_period(published: str | None) -> bool:
            if published is None:
                return published_from is None and published_before is None
            return (published_from is None or published >= published_from) and (published_before is None or published < published_before)

        def order(article: dict) -> tuple:
            return article["published_at"] or "", int(article["article_id"]), article["site"], article["article_id"]

        chosen = [
            article for article in self.latest.values()
            if in_period(article["published_at"]) and section in (None, article["section"]) and site in (None, article["site"])
        ]
        dated = sorted((article for article in chosen if article["published_at"] is not None), key=order, reverse=newest_first)
        undated = sorted((article for article in chosen if article["published_at"] is None), key=order, reverse=newest_first)
        return iter(dated + undated)

    def search_articles(self, query: str, *, limit: int | None = None, **selection) -> Iterator[dict]:
        """As SqliteStore.search_articles, by a scan of the current versions held in memory."""
        found = (article for article in self.select_articles(**selection, newest_first=True)
                 if contains(article["title"], article["body"], query))
        return islice(found, limit)

    def linked_urls(self, site: str) -> set[str]:
        return {
            url for article in self.latest.values() if article["site"] == site
            for url in (article["prev_url"], article["next_url"]) if url
        }

    def last_finished_run(self) -> dict:
        return next((run for run in reversed(self.runs()) if run.get("finish_reason") != KILLED_REASON), {})

    def site_history(self, site: str, limit: int) -> list[dict]:
        entries = (run.get("sites", {}).get(site, {}) for run in reversed(self.runs()))
        return [entry for entry in entries if entry.get("articles", 0) > 0][:limit]

    def add_run(self, record: dict) -> None:
        append_jsonl(self.runs_path, record)

    def runs(self) -> list[dict]:
        return list(read_jsonl(self.runs_path)) if self.runs_path.exists() else []

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.articles_file.close()


STORE_KINDS = {"sqlite": SqliteStore, "jsonl": JsonlStore}
# A database server's store is named by its URL (psycopg's connection URL), not `kind:path`.
SERVER_URL_PREFIXES = ("postgresql://", "postgres://")


def is_server_store(spec: str) -> bool:
    """Whether `spec` names a database server's store (PostgreSQL), shared by several workers, not a file."""
    return (spec or "").startswith(SERVER_URL_PREFIXES)


def parse_store_spec(spec: str) -> tuple[str, Path]:
    """(kind, path) of a file store's `kind:path` spec."""
    kind, separator, path = (spec or "").partition(":")
    if not separator or kind not in STORE_KINDS or not path:
        raise ValueError(f"NEWSCRAWL_STORE must be one of {', '.join(f'{k}:PATH' for k in STORE_KINDS)} or "
                         f"postgresql://USER@HOST/DATABASE; got {spec!r}")
    return kind, Path(path)


def check_store_spec(spec: str) -> None:
    """Raises ValueError when `spec` names no store newscrawl knows."""
    if not is_server_store(spec):
        parse_store_spec(spec)


def store_exists(spec: str) -> bool:
    """Whether the store holds anything yet: a server's database always counts (it is made before a run)."""
    return is_server_store(spec) or parse_store_spec(spec)[1].exists()


def check_store(spec: str) -> None:
    """Raises StoreUnusable when the store `spec` names cannot be used as it is: a SQLite file that is damaged
    (read whole to find out) or of a newer schema. Nothing is written into such a file. A JSONL store is always
    usable: a line that is not whole is skipped when read. A server's store is checked when it is opened."""
    if is_server_store(spec):
        return
    kind, path = parse_store_spec(spec)
    if kind == "sqlite" and path.exists():
        SqliteStore(path, check=True).close()


def open_store(spec: str, batch_size: int = 50):
    """Open the store a spec names, e.g. `sqlite:data/seoul_news.sqlite`, `jsonl:out.jsonl` or
    `postgresql://newscrawl@db.example.org/news`."""
    if is_server_store(spec):
        # Imported here: the PostgreSQL store is built on this module's shared parts.
        from newscrawl.postgres_store import PostgresStore

        return PostgresStore(spec, batch_size=batch_size)
    kind, path = parse_store_spec(spec)
    return STORE_KINDS[kind](path, batch_size=batch_size)


@dataclass(frozen=True)
class CrawlState:
    """What a store tells the next run of one site."""

    # article_id -> published_at of the stored articles; None for ids known to be missing.
    known: dict[str, str | None]
    # Articles not stored yet that a stopped run would have reached: previous/next links of stored articles,
    # and the articles the last run failed to get.
    unvisited_links: list[str]


def read_crawl_state(spec: str, site: str, article_id: Callable[[str], str | None]) -> CrawlState:
    """The state of `site` in the store; empty when there is no store yet. `article_id` reads an article URL of
    the site (its family's URL scheme): the store itself keeps URLs, not their forms."""
    if not spec or not store_exists(spec):
        return CrawlState({}, [])
    store = open_store(spec)
    try:
        known = store.known_articles(site)
        links = store.linked_urls(site)
        last_run = store.last_finished_run()
    finally:
        store.close()
    links.update(failure["url"] for failure in last_run.get("failed_articles", []) if site_key(failure["url"]) == site)
    unvisited = sorted(url for url in links if article_id(url) not in known)
    return CrawlState(known, unvisited)


class StoreLocked(Exception):
    """Another run holds the store."""


@dataclass(frozen=True)
class KilledRun:
    """A run that ended without releasing its lock: killed (SIGKILL, a crash, the machine stopping)."""

    pid: int | None
    started_at: str


class StoreLock:
    """An exclusive lock on a store for one run, taken without waiting (flock on `<store>.lock`).

    The kernel releases it when the process ends, however it ends, so a killed run never leaves a stale lock.
    The holder writes its PID and start time (UTC) into the file and clears them on a clean release: a holder
    found there on entry is a run that was killed, and `killed_run` says which.
    """

    def __init__(self, spec: str):
        _, path = parse_store_spec(spec)
        self.path = path.with_name(path.name + ".lock")
        self.file = None
        self.killed_run: KilledRun | None = None

    def __enter__(self) -> "StoreLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.path.open("a+")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.file.close()
            raise StoreLocked(f"another newscrawl run is using this store (lock held on {self.path})") from None
        self.file.seek(0)
        holder = self.file.read().split()
        if holder:
            # A lock written by an older newscrawl holds the PID alone; it was written when that run started.
            written_at = datetime.fromtimestamp(self.path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
            self.killed_run = KilledRun(int(holder[0]) if holder[0].isdigit() else None, holder[1] if len(holder) > 1 else written_at)
        started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._write_holder(f"{os.getpid()} {started_at}\n")
        return self

    def _write_holder(self, text: str) -> None:
        self.file.seek(0)
        self.file.truncate()
        self.file.write(text)
        self.file.flush()

    def __exit__(self, *exc_info) -> None:
        self._write_holder("")
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()
