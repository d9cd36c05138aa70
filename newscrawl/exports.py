"""Exports for analysts: stored articles as JSON Lines, CSV for Excel, an Atom feed, a BigKinds-compatible Excel
workbook or Parquet, for a period, section and site.

Selecting and flattening are pure functions; each writer streams the rows it is given into a binary stream, so an
export of any size holds one article at a time (an Atom feed holds its `limit` entries, Parquet one row group).
"""

import csv
import io
import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from itertools import islice
from typing import BinaryIO
from urllib.parse import urljoin
from xml.etree import ElementTree
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from scrapy.exporters import JsonLinesItemExporter

from newscrawl.items import ARTICLE_FIELDS, ARTICLE_SCHEMA, _allowed_types
from newscrawl.sites import site_at
from newscrawl.stores import JsonlStore, SqliteStore

logger = logging.getLogger(__name__)

EXPORT_FORMATS = ("jsonl", "csv", "atom", "bigkinds", "parquet")
# The formats whose columns are the article's fields: --fields and --include-revisions apply to them.
FIELD_FORMATS = ("jsonl", "csv", "parquet")
# The one field an export adds, and only to earlier versions of an article (include_revisions): when the version
# that replaced it was fetched (UTC). A row without it is a current article, valid against the schema.
SUPERSEDED_AT = "superseded_at"
_DATE = r"\d{4}-\d{2}-\d{2}"
KST_DATE_RE = re.compile(_DATE)
# How the normaliser writes every published_at; the date bounds and the order of an export compare these as text.
KST_TIMESTAMP_RE = re.compile(_DATE + r"T\d{2}:\d{2}:\d{2}\+09:00")
CSV_LIST_SEPARATOR = "; "
# The byte order mark makes Excel read the file as UTF-8 instead of the ANSI code page (CP949 in Korea).
CSV_ENCODING = "utf-8-sig"
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
DEFAULT_FEED_LIMIT = 50
# Characters XML 1.0 cannot carry, not even escaped.
XML_INVALID_CHARACTER_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportError(Exception):
    """The store holds something an export cannot write faithfully, or nothing a feed could hold."""


class ExportOptionError(ValueError):
    """Options that do not go together; raised before anything is written."""


@dataclass(frozen=True)
class Selection:
    """Which articles an export holds: KST calendar dates (inclusive) on published_at, a section, a site."""

    since: date | None = None
    until: date | None = None
    section: str | None = None
    site: str | None = None

    def store_query(self) -> dict:
        """The stores' select_articles bounds: a KST day is every published_at that starts with its date."""
        return {
            "published_from": self.since.isoformat() if self.since else None,
            "published_before": (self.until + timedelta(days=1)).isoformat() if self.until else None,
            "section": self.section,
            "site": self.site,
        }


@dataclass
class ExportSummary:
    written: int = 0
    # Atom entries left out because their text holds characters XML cannot carry; each one is logged.
    skipped: int = 0
    # BigKinds rows with a cell cut to Excel's cell limit, and rows that had characters XML cannot carry dropped;
    # each one is logged.
    cut: int = 0
    stripped: int = 0


def parse_kst_date(text: str) -> date:
    """`YYYY-MM-DD`, a calendar day in Korea Standard Time."""
    if not KST_DATE_RE.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {text!r}")
    return date.fromisoformat(text)


def parse_fields(text: str) -> list[str]:
    """A comma-separated list of article fields, in the order given."""
    fields = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in fields if name not in ARTICLE_FIELDS]
    if unknown or not fields:
        raise ValueError(f"unknown field(s) {', '.join(unknown) or '(none given)'}; the fields are {', '.join(ARTICLE_FIELDS)}")
    if len(set(fields)) != len(fields):
        raise ValueError(f"a field is named twice in {text!r}")
    return fields


def select_articles(store: SqliteStore | JsonlStore, selection: Selection, *, newest_first: bool = False) -> Iterator[dict]:
    """The selected current articles, in published_at order (undated last), checked to be in the form that order needs."""
    for article in store.select_articles(**selection.store_query(), newest_first=newest_first):
        published = article["published_at"]
        if published is not None and not KST_TIMESTAMP_RE.fullmatch(published):
            raise ExportError(
                f"article {article['site']} {article['article_id']} has published_at {published!r}, not "
                "YYYY-MM-DDTHH:MM:SS+09:00: the export's date bounds and order would be wrong"
            )
        yield article


