"""`scrapy search`: every stored article whose title or body contains the query, of any length, NFC on both sides.

The store is a real crawl of both sites of the sample family; the known answers are the sample sites' own ground
truth, searched by a plain scan. The same articles are copied into a JSONL and a PostgreSQL store, so all three
stores answer the same queries.
"""

import csv
import io
import json
import sqlite3
import subprocess
import sys
import unicodedata

import pytest

from newscrawl import sample_site
from newscrawl.commands.search import search
from newscrawl.demo import scrapy_environment, sites_file
from newscrawl.exports import write_jsonl
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.runs import EXIT_OK, EXIT_STORE_DAMAGED
from newscrawl.search import gram_text, match_expression, needs_confirmation, normalize_query, snippet
from newscrawl.stores import SQLITE_SCHEMA_VERSION, SqliteStore, open_store
from tests.crawling import crawl, damage_the_middle

# The query set, each with how many articles of site A and site B hold it (the sample sites' text, counted by hand
# once and kept here, so a change of the sample text shows up as a change of these answers too).
KNOWN_ANSWERS = {
    "시": (55, 49),           # 1 syllable, in most articles, mostly inside words (서울시, 시민, 시간)
    "쉼": (5, 0),             # 1 syllable, rare
    "구": (69, 23),           # 1 syllable, inside 강동구, 구는, 연구
    "시장": (17, 17),         # 2 syllables: 시장 as a word and inside 서울시장은, 시장에서
    "예산": (4, 0),           # 2 syllables
    "무더위쉼터": (2, 0),     # 5 syllables
    "폭염 대비": (2, 0),      # a phrase with a space
    "서울시": (1, 0),         # 3 syllables
    "AI": (4, 0),             # Latin capitals: found as written
}
NFD = {query: unicodedata.normalize("NFD", query) for query in ("시장", "예산", "무더위쉼터")}


def ground_truth_matches(items: list[dict], query: str) -> set[tuple[str, str]]:
    """The plain scan: (site, article_id) of every item whose NFC title or body holds the NFC query."""
    query = unicodedata.normalize("NFC", query)
    return {(item["site"], item["article_id"]) for item in items
            if query in unicodedata.normalize("NFC", item["title"]) or query in unicodedata.normalize("NFC", item["body"])}


def scrapy_search(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "search", *args], env=scrapy_environment(),
                          capture_output=True, timeout=120)


def jsonl_rows(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.split(b"\n") if line]


def keys(rows) -> list[tuple[str, str]]:
    return [(row["site"], row["article_id"]) for row in rows]


@pytest.fixture(scope="module")
def family_crawl(tmp_path_factory):
    """Both sites of the sample family crawled by the real command into a SQLite store: (store path, ground truth)."""
    with sample_site.start_family() as family:
        sites_toml = tmp_path_factory.mktemp("sites") / "family.toml"
        sites_toml.write_text(sites_file(list(family.sites)), encoding="utf-8")
        result = crawl(None, tmp_path_factory.mktemp("family"), sites=str(sites_toml))
        truth = [{**item, "site": site.host} for site in family.sites for item in site.expected_items()]
    assert result.returncode == EXIT_OK, result.log
    return result.store_path, truth


@pytest.fixture(scope="module")
def crawled(family_crawl) -> list[dict]:
    store = SqliteStore(family_crawl[0])
    try:
        return list(store.articles())
    finally:
        store.close()


@pytest.fixture(params=["sqlite", "jsonl", "postgresql"])
def store_spec(request, family_crawl, crawled, tmp_path):
    """The crawled store itself, or its articles copied into a JSONL or a PostgreSQL store."""
    if request.param == "sqlite":
        return f"sqlite:{family_crawl[0]}"
    spec = f"jsonl:{tmp_path / 'store.jsonl'}" if request.param == "jsonl" else request.getfixturevalue("postgres_url")
    store = open_store(spec)
    for article in crawled:
        store.save(article)
    store.close()
    return spec


def test_the_crawled_store_holds_the_ground_truth_text(family_crawl, crawled):
    _, truth = family_crawl
    assert {(a["site"], a["article_id"]): (a["title"], a["body"]) for a in crawled} == \
           {(item["site"], item["article_id"]): (item["title"], item["body"]) for item in truth}


def test_the_known_answers_are_what_a_plain_scan_of_the_ground_truth_finds(family_crawl):
    _, truth = family_crawl
    for query, (site_a, site_b) in KNOWN_ANSWERS.items():
        found = ground_truth_matches(truth, query)
        assert (sum(site == "127.0.0.1" for site, _ in found), sum(site == "127.0.0.2" for site, _ in found)) == (site_a, site_b), query


