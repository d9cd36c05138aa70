"""`scrapy sitecheck`: before the first crawl of a site, a short look at whether newscrawl reads it: which family
and layouts it runs, whether each required field comes from the layouts' own markup, whether its lists page and its
previous/next links lead on. Or the same look at saved article pages, without the network.

The pages are fetched by Scrapy itself with the project's settings (robots.txt obeyed, the politeness delays, the
retries, the User-Agent), by a spider of this module's own that `scrapy list` does not show. It only navigates:
the site's family reads each page, and newscrawl.sitecheck judges what it read.
"""

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import scrapy
from scrapy.commands import ScrapyCommand
from scrapy.http import HtmlResponse, Response, TextResponse

from newscrawl.cms import FAMILIES, family_of_article_url
from newscrawl.cms.base import GONE_STATUSES, ArticleLink, ArticlePage, CmsFamily, NotAnArticle, SectionHint, site_key
from newscrawl.fetching import NotFetched, not_a_text_page, why_not_fetched
from newscrawl.middlewares import SITE_META
from newscrawl.runs import (EXIT_BAD_ARGUMENTS, EXIT_FAILED_TO_START, EXIT_MARKUP_DRIFT, EXIT_NOTHING_FOUND, EXIT_OK,
                            EXIT_SITE_UNREACHABLE)
from newscrawl.sitecheck import (SIDE_NAMES, ArticleCheck, Finding, SiteCheck, article_row, check_article,
                                 counted, detect_family, home_row, judge_adjacent,
                                 is_site_url, judge_paging, list_row, paging_row, report,
                                 sample_order, saved_page_url, section_words, site_for)
from newscrawl.sites import USER_AGENT_KINDS, Site, site_at

DEFAULT_SECTIONS = 3
DEFAULT_ARTICLES = 3
# A first look, not a crawl: a few pages of someone else's server.
MAX_SAMPLE = 20
# A listed article that is gone or cannot be fetched is replaced by the next link, up to one spare per article.
LINKS_PER_ARTICLE = 2
# What each exit code means here (runs.py's meanings are those of a crawl).
EXIT_CODES = {
    EXIT_OK: "every required field of every article checked was read by the layouts' own markup",
    EXIT_BAD_ARGUMENTS: "bad arguments",
    EXIT_NOTHING_FOUND: "no article link on the pages fetched",
    EXIT_SITE_UNREACHABLE: "the home page (or every article page) could not be fetched",
    EXIT_MARKUP_DRIFT: "a required field missing or read by a fallback, or no page at an article link read as one",
}
NOT_FOLLOWED = Finding(None, "not followed from saved pages")


