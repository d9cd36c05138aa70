"""Exports for analysts: stored articles as JSON Lines, CSV for Excel, or an Atom feed, for a period, section and site.

Selecting and flattening are pure functions; each writer streams the rows it is given into a binary stream, so an
export of any size holds one article at a time (an Atom feed holds its `limit` entries).
"""

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import BinaryIO
from urllib.parse import urljoin
from xml.etree import ElementTree

from scrapy.exporters import JsonLinesItemExporter

from newscrawl.items import ARTICLE_FIELDS
from newscrawl.sites import site_at
from newscrawl.stores import JsonlStore, SqliteStore

logger = logging.getLogger(__name__)

EXPORT_FORMATS = ("jsonl", "csv", "atom")
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

    JSONL and CSV hold every selected article, oldest first (`fields` chooses the columns; `include_revisions`
    adds earlier versions); Atom holds the latest `limit` (default DEFAULT_FEED_LIMIT), newest first.
    Options that do not apply to the format are an ExportOptionError, raised before anything is written.
    """
    if export_format not in EXPORT_FORMATS:
        raise ExportOptionError(f"unknown export format {export_format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if export_format == "atom":
        if fields or include_revisions:
            raise ExportOptionError("an Atom feed has its own elements: fields and earlier versions are for jsonl and csv")
        return write_atom(select_articles(store, selection, newest_first=True), stream,
                          selection=selection, limit=DEFAULT_FEED_LIMIT if limit is None else limit, feed_url=feed_url)
    if limit is not None or feed_url is not None:
        raise ExportOptionError("a limit and a feed URL are for the Atom feed; jsonl and csv hold every selected article")
    if include_revisions and isinstance(store, JsonlStore):
        # The JSONL store's own file already holds every version, one line each.
        raise ExportOptionError("earlier versions are kept apart only by a SQLite or PostgreSQL store")
    fields = list(fields or ARTICLE_FIELDS)
    rows = select_articles(store, selection)
    if include_revisions:
        rows = with_revisions(store, rows)
        fields.append(SUPERSEDED_AT)
    writer = {"jsonl": write_jsonl, "csv": write_csv}[export_format]
    return writer(rows, stream, fields)
