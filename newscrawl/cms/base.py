"""The contract of a CMS family, and what its parsers hand to the spider.

A family (newscrawl.cms.dada, ...) is one object that knows its CMS's URL scheme, reads its list and article pages,
and holds its article layouts. The spider, the store and the exports know a family only through this contract, so a
second CMS is one more package here, and a site of a known family is only a record (newscrawl.sites).
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from scrapy.http import TextResponse

from newscrawl.items import ArticleItem

if TYPE_CHECKING:
    from newscrawl.sites import Site


def first_query_value(url: str, name: str) -> str | None:
    """The first value of the query parameter `name` in `url`, without surrounding spaces, or None."""
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0].strip() if values else None


def on_host_of(url: str, path: str) -> str:
    """`path` (from the root, with its query) on the scheme and host of the absolute `url`: what urljoin(url, path)
    gives, for a tenth of its cost (every article link found is canonicalised this way)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{path}"


def site_key(url: str) -> str:
    """A site's key, and every item's `site`: the host name of its URL without a leading 'www.'."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@dataclass(frozen=True)
class ArticleLink:
    """An article link: its canonical URL, the section code the link carried, the date a list printed."""

    url: str
    section_code: str | None = None
    listed_on: date | None = None


# SectionHint.via: a list page linked the article, or an article's previous/next link did
# (CmsFamily.adjacent_links_share_section).
VIA_LIST_PAGE, VIA_ADJACENT_ARTICLE = "list-page", "adjacent-article"


@dataclass(frozen=True)
class SectionHint:
    """What the page that linked the article knew about its section, used when the article page does not say;
    `via` names that page in the section's provenance (`link:list-page`, `link:adjacent-article`)."""

    name: str | None = None
    code: str | None = None
    via: str = VIA_LIST_PAGE


@dataclass(frozen=True)
class ArticlePage:
    """What an article page gives: its item, and the links to the previous and next articles, which carry the
    section codes the spider passes on (the item keeps only their canonical URLs)."""

    item: ArticleItem
    adjacent_links: tuple[ArticleLink, ...]


class NotAnArticle(Exception):
    """The page is not an article; `reason` names why, for the stats.

    `gone` says the article no longer exists (deleted notice, no headline, 404): it is recorded as missing.
    Otherwise the page was broken (an empty response) and the article is worth trying again later.
    """

    def __init__(self, reason: str, gone: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.gone = gone


# Statuses that mean the article is gone, as opposed to a server fault worth retrying.
GONE_STATUSES = (404, 410)


class CmsFamily(ABC):
    """One CMS family: its URL scheme, its list pages and its article pages. Every method is pure: a URL or a
    response in, values out, no clock unless given, no network."""

    key: str  # the family's name in site records, e.g. "dada"
    # The ways its sites page their lists (a site record's `list_paging`); the first is the default.
    list_pagings: tuple[str, ...] = ("page",)
    # Whether an article's previous and next articles are of its own section, so that its section is their hint
    # when their own pages print none and no list has linked them yet.
    adjacent_links_share_section: bool = False
    # For people (`scrapy sitecheck`): the name the CMS is sold under, and where its pages print each traced field
    # (newscrawl.provenance.TRACED_FIELDS) in plain words, so a check that finds no byline can say where it looked:
    # "in the header or the profile box". A field left out is said to be looked for on the page.
    cms_name: str | None = None
    field_places: Mapping[str, str] = MappingProxyType({})

    # URLs
    @abstractmethod
    def article_id(self, url: str | None) -> str | None:
        """The article id a URL names, in any of the family's URL forms; None for anything else."""

    @abstractmethod
    def canonical_url(self, page_url: str, article_id: str) -> str:
        """The article's canonical URL on the host of `page_url`."""

    @abstractmethod
    def list_url(self, site: "Site", section_code: str, page: int = 1, offset: int = 0) -> str:
        """The URL of a section's list page `page` (1-based) on `site`, whose first entry is entry `offset`
        (0-based) of the whole list: a site may page by either (its `list_paging` quirk)."""

    @abstractmethod
    def section_code(self, url: str | None) -> str | None:
        """The section code a list or article URL carries; None when it carries none."""

    def is_section_code(self, text: str) -> bool:
        """Whether `text` is written like one of the family's section codes (for checking `-a sections`)."""
        return False

    # Pages
    @abstractmethod
    def section_links(self, response: TextResponse) -> dict[str, str]:
        """Section code -> section name, from the page's links to section lists (the home page's menu)."""

    @abstractmethod
    def list_page(self, response: TextResponse) -> list[ArticleLink]:
        """The articles of one list page, newest first; empty past the last page."""

    @abstractmethod
    def article_links(self, response: TextResponse) -> list[ArticleLink]:
        """Every article the page links to, in page order, once each."""

    def has_script_built_list(self, response: TextResponse) -> bool:
        """True when the list box is left for a browser to fill."""
        return False

    # Feeds and sitemaps: what a family's sites publish of their latest articles (none, by default). An incremental
    # run reads the site-wide feeds as its cheap change detector; a full run reads every one of them.
    def feed_urls(self, site: "Site") -> tuple[str, ...]:
        """The site-wide feeds of `site` (RSS), read by every run."""
        return ()

    def sitemap_urls(self, site: "Site") -> tuple[str, ...]:
        """The sitemaps `site` may have (a 404 means it has none), read by full runs."""
        return ()

    def section_feed_url(self, site: "Site", section_code: str) -> str | None:
        """The feed of one section, read by full runs; None when the section has none."""
        return None

    def feed_links(self, response: TextResponse) -> list[ArticleLink]:
        """The articles a feed or sitemap lists, in its order, with the day each was published (`listed_on`, KST)
        when it says; empty for anything that is not a feed the family reads (never expands XML entities)."""
        return []

    @abstractmethod
    def article_page(
        self, response: TextResponse, *, section_hint: SectionHint = SectionHint(), crawled_at: datetime | None = None
    ) -> ArticlePage:
        """The article on `response`, or NotAnArticle when the page is not one."""
