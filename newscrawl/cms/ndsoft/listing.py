"""List pages of the NDSoft CMS, its menu, and the links on any of its pages that lead to sections or articles.

What is firm, likely or unknown is in ../shared/reference/ndsoft-markup.md; the list skins below are read in
order, and the first that finds an article on the page is the page's list.
"""

import re
from dataclasses import dataclass
from datetime import date

from lxml.html import HtmlElement
from scrapy.http import TextResponse

from newscrawl.cms import adjacent
from newscrawl.cms.base import ArticleLink
from newscrawl.cms.ndsoft.urls import (LIST_PATH, canonical_url_of_link, section_code_from_url,
                                       sub_section_code_from_url, top_section_code_from_url)
from newscrawl.cms.selectors import css, page_root, text_of, texts, xpath
from newscrawl.normalizers.dates import printed_day
from newscrawl.normalizers.text import clean_text


@dataclass(frozen=True)
class ListSkin:
    """One list markup: its entries, and inside an entry the article link, the texts that may print the date, and
    the link to the entry's section."""

    entries: str
    link: str
    dates: str = ""
    section: str = ""


LIST_SKINS = (
    # The current lists (firm): `span.byline > em × 3` = [section] [reporter] [date], the last em the date.
    ListSkin("section#section-list > ul.type1 > li, section#section-list > ul.type2 > li",
             "h4.titles > a, h2.titles > a", "span.byline > em"),
    # The older list skin (firm names; div.list-dated "SECTION | REPORTER | YYYY-MM-DD HH:MM" is unconfirmed).
    ListSkin("div.list-block", "div.list-titles a", "div.list-dated"),
    # The third skin (likely): the auto boxes' entries; where they print a date is unknown.
    ListSkin("div.item", "a.auto-titles", section="a.auto-section"),
    # Older search results (likely): one li of ul.auto-infomation is the date, which one is unknown.
    ListSkin("li.clearfix", "div.auto-titles a", "ul.auto-infomation li"),
)
# The last resort when no list skin matches (the markup is a skin not known here): every article link in the
# page's main content, the first of these that the page has; links in headers, menus and footers are left out.
LAST_RESORT_SCOPES = ("section#section-list", "div.user-container", "div#user-container", "main", "body")
LAST_RESORT_LINKS_XPATH = ".//a[@href][not(ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside)]"
# A list's date line may join its pieces with '|' (section | reporter | date).
DATE_PIECES_RE = re.compile(r"\s*\|\s*")

# The section menu (firm): ul#mega-menu > li.megaline > a > strong NAME; the first item, 전체기사, has no code.
# Retired sections stay in the page inside an HTML comment, which the parser keeps as a comment: never a link.
MENU_LINKS = "ul#mega-menu > li.megaline > a"
MENU_NAME = "strong"
LIST_LINKS = f"a[href*='{LIST_PATH}']"
# Thumbnails link by script: onclick="location.href='/news/articleView.html?idxno=N'" (firm, home page).
LINKS_AND_CLICKS_XPATH = "//a[@href] | //*[@onclick]"
LOCATION_HREF_RE = re.compile(r"""location\.href\s*=\s*['"]([^'"]+)['"]""")


def article_link(page_url: str, href: str | None, listed_on: date | None = None,
                 section_code: str | None = None) -> ArticleLink | None:
    """The ArticleLink of an href found on `page_url`, or None when it is not an article link."""
    url = canonical_url_of_link(page_url, href)
    return ArticleLink(url, section_code or section_code_from_url(href), listed_on) if url else None


def once_each(links) -> list[ArticleLink]:
    """The links in order, the first of each URL."""
    first_by_url = {}
    for link in filter(None, links):
        first_by_url.setdefault(link.url, link)
    return list(first_by_url.values())


def _listed_on(date_texts: list[str]) -> date | None:
    """The day the last piece that is a date names, looking from the end (the date comes last)."""
    pieces = (piece for text in reversed(date_texts) for piece in reversed(DATE_PIECES_RE.split(text)))
    return next(filter(None, map(printed_day, pieces)), None)


def _entry_link(page_url: str, entry: HtmlElement, skin: ListSkin) -> ArticleLink | None:
    hrefs = css(entry, skin.link)
    if not hrefs:
        return None
    section_hrefs = css(entry, skin.section) if skin.section else []
    section_code = section_code_from_url(section_hrefs[0].get("href")) if section_hrefs else None
    listed_on = _listed_on(texts(entry, skin.dates)) if skin.dates else None
    return article_link(page_url, hrefs[0].get("href"), listed_on, section_code)


def parse_list_page(response: TextResponse) -> list[ArticleLink]:
    """The articles of one list page, newest first; empty past the last page."""
    root = page_root(response)
    for skin in LIST_SKINS:
        links = once_each(_entry_link(response.url, entry, skin) for entry in css(root, skin.entries))
        if links:
            return links
    # Last resort (unconfirmed markup): the article links of the main content.
    scope = next((found[0] for query in LAST_RESORT_SCOPES if (found := css(root, query))), root)
    return once_each(article_link(response.url, anchor.get("href")) for anchor in xpath(scope, LAST_RESORT_LINKS_XPATH))


def _link_name(link: HtmlElement) -> str:
    names = texts(link, MENU_NAME)
    return clean_text(names[0] if names else text_of(link))


def section_links(response: TextResponse) -> dict[str, str]:
    """Section code -> section name: the menu's sections and every sub-section link (sub-menus are unconfirmed
    markup), in page order; when the menu names no section, every link to a section's list (tolerant fallback)."""
    root = page_root(response)
    menu = set(css(root, MENU_LINKS))
    links = css(root, LIST_LINKS)
    chosen = [link for link in links if link in menu or sub_section_code_from_url(link.get("href"))]
    if not any(top_section_code_from_url(link.get("href")) for link in chosen):
        chosen = links
    sections: dict[str, str] = {}
    for link in chosen:
        code = section_code_from_url(link.get("href"))
        name = _link_name(link)
        if code and name:
            sections.setdefault(code, name)
    return sections


def section_name(response: TextResponse, section_code: str) -> str | None:
    """The name the page's menu gives `section_code`, or None."""
    return section_links(response).get(section_code)


def article_links(response: TextResponse) -> list[ArticleLink]:
    """Every article the page links to, by href or by an onclick script, in page order, once each."""
    hrefs = []
    for element in xpath(page_root(response), LINKS_AND_CLICKS_XPATH):
        if element.tag == "a" and element.get("href"):
            hrefs.append(element.get("href"))
        clicked = LOCATION_HREF_RE.search(element.get("onclick") or "")
        if clicked:
            hrefs.append(clicked.group(1))
    return once_each(article_link(response.url, href) for href in hrefs)


def adjacent_article_links(response: TextResponse, own_url: str) -> dict[str, ArticleLink | None]:
    """{'prev': link, 'next': link} by their labels (이전기사 / 다음기사): the markup is unknown (the sample's
    `ul.view-prev-next` is unconfirmed), so they are found as for every family (newscrawl.cms.adjacent)."""
    return adjacent.adjacent_article_links(response, own_url, article_link)