def with_revisions(store: SqliteStore, articles: Iterable[dict]) -> Iterator[dict]:
    """Each article preceded by its earlier versions, oldest first, each marked with SUPERSEDED_AT."""
    for article in articles:
        earlier = store.revisions(article["site"], article["article_id"])
        for version, successor in zip(earlier, [*earlier[1:], article]):
            yield {**version, SUPERSEDED_AT: successor["crawled_at"]}
        yield article


def _with_detail(main: str, detail: str | None) -> str:
    return f"{main} ({detail})" if detail else main


def author_cell_text(author: dict) -> str:
    return _with_detail(author["name"], author.get("role"))


def image_cell_text(image: dict) -> str:
    return _with_detail(image["url"], image.get("caption"))


CSV_LIST_ITEM_TEXT = {"authors": author_cell_text, "images": image_cell_text}


def csv_cell(name: str, value) -> str:
    """One CSV cell: a list joined with '; ' (authors as `name (role)`, images as `url (caption)`), null as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(map(CSV_LIST_ITEM_TEXT.get(name, str), value))
    return value


def write_jsonl(rows: Iterable[dict], stream: BinaryIO, fields: list[str]) -> ExportSummary:
    # Scrapy's exporter fits JSON Lines as it is: one object a line, the fields in the order given, UTF-8 unescaped.
    # A field a row lacks (SUPERSEDED_AT on a current article) is left out of that row.
    exporter = JsonLinesItemExporter(stream, fields_to_export=fields, encoding="utf-8")
    summary = ExportSummary()
    exporter.start_exporting()
    for row in rows:
        exporter.export_item(row)
        summary.written += 1
    exporter.finish_exporting()
    return summary


def write_csv(rows: Iterable[dict], stream: BinaryIO, fields: list[str]) -> ExportSummary:
    # The csv module rather than Scrapy's CsvItemExporter: that one writes its header with the first row, so an
    # empty period would give an empty file without header or BOM, and it cannot flatten authors or images.
    # csv quotes every cell that holds a newline, so bodies keep their paragraphs inside one cell.
    text = io.TextIOWrapper(stream, encoding=CSV_ENCODING, newline="")
    writer = csv.writer(text)
    writer.writerow(fields)
    summary = ExportSummary()
    for row in rows:
        writer.writerow([csv_cell(name, row.get(name)) for name in fields])
        summary.written += 1
    text.detach()
    return summary


def _entry_updated(article: dict) -> str:
    return article["modified_at"] or article["published_at"]


def _xml_texts(article: dict) -> Iterator[str]:
    yield from (article["url"], article["title"], article["body"], article["section"] or "")
    yield from (author["name"] for author in article["authors"])
    yield from article["tags"]


def _atom_element(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _atom_entry(feed: ElementTree.Element, article: dict) -> None:
    entry = _atom_element(feed, "entry")
    # The canonical URL names one article for good, so it is the entry's permanent id.
    _atom_element(entry, "id", article["url"])
    _atom_element(entry, "title", article["title"])
    _atom_element(entry, "updated", _entry_updated(article))
    _atom_element(entry, "published", article["published_at"])
    _atom_element(entry, "link", rel="alternate", type="text/html", href=article["url"])
    for author in article["authors"]:
        _atom_element(_atom_element(entry, "author"), "name", author["name"])
    for category in ([article["section"]] if article["section"] else []) + article["tags"]:
        _atom_element(entry, "category", term=category)
    _atom_element(entry, "content", article["body"], type="text")


def write_atom(
    articles: Iterable[dict],
    stream: BinaryIO,
    *,
    selection: Selection,
    limit: int = DEFAULT_FEED_LIMIT,
    feed_url: str | None = None,
) -> ExportSummary:
    """An Atom feed (RFC 4287) of the first `limit` dated articles, which must come newest first.

    Its id is `feed_url` (also its rel=self link) when given, else the page it follows on the site: the section's
    list page for a section feed, the home page otherwise. Its `updated` is the newest entry's, so the same
    articles always give the same bytes.
    """
    summary = ExportSummary()
    entries = []
    for article in articles:
        # Undated articles come last and have no place among the latest.
        if len(entries) == limit or article["published_at"] is None:
            break
        invalid = next((match for text in _xml_texts(article) if (match := XML_INVALID_CHARACTER_RE.search(text))), None)
        if invalid:
            logger.warning("Left article %s %s out of the feed: it holds U+%04X, which XML cannot carry",
                           article["site"], article["article_id"], ord(invalid.group()))
            summary.skipped += 1
            continue
        entries.append(article)
    if not entries:
        raise ExportError("no dated article matches, and an Atom feed needs at least one entry")
    sites = sorted({article["site"] for article in entries})
    if len(sites) > 1:
        raise ExportError(f"the feed would mix the sites {', '.join(sites)}; choose one site")
    newest = entries[0]
    home_page = urljoin(newest["url"], "/")
    site = site_at(home_page)
    follows = site.cms.list_url(site, newest["section_code"]) if selection.section and newest["section_code"] else home_page

    # Declared on the root, the namespace is every element's; ElementTree's default_namespace option would
    # want the unprefixed attributes (rel, href) namespaced too.
    feed = ElementTree.Element("feed", xmlns=ATOM_NAMESPACE)
    _atom_element(feed, "id", feed_url or follows)
    _atom_element(feed, "title", " · ".join(filter(None, (sites[0], selection.section))))
    _atom_element(feed, "updated", max(map(_entry_updated, entries), key=datetime.fromisoformat))
    _atom_element(feed, "link", rel="alternate", type="text/html", href=follows)
    if feed_url:
        _atom_element(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    # The feed's author stands for every entry whose byline named nobody.
    _atom_element(_atom_element(feed, "author"), "name", sites[0])
    for article in entries:
        _atom_entry(feed, article)
        summary.written += 1
    tree = ElementTree.ElementTree(feed)
    ElementTree.indent(tree)
    tree.write(stream, encoding="utf-8", xml_declaration=True)
    stream.write(b"\n")
    return summary


# BigKinds


# The columns of BigKinds' Excel downloads, in their order, so scripts written for those run unchanged.
BIGKINDS_COLUMNS = (
    "뉴스 식별자", "일자", "언론사", "기고자", "제목", "통합 분류1", "통합 분류2", "통합 분류3",
    "사건/사고 분류1", "사건/사고 분류2", "사건/사고 분류3", "인물", "위치", "기관", "키워드",
    "특성추출(가중치순 상위 50개)", "본문", "URL", "분석제외 여부",
)
# newscrawl's one column beyond them, last: the publication time to the second that BigKinds' 일자 leaves out.
BIGKINDS_TIME_COLUMN = "발행 시각"
BIGKINDS_HEADER = (*BIGKINDS_COLUMNS, BIGKINDS_TIME_COLUMN)
BIGKINDS_SHEET = "sheet"
BIGKINDS_AUTHOR_SEPARATOR = ", "
# The most characters (UTF-16 code units, as Excel counts them) one cell holds; Excel calls a longer one damage.
EXCEL_CELL_LIMIT = 32_767
EXCEL_CUT_MARKER = "…[cut at Excel's 32,767-character cell limit; {length:,} in full: see the JSONL or Parquet export]"
# Every member of the workbook's zip carries this time (the zip format's first), so the same rows give the same bytes.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_COPY_CHUNK = 1 << 20


def bigkinds_id(article: dict) -> str:
    """뉴스 식별자: site and article number, which name one article for good, e.g. workheadline.co.kr:828."""
    return f"{article['site']}:{article['article_id']}"


def bigkinds_row(article: dict) -> list[str | None]:
    """The BIGKINDS_HEADER cells of one article: what newscrawl knows, None (an empty cell) for the rest."""
    published = article["published_at"]
    known = {
        "뉴스 식별자": bigkinds_id(article),
        # published_at is KST (select_articles checks it), so its date is the KST day.
        "일자": published[:10].replace("-", "") if published else None,
        # The registry names a site by its host; it has no other name for the outlet.
        "언론사": article["site"],
        "기고자": BIGKINDS_AUTHOR_SEPARATOR.join(author["name"] for author in article["authors"]) or None,
        "제목": article["title"],
        "통합 분류1": article["section"],
        "본문": article["body"] or None,
        "URL": article["url"],
        BIGKINDS_TIME_COLUMN: published,
    }
    return [known.get(column) for column in BIGKINDS_HEADER]


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def excel_cell_text(text: str) -> tuple[str, int, int | None]:
    """`text` as an xlsx cell can hold it, the number of characters dropped, and its length when it was cut.

    Characters XML cannot carry (control characters; openpyxl refuses them) are dropped; then text longer than
    EXCEL_CELL_LIMIT is cut to end with EXCEL_CUT_MARKER, the whole within the limit.
    """
    text, dropped = XML_INVALID_CHARACTER_RE.subn("", text)
    # A character is at most two UTF-16 code units, so only a text longer than half the limit needs counting.
    if len(text) * 2 <= EXCEL_CELL_LIMIT or (length := _utf16_length(text)) <= EXCEL_CELL_LIMIT:
        return text, dropped, None
    marker = EXCEL_CUT_MARKER.format(length=length)
    kept = (EXCEL_CELL_LIMIT - _utf16_length(marker)) * 2
    # "ignore" drops the half of a surrogate pair the cut may leave at the end.
    return text.encode("utf-16-le")[:kept].decode("utf-16-le", errors="ignore") + marker, dropped, length


class _ReproducibleZipFile(ZipFile):
    """A zip whose members carry ZIP_EPOCH instead of the time they were written."""

    def _member(self, name: str) -> ZipInfo:
        member = ZipInfo(name, ZIP_EPOCH)
        member.compress_type = self.compression
        member.external_attr = 0o600 << 16
        return member

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = self._member(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        member = self._member(arcname or os.path.basename(filename))
        # Known beforehand, the size tells zipfile whether the member needs ZIP64.
        member.file_size = os.path.getsize(filename)
        with open(filename, "rb") as source, self.open(member, "w") as target:
            shutil.copyfileobj(source, target, _COPY_CHUNK)


def _document_time(crawled_at: str | None) -> datetime:
    """The workbook's created and modified times: its newest article's fetch (UTC, naive as openpyxl wants it)."""
    if crawled_at is None:
        return datetime(*ZIP_EPOCH)
    return datetime.fromisoformat(crawled_at).astimezone(timezone.utc).replace(tzinfo=None)


def write_bigkinds(articles: Iterable[dict], stream: BinaryIO) -> ExportSummary:
    """An xlsx workbook of one sheet: BIGKINDS_HEADER, then a row per article.

    openpyxl's write-only workbook writes each row into a temporary file as it comes, strings inline, so memory
    stays flat; the zip is made from that file at the end. Every text cell is a string cell, never a formula,
    whatever it starts with.
    """
    # Imported here, as pyarrow is: Scrapy imports every command's module for every command, a crawl included, and
    # openpyxl and pyarrow would add 0.8 s and 57 MiB to each.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    summary = ExportSummary()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(BIGKINDS_SHEET)
    sheet.append(BIGKINDS_HEADER)
    newest_fetch = None
    for article in articles:
        cells = []
        cut = stripped = False
        for column, value in zip(BIGKINDS_HEADER, bigkinds_row(article)):
            if value is None:
                cells.append(None)
                continue
            text, dropped, length = excel_cell_text(value)
            if dropped:
                logger.warning("Dropped %d character(s) XML cannot carry from %s of article %s %s",
                               dropped, column, article["site"], article["article_id"])
                stripped = True
            if length is not None:
                logger.warning("Cut %s of article %s %s to Excel's cell limit of %d characters; it has %d",
                               column, article["site"], article["article_id"], EXCEL_CELL_LIMIT, length)
                cut = True
            cell = WriteOnlyCell(sheet, text)
            # openpyxl would make a text that starts with "=" a formula.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        summary.written += 1
        summary.cut += cut
        summary.stripped += stripped
        if newest_fetch is None or datetime.fromisoformat(article["crawled_at"]) > datetime.fromisoformat(newest_fetch):
            newest_fetch = article["crawled_at"]
    workbook.properties.creator = "newscrawl"
    workbook.properties.created = workbook.properties.modified = _document_time(newest_fetch)
    # ExcelWriter is what openpyxl's own save uses; called here with a zip of fixed member times and the workbook's
    # own times already set (save would set modified to now).
    ExcelWriter(workbook, _ReproducibleZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return summary


# Parquet


# Articles a row group holds (some 3 MB of text): the one part of a Parquet export held in memory at a time. Peak
# memory grows with it (5,000 took some 70 MiB more than 1,000), while readers gain little from larger groups.
PARQUET_ROW_GROUP_ROWS = 1_000
# Times the normaliser writes with the +09:00 the sites print are shown in Korea's zone; these are UTC.
UTC_TIME_FIELDS = {"crawled_at", SUPERSEDED_AT}
KST_ZONE = "Asia/Seoul"
PARQUET_TIME_UNIT = "us"


def _parquet_type(name: str, field_schema: dict):
    """The Arrow type of one schema property: lists as lists, objects as structs, date-times as zoned timestamps."""
    import pyarrow

    types = _allowed_types(field_schema)
    if "array" in types:
        return pyarrow.list_(_parquet_type(name, field_schema["items"]))
    if "object" in types:
        return pyarrow.struct([pyarrow.field(key, _parquet_type(key, value)) for key, value in field_schema["properties"].items()])
    if field_schema.get("format") == "date-time":
        return pyarrow.timestamp(PARQUET_TIME_UNIT, tz="UTC" if name in UTC_TIME_FIELDS else KST_ZONE)
    return pyarrow.string()


@cache
def parquet_fields() -> dict:
    """Each field's Arrow field (pyarrow.Field), SUPERSEDED_AT included: the schema's required fields are not null."""
    import pyarrow

    fields = {
        name: pyarrow.field(name, _parquet_type(name, field_schema),
                            nullable=name not in ARTICLE_SCHEMA["required"] or "null" in _allowed_types(field_schema))
        for name, field_schema in ARTICLE_SCHEMA["properties"].items()
    }
    # An earlier version's one extra field; null on current articles.
    fields[SUPERSEDED_AT] = pyarrow.field(SUPERSEDED_AT, pyarrow.timestamp(PARQUET_TIME_UNIT, tz="UTC"))
    return fields


@cache
def _parquet_time_fields() -> frozenset[str]:
    import pyarrow

    return frozenset(name for name, field in parquet_fields().items() if pyarrow.types.is_timestamp(field.type))


def parquet_schema(fields: list[str]):
    """The pyarrow.Schema of a Parquet export of `fields`."""
    import pyarrow

    return pyarrow.schema([parquet_fields()[name] for name in fields])


def parquet_row(article: dict, fields: list[str]) -> dict:
    """One article's values for Arrow: times as aware datetimes (the instant they name), the rest as they are."""
    row = {}
    time_fields = _parquet_time_fields()
    for name in fields:
        value = article.get(name)
        if value is not None and name in time_fields:
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise ExportError(f"article {article['site']} {article['article_id']} has {name} {value!r}, "
                                  "not an ISO 8601 time") from None
        row[name] = value
    return row


