"""Exports for analysts: JSONL, CSV for Excel and Atom from the store, by period, section and site."""

import csv
import io
import json
import logging
import sqlite3
import subprocess
import sys
from datetime import date
from xml.etree import ElementTree

import pytest
from jsonschema import Draft202012Validator

from newscrawl import sample_site
from newscrawl.demo import scrapy_environment
from newscrawl.exports import (
    ATOM_NAMESPACE,
    SUPERSEDED_AT,
    ExportError,
    ExportOptionError,
    Selection,
    export,
    parse_fields,
    parse_kst_date,
)
from newscrawl.items import ARTICLE_FIELDS, ARTICLE_SCHEMA
from newscrawl.pipelines.validation import FORMAT_CHECKER
from newscrawl.runs import EXIT_STORE_DAMAGED
from newscrawl.stores import SQLITE_SCHEMA_VERSION, open_store
from tests.crawling import crawl, damage_the_middle

ATOM = f"{{{ATOM_NAMESPACE}}}"
BOM = b"\xef\xbb\xbf"
OTHER_SITE = "example.kr"
STORES = [("sqlite", "store.sqlite"), ("jsonl", "store.jsonl")]
# The contract itself, not the crawler's item schema, which also allows the store-only fields.
CONTRACT_VALIDATOR = Draft202012Validator(ARTICLE_SCHEMA, format_checker=FORMAT_CHECKER)


def contract_errors(row: dict) -> list[str]:
    return [error.message for error in CONTRACT_VALIDATOR.iter_errors(row)]


def version_of(article: dict, article_id: str, published_at: str | None, site: str = "workheadline.co.kr", **changes) -> dict:
    return {
        **article,
        "url": f"https://www.{site}/news/view.php?idx={article_id}",
        "site": site,
        "article_id": article_id,
        "published_at": published_at,
        **changes,
    }


@pytest.fixture
def articles(article) -> dict[str, dict]:
    """Articles around the KST day boundaries of 2025-03-08 and 2025-03-09, keyed by a short name."""
    return {
        "before": version_of(article, "100", "2025-03-07T23:59:59+09:00"),
        "first_second_low_id": version_of(article, "99", "2025-03-08T00:00:00+09:00", section="경제", section_code="m2k4p9a"),
        "first_second": version_of(
            article, "101", "2025-03-08T00:00:00+09:00",
            title='쉼표, "따옴표", 그리고 줄\n바꿈',
            body='첫 문단, 쉼표와 "따옴표".\n\n둘째 문단\r\n셋째 줄.',
            authors=[{"name": "김태령", "role": "기자", "email": "kim@workheadline.co.kr"}, {"name": "편집국", "role": None, "email": None}],
            images=[{"url": "https://www.workheadline.co.kr/data/photos/a.jpg", "caption": "악수 (오른쪽)"},
                    {"url": "https://www.workheadline.co.kr/data/photos/b.jpg", "caption": None}],
            tags=["서울", "AI"],
            subtitles=["하나", "둘"],
        ),
        "other_site": version_of(article, "100", "2025-03-08T12:00:00+09:00", site=OTHER_SITE),
        "last_second": version_of(article, "102", "2025-03-09T23:59:59+09:00", section="경제", section_code="m2k4p9a",
                                  modified_at="2025-03-11T09:00:00+09:00", modified_raw="수정 2025-03-11 09:00:00"),
        "after": version_of(article, "103", "2025-03-10T00:00:00+09:00"),
        "undated": version_of(article, "104", None, published_raw="등록 어제쯤"),
    }


ORDER = ["before", "first_second_low_id", "first_second", "other_site", "last_second", "after", "undated"]


def make_store(spec: str, articles: list[dict]):
    store = open_store(spec)
    for article in articles:
        store.save(article)
    store.commit()
    return store


@pytest.fixture(params=STORES, ids=[kind for kind, _ in STORES])
def store(request, tmp_path, articles):
    kind, name = request.param
    # Saved in an order unlike the export's, so the order comes from the export, not from insertion.
    opened = make_store(f"{kind}:{tmp_path / name}", [articles[name] for name in sorted(articles, reverse=True)])
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path, articles):
    opened = make_store(f"sqlite:{tmp_path / 'store.sqlite'}", list(articles.values()))
    yield opened
    opened.close()


def exported(store, export_format: str, selection: Selection = Selection(), **options) -> bytes:
    stream = io.BytesIO()
    export(store, stream, export_format, selection, **options)
    return stream.getvalue()


