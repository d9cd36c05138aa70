"""Section list pages of the 다다미디어 CMS, and the links on any of its pages that lead to sections or articles."""

import re
from datetime import date

from scrapy.http import TextResponse

from newscrawl.cms import adjacent
from newscrawl.cms.base import ArticleLink
from newscrawl.cms.dada.urls import canonical_url_of_link, section_code_from_url
from newscrawl.cms.selectors import css, first, page_root, text_of, xpath
from newscrawl.normalizers.text import clean_text

# The list markup is the same in both skins (reference: firm).
LIST_BOX_CLASS = "basicList"
LIST_BOX = f"div#contents div.{LIST_BOX_CLASS}"
LIST_ENTRY = f"{LIST_BOX} > ul > li"
LIST_ENTRY_LINK = "dt.title a::attr(href)"
LIST_ENTRY_DATE = "dd.registDate::text"
INLINE_SCRIPT = "script:not([src])::text"
# A script that puts markup into the page, by the DOM or by jQuery.
DOM_WRITE_RE = re.compile(r"innerHTML|insertAdjacentHTML|appendChild|\.append\(|\.html\(|document\.write")
SECTION_LINK = "a[href*='list.php']"
# The links to one section's list; the href is checked again exactly, since `contains` also matches longer codes.
SECTION_LINKS_XPATH = "//a[contains(@href, 'list.php')][contains(@href, $code)]"
def _article_link(page_url: str, href: str | None, listed_on: date | None = None) -> ArticleLink | None:
    url = canonical_url_of_link(page_url, href)
    return ArticleLink(url, section_code_from_url(href), listed_on) if url else None


def _list_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean_text(text))
    except ValueError:
        return None


def parse_list_page(response: TextResponse) -> list[ArticleLink]:
    """The articles of one list page, newest first; empty past the last page."""
    links = (
        _article_link(
            response.url, first(css(entry, LIST_ENTRY_LINK)), _list_date(first(css(entry, LIST_ENTRY_DATE)))
        )
        for entry in css(page_root(response), LIST_ENTRY)
    )
    return [link for link in links if link]


def has_script_built_list(response: TextResponse) -> bool:
    """True when the list box is left for the browser to fill: it has no entry, and an inline script both names
    the box (by its class, or the id of the box or its <ul>) and writes markup into the page.

    Past a server-built list's last page the box is empty too, but no script fills it; a script that only
    names the box (a hover effect, say) does not count either."""
    root = page_root(response)
    boxes = css(root, LIST_BOX)
    if not boxes or css(root, LIST_ENTRY):
        return False
    names = {LIST_BOX_CLASS, *(name for box in boxes for name in css(box, "::attr(id), ul::attr(id)"))}
    return any(
        DOM_WRITE_RE.search(script) and any(name in script for name in names)
        for script in css(root, INLINE_SCRIPT)
    )


def section_links(response: TextResponse) -> dict[str, str]:
    """Section code -> section name, from the links to list pages (the home page's menu)."""
    sections: dict[str, str] = {}
    for link in css(page_root(response), SECTION_LINK):
        code = section_code_from_url(link.get("href"))
        if code and code not in sections:
            sections[code] = clean_text(text_of(link))
    return sections


def section_name(response: TextResponse, section_code: str) -> str | None:
    """The name the page's first link to `section_code`'s list gives it (the menu comes first), or None."""
    for link in xpath(page_root(response), SECTION_LINKS_XPATH, code=section_code):
        if section_code_from_url(link.get("href")) == section_code:
            return clean_text(text_of(link)) or None
    return None


def article_links(response: TextResponse) -> list[ArticleLink]:
    """Every article linked from the page, in any URL form, in page order, once each (the first link wins)."""
    links = (_article_link(response.url, href) for href in css(page_root(response), "a::attr(href)"))
    first_by_url = {}
    for link in filter(None, links):
        first_by_url.setdefault(link.url, link)
    return list(first_by_url.values())


# The previous/next-article links' markup is unknown (reference: only the labels "이전 기사 보기" / "다음 기사 보기"
# are firm): they are found by their labels, as for every family (newscrawl.cms.adjacent).
def adjacent_article_links(response: TextResponse, own_url: str) -> dict[str, ArticleLink | None]:
    """{'prev': link, 'next': link}: the previous and next articles the page links to, or None."""
    return adjacent.adjacent_article_links(response, own_url, _article_link)