def test_recall_and_precision_are_whole_for_every_query_of_any_length_on_every_store(store_spec, family_crawl):
    _, truth = family_crawl
    for number, query in enumerate([*KNOWN_ANSWERS, *NFD.values()]):
        # Every query through the real command on SQLite; on the other stores every third one (each command
        # is a second of start-up), the rest by the command's own search function.
        if store_spec.startswith("sqlite:") or number % 3 == 0:
            result = scrapy_search(query, "--store", store_spec, "--format", "jsonl")
            assert result.returncode == 0, result.stderr
            rows = jsonl_rows(result.stdout)
        else:
            store = open_store(store_spec)
            try:
                rows = list(search(store, query))
            finally:
                store.close()
        expected = ground_truth_matches(truth, query)
        assert expected, query
        assert set(keys(rows)) == expected, query
        assert len(rows) == len(expected)


def test_nfd_input_finds_what_nfc_input_finds(family_crawl):
    spec = f"sqlite:{family_crawl[0]}"
    for nfc_query, nfd_query in NFD.items():
        assert nfd_query != nfc_query
        assert scrapy_search(nfd_query, "--store", spec).stdout == scrapy_search(nfc_query, "--store", spec).stdout


@pytest.mark.parametrize("kind", ["sqlite", "jsonl", "postgresql"])
def test_an_nfd_stored_text_is_found_by_an_nfc_query(kind, tmp_path, article, request):
    spec = request.getfixturevalue("postgres_url") if kind == "postgresql" else f"{kind}:{tmp_path / ('nfd.' + kind)}"
    store = open_store(spec)
    store.save({**article, "title": unicodedata.normalize("NFD", "구청 예산 심의"), "body": unicodedata.normalize("NFD", "무더위쉼터 운영")})
    store.close()
    for query in ("예", "예산", "무더위쉼터", "심의"):
        result = scrapy_search(query, "--store", spec, "--format", "jsonl")
        assert keys(jsonl_rows(result.stdout)) == [(article["site"], article["article_id"])], query


def test_matches_come_newest_first_and_filters_take_kst_days_a_section_and_a_site(store_spec, family_crawl):
    _, truth = family_crawl
    by_key = {(item["site"], item["article_id"]): item for item in truth}
    expected = ground_truth_matches(truth, "시장")
    section = sorted(by_key[key]["section"] for key in expected)[0]
    cases = [
        ((), lambda item: True),
        (("--site", "127.0.0.2"), lambda item: item["site"] == "127.0.0.2"),
        (("--section", section), lambda item: item["section"] == section),
        (("--since", "2025-03-01", "--until", "2025-04-30"), lambda item: "2025-03-01" <= item["published_at"][:10] <= "2025-04-30"),
    ]
    for options, wanted in cases:
        result = scrapy_search("시장", "--store", store_spec, "--format", "jsonl", *options)
        assert result.returncode == 0, result.stderr
        rows = jsonl_rows(result.stdout)
        chosen = [by_key[key] for key in expected if wanted(by_key[key])]
        assert chosen and len(chosen) < len(expected) or not options
        newest_first = sorted(chosen, key=lambda item: (item["published_at"], int(item["article_id"]), item["site"]), reverse=True)
        assert keys(rows) == keys(newest_first), options


def test_limit_gives_the_newest_matches(store_spec):
    every = jsonl_rows(scrapy_search("시", "--store", store_spec, "--format", "jsonl").stdout)
    limited = scrapy_search("시", "--store", store_spec, "--format", "jsonl", "--limit", "3")
    assert jsonl_rows(limited.stdout) == every[:3]
    assert "(the newest 3: --limit)" in limited.stderr.decode()