class SitecheckSpider(scrapy.Spider):
    """Walks a few pages of one site, home page first, and adds what its family reads on each to `check`."""

    name = "newscrawl_sitecheck"
    # Nothing is scraped and no run is recorded: the project's pipelines and extensions (the run record, which
    # writes to the store) stay out of it; its downloader middlewares stay in.
    custom_settings = {"ITEM_PIPELINES": {}, "EXTENSIONS": {}}

    def __init__(self, url: str, families: list[CmsFamily], sections: int, articles: int, check: SiteCheck,
                 sites: list[Site], **kwargs):
        super().__init__(**kwargs)
        # The site's record, for the downloader middlewares that follow its quirks (SiteUserAgentMiddleware).
        self.sites = sites
        self.url = url
        self.families = families
        self.sections = sections
        self.articles = articles
        self.check = check

    async def start(self):
        yield scrapy.Request(self.url, callback=self.check_site, errback=self.home_failed,
                             meta={SITE_META: site_key(self.url)})

    def home_failed(self, failure):
        self.check.unreachable = why_not_fetched(failure.value)
        self.check.finished = True

    async def check_site(self, home: Response):
        """Every later page is fetched from here, one after the other, so each step can use what the last found."""
        check = self.check
        if not isinstance(home, TextResponse):
            check.unreachable = not_a_text_page(home).why
            check.finished = True
            return
        detected = detect_family(home, self.families)
        if detected is None:
            check.pages.append(home_row(home.url, None, self.families, 0))
            check.finished = True
            return
        family, sections = detected
        check.family = family
        site = site_for(home.url, family.key)
        home_links = family.article_links(home)
        check.pages.append(home_row(home.url, detected, self.families, len(home_links)))
        lists = {}
        for code in list(sections)[:self.sections]:
            url = family.list_url(site, code)
            entries = await self._list(family, url)
            check.pages.append(list_row("list", url, section_words(sections, code), entries))
            if not isinstance(entries, NotFetched):
                lists[code] = entries
        check.links_found = len({link.url for links in (home_links, *lists.values()) for link in links})
        await self._check_paging(family, site, sections, lists)
        read = await self._check_articles(family, sample_order(lists, sections, home_links))
        await self._follow_adjacent(family, read)
        check.finished = True

    async def _check_paging(self, family: CmsFamily, site: Site, sections: dict[str, str],
                            lists: dict[str, list[ArticleLink]]) -> None:
        if not any(lists.values()):
            self.check.paging = Finding(None, "no list page listed an article")
            return
        # The longest first page is the likeliest to have a second.
        code = max(lists, key=lambda listed: len(lists[listed]))
        url = family.list_url(site, code, page=2, offset=len(lists[code]))
        second = await self._list(family, url)
        section = section_words(sections, code)
        self.check.paging = judge_paging(section, lists[code], second, family)
        self.check.pages.append(paging_row(url, section, second, self.check.paging))

    async def _check_articles(self, family: CmsFamily,
                              candidates: list[tuple[ArticleLink, SectionHint]]) -> list[ArticlePage]:
        read = []
        for link, hint in candidates[:self.articles * LINKS_PER_ARTICLE]:
            if len(read) == self.articles:
                break
            result = await self._article(family, link.url, hint)
            outcome = self._judged(family, result)
            if isinstance(result, ArticlePage):
                read.append(result)
                self.check.articles.append(outcome)
            elif isinstance(result, NotAnArticle):
                self.check.not_articles += 1
            self.check.pages.append(article_row("article", link.url, outcome))
        return read

    async def _follow_adjacent(self, family: CmsFamily, read: list[ArticlePage]) -> None:
        """Follows one previous (else next) article link of the first article that has one."""
        origin = next((page.item for page in read if page.item["prev_url"] or page.item["next_url"]), None)
        if origin is None:
            read_count = counted(len(read), "article")
            self.check.adjacent = Finding(None, f"no previous/next-article link on the {read_count} read")
            return
        side = "prev" if origin["prev_url"] else "next"
        url = origin[f"{side}_url"]
        outcome = self._judged(family, await self._article(family, url))
        self.check.pages.append(article_row(f"{SIDE_NAMES[side]} article", url, outcome))
        self.check.adjacent = judge_adjacent(family, origin["url"], side, url, outcome)

    @staticmethod
    def _judged(family: CmsFamily,
                result: ArticlePage | NotAnArticle | NotFetched) -> ArticleCheck | NotAnArticle | NotFetched:
        return check_article(result.item, family) if isinstance(result, ArticlePage) else result

    async def _list(self, family: CmsFamily, url: str) -> list[ArticleLink] | NotFetched:
        response = await self._fetch(url)
        return family.list_page(response) if isinstance(response, TextResponse) else response

    async def _article(self, family: CmsFamily, url: str,
                       hint: SectionHint = SectionHint()) -> ArticlePage | NotAnArticle | NotFetched:
        # A gone article's 404 is read, so the family names the reason.
        response = await self._fetch(url, readable_statuses=GONE_STATUSES)
        if isinstance(response, NotFetched):
            return response
        try:
            return family.article_page(response, section_hint=hint)
        except NotAnArticle as not_an_article:
            return not_an_article

    async def _fetch(self, url: str, readable_statuses: tuple[int, ...] = ()) -> TextResponse | NotFetched:
        # Through the engine's downloader: the project's downloader middlewares (robots.txt, retries, charset
        # repair) and the download slot's delays apply, as they do to the home page's request.
        request = scrapy.Request(url, meta={SITE_META: site_key(url)})
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as error:  # every way a download fails (refused, timed out, robots.txt) is a finding
            return NotFetched(why_not_fetched(error))
        if response.status >= 400 and response.status not in readable_statuses:
            return NotFetched(f"HTTP {response.status}")
        return response if isinstance(response, TextResponse) else not_a_text_page(response)


