"""The analysts' binary exports through `scrapy export`: the BigKinds-compatible xlsx and Parquet, read back by
openpyxl, pandas, DuckDB and polars as analysts read them."""

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import openpyxl
import pandas
import polars
import pytest

from newscrawl import sample_site
from newscrawl.exports import EXCEL_CELL_LIMIT, excel_cell_text
from newscrawl.items import ARTICLE_FIELDS
from tests.crawling import crawl
from tests.test_exports import make_store, scrapy_export, version_of

# Written out, not imported: these are BigKinds' names and order, which scripts written for its downloads expect.
BIGKINDS_COLUMNS = [
    "뉴스 식별자", "일자", "언론사", "기고자", "제목", "통합 분류1", "통합 분류2", "통합 분류3",
    "사건/사고 분류1", "사건/사고 분류2", "사건/사고 분류3", "인물", "위치", "기관", "키워드",
    "특성추출(가중치순 상위 50개)", "본문", "URL", "분석제외 여부",
]
HEADER = [*BIGKINDS_COLUMNS, "발행 시각"]
KST = timezone(timedelta(hours=9))
# Longer than BigKinds' 200-character cut, so a full body is seen to be full.
LONG_BODY = "\n\n".join(f"{number}번째 문단. 서울시는 오늘 새 정책을 발표했고, 시민들은 \"기대된다\"고 말했다." for number in range(20))


@pytest.fixture
def articles(article) -> dict[str, dict]:
    return {
        "known": version_of(
            article, "828", "2025-03-08T20:54:06+09:00", body=LONG_BODY,
            authors=[{"name": "김태령", "role": "기자", "email": "kim@workheadline.co.kr"}, {"name": "편집국", "role": None, "email": None}],
            images=[{"url": "https://www.workheadline.co.kr/data/photos/a.jpg", "caption": "악수 (오른쪽)"},
                    {"url": "https://www.workheadline.co.kr/data/photos/b.jpg", "caption": None}],
            tags=["서울", "AI"], modified_at="2025-03-09T08:00:00+09:00", modified_raw="수정 2025-03-09 08:00:00",
        ),
        # Just after midnight KST: still the 9th in UTC terms the day before, so a UTC date would be wrong.
        "formula": version_of(article, "829", "2025-03-09T00:30:00+09:00", title="=SUM(A1:A9) 같은 제목", section=None,
                              authors=[], tags=[], images=[], subtitles=[]),
        "undated": version_of(article, "830", None, published_raw="등록 어제쯤"),
    }


@pytest.fixture
def store_spec(tmp_path, articles) -> str:
    spec = f"sqlite:{tmp_path / 'store.sqlite'}"
    make_store(spec, list(articles.values())).close()
    return spec


def run_export(store_spec: str, out: Path, *options: str) -> str:
    result = scrapy_export("--store", store_spec, "-o", str(out), *options)
    assert result.returncode == 0, result.stderr.decode()
    return result.stderr.decode()


