"""`scrapy search QUERY`: the stored articles whose title or body contains a word or phrase, newest first.

On the terminal each match is its date, site, section and title, and a snippet around the hit; `-o`/`--format`
write the matches as `scrapy export` writes articles (JSONL or CSV, the same writers). The store, its options and
the exit codes are those of `scrapy export`: the two share newscrawl.commands.common.
"""

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from newscrawl.commands.common import (STDOUT, StoreNotReadable, add_selection_options, argument_type, reading_store,
                                       output, positive_int, selection_of)
from newscrawl.commands.export import FORMAT_OF_SUFFIX
from newscrawl.exports import ExportSummary, Selection, parse_fields, write_csv, write_jsonl
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.search import SearchQueryError, normalize_query, snippet

TEXT = "text"
SEARCH_FORMATS = (TEXT, "jsonl", "csv")
FORMAT_OF_SEARCH_SUFFIX = {**{suffix: name for suffix, name in FORMAT_OF_SUFFIX.items() if name in SEARCH_FORMATS},
                           ".txt": TEXT}


def search(store, query: str, selection: Selection = Selection(), limit: int | None = None) -> Iterable[dict]:
    """The store's current articles whose NFC title or body contains `query` (NFC-normalised here), newest first
    (undated last), within `selection`, at most `limit`."""
    return store.search_articles(normalize_query(query), **selection.store_query(), limit=limit)


def match_lines(article: dict, query: str) -> str:
    """A match on the terminal: `date  site  section  title`, then the snippet around its first hit, indented."""
    published = (article["published_at"] or "")[:16].replace("T", " ") or "(undated)"
    head = "  ".join(filter(None, (published, article["site"], article["section"], article["title"].replace("\n", " "))))
    found = snippet(article, query)
    return f"{head}\n    {found.marked() if found else ''}\n"


def write_text(rows: Iterable[dict], stream: BinaryIO, query: str) -> ExportSummary:
    summary = ExportSummary()
    for article in rows:
        stream.write(match_lines(article, query).encode("utf-8"))
        summary.written += 1
    return summary


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return ("QUERY [-o PATH] [--format text|jsonl|csv] [--since DATE] [--until DATE] [--section NAME] [--site HOST] "
                "[--limit N] [options]")

    def short_desc(self) -> str:
        return "Find the stored articles whose title or body contains a word or phrase"

    def long_desc(self) -> str:
        return (
            "Find every current article whose title or body contains QUERY as written (any length: 시, 시장, "
            "'폭염 대비'; quote a phrase), both NFC-normalised, so Hangul typed on macOS (NFD) is found too. Matches "
            "come newest first, undated last. On the terminal each is its date, site, section and title, then a "
            "snippet with the hit in «»; -o FILE.jsonl / FILE.csv or --format write the articles as scrapy export does. "
            "Exit codes: 0 ok (also when nothing matches), 1 no store or it cannot be read, 2 bad options, 9 the store "
            "is damaged or from a newer newscrawl."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        group = parser.add_argument_group(title="Search Options")
        group.add_argument("-o", "--output", default=STDOUT, metavar="PATH", help="file to write, or - for standard output (default)")
        group.add_argument("--format", choices=SEARCH_FORMATS,
                           help="by default the output's extension tells (.jsonl, .csv, .txt); text on standard output")
        add_selection_options(group)
        group.add_argument("--limit", type=argument_type(positive_int), metavar="N", help="the newest N matches at most (default all)")
        group.add_argument("--fields", type=argument_type(parse_fields), metavar="NAME,NAME,...",
                           help="jsonl and csv only; these fields, in this order (default every field of the schema)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give the query as one argument; quote a phrase, e.g. scrapy search '폭염 대비'")
        try:
            query = normalize_query(args[0])
        except SearchQueryError as error:
            raise UsageError(str(error)) from None
        selection = selection_of(opts)
        output_format = opts.format or self._format_of(opts.output)
        if opts.fields and output_format == TEXT:
            raise UsageError("--fields is for jsonl and csv; the terminal shows date, site, section, title and a snippet")
        store_spec = opts.store or self.settings.get("NEWSCRAWL_STORE")
        configure_logging(self.settings)
        try:
            with reading_store(store_spec) as store, output(opts.output) as stream:
                rows = search(store, query, selection, opts.limit)
                if output_format == TEXT:
                    summary = write_text(rows, stream, query)
                else:
                    writer = {"jsonl": write_jsonl, "csv": write_csv}[output_format]
                    summary = writer(rows, stream, list(opts.fields or ARTICLE_FIELDS))
        except StoreNotReadable as unreadable:
            self._fail(str(unreadable), unreadable.exitcode)
            return
        where = "standard output" if opts.output == STDOUT else opts.output
        limited = f" (the newest {opts.limit}: --limit)" if opts.limit is not None and summary.written == opts.limit else ""
        print(f"newscrawl search: {summary.written} matching {query!r}{limited}, {output_format} to {where}", file=sys.stderr)

    @staticmethod
    def _format_of(output: str) -> str:
        if output == STDOUT:
            return TEXT
        suffix = Path(output).suffix.lower()
        if suffix not in FORMAT_OF_SEARCH_SUFFIX:
            raise UsageError(f"cannot tell the format from {output!r}; give --format {'|'.join(SEARCH_FORMATS)}")
        return FORMAT_OF_SEARCH_SUFFIX[suffix]

    def _fail(self, message: str, code: int = 1) -> None:
        print(f"newscrawl search: {message}", file=sys.stderr)
        self.exitcode = code