def jsonl_rows(data: bytes) -> list[dict]:
    # Split on \n only, as JSON Lines readers do: str.splitlines would also split on U+2028 inside a value.
    return [json.loads(line) for line in data.split(b"\n") if line]


def csv_rows(data: bytes) -> list[dict]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def names_of(rows: list[dict], articles: dict[str, dict]) -> list[str]:
    by_key = {(article["site"], article["article_id"]): name for name, article in articles.items()}
    return [by_key[(row["site"], row["article_id"])] for row in rows]


# Selection and order


def test_jsonl_holds_every_article_ordered_by_published_at_then_number_undated_last(store, articles):
    rows = jsonl_rows(exported(store, "jsonl"))
    assert names_of(rows, articles) == ORDER
    assert rows == [articles[name] for name in ORDER]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(since=date(2025, 3, 8)), ["first_second_low_id", "first_second", "other_site", "last_second", "after"]),
        (Selection(until=date(2025, 3, 9)), ["before", "first_second_low_id", "first_second", "other_site", "last_second"]),
        (Selection(since=date(2025, 3, 8), until=date(2025, 3, 9)), ["first_second_low_id", "first_second", "other_site", "last_second"]),
        (Selection(since=date(2025, 3, 9), until=date(2025, 3, 9)), ["last_second"]),
        (Selection(section="사회"), ["before", "first_second", "other_site", "after", "undated"]),
        (Selection(site=OTHER_SITE), ["other_site"]),
        (Selection(since=date(2025, 3, 8), section="사회", site="workheadline.co.kr"), ["first_second", "after"]),
        (Selection(section="없는 섹션"), []),
    ],
    ids=["since", "until", "period", "one-day", "section", "site", "all-filters", "nothing"],
)
def test_filters_take_kst_days_inclusive_a_section_and_a_site(store, articles, selection, expected):
    assert names_of(jsonl_rows(exported(store, "jsonl", selection)), articles) == expected
    assert names_of(csv_rows(exported(store, "csv", selection)), articles) == expected


def test_parse_kst_date_takes_only_a_calendar_date():
    assert parse_kst_date("2025-03-08") == date(2025, 3, 8)
    for text in ("20250308", "2025-3-8", "2025-02-30", "2025-03-08T00:00"):
        with pytest.raises(ValueError):
            parse_kst_date(text)


def test_a_published_at_without_the_kst_offset_is_a_clear_error(tmp_path, articles):
    # Valid against the schema, but its text does not sort with the others: the date bounds would be wrong.
    utc = {**articles["before"], "published_at": "2025-03-07T14:59:59+00:00"}
    store = make_store(f"sqlite:{tmp_path / 'utc.sqlite'}", [utc])
    with pytest.raises(ExportError, match=r"workheadline.co.kr 100 has published_at '2025-03-07T14:59:59\+00:00'"):
        exported(store, "jsonl")
    store.close()


# JSONL


def test_plain_jsonl_rows_are_valid_against_the_schema(store):
    rows = jsonl_rows(exported(store, "jsonl"))
    assert rows
    assert [contract_errors(row) for row in rows] == [[] for _ in rows]
    assert all(list(row) == ARTICLE_FIELDS for row in rows)


def test_fields_choose_the_columns_and_their_order(store, articles):
    rows = jsonl_rows(exported(store, "jsonl", fields=["title", "article_id"]))
    assert [list(row) for row in rows] == [["title", "article_id"]] * len(ORDER)
    data = exported(store, "csv", fields=["title", "article_id"])
    assert data.decode("utf-8-sig").splitlines()[0] == "title,article_id"
    assert csv_rows(data)[2] == {"title": articles["first_second"]["title"], "article_id": "101"}


def test_parse_fields_rejects_unknown_empty_and_repeated_fields():
    assert parse_fields("title, published_at") == ["title", "published_at"]
    for text in ("title,headline", "", " , ", "title,title"):
        with pytest.raises(ValueError):
            parse_fields(text)


# CSV


def test_csv_round_trips_through_the_csv_module_with_the_bom_and_flattens_lists(store, articles):
    data = exported(store, "csv")
    assert data.startswith(BOM) and data.count(BOM) == 1
    rows = csv_rows(data)
    assert list(rows[0]) == ARTICLE_FIELDS
    assert names_of(rows, articles) == ORDER
    row = rows[ORDER.index("first_second")]
    original = articles["first_second"]
    # Newlines, commas and quotes come back exactly, inside one cell.
    assert row["title"] == original["title"]
    assert row["body"] == original["body"]
    assert row["authors"] == "김태령 (기자); 편집국"
    assert row["images"] == "https://www.workheadline.co.kr/data/photos/a.jpg (악수 (오른쪽)); https://www.workheadline.co.kr/data/photos/b.jpg"
    assert row["subtitles"] == "하나; 둘"
    assert row["tags"] == "서울; AI"
    assert row["modified_at"] == "" and row["next_url"] == ""
    assert rows[ORDER.index("undated")]["published_at"] == ""


