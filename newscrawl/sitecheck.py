"""What `scrapy sitecheck` makes of a first look at a site: report rows, verdicts and an exit code.

Pure: pages already read by their family (newscrawl.cms) in, plain text out. The command
(newscrawl.commands.sitecheck) fetches the pages, hands each result here and prints what comes back.

A field is `ok` when the CMS's own markup gave it (newscrawl.provenance.is_markup: a layout, the family's page
parts, the list that linked the article). Meta tags and heuristics are fallbacks: a crawl would still get the
field, but from a step that goes wrong without anyone noticing, so a site that needs one for a required field is
not ready for its first crawl.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from urllib.parse import urlsplit

from scrapy.http import TextResponse

from newscrawl.cms.base import ArticleLink, CmsFamily, NotAnArticle, SectionHint, site_key
from newscrawl.cms.selectors import css, page_root
from newscrawl.fetching import NotFetched
from newscrawl.items import ArticleItem
from newscrawl.provenance import (HEURISTIC, LAYOUT, LINK, META, NONE, article_layout, is_markup, is_present, kind_of,
                                  name_of, source)
from newscrawl.runs import EXIT_MARKUP_DRIFT, EXIT_NOTHING_FOUND, EXIT_OK, EXIT_SITE_UNREACHABLE
from newscrawl.sites import Site, registry

# An article without any of these is not worth crawling; the other traced fields are shown, for information.
REQUIRED_FIELDS = ("title", "published_at", "authors", "body")
# What a reader calls each traced field, in a verdict.
FIELD_NOUNS = {
    "title": "headline",
    "published_at": "published time",
    "modified_at": "modified time",
    "authors": "byline",
    "section": "section",
    "subtitles": "sub-headline",
    "body": "body text",
}
# Where a field was looked for, as a verdict says, when its family does not say where it prints it
# (CmsFamily.field_places).
ANYWHERE = "the page"
OK, FALLBACK, MISSING = "ok", "FALLBACK", "MISSING"
# Values are cut to this many terminal columns, so a table row fits a wide terminal.
VALUE_COLUMNS = 60
ELLIPSIS = "…"
# Where a saved page says which URL it was saved from.
SAVED_PAGE_URLS = ("link[rel~='canonical']::attr(href)", "meta[property='og:url']::attr(content)")
SIDE_NAMES = {"prev": "previous", "next": "next"}
# How a conclusion line says what a Finding found.
WORKS_WORDS = {True: "works", False: "DOES NOT WORK", None: "not confirmed"}


def is_site_url(text: str) -> bool:
    """Whether `text` is an http or https URL with a host: a page the check can fetch, or a saved page's URL."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# Values, sources and columns, in plain words
def counted(count: int, noun: str) -> str:
    """`1 article`, `3 articles`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def columns(text: str) -> int:
    """The terminal columns `text` takes: two for each wide (Hangul, CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 0 if unicodedata.combining(char) else 1
               for char in text)


