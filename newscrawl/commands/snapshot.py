"""`scrapy snapshot`: save article pages as they are today, with the item our parsers make of them, as tests
(newscrawl.snapshots has the files' form; tests/test_snapshots.py checks every snapshot).

The pages are fetched by Scrapy itself with the project's settings (robots.txt obeyed, the politeness delays, the
retries, the charset repair), by a spider of this module's own, which `scrapy list` does not show.
"""

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import scrapy
from scrapy.commands import ScrapyCommand
from scrapy.http import Response, TextResponse

from newscrawl import snapshots
from newscrawl.cms import FAMILIES
from newscrawl.cms.base import GONE_STATUSES, NotAnArticle, site_key
from newscrawl.fetching import NotFetched, not_a_text_page, why_not_fetched
from newscrawl.middlewares import SITE_META
from newscrawl.runs import EXIT_BAD_ARGUMENTS, EXIT_FAILED_TO_START, EXIT_OK, EXIT_SITE_UNREACHABLE
from newscrawl.snapshots import EXIT_CODE_MEANINGS, EXIT_NOT_AN_ARTICLE

# The request meta key holding the URL as given, which a redirect keeps.
GIVEN_URL_META = "newscrawl_snapshot_url"
# When URLs fail in different ways, the exit code is the first of these that happened.
WORST_FIRST = (EXIT_SITE_UNREACHABLE, EXIT_NOT_AN_ARTICLE, EXIT_BAD_ARGUMENTS)


@dataclass(frozen=True)
class Fetched:
    response: Response
    fetched_at: datetime


class SnapshotSpider(scrapy.Spider):
    """Fetches each URL once and keeps the response (or why there is none) in `results`; it parses nothing."""

    name = "newscrawl_snapshot"
    # Nothing is scraped and no run is recorded: the project's pipelines and extensions (the run record, which
    # writes to the store) stay out of it; its downloader middlewares stay in.
    custom_settings = {"ITEM_PIPELINES": {}, "EXTENSIONS": {}}

    def __init__(self, urls: list[str], results: dict, **kwargs):
        super().__init__(**kwargs)
        self.urls = urls
        self.results = results

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.fetched, errback=self.failed, dont_filter=True,
                                 meta={GIVEN_URL_META: url, SITE_META: site_key(url),
                                       # A gone article's 404 is parsed, so the family names the reason.
                                       "handle_httpstatus_list": GONE_STATUSES})

    def fetched(self, response: Response):
        self.results[response.meta[GIVEN_URL_META]] = Fetched(response, datetime.now(timezone.utc))

    def failed(self, failure):
        self.results[failure.request.meta[GIVEN_URL_META]] = NotFetched(why_not_fetched(failure.value))


