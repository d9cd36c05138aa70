"""Benchmark section: `scrapy search`'s query on a 100,000-article SQLite store, and what the index costs to keep.

The store is generated: every article's body is 20 sentences drawn (seeded, so the same on every run) from the
real sentences of the three bundled sample sites, about 900 characters, so words are as frequent and as spread as
in real local news. Each query row is the median wall time of the store's search_articles for the newest 20
matches (what the terminal shows with --limit 20) and for every match, with the process's CPU time beside it.
The build row is the whole store written through SqliteStore.save, index included, in batches of 1,000.
The same articles in a PostgreSQL store (the throwaway server; loaded with COPY, as the store's own save would
write them) give the PostgreSQL rows: a scan, the time the server takes, with the client's CPU beside it.
"""

import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from newscrawl import sample_site
from newscrawl.bench.common import Row
from newscrawl.bench.exports import generated_article
from newscrawl.search import normalize_query
from newscrawl.postgres_store import PostgresStore, _text_is_nfc, _to_row
from newscrawl.stores import STORED_FIELDS, SqliteStore
from newscrawl.throwaway_postgres import PostgresNotInstalled, PostgresServer

STORE_SIZE = 100_000
SENTENCES_PER_BODY = 20
# A 1-, a 2- and a 3+-syllable query, and a phrase with a space; then the commonest syllable there is.
QUERIES = ("쉼", "예산", "무더위쉼터", "폭염 대비", "시")
REPEATS = 5
SHOWN = 20


def sentence_pool() -> tuple[list[str], list[str]]:
    """The distinct sentences and titles of the bundled sample sites' articles, in a fixed order."""
    sentences, titles = {}, {}
    for profile in (sample_site.SITES[key] for key in ("a", "b", "ndsoft")):
        for item in profile.expected_items("http://127.0.0.1"):
            titles.setdefault(item["title"])
            for sentence in re.split(r"(?<=[.!?])\s+", item["body"].replace("\n", " ")):
                if len(sentence) > 10:
                    sentences.setdefault(sentence)
    return list(sentences), list(titles)


def generated_articles(count: int):
    """The export benchmark's articles, with titles and bodies of the sample sites' real text."""
    sentences, titles = sentence_pool()
    for number in range(1, count + 1):
        chosen = random.Random(number).sample(sentences, SENTENCES_PER_BODY)
        body = "\n\n".join(" ".join(chosen[start:start + 5]) for start in range(0, SENTENCES_PER_BODY, 5))
        yield {**generated_article(number), "title": titles[number % len(titles)], "subtitles": [], "images": [],
               "body": body}


def build_store(path: Path, count: int = STORE_SIZE) -> None:
    store = SqliteStore(path, batch_size=1_000)
    for article in generated_articles(count):
        store.save(article)
        if store.batch.is_full():
            store.commit()
    store.close()


def timed_query(store, query: str, limit: int | None) -> tuple[float, float, int]:
    """Median wall ms, median CPU ms and the number of articles of REPEATS searches."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        started, cpu_started = time.perf_counter(), time.process_time()
        found = sum(1 for _ in store.search_articles(query, limit=limit))
        walls.append(1000 * (time.perf_counter() - started))
        cpus.append(1000 * (time.process_time() - cpu_started))
    return statistics.median(walls), statistics.median(cpus), found


def bench_search() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as workdir:
        path = Path(workdir) / "search.sqlite"
        started, cpu_started = time.perf_counter(), time.process_time()
        build_store(path)
        rows.append((f"search: build a {STORE_SIZE:,}-article store, index included", time.perf_counter() - started, "s"))
        rows.append((f"search: build a {STORE_SIZE:,}-article store, CPU", time.process_time() - cpu_started, "s"))
        rows.append((f"search: {STORE_SIZE:,}-article store, file size", path.stat().st_size / 2**20, "MiB"))
        store = SqliteStore(path)
        try:
            index_pages = store.connection.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%'").fetchone()[0] if _has_dbstat(store) else None
            if index_pages is not None:
                rows.append((f"search: {STORE_SIZE:,}-article store, of it the search index", index_pages / 2**20, "MiB"))
            for query in map(normalize_query, QUERIES):
                for limit, label in ((SHOWN, f"newest {SHOWN}"), (None, "every match")):
                    wall, cpu, found = timed_query(store, query, limit)
                    name = f"search: {query!r} ({len(query)} chars), {label}"
                    if limit is None:
                        name += f" ({found:,} articles)"
                    rows += [(name, wall, "ms"), (f"{name}, CPU", cpu, "CPU ms")]
        finally:
            store.close()
    return rows + bench_postgres_search()


def bench_postgres_search() -> list[Row]:
    try:
        server = PostgresServer()
    except PostgresNotInstalled as error:
        return [(f"search: PostgreSQL not measured ({error})", 0, "")]
    rows: list[Row] = []
    with server:
        store = PostgresStore(server.new_database())
        try:
            with store.connection.cursor() as cursor, \
                    cursor.copy(f"COPY articles ({', '.join(STORED_FIELDS)}, text_is_nfc) FROM STDIN") as copy:
                for article in generated_articles(STORE_SIZE):
                    copy.write_row([*_to_row(article), _text_is_nfc(article)])
            store.connection.commit()
            store.connection.execute("ANALYZE articles")
            store.connection.commit()
            for query in map(normalize_query, QUERIES[:3]):
                wall, cpu, _ = timed_query(store, query, SHOWN)
                name = f"search: PostgreSQL {STORE_SIZE:,}, {query!r} ({len(query)} chars), newest {SHOWN}"
                rows += [(name, wall, "ms"), (f"{name}, client CPU", cpu, "CPU ms")]
        finally:
            store.close()
    return rows


def _has_dbstat(store: SqliteStore) -> bool:
    try:
        store.connection.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
    except Exception:
        return False
    return True


if __name__ == "__main__":
    from newscrawl.bench.common import format_table

    print(format_table(bench_search()))