def write_parquet(rows: Iterable[dict], stream: BinaryIO, fields: list[str]) -> ExportSummary:
    """A Parquet file of `fields`, typed by parquet_fields(), a row group of PARQUET_ROW_GROUP_ROWS articles at a time."""
    import pyarrow
    import pyarrow.parquet

    summary = ExportSummary()
    schema = parquet_schema(fields)
    rows = iter(rows)
    with pyarrow.parquet.ParquetWriter(stream, schema) as writer:
        while batch := [parquet_row(row, fields) for row in islice(rows, PARQUET_ROW_GROUP_ROWS)]:
            writer.write_batch(pyarrow.RecordBatch.from_pylist(batch, schema=schema))
            summary.written += len(batch)
    return summary


def export(
    store: SqliteStore | JsonlStore,
    stream: BinaryIO,
    export_format: str,
    selection: Selection = Selection(),
    *,
    fields: list[str] | None = None,
    include_revisions: bool = False,
    limit: int | None = None,
    feed_url: str | None = None,
) -> ExportSummary:
    """Write the selected articles of `store` to `stream` as `export_format` (one of EXPORT_FORMATS).

    JSONL, CSV and Parquet hold every selected article, oldest first (`fields` chooses the columns;
    `include_revisions` adds earlier versions); BigKinds holds every selected article, oldest first, in its fixed
    columns; Atom holds the latest `limit` (default DEFAULT_FEED_LIMIT), newest first.
    Options that do not apply to the format are an ExportOptionError, raised before anything is written.
    """
    if export_format not in EXPORT_FORMATS:
        raise ExportOptionError(f"unknown export format {export_format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if export_format == "atom":
        if fields or include_revisions:
            raise ExportOptionError(f"an Atom feed has its own elements: fields and earlier versions are for {', '.join(FIELD_FORMATS)}")
        return write_atom(select_articles(store, selection, newest_first=True), stream,
                          selection=selection, limit=DEFAULT_FEED_LIMIT if limit is None else limit, feed_url=feed_url)
    if limit is not None or feed_url is not None:
        raise ExportOptionError("a limit and a feed URL are for the Atom feed; the other formats hold every selected article")
    if export_format == "bigkinds":
        if fields or include_revisions:
            raise ExportOptionError("the BigKinds workbook has its own columns: fields and earlier versions are for "
                                    f"{', '.join(FIELD_FORMATS)}")
        return write_bigkinds(select_articles(store, selection), stream)
    if include_revisions and isinstance(store, JsonlStore):
        # The JSONL store's own file already holds every version, one line each.
        raise ExportOptionError("earlier versions are kept apart only by a SQLite or PostgreSQL store")
    fields = list(fields or ARTICLE_FIELDS)
    rows = select_articles(store, selection)
    if include_revisions:
        rows = with_revisions(store, rows)
        fields.append(SUPERSEDED_AT)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[export_format]
    return writer(rows, stream, fields)