class Command(ScrapyCommand):
    requires_project = True
    # One line per snapshot or error, not Scrapy's log: `-L INFO` (or DEBUG) shows the fetch's log as well.
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "URL... [--dir DIR] [--family NAME] | --update [URL...] [--dir DIR]"

    def short_desc(self) -> str:
        return "Save article pages with the items parsed from them, as tests (tests/snapshots)"

    def long_desc(self) -> str:
        codes = ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODE_MEANINGS.items())
        return (
            "Fetch each article URL (robots.txt obeyed, the project's politeness settings), parse it with its "
            "family's article parser, and save under DIR/<site>/<article id>-<YYYY-MM-DD>.html.gz the body exactly as "
            "received, and beside it a .json with the URL, family, fetch time, encoding and the expected item. "
            "tests/test_snapshots.py checks every snapshot under tests/snapshots, or under the folder the "
            f"{snapshots.SNAPSHOTS_ENV} environment variable names. --update parses the saved pages again with "
            "today's parsers and rewrites the expected items (of the URLs given, or of every snapshot under DIR), "
            f"printing a diff of each file that changed. Exit codes: {codes}."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        group = parser.add_argument_group(title="Snapshot Options")
        group.add_argument("--dir", default=str(snapshots.DEFAULT_DIR), metavar="DIR",
                           help=f"the snapshots' folder (default {snapshots.DEFAULT_DIR})")
        group.add_argument("--update", action="store_true",
                           help="parse the saved pages again and rewrite their expected items, showing the diff")
        group.add_argument("--family", metavar="NAME",
                           help=f"the CMS family that reads the pages ({', '.join(FAMILIES)}); default the site "
                                "registry's for the URL's host, else the one whose article URLs it matches")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        directory = Path(opts.dir)
        if directory.exists() and not directory.is_dir():
            return self._fail(EXIT_BAD_ARGUMENTS, f"--dir {directory} is not a folder")
        if opts.update:
            if opts.family:
                return self._fail(EXIT_BAD_ARGUMENTS, "--family is for new snapshots; --update reads each "
                                                      "snapshot's own family")
            return self._update(list(dict.fromkeys(args)), directory)
        if not args:
            return self._fail(EXIT_BAD_ARGUMENTS, "give one or more article URLs, or --update")
        return self._snapshot(list(dict.fromkeys(args)), directory, opts.family)

    # New snapshots
    def _snapshot(self, urls: list[str], directory: Path, family: str | None) -> None:
        families = {}
        for url in urls:
            try:
                families[url] = snapshots.family_for(url, family)
            except ValueError as error:
                return self._fail(EXIT_BAD_ARGUMENTS, str(error))
        codes = []
        # A URL that names no article in its family's URL scheme is not fetched at all.
        for url in [url for url in urls if FAMILIES[families[url]].article_id(url) is None]:
            codes.append(self._fail(EXIT_NOT_AN_ARTICLE, f"{url} is not an article: not_an_article_url "
                                                         f"(not one of the {families[url]} family's article URLs)"))
            urls.remove(url)
        results = self._fetch(urls) if urls else {}
        if results is None:
            return self._fail(EXIT_FAILED_TO_START, "the fetch could not start (run with -L INFO to see why)")
        for url in urls:
            codes.append(self._save(url, results.get(url, NotFetched("no response")), families[url], directory))
        self.exitcode = next((code for code in WORST_FIRST if code in codes), EXIT_OK)

    def _fetch(self, urls: list[str]) -> dict | None:
        results = {}
        self.crawler_process.crawl(SnapshotSpider, urls=urls, results=results)
        self.crawler_process.start()
        return None if self.crawler_process.bootstrap_failed else results

    def _save(self, url: str, result: Fetched | NotFetched, family: str, directory: Path) -> int:
        if isinstance(result, NotFetched):
            return self._fail(EXIT_SITE_UNREACHABLE, f"could not fetch {url}: {result.why}")
        response = result.response
        if not isinstance(response, TextResponse):
            return self._fail(EXIT_NOT_AN_ARTICLE, f"{url} is not an article: {not_a_text_page(response).why}")
        content_type = response.headers.get("Content-Type")
        try:
            snapshot = snapshots.make(response.url, response.body, response.encoding,
                                      content_type.decode("latin-1") if content_type else None, family, result.fetched_at)
        except NotAnArticle as not_an_article:
            return self._fail(EXIT_NOT_AN_ARTICLE, f"{url} is not an article: {not_an_article.reason}")
        written = snapshots.write(snapshot, directory)
        print(f"snapshot: wrote {written.path} and {written.html_path.name}: {snapshot.expected['title']}")
        return EXIT_OK

    # Updates
    def _update(self, urls: list[str], directory: Path) -> None:
        if not directory.is_dir():
            return self._fail(EXIT_BAD_ARGUMENTS, f"there is no snapshot folder {directory}")
        loaded, codes = [], []
        for path in snapshots.find(directory):
            try:
                loaded.append(snapshots.load(path))
            except snapshots.SnapshotError as error:
                codes.append(self._fail(EXIT_NOT_AN_ARTICLE, str(error)))
        if urls:
            unknown = [url for url in urls if not any(snapshots.is_of(snapshot, url) for snapshot in loaded)]
            if unknown:
                return self._fail(EXIT_BAD_ARGUMENTS, f"no snapshot of {unknown[0]} under {directory}")
            loaded = [snapshot for snapshot in loaded if any(snapshots.is_of(snapshot, url) for url in urls)]
        changed = 0
        for snapshot in loaded:
            try:
                diff = snapshots.update(snapshot)
            except NotAnArticle as not_an_article:
                codes.append(self._fail(EXIT_NOT_AN_ARTICLE, f"{snapshot.path}: the parser no longer reads an article "
                                                             f"in the saved page ({not_an_article.reason}); left as it is"))
                continue
            if diff:
                changed += 1
                sys.stdout.write(diff)
        print(f"snapshot: {changed} of {len(loaded)} snapshots updated under {directory}")
        self.exitcode = next((code for code in WORST_FIRST if code in codes), EXIT_OK)

    def _fail(self, code: int, message: str) -> int:
        print(f"newscrawl snapshot: {message}", file=sys.stderr)
        self.exitcode = code
        return code
