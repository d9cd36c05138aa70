"""The PostgreSQL store (`NEWSCRAWL_STORE=postgresql://USER@HOST/DB`, psycopg 3): the SQLite store's tables and
guarantees on a server that several workers fill at once.

Articles are keyed by (site, article_id) with a unique constraint, an edited article's previous version goes to
`revisions`, and a batch of writes is one transaction. List and object fields are `json` (kept as written, key order
included, so an article reads back equal to what was saved); times stay ISO 8601 text, as in SQLite, and the
compared columns are COLLATE "C" (by code point, as SQLite compares), so that selections and exports give the same
answers from both stores. Run records are `jsonb`, for the queries on them.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import count

import psycopg
from psycopg.types.json import Json, Jsonb

from newscrawl.items import ARTICLE_FIELDS
from newscrawl.runs import KILLED_REASON
from newscrawl.stores import JSON_FIELDS, STORED_FIELDS, SaveResult, StoreTooNew, WriteBatch, is_same_version

# Forward migrations, applied in order; newscrawl_schema.version counts those applied. Never edit one that has
# shipped: add the next. Version 1 is the SQLite store's five migrations at once.
POSTGRES_MIGRATIONS = (
    """
    CREATE TABLE articles (
        url TEXT NOT NULL, site TEXT COLLATE "C" NOT NULL, article_id TEXT COLLATE "C" NOT NULL,
        section TEXT COLLATE "C", section_code TEXT,
        title TEXT NOT NULL, subtitles JSON NOT NULL, authors JSON NOT NULL, byline_raw TEXT,
        published_at TEXT COLLATE "C", published_raw TEXT, modified_at TEXT, modified_raw TEXT, body TEXT NOT NULL,
        images JSON NOT NULL, tags JSON NOT NULL, prev_url TEXT, next_url TEXT, content_hash TEXT NOT NULL,
        crawled_at TEXT NOT NULL, gone_at TEXT, paywalled BOOLEAN NOT NULL DEFAULT FALSE, provenance JSON,
        PRIMARY KEY (site, article_id)
    );
    CREATE INDEX articles_published_at ON articles (published_at);
    CREATE INDEX articles_section ON articles (section);
    CREATE TABLE revisions (
        id BIGSERIAL PRIMARY KEY,
        site TEXT NOT NULL, article_id TEXT NOT NULL, content_hash TEXT NOT NULL, crawled_at TEXT NOT NULL,
        article JSON NOT NULL
    );
    CREATE INDEX revisions_article ON revisions (site, article_id);
    CREATE TABLE runs (id BIGSERIAL PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, record JSONB NOT NULL);
    CREATE TABLE missing (
        site TEXT NOT NULL, article_id TEXT NOT NULL, url TEXT NOT NULL, reason TEXT NOT NULL,
        first_seen_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
        PRIMARY KEY (site, article_id)
    );
    """,
    # Site leases (newscrawl.leases): who crawls each site now, until when, and when it was last finished.
    """
    CREATE TABLE site_leases (
        site TEXT PRIMARY KEY, worker TEXT, claimed_at TIMESTAMPTZ, expires_at TIMESTAMPTZ,
        finished_at TIMESTAMPTZ, finished_by TEXT
    );
    """,
    # Search (search_articles): whether an article's title and body are already NFC, so a search compares them as
    # they are and normalises only the others (normalize() on every row costs ten times the scan).
    """
    ALTER TABLE articles ADD COLUMN text_is_nfc BOOLEAN;
    UPDATE articles SET text_is_nfc = (title IS NFC NORMALIZED AND body IS NFC NORMALIZED);
    """,
)
POSTGRES_SCHEMA_VERSION = len(POSTGRES_MIGRATIONS)
# Held while migrating, so two workers starting at once do not both create the tables.
MIGRATION_LOCK_KEY = 0x6E657773  # "news"
_COLUMNS = ", ".join(ARTICLE_FIELDS)


def _to_row(article: dict) -> list:
    row = [Json(article[name]) if name in JSON_FIELDS else article[name] for name in ARTICLE_FIELDS]
    provenance = article.get("provenance")
    return [*row, bool(article.get("paywalled")), None if provenance is None else Json(provenance)]


def _text_is_nfc(article: dict) -> bool:
    return unicodedata.is_normalized("NFC", article["title"]) and unicodedata.is_normalized("NFC", article["body"])


def _from_row(row) -> dict:
    return dict(zip(ARTICLE_FIELDS, row))


def _article_filters(published_from: str | None, published_before: str | None, section: str | None,
                     site: str | None) -> tuple[list[str], list]:
    """The WHERE conditions of select_articles and search_articles, and their parameters."""
    filters = {"published_at >= %s": published_from, "published_at < %s": published_before,
               "section = %s": section, "site = %s": site}
    chosen = {condition: value for condition, value in filters.items() if value is not None}
    return list(chosen), list(chosen.values())


def _article_order(direction: str) -> str:
    return f"published_at {direction} NULLS LAST, article_id::bigint {direction}, site {direction}, article_id {direction}"


class PostgresStore:
    """The SqliteStore's contract on PostgreSQL: save/commit/rollback in batches, the same reads."""

    def __init__(self, url: str, batch_size: int = 50):
        self.url = url
        self._cursor_numbers = count(1)
        self.connection = psycopg.connect(url)
        try:
            self._migrate()
        except BaseException:
            self.connection.close()
            raise
        self.batch = WriteBatch(batch_size)

    @property
    def schema_version(self) -> int:
        row = self.connection.execute(
            "SELECT version FROM newscrawl_schema" if self._has_schema_table() else "SELECT 0").fetchone()
        return row[0]

    def _has_schema_table(self) -> bool:
        return self.connection.execute("SELECT to_regclass('newscrawl_schema') IS NOT NULL").fetchone()[0]

    def _migrate(self) -> None:
        with self.connection.transaction():
            self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            self.connection.execute("CREATE TABLE IF NOT EXISTS newscrawl_schema (version INTEGER NOT NULL)")
            if self.connection.execute("SELECT count(*) FROM newscrawl_schema").fetchone()[0] == 0:
                self.connection.execute("INSERT INTO newscrawl_schema VALUES (0)")
            version = self.schema_version
            if version > POSTGRES_SCHEMA_VERSION:
                raise StoreTooNew(f"the database {self.url} has schema version {version}, written by a newer "
                                  f"newscrawl; this one knows up to {POSTGRES_SCHEMA_VERSION}")
            for number, migration in enumerate(POSTGRES_MIGRATIONS[version:], start=version + 1):
                self.connection.execute(migration)
                self.connection.execute("UPDATE newscrawl_schema SET version = %s", (number,))

    def _stored(self, site: str, article_id: str) -> tuple[dict | None, str | None]:
        row = self.connection.execute(
            f"SELECT {_COLUMNS}, provenance FROM articles WHERE site = %s AND article_id = %s", (site, article_id)
        ).fetchone()
        return (_from_row(row[:-1]), row[-1]) if row else (None, None)

    def save(self, article: dict) -> SaveResult:
        site, article_id = article["site"], article["article_id"]
        stored, stored_provenance = self._stored(site, article_id)
        if stored is not None and is_same_version(stored, article):
            if article.get("provenance") != stored_provenance:
                # Same text read by other steps (a template change that kept the words): the provenance says so.
                self.connection.execute("UPDATE articles SET provenance = %s WHERE site = %s AND article_id = %s",
                                        (Json(article.get("provenance")), site, article_id))
            return SaveResult.UNCHANGED
        if stored is not None:
            self.connection.execute(
                "INSERT INTO revisions (site, article_id, content_hash, crawled_at, article) VALUES (%s, %s, %s, %s, %s)",
                (site, article_id, stored["content_hash"], stored["crawled_at"], Json(stored)),
            )
        written = [*STORED_FIELDS, "text_is_nfc"]
        updates = ", ".join(f"{name} = excluded.{name}" for name in written if name not in ("site", "article_id"))
        # A whole new version: an article that came back loses its gone_at, as in SQLite.
        self.connection.execute(
            f"INSERT INTO articles ({', '.join(written)}) VALUES ({', '.join(['%s'] * len(written))}) "
            f"ON CONFLICT (site, article_id) DO UPDATE SET {updates}, gone_at = NULL",
            [*_to_row(article), _text_is_nfc(article)],
        )
        self.connection.execute("DELETE FROM missing WHERE site = %s AND article_id = %s", (site, article_id))
        return self.batch.add(site, stored)

    def commit(self) -> Counter[tuple[str, SaveResult]]:
        self.connection.commit()
        return self.batch.end()

    def rollback(self) -> None:
        self.connection.rollback()
        self.batch.end()

    def record_missing(self, missing: dict) -> None:
        self.connection.execute(
            "INSERT INTO missing (site, article_id, url, reason, first_seen_at, last_seen_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (site, article_id) DO UPDATE SET reason = excluded.reason, last_seen_at = excluded.last_seen_at",
            (missing["site"], missing["article_id"], missing["url"], missing["reason"], missing["seen_at"], missing["seen_at"]),
        )
        self.connection.execute(
            "UPDATE articles SET gone_at = %s WHERE site = %s AND article_id = %s AND gone_at IS NULL",
            (missing["seen_at"], missing["site"], missing["article_id"]),
        )

    def missing(self, site: str) -> dict[str, dict]:
        rows = self.connection.execute(
            "SELECT article_id, url, reason, first_seen_at, last_seen_at FROM missing WHERE site = %s", (site,))
        return {row[0]: dict(zip(("url", "reason", "first_seen_at", "last_seen_at"), row[1:])) for row in rows}

    def known_articles(self, site: str) -> dict[str, str | None]:
        known = dict.fromkeys(self.missing(site))
        known.update(self.connection.execute("SELECT article_id, published_at FROM articles WHERE site = %s", (site,)))
        return known

    def _stream(self, query: str, parameters=()) -> Iterator[dict]:
        # A server-side cursor: rows come in batches, so memory stays flat however many articles match.
        with self.connection.cursor(name=f"newscrawl_articles_{next(self._cursor_numbers)}") as cursor:
            cursor.execute(query, parameters)
            yield from map(_from_row, cursor)

    def articles(self) -> Iterator[dict]:
        return self._stream(f"SELECT {_COLUMNS} FROM articles ORDER BY site, article_id::bigint")

    def select_articles(self, *, published_from: str | None = None, published_before: str | None = None,
                        section: str | None = None, site: str | None = None, newest_first: bool = False) -> Iterator[dict]:
        """As SqliteStore.select_articles: the same matches in the same order."""
        conditions, parameters = _article_filters(published_from, published_before, section, site)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        order = _article_order("DESC" if newest_first else "ASC")
        return self._stream(f"SELECT {_COLUMNS} FROM articles {where} ORDER BY {order}", parameters)

    def search_articles(self, query: str, *, published_from: str | None = None, published_before: str | None = None,
                        section: str | None = None, site: str | None = None, limit: int | None = None) -> Iterator[dict]:
        """As SqliteStore.search_articles: the same matches in the same order, by a scan with strpos over title and
        body, as they are when they are NFC (text_is_nfc), else over the server's NFC normalisation of them.
        pg_trgm would not help: it has no trigram of a 1-2 character query, and in a database of the C locale (the
        tests' own) it makes none of Hangul (show_trgm('서울시장') is {})."""
        conditions, parameters = _article_filters(published_from, published_before, section, site)
        conditions.append("CASE WHEN text_is_nfc THEN strpos(title, %s) > 0 OR strpos(body, %s) > 0 "
                          "ELSE strpos(normalize(title, NFC), %s) > 0 OR strpos(normalize(body, NFC), %s) > 0 END")
        bound = " LIMIT %s" if limit is not None else ""
        return self._stream(f"SELECT {_COLUMNS} FROM articles WHERE {' AND '.join(conditions)} ORDER BY {_article_order('DESC')}{bound}",
                            [*parameters, query, query, query, query, *([limit] if limit is not None else [])])

    def revisions(self, site: str, article_id: str) -> list[dict]:
        rows = self.connection.execute(
            "SELECT article FROM revisions WHERE site = %s AND article_id = %s ORDER BY id", (site, article_id))
        return [article for (article,) in rows]

    def linked_urls(self, site: str) -> set[str]:
        rows = self.connection.execute("SELECT prev_url, next_url FROM articles WHERE site = %s", (site,))
        return {url for row in rows for url in row if url}

    def last_finished_run(self) -> dict:
        row = self.connection.execute(
            "SELECT record FROM runs WHERE record->>'finish_reason' IS DISTINCT FROM %s ORDER BY id DESC LIMIT 1",
            (KILLED_REASON,),
        ).fetchone()
        return row[0] if row else {}

    def site_history(self, site: str, limit: int) -> list[dict]:
        rows = self.connection.execute(
            "SELECT record->'sites'->%s FROM runs WHERE (record->'sites'->%s->>'articles')::numeric > 0 "
            "ORDER BY id DESC LIMIT %s",
            (site, site, limit),
        )
        return [entry for (entry,) in rows]

    def add_run(self, record: dict) -> None:
        self.connection.execute("INSERT INTO runs (started_at, finished_at, record) VALUES (%s, %s, %s)",
                                (record["started_at"], record["finished_at"], Jsonb(record)))
        self.connection.commit()

    def runs(self) -> list[dict]:
        return [record for (record,) in self.connection.execute("SELECT record FROM runs ORDER BY id")]

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.connection.close()
