"""`scrapy export`: the store's articles as JSONL, CSV for Excel, an Atom feed, a BigKinds-compatible Excel workbook
or Parquet, for a period, section and site.

Reading needs no lock: SQLite readers see the last committed batch while a crawl writes the next one.
"""

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from newscrawl.commands.common import (STDOUT, StoreNotReadable, add_selection_options, argument_type, reading_store,
                                       output, positive_int, selection_of)
from newscrawl.exports import EXCEL_CELL_LIMIT, EXPORT_FORMATS, ExportError, ExportOptionError, export, parse_fields

FORMAT_OF_SUFFIX = {".jsonl": "jsonl", ".csv": "csv", ".atom": "atom", ".xml": "atom", ".xlsx": "bigkinds", ".parquet": "parquet"}


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[-o PATH] [--format jsonl|csv|atom|bigkinds|parquet] [--since DATE] [--until DATE] [--section NAME] [--site HOST] [options]"

    def short_desc(self) -> str:
        return "Export stored articles as JSONL, CSV (for Excel), an Atom feed, BigKinds-compatible xlsx or Parquet"

    def long_desc(self) -> str:
        return (
            "Write the store's articles for a period, section and site. JSONL and CSV hold every selected article, "
            "ordered by published_at then article number (undated articles last); the CSV is UTF-8 with a BOM for "
            "Excel, lists joined with '; ' and authors as 'name (role)'. Atom is a feed of the latest articles, newest "
            "first. bigkinds is an xlsx workbook with the 19 columns of BigKinds' downloads plus the publication time; "
            "parquet has typed columns (zoned timestamps, lists). The same store and options always give the same "
            "bytes. Exit codes: 0 ok, 1 nothing exportable (no store, no article for a feed, a malformed stored time), "
            "2 bad options, 9 the store is damaged or from a newer newscrawl."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        group = parser.add_argument_group(title="Export Options")
        group.add_argument("-o", "--output", default=STDOUT, metavar="PATH", help="file to write, or - for standard output (default)")
        group.add_argument(
            "--format", choices=EXPORT_FORMATS,
            help="by default the output's extension tells (.jsonl, .csv, .atom or .xml, .xlsx for bigkinds, .parquet); "
                 "jsonl on standard output",
        )
        add_selection_options(group)
        group.add_argument("--fields", type=argument_type(parse_fields), metavar="NAME,NAME,...",
                           help="jsonl, csv and parquet only; these fields, in this order (default every field of the schema)")
        group.add_argument("--include-revisions", action="store_true",
                           help="jsonl, csv and parquet from a SQLite store only; also the earlier versions of edited articles, "
                                "each before its successor and marked with superseded_at")
        group.add_argument("--limit", type=argument_type(positive_int), metavar="N", help="atom only; entries in the feed (default 50)")
        group.add_argument("--feed-url", metavar="URL", help="atom only; where the feed will be served, its id and rel=self link")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected argument(s) {' '.join(args)}; the output file is given with -o PATH")
        selection = selection_of(opts)
        export_format = opts.format or self._format_of(opts.output)
        store_spec = opts.store or self.settings.get("NEWSCRAWL_STORE")
        configure_logging(self.settings)
        try:
            with reading_store(store_spec) as store, output(opts.output) as stream:
                summary = export(store, stream, export_format, selection, fields=opts.fields,
                                 include_revisions=opts.include_revisions, limit=opts.limit, feed_url=opts.feed_url)
        except StoreNotReadable as unreadable:
            self._fail(str(unreadable), unreadable.exitcode)
            return
        except ExportOptionError as error:
            raise UsageError(str(error)) from None
        except ExportError as error:
            self._fail(str(error))
            return
        notes = [f"{summary.skipped} left out"] if summary.skipped else []
        if summary.cut:
            notes.append(f"{summary.cut} with a cell cut to Excel's {EXCEL_CELL_LIMIT:,} characters")
        if summary.stripped:
            notes.append(f"{summary.stripped} with characters XML cannot carry dropped")
        noted = f", {', '.join(notes)} (see the log)" if notes else ""
        where = "standard output" if opts.output == STDOUT else opts.output
        print(f"newscrawl export: {export_format}, {summary.written} written to {where}{noted}", file=sys.stderr)

    @staticmethod
    def _format_of(output: str) -> str:
        if output == STDOUT:
            return "jsonl"
        suffix = Path(output).suffix.lower()
        if suffix not in FORMAT_OF_SUFFIX:
            raise UsageError(f"cannot tell the format from {output!r}; give --format {'|'.join(EXPORT_FORMATS)}")
        return FORMAT_OF_SUFFIX[suffix]

    def _fail(self, message: str, code: int = 1) -> None:
        print(f"newscrawl export: {message}", file=sys.stderr)
        self.exitcode = code