class Command(ScrapyCommand):
    requires_project = True
    # The report, not Scrapy's log: `-L INFO` (or DEBUG) shows the fetch's log as well.
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "URL [--sections N] [--articles N] [--family NAME] | PAGE.html... [--url URL] [--family NAME]"

    def short_desc(self) -> str:
        return "Check, before a first crawl, that newscrawl reads a site (or saved article pages)"

    def long_desc(self) -> str:
        codes = ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
        return (
            "Fetch a site's home page, find the CMS family that reads its menu, then the first list page of a few "
            "sections, page 2 of one list, a few articles from the lists and one article's previous or next link "
            "(robots.txt obeyed, the project's politeness settings). For each article, print every traced field: "
            "its value, where it was read, and a verdict: ok when the layout's own markup gave it, FALLBACK when a "
            "meta tag or a heuristic did, MISSING when nothing did. title, published_at, authors and body are "
            "required. Given saved article pages instead of a URL, check those (each page's URL is its canonical "
            f"link or og:url, or --url for a single page). Exit codes: {codes}."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        group = parser.add_argument_group(title="Sitecheck Options")
        group.add_argument("--sections", metavar="N",
                           help=f"sections whose first list page is read (default {DEFAULT_SECTIONS}, "
                                f"at most {MAX_SAMPLE})")
        group.add_argument("--articles", metavar="N",
                           help=f"articles read from the lists (default {DEFAULT_ARTICLES}, at most {MAX_SAMPLE})")
        group.add_argument("--family", metavar="NAME",
                           help=f"the CMS family to read the pages with ({', '.join(FAMILIES)}); default the first "
                                "that reads the home page's menu (the saved page's URL)")
        group.add_argument("--url", metavar="URL", help="the URL of a single saved page that names none itself")
        group.add_argument("--user-agent", choices=USER_AGENT_KINDS, dest="user_agent",
                           help="the User-Agent to send (a site record's user_agent): crawler, or browser for sites "
                                "that answer 403 to a User-Agent without Mozilla/; default the registry's record")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            families = self._families(opts.family)
            if len(args) == 1 and is_site_url(args[0]):
                if opts.url:
                    raise ValueError("--url is for a saved page; a site is checked at the URL given")
                site = site_at(args[0])
                self._check_site(args[0], families, self._sample_size("--sections", opts.sections, DEFAULT_SECTIONS),
                                 self._sample_size("--articles", opts.articles, DEFAULT_ARTICLES),
                                 replace(site, user_agent=opts.user_agent or site.user_agent))
            else:
                if opts.sections is not None or opts.articles is not None or opts.user_agent is not None:
                    raise ValueError("--sections, --articles and --user-agent are for a site's URL, not for saved pages")
                self._check_pages(self._saved_pages(args, opts.url), families, opts.url)
        except ValueError as error:
            self._fail(EXIT_BAD_ARGUMENTS, str(error))

    @staticmethod
    def _families(name: str | None) -> list[CmsFamily]:
        if name is None:
            return list(FAMILIES.values())
        if name not in FAMILIES:
            raise ValueError(f"unknown family {name!r}; the families are {', '.join(FAMILIES)}")
        return [FAMILIES[name]]

    @staticmethod
    def _sample_size(option: str, text: str | None, default: int) -> int:
        if text is None:
            return default
        if not text.strip().isdigit() or not 1 <= int(text) <= MAX_SAMPLE:
            raise ValueError(f"{option} {text}: expected a whole number from 1 to {MAX_SAMPLE}")
        return int(text)

    @staticmethod
    def _saved_pages(args: list[str], url: str | None) -> list[Path]:
        if not args:
            raise ValueError("give a site's URL (https://HOST/) or saved article pages (PAGE.html ...)")
        for arg in args:
            if is_site_url(arg):
                raise ValueError(f"{arg}: check one site's URL at a time, without saved pages")
            if not Path(arg).is_file():
                raise ValueError(f"{arg!r} is neither an http(s) URL nor an existing file")
        if url is not None and (len(args) > 1 or not is_site_url(url)):
            raise ValueError("--url takes the http(s) URL of a single saved page; with several, each names its "
                             "own (<link rel=canonical> or og:url)")
        return [Path(arg) for arg in args]

    def _check_site(self, url: str, families: list[CmsFamily], sections: int, articles: int, site: Site) -> None:
        check = SiteCheck(url)
        self.crawler_process.crawl(SitecheckSpider, url=url, families=families, sections=sections, articles=articles,
                                   check=check, sites=[site])
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or not check.finished:
            return self._fail(EXIT_FAILED_TO_START, "the check stopped before its end (run with -L INFO to see why)")
        self._print(check)

    def _check_pages(self, paths: list[Path], families: list[CmsFamily], url: str | None) -> None:
        """Reads every page before judging any, so a page that cannot be read is a bad argument, with no report."""
        pages = []
        for path in paths:
            try:
                body = path.read_bytes()
            except OSError as error:
                raise ValueError(f"cannot read {path}: {error.strerror}") from None
            saved = HtmlResponse(url=path.resolve().as_uri(), body=body)
            page_url = url or saved_page_url(saved)
            if page_url is None:
                raise ValueError(f"{path} names no URL (no <link rel=canonical> or og:url): give it with --url URL")
            family = family_of_article_url(page_url, families)
            if family is None:
                keys = " or ".join(candidate.key for candidate in families)
                raise ValueError(f"{path}: {page_url} is not an article URL of the {keys} family")
            pages.append((path, saved.replace(url=page_url), family))
        if len({family.key for _, _, family in pages}) > 1:
            raise ValueError("the pages are of different families: check one site's pages at a time")
        check = SiteCheck(counted(len(pages), "saved page"), family=pages[0][2], paging=NOT_FOLLOWED,
                          adjacent=NOT_FOLLOWED)
        for path, response, family in pages:
            try:
                outcome = check_article(family.article_page(response).item, family)
                check.articles.append(outcome)
            except NotAnArticle as not_an_article:
                check.not_articles += 1
                outcome = not_an_article
            check.pages.append(article_row("saved page", str(path), outcome))
        self._print(check)

    def _print(self, check: SiteCheck) -> None:
        result = report(check)
        if result.lines:
            print("\n".join(result.lines))
        if result.error:
            print(f"newscrawl sitecheck: {result.error}", file=sys.stderr)
        self.exitcode = result.exit_code

    def _fail(self, code: int, message: str) -> None:
        print(f"newscrawl sitecheck: {message}", file=sys.stderr)
        self.exitcode = code