def test_csv_of_an_empty_selection_still_has_the_bom_and_the_header(store):
    data = exported(store, "csv", Selection(section="없는 섹션"))
    assert data == BOM + (",".join(ARTICLE_FIELDS) + "\r\n").encode("utf-8")


# Stability


@pytest.mark.parametrize("export_format", ["jsonl", "csv", "atom"])
def test_the_same_articles_and_options_give_the_same_bytes(tmp_path, articles, export_format):
    selection = Selection(since=date(2025, 3, 7), site="workheadline.co.kr")
    outputs = []
    for number, order in enumerate((ORDER, ORDER[::-1])):
        store = make_store(f"sqlite:{tmp_path / f'{number}.sqlite'}", [articles[name] for name in order])
        outputs += [exported(store, export_format, selection), exported(store, export_format, selection)]
        store.close()
    assert outputs[0] and all(output == outputs[0] for output in outputs)


# Earlier versions


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_include_revisions_puts_each_earlier_version_before_its_successor(tmp_path, articles, kind, request):
    first = articles["first_second"]
    second = {**first, "title": "고친 제목", "content_hash": "1" * 64, "crawled_at": "2026-11-28T12:00:00+00:00"}
    third = {**second, "body": "다시 고친 본문.", "content_hash": "2" * 64, "crawled_at": "2026-11-29T12:00:00+00:00"}
    spec = request.getfixturevalue("postgres_url") if kind == "postgresql" else f"sqlite:{tmp_path / 'edited.sqlite'}"
    store = make_store(spec, [articles["before"], first, second, third, articles["after"]])

    rows = jsonl_rows(exported(store, "jsonl", include_revisions=True))

    assert rows == [
        articles["before"],
        {**first, SUPERSEDED_AT: second["crawled_at"]},
        {**second, SUPERSEDED_AT: third["crawled_at"]},
        third,
        articles["after"],
    ]
    # Current rows stay valid against the schema; earlier versions are valid once their one extra field is removed.
    assert [contract_errors({name: value for name, value in row.items() if name != SUPERSEDED_AT}) for row in rows] == [[]] * 5
    assert [row[SUPERSEDED_AT] for row in csv_rows(exported(store, "csv", include_revisions=True))] == [
        "", second["crawled_at"], third["crawled_at"], "", ""
    ]
    store.close()


def test_include_revisions_needs_a_store_that_keeps_them_apart(tmp_path, articles):
    store = make_store(f"jsonl:{tmp_path / 'store.jsonl'}", [articles["before"]])
    with pytest.raises(ExportOptionError, match="SQLite"):
        exported(store, "jsonl", include_revisions=True)
    store.close()


# Atom


def parse_feed(data: bytes) -> ElementTree.Element:
    feed = ElementTree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    return feed


def only(element: ElementTree.Element, tag: str) -> ElementTree.Element:
    found = element.findall(f"{ATOM}{tag}")
    assert len(found) == 1, f"{len(found)} <{tag}> in <{element.tag}>"
    return found[0]


def test_atom_feed_has_the_required_elements_and_the_latest_articles_newest_first(store, articles):
    feed = parse_feed(exported(store, "atom", Selection(site="workheadline.co.kr")))

    assert only(feed, "id").text == "https://www.workheadline.co.kr/"
    assert only(feed, "title").text == "workheadline.co.kr"
    # The newest time in the feed is an edit: the feed's updated is that, not the time of the export.
    assert only(feed, "updated").text == "2025-03-11T09:00:00+09:00"
    assert [(link.get("rel"), link.get("href")) for link in feed.findall(f"{ATOM}link")] == [("alternate", "https://www.workheadline.co.kr/")]
    assert only(only(feed, "author"), "name").text == "workheadline.co.kr"
    entries = feed.findall(f"{ATOM}entry")
    # Undated articles have no place among the latest.
    expected_names = ["after", "last_second", "first_second", "first_second_low_id", "before"]
    assert [only(entry, "id").text for entry in entries] == [articles[name]["url"] for name in expected_names]

    entry = entries[expected_names.index("first_second")]
    original = articles["first_second"]
    assert only(entry, "title").text == original["title"]
    assert only(entry, "published").text == only(entry, "updated").text == original["published_at"]
    assert [(link.get("rel"), link.get("href")) for link in entry.findall(f"{ATOM}link")] == [("alternate", original["url"])]
    assert [only(author, "name").text for author in entry.findall(f"{ATOM}author")] == ["김태령", "편집국"]
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["사회", "서울", "AI"]
    content = only(entry, "content")
    assert content.get("type") == "text"
    assert content.text == original["body"].replace("\r\n", "\n")
    assert only(entries[1], "updated").text == articles["last_second"]["modified_at"]


