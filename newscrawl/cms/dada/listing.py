"""Section list pages of the 다다미디어 CMS, and the links on any of its pages that lead to sections or articles."""

import re
from datetime import date

from lxml.html import HtmlElement
from scrapy.http import TextResponse

from newscrawl.cms.base import ArticleLink
from newscrawl.cms.dada.urls import canonical_url_of_link, section_code_from_url
from newscrawl.cms.selectors import css, page_root, text_of, xpath
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


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _list_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean_text(text))
    except ValueError:
        return None


def parse_list_page(response: TextResponse) -> list[ArticleLink]:
    """The articles of one list page, newest first; empty past the last page."""
    links = (
        _article_link(
            response.url, _first(css(entry, LIST_ENTRY_LINK)), _list_date(_first(css(entry, LIST_ENTRY_DATE)))
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
# are firm), and sites of the family print them in many ways: the label inside the link or beside it, with or
# without its space, after an arrow ("◀ 이전기사 : TITLE"), in a `dt` beside a `dd` link, or as an image's `alt`
# or the link's `title`. A reader takes the link the label stands next to, and so does this:
# - a label counts only where it starts its text (arrows and brackets aside) and ends as a word (optionally with
#   "보기"), so a headline or sentence that merely contains or starts with the words is no label: a most-read entry
#   "다음 기사는 …" or "이전 기사에 이어 …" would otherwise be taken as a label inside its link, and so would the
#   "이전기사가 없습니다" placeholder (which has no link of its own);
# - from the label, the nearest enclosing element with exactly one article link gives the link, and an element
#   with several (a most-read or latest box) or with the other side's label (the next label in the box where the
#   previous one says "이전 기사가 없습니다") ends the search with no link.
# Both labels are a word and the noun 기사: "이전 기사", "다음기사".
ADJACENT_LABEL_NOUN = "기사"
ADJACENT_LABEL_WORDS = {"prev": "이전", "next": "다음"}
ADJACENT_LABEL_SUFFIX = "보기"
ADJACENT_LABEL_RES = {
    # Possessive, so "이전 기사 보기에 ..." cannot fall back to the bare label followed by a space.
    side: re.compile(rf"^\W*{word}\s*{ADJACENT_LABEL_NOUN}(?:\s*{ADJACENT_LABEL_SUFFIX})?+(?!\w)")
    for side, word in ADJACENT_LABEL_WORDS.items()
}
# Elements whose own text, `title` or `alt` holds the noun: one pass over the page finds both sides' candidates, and
# the regexes above decide which start with a label.
ADJACENT_LABEL_CANDIDATES_XPATH = (
    "//body//*[not(self::script)][text()[contains(., $noun)]]"
    " | //a[@href][contains(@title, $noun)]"
    " | //img[contains(@alt, $noun)]"
)
ADJACENT_LABEL_LEVELS = 4


def _label_holders(root: HtmlElement) -> dict[str, list[HtmlElement]]:
    """Side -> the elements whose own text, `title` or `alt` starts with that side's label."""
    holders = {side: [] for side in ADJACENT_LABEL_WORDS}
    for element in xpath(root, ADJACENT_LABEL_CANDIDATES_XPATH, noun=ADJACENT_LABEL_NOUN):
        own_texts = [text for text in (element.text, *(child.tail for child in element), element.get("title"),
                                       element.get("alt")) if text]
        for side, label_re in ADJACENT_LABEL_RES.items():
            if any(label_re.match(text) for text in own_texts):
                holders[side].append(element)
    return holders


def _linked_article(page_url: str, holder: HtmlElement, other_holders: set[HtmlElement], own_url: str) -> ArticleLink | None:
    """The link a label stands for: the article link it is inside, else the one article link of the nearest
    enclosing element that has any; None when that element has several, or holds the other side's label."""
    for anchor in (holder, *holder.iterancestors("a")):
        link = anchor.tag == "a" and _article_link(page_url, anchor.get("href"))
        if link and link.url != own_url:
            return link
    for element in [holder, *holder.iterancestors()][:ADJACENT_LABEL_LEVELS]:
        if other_holders.intersection(element.iter()):
            return None
        links = {link.url: link for link in (_article_link(page_url, anchor.get("href")) for anchor in css(element, "a[href]"))
                 if link and link.url != own_url}
        if links:
            return next(iter(links.values())) if len(links) == 1 else None
    return None


def adjacent_article_links(response: TextResponse, own_url: str) -> dict[str, ArticleLink | None]:
    """{'prev': link, 'next': link}: the previous and next articles the page links to, or None."""
    root = page_root(response)
    holders = _label_holders(root)
    return {
        side: next(filter(None, (_linked_article(response.url, holder, set(holders[other]), own_url)
                                 for holder in holders[side])), None)
        for side, other in (("prev", "next"), ("next", "prev"))
    }