def xlsx_rows(path: Path) -> list[list]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    (sheet,) = workbook.worksheets
    # A read-only sheet leaves out the empty cells at a row's end; pad to the header's width.
    rows = [list(row) + [None] * (len(HEADER) - len(row)) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


# BigKinds-compatible xlsx


def test_xlsx_header_is_bigkinds_19_columns_in_their_order_then_the_publication_time(store_spec, tmp_path):
    out = tmp_path / "news.xlsx"
    # The .xlsx suffix chooses the format.
    summary = run_export(store_spec, out)
    assert "bigkinds, 3 written to" in summary
    assert xlsx_rows(out)[0] == HEADER
    assert len(HEADER) == 20


def test_xlsx_row_of_a_known_article_holds_what_newscrawl_knows_and_empty_cells_for_the_rest(store_spec, tmp_path, articles):
    out = tmp_path / "news.xlsx"
    run_export(store_spec, out, "--format", "bigkinds")
    header, *rows = xlsx_rows(out)
    assert len(rows) == 3
    row = dict(zip(header, rows[0]))
    known = articles["known"]
    assert row == {
        "뉴스 식별자": "workheadline.co.kr:828",
        "일자": "20250308",
        "언론사": "workheadline.co.kr",
        "기고자": "김태령, 편집국",
        "제목": known["title"],
        "통합 분류1": "사회",
        **{column: None for column in BIGKINDS_COLUMNS[6:16]},
        "본문": LONG_BODY,
        "URL": known["url"],
        "분석제외 여부": None,
        "발행 시각": "2025-03-08T20:54:06+09:00",
    }
    assert len(row["본문"]) > 200
    formula = dict(zip(header, rows[1]))
    # The KST day, and a title that starts with "=" stays text, not a formula.
    assert formula["일자"] == "20250309"
    assert formula["제목"] == "=SUM(A1:A9) 같은 제목"
    assert formula["기고자"] is None and formula["통합 분류1"] is None
    undated = dict(zip(header, rows[2]))
    assert undated["뉴스 식별자"] == "workheadline.co.kr:830"
    assert undated["일자"] is None and undated["발행 시각"] is None

    # The cells are strings (nothing became a number or a formula).
    workbook = openpyxl.load_workbook(out)
    assert {cell.data_type for row in workbook.active.iter_rows() for cell in row if cell.value is not None} == {"s"}

    # pandas reads it as it reads a BigKinds download (it would make numbers of the YYYYMMDD text without dtype).
    frame = pandas.read_excel(out, engine="openpyxl", dtype={"일자": str})
    assert list(frame.columns) == HEADER
    assert frame["일자"].tolist()[:2] == ["20250308", "20250309"]
    assert frame.loc[0, "본문"] == LONG_BODY
    assert pandas.to_datetime(frame["일자"], format="%Y%m%d").dt.day.tolist()[:2] == [8, 9]


def test_an_over_long_body_is_cut_to_excels_cell_limit_with_a_marker_and_a_warning(tmp_path, article):
    # 40,000 characters, an emoji (two UTF-16 code units, as Excel counts) among them, and a control character.
    body = "가" * 20_000 + "😀" * 5_000 + "\x01" + "나" * 15_000
    spec = f"sqlite:{tmp_path / 'long.sqlite'}"
    make_store(spec, [version_of(article, "900", "2025-03-08T09:00:00+09:00", body=body)]).close()
    out = tmp_path / "long.xlsx"

    log = run_export(spec, out)

    (_, row) = xlsx_rows(out)
    cell = row[HEADER.index("본문")]
    assert len(cell.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert cell.startswith("가" * 20_000 + "😀" * 100)
    assert cell.endswith("…[cut at Excel's 32,767-character cell limit; 45,000 in full: see the JSONL or Parquet export]")
    assert "\x01" not in cell
    assert "Cut 본문 of article workheadline.co.kr 900 to Excel's cell limit of 32767 characters; it has 45000" in log
    assert "Dropped 1 character(s) XML cannot carry from 본문 of article workheadline.co.kr 900" in log
    assert "1 with a cell cut to Excel's 32,767 characters, 1 with characters XML cannot carry dropped (see the log)" in log


def test_excel_cell_text_never_splits_a_surrogate_pair_and_leaves_short_text_alone():
    assert excel_cell_text("짧은 본문") == ("짧은 본문", 0, None)
    assert excel_cell_text("a\x00b\x1fc\ufffe") == ("abc", 3, None)
    for length in (EXCEL_CELL_LIMIT - 1, EXCEL_CELL_LIMIT, EXCEL_CELL_LIMIT + 1):
        text, _, full = excel_cell_text("😀" * length)
        assert full == 2 * length
        assert len(text.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
        # Whole emoji only: a lone half of a surrogate pair would not encode.
        assert text.encode("utf-8").decode("utf-8") == text
    exact = "가" * EXCEL_CELL_LIMIT
    assert excel_cell_text(exact) == (exact, 0, None)


def test_xlsx_refuses_fields_and_revisions_and_the_same_store_gives_the_same_bytes(store_spec, tmp_path):
    fields = scrapy_export("--store", store_spec, "-o", str(tmp_path / "a.xlsx"), "--fields", "title")
    assert fields.returncode == 2 and "BigKinds workbook has its own columns" in fields.stderr.decode()
    assert not (tmp_path / "a.xlsx").exists()
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    run_export(store_spec, first)
    run_export(store_spec, second)
    assert first.read_bytes() == second.read_bytes()


# Parquet


def test_parquet_reads_back_in_pandas_with_zoned_timestamps_lists_and_nulls(store_spec, tmp_path, articles):
    out = tmp_path / "articles.parquet"
    assert "parquet, 3 written to" in run_export(store_spec, out)

    frame = pandas.read_parquet(out)

    assert list(frame.columns) == ARTICLE_FIELDS
    assert str(frame["published_at"].dtype) == "datetime64[us, Asia/Seoul]"
    assert str(frame["crawled_at"].dtype) == "datetime64[us, UTC]"
    known = frame.iloc[0]
    assert known["published_at"] == pandas.Timestamp("2025-03-08T20:54:06+09:00")
    assert known["published_at"].isoformat() == "2025-03-08T20:54:06+09:00"
    assert known["modified_at"] == pandas.Timestamp("2025-03-09T08:00:00+09:00")
    assert known["crawled_at"] == pandas.Timestamp("2026-11-27T12:00:00+00:00")
    assert [dict(author) for author in known["authors"]] == articles["known"]["authors"]
    assert [dict(image) for image in known["images"]] == articles["known"]["images"]
    assert list(known["tags"]) == ["서울", "AI"]
    assert known["body"] == LONG_BODY and known["article_id"] == "828"
    assert pandas.isna(frame.iloc[2]["published_at"]) and frame.iloc[2]["published_raw"] == "등록 어제쯤"
    assert pandas.isna(frame.iloc[1]["section"]) and list(frame.iloc[1]["authors"]) == []


def test_parquet_reads_back_in_duckdb_with_zoned_timestamps_lists_and_nulls(store_spec, tmp_path):
    out = tmp_path / "articles.parquet"
    run_export(store_spec, out)
    connection = duckdb.connect()

    types = dict(row[:2] for row in connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall())

    assert types["published_at"] == types["modified_at"] == types["crawled_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "STRUCT(\"name\" VARCHAR, \"role\" VARCHAR, email VARCHAR)[]" or \
        types["authors"] == "STRUCT(name VARCHAR, role VARCHAR, email VARCHAR)[]"
    assert types["images"] == "STRUCT(url VARCHAR, caption VARCHAR)[]"
    assert types["tags"] == types["subtitles"] == "VARCHAR[]"
    assert types["article_id"] == types["title"] == "VARCHAR"
    rows = connection.execute(
        f"SELECT article_id, epoch(published_at), authors[1].name, len(tags), published_at IS NULL "
        f"FROM read_parquet('{out}') ORDER BY article_id"
    ).fetchall()
    assert rows == [
        ("828", datetime(2025, 3, 8, 20, 54, 6, tzinfo=KST).timestamp(), "김태령", 2, False),
        ("829", datetime(2025, 3, 9, 0, 30, tzinfo=KST).timestamp(), None, 0, False),
        ("830", None, "김태령", 0, True),
    ]


def test_parquet_reads_back_in_polars_with_zoned_timestamps_lists_and_nulls(store_spec, tmp_path):
    out = tmp_path / "articles.parquet"
    run_export(store_spec, out)

    frame = polars.read_parquet(out)

    assert frame.schema["published_at"] == polars.Datetime("us", "Asia/Seoul")
    assert frame.schema["crawled_at"] == polars.Datetime("us", "UTC")
    assert frame.schema["authors"] == polars.List(polars.Struct({"name": polars.String, "role": polars.String, "email": polars.String}))
    assert frame.schema["tags"] == polars.List(polars.String)
    assert frame["published_at"].to_list()[0] == datetime(2025, 3, 8, 20, 54, 6, tzinfo=KST)
    assert frame["published_at"].null_count() == 1
    assert frame["authors"].to_list()[0][1] == {"name": "편집국", "role": None, "email": None}


def test_parquet_takes_fields_and_revisions_and_the_same_store_gives_the_same_bytes(tmp_path, articles):
    first = articles["known"]
    edited = {**first, "title": "고친 제목", "content_hash": "1" * 64, "crawled_at": "2026-11-28T12:00:00+00:00"}
    spec = f"sqlite:{tmp_path / 'edited.sqlite'}"
    make_store(spec, [first, edited]).close()
    out = tmp_path / "edits.parquet"

    run_export(spec, out, "--fields", "article_id,title,published_at", "--include-revisions")

    frame = pandas.read_parquet(out)
    assert list(frame.columns) == ["article_id", "title", "published_at", "superseded_at"]
    assert str(frame["superseded_at"].dtype) == "datetime64[us, UTC]"
    assert frame["title"].tolist() == [first["title"], "고친 제목"]
    assert frame["superseded_at"].iloc[0] == pandas.Timestamp("2026-11-28T12:00:00+00:00")
    assert pandas.isna(frame["superseded_at"].iloc[1])
    again = tmp_path / "again.parquet"
    run_export(spec, again, "--fields", "article_id,title,published_at", "--include-revisions")
    assert again.read_bytes() == out.read_bytes()


# A crawled sample site


def test_a_crawled_sample_site_exports_every_article_to_xlsx_and_parquet(tmp_path):
    with sample_site.start() as site:
        crawled = crawl(site.base_url, tmp_path)
        expected = sample_site.expected_items(site.base_url)
    assert crawled.returncode == 0, crawled.log
    stored = crawled.stored()
    assert len(stored) == len(expected)
    spec = f"sqlite:{crawled.store_path}"
    xlsx, parquet = tmp_path / "news.xlsx", tmp_path / "articles.parquet"

    run_export(spec, xlsx)
    run_export(spec, parquet)

    header, *rows = xlsx_rows(xlsx)
    by_id = {item["article_id"]: item for item in stored}
    assert sorted(row[0] for row in rows) == sorted(f"{item['site']}:{item['article_id']}" for item in stored)
    for row in rows:
        item = by_id[row[0].split(":")[1]]
        cells = dict(zip(header, row))
        assert cells["제목"] == item["title"] and cells["URL"] == item["url"] and cells["통합 분류1"] == item["section"]
        assert cells["일자"] == (item["published_at"][:10].replace("-", "") if item["published_at"] else None)
        assert cells["본문"] == (item["body"] or None)
    frame = pandas.read_parquet(parquet)
    assert sorted(frame["article_id"]) == sorted(by_id)
    assert frame["published_at"].dt.tz is not None


def test_scrapy_commands_do_not_import_openpyxl_or_pyarrow_until_an_export_needs_them():
    # Scrapy imports every command's module for every command: a crawl would carry both libraries otherwise.
    code = "import sys, newscrawl.commands.export; print(sorted({'openpyxl', 'pyarrow'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_a_jsonl_store_exports_to_xlsx_and_parquet_as_a_sqlite_store_does(tmp_path, articles):
    outputs = []
    for kind in ("sqlite", "jsonl"):
        spec = f"{kind}:{tmp_path / f'store.{kind}'}"
        make_store(spec, list(articles.values())).close()
        xlsx, parquet = tmp_path / f"{kind}.xlsx", tmp_path / f"{kind}.parquet"
        run_export(spec, xlsx)
        run_export(spec, parquet)
        outputs.append((xlsx.read_bytes(), parquet.read_bytes()))
    assert outputs[0] == outputs[1]