def shorten(text: str, limit: int = VALUE_COLUMNS) -> str:
    """`text` on one line of at most `limit` columns, cut with an ellipsis."""
    text = " ".join(text.split())
    if columns(text) <= limit:
        return text
    kept, used = [], columns(ELLIPSIS)
    for char in text:
        used += columns(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


def _entry(value) -> str:
    if isinstance(value, dict):  # an author
        return " ".join(part for part in (value.get("name"), value.get("role")) if part)
    return str(value)


def shown(value) -> str:
    """A field's value as a table shows it: a list joined with `; ` (`[]` when empty), None as `-`."""
    if value is None:
        return "-"
    if value == "":
        return '""'
    if isinstance(value, list):
        return shorten("; ".join(map(_entry, value))) if value else "[]"
    return shorten(str(value))


def plain_source(label: str) -> str:
    """A provenance label in plain words: `newer skin` (a layout's own), `family profile box`, `list page link`,
    `meta og:title`, `heuristic h1`, `none`."""
    kind, name = kind_of(label), name_of(label).replace("-", " ")
    if kind == NONE:
        return NONE
    if kind == LAYOUT:
        return name
    return f"{name} link" if kind == LINK else f"{kind} {name}"


def _read_from(label: str) -> str:
    kind, name = kind_of(label), name_of(label)
    if kind == META:
        return f"the {name} meta tag"
    if kind == HEURISTIC:
        return f"a heuristic ({name.replace('-', ' ')})"
    return plain_source(label)


def aligned(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    """The rows as lines of columns two spaces apart, wide characters counted as two."""
    widths = [max(columns(row[index]) for row in rows) for index in range(len(rows[0]))]
    return [indent + "  ".join(cell + " " * (width - columns(cell)) for cell, width in zip(row, widths)).rstrip()
            for row in rows]


# Articles
@dataclass(frozen=True)
class Verdict:
    status: str  # OK, FALLBACK or MISSING
    text: str


def judge(field_name: str, value, label: str, place: str) -> Verdict:
    """The verdict on one field of one article: `value` as the item holds it, `label` its provenance, `place` where
    the family prints the field. A field that is not required gets its verdict as a remark only."""
    if not is_present(value):
        status, remark = MISSING, f"no {FIELD_NOUNS.get(field_name, field_name)} found in {place}"
    elif is_markup(label):
        return Verdict(OK, OK)
    else:
        status, remark = FALLBACK, f"read from {_read_from(label)}, not the layout's markup"
    return Verdict(status, f"{status}: {remark}" if field_name in REQUIRED_FIELDS else f"optional, {remark}")


@dataclass(frozen=True)
class FieldRow:
    field: str
    value: str
    source: str
    verdict: Verdict

    @property
    def is_problem(self) -> bool:
        return self.field in REQUIRED_FIELDS and self.verdict.status != OK


@dataclass(frozen=True)
class ArticleCheck:
    url: str
    layout: str | None  # the layout the page matched (provenance.article_layout)
    rows: tuple[FieldRow, ...]

    @property
    def problems(self) -> list[FieldRow]:
        return [row for row in self.rows if row.is_problem]


def check_article(item: ArticleItem, family: CmsFamily) -> ArticleCheck:
    """Every traced field of an article its family read, judged."""
    provenance = item["provenance"]
    rows = tuple(
        FieldRow(name, shown(item[name]), plain_source(label),
                 judge(name, item[name], label, family.field_places.get(name, ANYWHERE)))
        for name, label in provenance.items()
    )
    return ArticleCheck(item["url"], article_layout(provenance), rows)


def section_words(sections: Mapping[str, str], code: str) -> str:
    """A section as the menu names it, with its code: `사회 (m71w8xw)`."""
    return f"{sections[code]} ({code})" if sections[code] else code


def _layout_words(layout: str | None) -> str:
    return plain_source(source(LAYOUT, layout)) if layout else "no layout"


# Finding the family, the site and the pages to sample
def detect_family(home: TextResponse, families: Iterable[CmsFamily]) -> tuple[CmsFamily, dict[str, str]] | None:
    """The first family that reads section links in the home page's menu, and those sections (code -> name)."""
    for family in families:
        sections = family.section_links(home)
        if sections:
            return family, sections
    return None


def site_for(page_url: str, family_key: str) -> Site:
    """The site `page_url` is on: the registry's record (with its quirks) when it has the host for this family,
    otherwise a record made here with the defaults, as a site never crawled before has none."""
    parts = urlsplit(page_url)
    base_url = f"{parts.scheme}://{parts.netloc}/"
    registered = registry().get(site_key(base_url))
    if registered and registered.family == family_key:
        return replace(registered, base_url=base_url)
    return Site(base_url, family=family_key)


def sample_order(lists: Mapping[str, list[ArticleLink]], sections: Mapping[str, str],
                 home_links: Iterable[ArticleLink]) -> list[tuple[ArticleLink, SectionHint]]:
    """The article links to sample, each with what its list knew of its section: the first entry of every list,
    then every list's second, and so on, so that a few articles span the sections (a site may run each section on
    another skin); then the home page's links; each article once."""
    by_list = [[(link, code) for link in links] for code, links in lists.items()]
    in_turns = [entry for turn in zip_longest(*by_list) for entry in turn if entry]
    chosen: dict[str, tuple[ArticleLink, SectionHint]] = {}
    for link, list_code in [*in_turns, *((link, None) for link in home_links)]:
        code = link.section_code or list_code
        chosen.setdefault(link.url, (link, SectionHint(sections.get(code) if code else None, code)))
    return list(chosen.values())


def saved_page_url(response: TextResponse) -> str | None:
    """The http(s) URL a saved page says it was saved from: its canonical link, else its og:url."""
    root = page_root(response)
    urls = (url.strip() for query in SAVED_PAGE_URLS for url in css(root, query))
    return next(filter(is_site_url, urls), None)


# Paging and the previous/next links
@dataclass(frozen=True)
class Finding:
    """Whether one way through the site (paging, the previous/next links) works, and what showed it."""

    works: bool | None  # None: the check could not tell
    text: str

    @property
    def summary(self) -> str:
        return f"{WORKS_WORDS[self.works]}: {self.text}"


def judge_paging(section: str, first: list[ArticleLink], second: list[ArticleLink] | NotFetched,
                 family: CmsFamily) -> Finding:
    """Whether page 2 of a section's list goes on from page 1: it lists articles that page 1 does not."""
    if isinstance(second, NotFetched):
        return Finding(False, f"page 2 of {section} could not be fetched: {second.why}")
    if not second:
        return Finding(None, f"page 2 of {section} lists no article (the section may have a single page)")
    new = [link for link in second if link.url not in {entry.url for entry in first}]
    if not new:
        return Finding(False, f"page 2 of {section} lists the same articles as page 1: the site may page its lists "
                              f"another way (a site record's list_paging: {' or '.join(family.list_pagings)})")
    return Finding(True, f"page 2 of {section} lists {counted(len(new), 'article')} that page 1 does not")


def judge_adjacent(family: CmsFamily, from_url: str, side: str, to_url: str,
                   outcome: ArticleCheck | NotAnArticle | NotFetched) -> Finding:
    """Whether an article's previous or next link (`side`) opens another article."""
    link = f"article {family.article_id(from_url)}'s {SIDE_NAMES[side]}-article link"
    target = f"article {family.article_id(to_url)}"
    if isinstance(outcome, NotFetched):
        return Finding(False, f"{link} leads to {target}, which could not be fetched: {outcome.why}")
    if isinstance(outcome, NotAnArticle):
        return Finding(False, f"{link} leads to {target}, which is not an article ({outcome.reason})")
    return Finding(True, f"{link} opens {target} ({_layout_words(outcome.layout)})")


# The report
@dataclass(frozen=True)
class PageRow:
    kind: str  # home, list, article, ...
    url: str
    found: str
    verdict: str


def home_row(url: str, detected: tuple[CmsFamily, dict[str, str]] | None, families: Iterable[CmsFamily],
             links: int) -> PageRow:
    if detected is None:
        keys = ", ".join(family.key for family in families)
        return PageRow("home", url, "no section links", f"MISSING: no family ({keys}) reads a menu on it")
    family, sections = detected
    return PageRow("home", url, f"{counted(len(sections), 'section')}, {counted(links, 'article link')}",
                   f"ok: family {family_words(family)}")


def list_row(kind: str, url: str, section: str, entries: list[ArticleLink] | NotFetched) -> PageRow:
    if isinstance(entries, NotFetched):
        return PageRow(kind, url, section, f"FAILED: {entries.why}")
    return PageRow(kind, url, f"{section}: {counted(len(entries), 'article')}",
                   OK if entries else "EMPTY: no article listed")


def paging_row(url: str, section: str, second: list[ArticleLink] | NotFetched, paging: Finding) -> PageRow:
    """Page 2 of a list, judged by what it says of paging (the conclusion says why)."""
    row = list_row("list, page 2", url, section, second)
    return row if paging.works else replace(row, verdict=WORKS_WORDS[paging.works])


def article_row(kind: str, url: str, outcome: ArticleCheck | NotAnArticle | NotFetched) -> PageRow:
    if isinstance(outcome, NotFetched):
        return PageRow(kind, url, "-", f"FAILED: {outcome.why}")
    if isinstance(outcome, NotAnArticle):
        return PageRow(kind, url, "not an article", f"SKIPPED: {outcome.reason}")
    problems = ", ".join(f"{row.field} {row.verdict.status}" for row in outcome.problems)
    return PageRow(kind, url, _layout_words(outcome.layout), f"DRIFT: {problems}" if problems else OK)


def family_words(family: CmsFamily) -> str:
    return f"{family.key} ({family.cms_name})" if family.cms_name else family.key


@dataclass
class SiteCheck:
    """What the check saw, as the command adds it up."""

    target: str  # the site's URL, or what the saved pages are
    family: CmsFamily | None = None
    pages: list[PageRow] = field(default_factory=list)
    articles: list[ArticleCheck] = field(default_factory=list)
    # Distinct article links on the home page and the list pages.
    links_found: int = 0
    # Pages at article links that were fetched and did not read as articles.
    not_articles: int = 0
    paging: Finding | None = None
    adjacent: Finding | None = None
    # Why not even the home page could be fetched.
    unreachable: str | None = None
    # Set by the spider once its every step ran: a check cut short by an error says so instead of concluding.
    finished: bool = False


@dataclass(frozen=True)
class Report:
    lines: list[str]  # standard output
    error: str | None  # one line for standard error
    exit_code: int


def _article_table(article: ArticleCheck) -> list[str]:
    header = ("field", "value", "source", "verdict")
    rows = [(row.field, row.value, row.source, row.verdict.text) for row in article.rows]
    return [f"article {article.url} ({_layout_words(article.layout)})", *aligned([header, *rows]), ""]


def _verdict(check: SiteCheck) -> tuple[str, int]:
    """The final verdict line and exit code: articles read are judged by their required fields; without any, the
    pages at article links did not read as articles (drift), or there were no article links, or none was fetched."""
    articles = check.articles
    if articles:
        problems = Counter((row.field, row.verdict.status) for article in articles for row in article.problems)
        checked = counted(len(articles), "article")
        if not problems:
            # Paging and the previous/next links are the crawl's way through the site, not fields of its articles:
            # the exit code is the fields', and the verdict says what else the conclusion found broken.
            broken = [name for name, finding in (("paging", check.paging), ("the previous/next links", check.adjacent))
                      if finding and finding.works is False]
            fields_read = (f"{', '.join(REQUIRED_FIELDS)} read by the layouts' own markup on every article checked "
                           f"({len(articles)})")
            if broken:
                return f"ok: {fields_read}; but {' and '.join(broken)} did not work: see the conclusion", EXIT_OK
            return f"ok: {fields_read}: ready for a first crawl", EXIT_OK
        said = "; ".join(f"{name} {'missing' if status == MISSING else 'read by a fallback'} on {count} of {checked}"
                         for (name, status), count in problems.items())
        return (f"MARKUP DRIFT: {said}: the layouts do not read this site's markup (see the FALLBACK and MISSING "
                f"lines)", EXIT_MARKUP_DRIFT)
    if check.not_articles:
        tried = counted(check.not_articles, "page")
        return f"MARKUP DRIFT: no page at an article link read as an article ({tried} tried)", EXIT_MARKUP_DRIFT
    if not check.links_found:
        return "NOTHING FOUND: no article link on the pages fetched", EXIT_NOTHING_FOUND
    return "UNREACHABLE: no article page could be fetched", EXIT_SITE_UNREACHABLE


def report(check: SiteCheck) -> Report:
    if check.unreachable:
        return Report([], f"could not fetch the home page {check.target}: {check.unreachable}", EXIT_SITE_UNREACHABLE)
    lines = [f"sitecheck of {check.target}", ""]
    if check.pages:
        lines += ["pages", *aligned([("kind", "url", "found", "verdict"),
                                     *((row.kind, row.url, row.found, row.verdict) for row in check.pages)]), ""]
    for article in check.articles:
        lines += _article_table(article)
    conclusion = []
    if check.family:
        layouts = Counter(article.layout or "no layout" for article in check.articles)
        seen = ", ".join(f"{layout} {count}" for layout, count in layouts.most_common())
        conclusion.append(("family", f"{family_words(check.family)}, layouts: {seen or 'none seen'}"))
    for name, finding in (("paging", check.paging), ("prev/next", check.adjacent)):
        if finding:
            conclusion.append((name, finding.summary))
    verdict, exit_code = _verdict(check)
    if conclusion:
        lines += ["conclusion", *aligned(conclusion)]
    lines.append(f"verdict: {verdict}")
    return Report(lines, None, exit_code)
