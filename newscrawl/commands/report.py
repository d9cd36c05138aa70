"""`scrapy report -o report.html`: one self-contained HTML page about the store's dataset (newscrawl.report).

Reading needs no lock, as for `scrapy export`: SQLite readers see the last committed batch while a crawl writes.
"""

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.log import configure_logging

from newscrawl.commands.common import STDOUT, StoreNotReadable, add_selection_options, reading_store, output, selection_of
from newscrawl.report import read_report, render_html
from newscrawl.stores import is_server_store, parse_store_spec

DEFAULT_OUTPUT = "report.html"


def store_name(store_spec: str) -> str:
    """How the page names its store: a file's path, a server's URL without its password."""
    if is_server_store(store_spec):
        scheme, _, rest = store_spec.partition("://")
        credentials, at, location = rest.rpartition("@")
        return f"{scheme}://{credentials.partition(':')[0]}{at}{location}" if at else store_spec
    kind, path = parse_store_spec(store_spec)
    return f"{kind}:{path}"


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[-o PATH] [--since DATE] [--until DATE] [--site HOST] [--store SPEC]"

    def short_desc(self) -> str:
        return "Write one self-contained HTML page about the store's dataset"

    def long_desc(self) -> str:
        return (
            "Write an HTML page about the store: articles per day per site and section (a chart), the top reporters, "
            "field coverage and drift per run (a chart per site, from the run records), revisions and deletions over "
            "time (a chart), and the articles runs failed to get. The charts are inline SVG; the page loads nothing "
            "from anywhere, so it reads the same offline. --since/--until bound articles by their published KST day, "
            "and runs, revisions and deletions by the KST day they happened. Exit codes: 0 ok, 1 no store or one that "
            "cannot be read, 2 bad options, 9 the store is damaged or from a newer newscrawl."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        group = parser.add_argument_group(title="Report Options")
        group.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="PATH",
                           help=f"file to write, or - for standard output (default {DEFAULT_OUTPUT})")
        add_selection_options(group, bounded="articles published, and runs, revisions and deletions,", section=False)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected argument(s) {' '.join(args)}; the output file is given with -o PATH")
        selection = selection_of(opts)
        store_spec = opts.store or self.settings.get("NEWSCRAWL_STORE")
        configure_logging(self.settings)
        try:
            with reading_store(store_spec) as store:
                report = read_report(store, selection, store_name(store_spec))
            page = render_html(report).encode("utf-8")
            with output(opts.output) as stream:
                stream.write(page)
        except StoreNotReadable as unreadable:
            self._fail(str(unreadable), unreadable.exitcode)
            return
        except OSError as error:
            self._fail(f"cannot write {opts.output}: {error}")
            return
        where = "standard output" if opts.output == STDOUT else opts.output
        sites, runs = len(report.articles.by_site), len(report.runs)
        print(f"newscrawl report: {report.articles.total} articles of {sites} site{'' if sites == 1 else 's'}, "
              f"{runs} run{'' if runs == 1 else 's'}, written to {where}", file=sys.stderr)

    def _fail(self, message: str, code: int = 1) -> None:
        print(f"newscrawl report: {message}", file=sys.stderr)
        self.exitcode = code