def test_atom_limit_section_and_feed_url(store, articles):
    feed_url = "https://analysts.example.org/society.atom"
    feed = parse_feed(exported(store, "atom", Selection(section="경제"), limit=1, feed_url=feed_url))
    assert only(feed, "id").text == feed_url
    assert only(feed, "title").text == "workheadline.co.kr · 경제"
    assert [(link.get("rel"), link.get("href")) for link in feed.findall(f"{ATOM}link")] == [
        ("alternate", "https://www.workheadline.co.kr/news/list.php?mcode=m2k4p9a"),
        ("self", feed_url),
    ]
    assert [only(entry, "id").text for entry in feed.findall(f"{ATOM}entry")] == [articles["last_second"]["url"]]


def test_atom_refuses_to_mix_sites_or_to_be_empty(store):
    with pytest.raises(ExportError, match=f"mix the sites {OTHER_SITE}, workheadline.co.kr"):
        exported(store, "atom")
    with pytest.raises(ExportError, match="at least one entry"):
        exported(store, "atom", Selection(section="없는 섹션"))


def test_atom_leaves_out_an_article_xml_cannot_carry_logs_and_counts_it(tmp_path, articles, caplog):
    broken = {**articles["after"], "body": "제어 문자\x01가 섞인 본문"}
    store = make_store(f"sqlite:{tmp_path / 'broken.sqlite'}", [articles["before"], broken])
    stream = io.BytesIO()
    with caplog.at_level(logging.WARNING, logger="newscrawl.exports"):
        summary = export(store, stream, "atom")
    store.close()
    assert (summary.written, summary.skipped) == (1, 1)
    assert "Left article workheadline.co.kr 103 out of the feed: it holds U+0001" in caplog.text
    assert [only(entry, "id").text for entry in parse_feed(stream.getvalue()).findall(f"{ATOM}entry")] == [articles["before"]["url"]]


@pytest.mark.parametrize(
    ("export_format", "options"),
    [("atom", {"fields": ["title"]}), ("atom", {"include_revisions": True}), ("jsonl", {"limit": 5}), ("csv", {"feed_url": "https://x/"}),
     ("xml", {})],
)
def test_options_that_do_not_fit_the_format_are_refused_before_writing(sqlite_store, export_format, options):
    stream = io.BytesIO()
    with pytest.raises(ExportOptionError):
        export(sqlite_store, stream, export_format, **options)
    assert stream.getvalue() == b""


# The command line


def scrapy_export(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "export", *args], env=scrapy_environment(),
                          capture_output=True, timeout=120, cwd=cwd)


def test_export_command_help_names_every_option():
    result = scrapy_export("--help")
    assert result.returncode == 0, result.stderr
    for option in ("--output", "--format", "--since", "--until", "--section", "--site", "--fields",
                   "--include-revisions", "--limit", "--feed-url", "--store"):
        assert option in result.stdout.decode()


def test_export_command_writes_what_the_library_writes_to_a_file_or_stdout(sqlite_store, tmp_path):
    spec = f"sqlite:{sqlite_store.path}"
    out = tmp_path / "사회.csv"
    to_file = scrapy_export("--store", spec, "-o", str(out), "--since", "2025-03-08", "--section", "사회")
    # The store setting is the default store.
    to_stdout = scrapy_export("-s", f"NEWSCRAWL_STORE={spec}", "-o", "-", "--format", "atom", "--site", "workheadline.co.kr", "--limit", "2")

    assert to_file.returncode == 0, to_file.stderr
    assert out.read_bytes() == exported(sqlite_store, "csv", Selection(since=date(2025, 3, 8), section="사회"))
    assert "csv, 3 written to" in to_file.stderr.decode()
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == exported(sqlite_store, "atom", Selection(site="workheadline.co.kr"), limit=2)


