"""The feeds and the sitemap of the NDSoft CMS: where a site publishes its latest articles, and reading them.

Reference (../shared/reference/ndsoft-markup.md): RSS 2.0 at /rss/allArticle.xml and /rss/S1N<k>.xml per section
(firm), about the latest 50 items; /sitemap.xml on some sites, about the latest 100 (likely). `pubDate` is often
'YYYY-MM-DD HH:MM:SS' in KST with no zone, sometimes RFC 822; some outlets put a byte-order mark at the start of
titles (titles are not read here, links are cleaned the same way). Feeds are untrusted XML: a document that
declares a DOCTYPE or an entity (an entity-expansion bomb, an external entity) is refused unread, and no entity is
ever expanded nor anything fetched.
"""

import re
from urllib.parse import urljoin

from lxml import etree
from scrapy.http import Response

from newscrawl.cms.base import ArticleLink
from newscrawl.cms.ndsoft.listing import article_link, once_each
from newscrawl.cms.ndsoft.urls import is_top_section_code
from newscrawl.cms.selectors import text_of, xpath
from newscrawl.normalizers.dates import printed_day
from newscrawl.normalizers.text import clean_text

FEED_PATH = "/rss/allArticle.xml"
SECTION_FEED_PATH = "/rss/{section_code}.xml"
SITEMAP_PATH = "/sitemap.xml"

# A DOCTYPE or ENTITY declaration anywhere in the document (they may only come before the root, but a refusal
# need not care where).
DECLARATION_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Namespace-blind, so RSS with or without a namespace, `dc:date`, and sitemaps with the news extension all read.
RSS_ITEMS = "//*[local-name()='item']"
RSS_LINKS = ("*[local-name()='link']", "*[local-name()='guid']")
RSS_DATES = ("*[local-name()='pubDate']", "*[local-name()='date']")
SITEMAP_URLS = "/*[local-name()='urlset']/*[local-name()='url']"
SITEMAP_LINKS = ("*[local-name()='loc']",)
# The publication date of the news extension first: lastmod is when the page last changed.
SITEMAP_DATES = (".//*[local-name()='publication_date']", "*[local-name()='lastmod']")


def feed_urls(base_url: str) -> tuple[str, ...]:
    return (urljoin(base_url, FEED_PATH),)


def sitemap_urls(base_url: str) -> tuple[str, ...]:
    return (urljoin(base_url, SITEMAP_PATH),)


def section_feed_url(base_url: str, section_code: str) -> str | None:
    """The feed of a top-level section; sub-sections have none (reference: /rss/S1N<k>.xml only)."""
    return urljoin(base_url, SECTION_FEED_PATH.format(section_code=section_code)) if is_top_section_code(section_code) else None


def _parse(body: bytes) -> etree._Element | None:
    """The document's root, or None when it declares a DOCTYPE or an entity, or is no XML at all."""
    if DECLARATION_RE.search(body):
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body.lstrip(b" \t\r\n"), parser)
    except etree.XMLSyntaxError:
        return None
    # Also refused when a declaration got past the byte scan (a document in UTF-16, say).
    if root is None or root.getroottree().docinfo.doctype:
        return None
    return root


def _first_text(entry: etree._Element, queries: tuple[str, ...]) -> str | None:
    return next((text for query in queries for found in xpath(entry, query) if (text := clean_text(text_of(found)))), None)


def feed_links(response: Response) -> list[ArticleLink]:
    """The articles of an RSS 2.0 feed or a sitemap urlset, in its order, once each, canonical, each with the day
    (KST) it was published when the feed says; [] for anything else, and for a document refused unread."""
    root = _parse(response.body)
    if root is None:
        return []
    entries = [(entry, RSS_LINKS, RSS_DATES) for entry in xpath(root, RSS_ITEMS)] or [
        (entry, SITEMAP_LINKS, SITEMAP_DATES) for entry in xpath(root, SITEMAP_URLS)
    ]
    links = (
        article_link(response.url, _first_text(entry, link_queries), printed_day(_first_text(entry, date_queries)))
        for entry, link_queries, date_queries in entries
    )
    return once_each(links)
