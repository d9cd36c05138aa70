"""Previous/next-article links found by their labels, for any family: the family only says which hrefs are its
article links (its canonical-link function), the labels and the search are the same for every CMS.

Families print the links in many ways: the label inside the link or beside it, with or without its space, after an
arrow ("◀ 이전기사 : TITLE"), in a `dt` beside a `dd` link, or as an image's `alt` or the link's `title`. A reader
takes the link the label stands next to, and so does this:
- a label counts only where it starts its text (arrows and brackets aside) and ends as a word (optionally with
  "보기"), so a headline or sentence that merely contains or starts with the words is no label: a most-read entry
  "다음 기사는 …" or "이전 기사에 이어 …" would otherwise be taken as a label inside its link, and so would the
  "이전기사가 없습니다" placeholder (which has no link of its own);
- from the label, the nearest enclosing element with exactly one article link gives the link, and an element
  with several (a most-read or latest box) or with the other side's label (the next label in the box where the
  previous one says "이전 기사가 없습니다") ends the search with no link.
"""

import re
from collections.abc import Callable
from functools import cache, partial

from lxml.html import HtmlElement
from scrapy.http import TextResponse

from newscrawl.cms.base import ArticleLink
from newscrawl.cms.selectors import css, page_root, xpath

# A family's article link for an href found on a page: (page URL, href) -> the link, or None for any other href.
ArticleLinkOf = Callable[[str, str | None], ArticleLink | None]

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
# the regexes above decide which start with a label. It tests the text and attribute nodes and climbs to their
# element, which costs about half of testing every element's text children (`*[text()[contains(...)]]`), with the
# same elements found. Looking inside the article links first (where the first family's labels are said to be)
# would save little: that query costs about 80 % of this one, and a label beside its link needs both.
ADJACENT_LABEL_CANDIDATES_XPATH = (
    "//body//text()[contains(., $noun)]/parent::*[not(self::script)]"
    " | //a/@title[contains(., $noun)]/parent::a[@href]"
    " | //img/@alt[contains(., $noun)]/.."
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


def _linked_article(holder: HtmlElement, other_holders: set[HtmlElement], own_url: str,
                    link_of: Callable[[str | None], ArticleLink | None]) -> ArticleLink | None:
    """The link a label stands for: the article link it is inside, else the one article link of the nearest
    enclosing element that has any; None when that element has several, or holds the other side's label."""
    for anchor in (holder, *holder.iterancestors("a")):
        link = anchor.tag == "a" and link_of(anchor.get("href"))
        if link and link.url != own_url:
            return link
    for element in [holder, *holder.iterancestors()][:ADJACENT_LABEL_LEVELS]:
        if other_holders.intersection(element.iter()):
            return None
        links = {link.url: link for link in (link_of(anchor.get("href")) for anchor in css(element, "a[href]"))
                 if link and link.url != own_url}
        if links:
            return next(iter(links.values())) if len(links) == 1 else None
    return None


def adjacent_article_links(response: TextResponse, own_url: str, link_of: ArticleLinkOf) -> dict[str, ArticleLink | None]:
    """{'prev': link, 'next': link}: the previous and next articles the page links to, or None; `link_of` is the
    family's article link for an href."""
    root = page_root(response)
    holders = _label_holders(root)
    # The search climbs from each label through the same boxes, so an href is read once a page.
    page_link_of = cache(partial(link_of, response.url))
    return {
        side: next(filter(None, (_linked_article(holder, set(holders[other]), own_url, page_link_of)
                                 for holder in holders[side])), None)
        for side, other in (("prev", "next"), ("next", "prev"))
    }