def test_export_command_errors_leave_no_file(tmp_path, articles):
    store = make_store(f"sqlite:{tmp_path / 'utc.sqlite'}", [{**articles["before"], "published_at": "2025-03-07T14:59:59+00:00"}])
    store.close()
    out = tmp_path / "out.jsonl"

    bad_date = scrapy_export("--store", f"sqlite:{store.path}", "-o", str(out), "--since", "2025-03-32")
    no_store = scrapy_export("--store", f"sqlite:{tmp_path / 'none.sqlite'}", "-o", str(out))
    malformed = scrapy_export("--store", f"sqlite:{store.path}", "-o", str(out))

    assert bad_date.returncode == 2 and "argument --since" in bad_date.stderr.decode()
    assert no_store.returncode == 1 and "there is no store at" in no_store.stderr.decode()
    assert not (tmp_path / "none.sqlite").exists()
    assert malformed.returncode == 1 and "not YYYY-MM-DDTHH:MM:SS+09:00" in malformed.stderr.decode()
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_a_crawled_sample_site_exports_what_its_ground_truth_says(tmp_path):
    with sample_site.start() as site:
        crawled = crawl(site.base_url, tmp_path)
        expected = sample_site.expected_items(site.base_url)
    assert crawled.returncode == 0, crawled.log
    section = expected[0]["section"]
    since = sorted(item["published_at"] for item in expected)[len(expected) // 2][:10]
    out = tmp_path / "export.jsonl"

    result = scrapy_export("--store", f"sqlite:{crawled.store_path}", "-o", str(out), "--section", section, "--since", since)

    assert result.returncode == 0, result.stderr
    rows = jsonl_rows(out.read_bytes())
    wanted = sorted((item for item in expected if item["section"] == section and item["published_at"][:10] >= since),
                    key=lambda item: (item["published_at"], int(item["article_id"])))
    assert wanted and [row["article_id"] for row in rows] == [item["article_id"] for item in wanted]
    assert all(contract_errors(row) == [] for row in rows)


def test_export_to_a_reader_that_goes_away_stops_quietly_as_unix_tools_do(tmp_path, article):
    # Far more than a pipe holds (64 KiB), so the export is still writing when `head` has read its line and gone.
    many = [version_of(article, str(number), f"2025-03-08T{number // 60 % 24:02d}:{number % 60:02d}:00+09:00",
                       body=article["body"] * 200) for number in range(300)]
    make_store(f"sqlite:{tmp_path / 'many.sqlite'}", many).close()
    command = f"{sys.executable} -m scrapy export --store sqlite:{tmp_path / 'many.sqlite'} -o - | head -n 1"

    result = subprocess.run(["/bin/sh", "-c", command], env=scrapy_environment(), capture_output=True, timeout=120)

    assert result.returncode == 0
    assert json.loads(result.stdout)["article_id"] == "0"
    assert result.stderr == b""


def test_export_from_a_damaged_store_is_one_clear_line_and_no_file(tmp_path, article):
    path = tmp_path / "store.sqlite"
    make_store(f"sqlite:{path}", [version_of(article, str(number), None, body=article["body"] * 40) for number in range(200)]).close()
    damaged = damage_the_middle(path)
    out = tmp_path / "out.jsonl"

    result = scrapy_export("--store", f"sqlite:{path}", "-o", str(out))

    assert result.returncode == EXIT_STORE_DAMAGED
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"newscrawl export: {path} is damaged (") and line.endswith("; nothing was written")
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()
    assert path.read_bytes() == damaged


def test_export_from_a_store_of_a_newer_newscrawl_is_refused_in_one_line(tmp_path):
    path = tmp_path / "store.sqlite"
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {SQLITE_SCHEMA_VERSION + 1}")
    newer.close()

    result = scrapy_export("--store", f"sqlite:{path}", "-o", str(tmp_path / "out.jsonl"))

    assert result.returncode == EXIT_STORE_DAMAGED
    assert result.stderr.decode() == (f"newscrawl export: {path} has schema version {SQLITE_SCHEMA_VERSION + 1}, written "
                                      f"by a newer newscrawl; this one knows up to {SQLITE_SCHEMA_VERSION}; nothing was written\n")


def test_export_from_a_jsonl_store_with_a_torn_last_line_skips_it_with_a_warning(tmp_path, article):
    path = tmp_path / "store.jsonl"
    whole = (json.dumps(article, ensure_ascii=False) + "\n").encode("utf-8")
    torn = json.dumps({**article, "article_id": "829"}, ensure_ascii=False).encode("utf-8")
    # Cut inside the three bytes of a Korean character, where a full disk cut it.
    path.write_bytes(whole + torn[:torn.index("김".encode()) + 1])

    result = scrapy_export("--store", f"jsonl:{path}", "-o", "-")

    assert result.returncode == 0, result.stderr
    assert jsonl_rows(result.stdout) == [article]
    assert f"Skipped line 2 of {path}: not a whole JSON object" in result.stderr.decode()