def test_the_terminal_shows_date_site_section_title_and_the_hit_in_a_snippet(family_crawl):
    result = scrapy_search("무더위쉼터", "--store", f"sqlite:{family_crawl[0]}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 4
    head, snippet_line = lines[0], lines[1]
    assert head.startswith("2025-") and "  127.0.0.1  사회  " in head and "무더위쉼터" in head
    assert snippet_line.startswith("    ") and "«무더위쉼터»" in snippet_line
    before, after = snippet_line.strip().split("«무더위쉼터»")
    assert len(before.lstrip("…")) <= 40 and len(after.rstrip("…")) <= 40
    assert result.stderr.decode().strip() == "newscrawl search: 2 matching '무더위쉼터', text to standard output"


def test_jsonl_and_csv_are_the_export_writers_rows_to_a_file(family_crawl, crawled, tmp_path):
    spec = f"sqlite:{family_crawl[0]}"
    jsonl_out, csv_out = tmp_path / "found.jsonl", tmp_path / "found.csv"
    assert scrapy_search("예산", "--store", spec, "-o", str(jsonl_out)).returncode == 0
    assert scrapy_search("예산", "--store", spec, "-o", str(csv_out), "--fields", "article_id,title").returncode == 0

    rows = jsonl_rows(jsonl_out.read_bytes())
    by_key = {(a["site"], a["article_id"]): a for a in crawled}
    expected = io.BytesIO()
    write_jsonl([by_key[key] for key in keys(rows)], expected, list(ARTICLE_FIELDS))
    assert len(rows) == 4 and jsonl_out.read_bytes() == expected.getvalue()
    table = list(csv.reader(io.StringIO(csv_out.read_bytes().decode("utf-8-sig"))))
    assert table[0] == ["article_id", "title"] and [row[0] for row in table[1:]] == [row["article_id"] for row in rows]


def test_nothing_matching_is_not_an_error(family_crawl):
    result = scrapy_search("없는검색어입니다", "--store", f"sqlite:{family_crawl[0]}", "--format", "csv")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8-sig").splitlines() == [",".join(ARTICLE_FIELDS)]


@pytest.mark.parametrize("kind", ["sqlite", "jsonl", "postgresql"])
def test_a_revised_article_is_found_by_its_new_text_and_no_longer_by_its_old(kind, tmp_path, article, request):
    spec = request.getfixturevalue("postgres_url") if kind == "postgresql" else f"{kind}:{tmp_path / ('store.' + kind)}"
    store = open_store(spec)
    store.save({**article, "title": "구청 예산 심의", "body": "옛 문단은 무더위쉼터를 말했다."})
    store.close()
    found_before = jsonl_rows(scrapy_search("무더위쉼터", "--store", spec, "--format", "jsonl").stdout)
    store = open_store(spec)
    store.save({**article, "title": "구청 예산 심의 결과", "body": "고친 문단은 한파쉼터를 말한다.", "content_hash": "1" * 64})
    store.close()

    assert keys(found_before) == [(article["site"], article["article_id"])]
    for query in ("무더위쉼터", "무더위", "옛", "말했다"):
        result = scrapy_search(query, "--store", spec, "--format", "jsonl")
        assert result.returncode == 0 and jsonl_rows(result.stdout) == [], query
    for query in ("한파쉼터", "고친", "결과", "쉼터"):
        rows = jsonl_rows(scrapy_search(query, "--store", spec, "--format", "jsonl").stdout)
        assert [row["body"] for row in rows] == ["고친 문단은 한파쉼터를 말한다."], query
    if kind == "sqlite":
        # FTS5's own structural check of the index, after a delete by the old text and an insert of the new.
        connection = sqlite3.connect(tmp_path / "store.sqlite")
        connection.execute("INSERT INTO search_grams (search_grams) VALUES ('integrity-check')")
        connection.close()


def test_a_store_from_before_search_gets_its_index_built_by_the_migration(tmp_path, crawled):
    path = tmp_path / "old.sqlite"
    store = SqliteStore(path)
    for article in crawled:
        store.save(article)
    store.close()
    # What the store was before search came: the fifth schema version, without the search tables.
    old = sqlite3.connect(path)
    old.executescript(f"DROP TABLE search_grams; DROP TABLE search_docs; PRAGMA user_version = {SQLITE_SCHEMA_VERSION - 1};")
    old.close()

    result = scrapy_search("예산", "--store", f"sqlite:{path}", "--format", "jsonl")

    assert result.returncode == 0, result.stderr
    assert len(jsonl_rows(result.stdout)) == 4
    assert SqliteStore(path).schema_version == SQLITE_SCHEMA_VERSION


def test_bad_options_are_one_clear_error_with_the_export_commands_exit_codes(tmp_path, family_crawl):
    spec = f"sqlite:{family_crawl[0]}"
    cases = {
        ("예산", "--store", spec, "--since", "2025-02-30"): (2, "argument --since"),
        ("예산", "--store", spec, "--since", "2025-05-01", "--until", "2025-04-01"): (2, "is after --until"),
        ("예산", "--store", spec, "--limit", "0"): (2, "argument --limit"),
        ("예산", "--store", spec, "--format", "atom"): (2, "argument --format"),
        ("예산", "--store", spec, "-o", str(tmp_path / "out.xlsx")): (2, "cannot tell the format"),
        ("예산", "--store", spec, "--fields", "title"): (2, "--fields is for jsonl and csv"),
        ("폭염", "대비", "--store", spec): (2, "give the query as one argument"),
        (" ", "--store", spec): (2, "the query is empty"),
        ("예산", "--store", "mysql:x"): (2, "NEWSCRAWL_STORE must be one of"),
        ("예산", "--store", f"sqlite:{tmp_path / 'none.sqlite'}"): (1, "there is no store at"),
    }
    for args, (code, message) in cases.items():
        result = scrapy_search(*args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr.decode(), args
        assert "Traceback" not in result.stderr.decode()
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "out.xlsx").exists()


def test_a_damaged_or_newer_store_is_exit_code_9_in_one_line(tmp_path, article):
    damaged = tmp_path / "damaged.sqlite"
    store = open_store(f"sqlite:{damaged}")
    for number in range(200):
        store.save({**article, "article_id": str(number), "body": article["body"] * 40})
    store.close()
    damage_the_middle(damaged)
    newer = tmp_path / "newer.sqlite"
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {SQLITE_SCHEMA_VERSION + 1}")
    connection.close()

    for path in (damaged, newer):
        result = scrapy_search("문단", "--store", f"sqlite:{path}")
        assert result.returncode == EXIT_STORE_DAMAGED, result.stderr
        (line,) = result.stderr.decode().splitlines()
        assert line.startswith(f"newscrawl search: {path} ")


def test_help_names_every_option():
    result = scrapy_search("--help")
    assert result.returncode == 0
    for option in ("--output", "--format", "--since", "--until", "--section", "--site", "--limit", "--fields", "--store"):
        assert option in result.stdout.decode()


# The index itself.

def test_grams_are_every_character_and_pair_and_a_query_is_its_pair_tokens():
    assert set(gram_text("서울 시장").split()) == {"서", "울", "\ue020", "시", "장", "서울", "울\ue020", "\ue020시", "시장"}
    assert match_expression("시") == '"시"' and match_expression("시장") == '"시장"'
    assert match_expression("서울시장") == '"서울" AND "시장" AND "울시"'
    assert not needs_confirmation("시") and not needs_confirmation("시장")
    assert needs_confirmation("서울시") and needs_confirmation("AI") and needs_confirmation("\ue041")


def test_snippet_marks_the_first_hit_with_40_characters_either_side():
    body = "가" * 50 + "시장" + "나" * 50
    found = snippet({"title": "제목", "body": body}, "시장")
    assert found.marked() == "…" + "가" * 40 + "«시장»" + "나" * 40 + "…"
    assert snippet({"title": "시장 제목", "body": "본문"}, "시장").field == "title"
    assert normalize_query(unicodedata.normalize("NFD", " 예산 ")) == "예산"


def test_the_alternatives_the_issue_measured_miss_short_words(crawled):
    """Why the store keeps its own index: on the same articles, FTS5's trigram tokenizer finds nothing for 1-2
    character queries, and the default unicode61 tokenizer only whole words (시장, not 서울시장은)."""
    connection = sqlite3.connect(":memory:")
    for table, tokenizer in (("trigram", "trigram"), ("words", "unicode61")):
        connection.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(site, article_id, title, body, tokenize='{tokenizer}')")
        connection.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
                               [(a["site"], a["article_id"], a["title"], a["body"]) for a in crawled])
    found = {table: 0 for table in ("trigram", "words")}
    expected = 0
    for query in KNOWN_ANSWERS:
        truth = ground_truth_matches(crawled, query)
        expected += len(truth)
        for table in found:
            rows = connection.execute(f"SELECT site, article_id FROM {table} WHERE {table} MATCH ?", (f'"{query}"',))
            hits = {tuple(row) for row in rows}
            assert hits <= truth
            found[table] += len(hits)
            if table == "trigram" and len(query) < 3:
                assert not hits, query
    # Of the 248 articles the query set should find, newscrawl's index finds all (the recall test above).
    assert (found["trigram"], found["words"], expected) == (5, 18, 248)


def test_a_postgresql_store_from_before_search_learns_which_texts_are_nfc(postgres_url, article):
    store = open_store(postgres_url)
    store.save({**article, "article_id": "1", "body": "예산 심의"})
    store.save({**article, "article_id": "2", "body": unicodedata.normalize("NFD", "예산 심의")})
    # What the database was before search came: the second schema version, without the column.
    store.connection.execute("ALTER TABLE articles DROP COLUMN text_is_nfc")
    store.connection.execute("UPDATE newscrawl_schema SET version = 2")
    store.close()

    result = scrapy_search("예산", "--store", postgres_url, "--format", "jsonl")

    assert result.returncode == 0, result.stderr
    assert [row["article_id"] for row in jsonl_rows(result.stdout)] == ["2", "1"]
    store = open_store(postgres_url)
    try:
        flags = dict(store.connection.execute("SELECT article_id, text_is_nfc FROM articles").fetchall())
    finally:
        store.close()
    assert flags == {"1": True, "2": False}
