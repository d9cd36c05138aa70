"""Article pages of both CMS skins: a pure function from a response to its ArticleItem and adjacent-article links.

Each field is looked up in fallback order: the newer skin, the older skin, meta tags, then a
careful heuristic (see ../shared/reference/cms-markup.md for which parts are firm and which unknown).
"""

import hashlib
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache, partial

from lxml.html import HtmlElement
from scrapy.http import TextResponse

from newscrawl.items import EMPTY_FIELD_VALUES, ArticleItem
from newscrawl.loaders import ArticleLoader
from newscrawl.pages.listing import ArticleLink, adjacent_article_links, section_name
from newscrawl.pages.selectors import css, page_root, text_of, texts, xpath
from newscrawl.normalizers.bylines import attach_trailing_email, split_leading_credit
from newscrawl.normalizers.dates import parse_kst_datetime, split_date_label
from newscrawl.normalizers.text import clean_text, element_to_text
from newscrawl.normalizers.urls import (
    article_id_from_url,
    canonical_article_url,
    section_code_from_url,
    site_name,
)

NEW_SKIN_TITLE = ".article-head-title"
NEW_SKIN_SECTION_LINKS = ".article-head-nav a"
NEW_SKIN_INFO_LINES = "ul.info-text > li"
NEW_SKIN_BODY = "div#viewContent div.fr-view"
NEW_SKIN_PROFILE_WRITER = "strong.writer"
OLD_SKIN_TITLE = "div.titleWrap > strong"
OLD_SKIN_BYLINE = "div.titleWrap div.else-area > p"
OLD_SKIN_DATE_LINES = "div.titleWrap div.registModifyDate li"
# The older skin's body box; the newer skin's box also matches, so the newer skin is tried first.
BODY_BOX = "div#viewContent, div.viewContent"
SUBTITLES = "div#viewContent ul.subj > li"
META_TITLE = "meta[property='og:title']::attr(content)"
META_AUTHOR = "meta[name='author']::attr(content)"
META_PUBLISHED = "meta[property='article:published_time']::attr(content)"
META_MODIFIED = "meta[property='article:modified_time']::attr(content)"
META_TAGS = "meta[property='article:tag']::attr(content)"
# Heuristic last resorts, used only when neither skin nor the meta tags give the field.
HEURISTIC_TITLE = "h1"
HEURISTIC_BODY_CONTAINERS = "//*[count(p) >= 2]"

# Inside the body box, these are chrome or non-text, never body text.
BODY_CHROME = "ul.subj, .button-container, script, style, noscript, iframe, span.fr-img-caption, div#img_caption, figure"
OLD_SKIN_PHOTO_BOX = "div#img_caption"
IMAGE_CAPTION_BOXES = "span.fr-img-caption, div#img_caption, figure"
IMAGE_CAPTION_TEXT = ".fr-inner, figcaption, p"

SECTION_HOME_LABEL = "HOME"
# The "목록 바로가기" (back to the list) button links the article's own section list in both skins.
BACK_TO_LIST_LINK_XPATH = "(//a[contains(@href, 'list.php')][contains(string(.), $label)])[1]"
BACK_TO_LIST_LABEL = "목록"
DELETED_NOTICES = ("삭제된 기사", "존재하지 않는 기사")
DELETED_NOTICE_SCRIPT_XPATH = "//script[contains(., $deleted) or contains(., $missing)]"
# Statuses that mean the article is gone, as opposed to a server fault worth retrying.
GONE_STATUSES = (404, 410)
# Members-only articles (khrd.co.kr) put a login link and a notice in the body box instead of the body.
MEMBERS_ONLY_LOGIN_LINK = "a[href*='/bbs/login.php']"
MEMBERS_ONLY_NOTICES = ("회원 전용", "회원전용")
# Every page of the CMS ends with it; a page without it was cut off, and its text cannot be trusted whole.
PAGE_END_RE = re.compile(rb"</html\s*>", re.I)


class NotAnArticle(Exception):
    """The page is not an article; `reason` names why, for the stats.

    `gone` says the article no longer exists (deleted notice, no headline, 404): it is recorded as missing.
    Otherwise the page was broken (an empty response) and the article is worth trying again later.
    """

    def __init__(self, reason: str, gone: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.gone = gone


@dataclass(frozen=True)
class SectionHint:
    """What the page that linked the article knew about its section, used when the article page does not say."""

    name: str | None = None
    code: str | None = None


def _add_first_found(loader: ArticleLoader, field: str, *steps: Callable[[], object]) -> None:
    """Adds the steps' values in fallback order, stopping at the first step that gives the field a value,
    so the later (and costlier) steps of a chain run only when the earlier ones found nothing."""
    for step in steps:
        values = step()
        # Nothing found adds nothing; the loader's per-call cost is skipped.
        if values:
            loader.add_value(field, values)
            if loader.get_output_value(field):
                return


def _first_body_box(root: HtmlElement) -> HtmlElement | None:
    for query in (NEW_SKIN_BODY, BODY_BOX):
        boxes = css(root, query)
        if boxes:
            return boxes[0]
    containers = xpath(root, HEURISTIC_BODY_CONTAINERS)
    if not containers:
        return None
    return max(containers, key=lambda node: sum(len(text_of(paragraph)) for paragraph in xpath(node, "p")))


def _body_text(box: HtmlElement) -> str:
    # A private copy of the box, so removing chrome never changes the response's own tree.
    copy = deepcopy(box)
    for chrome in css(copy, BODY_CHROME):
        # drop_tree keeps the text that follows the element.
        chrome.drop_tree()
    return element_to_text(copy)


def _images(response: TextResponse, root: HtmlElement, box: HtmlElement | None) -> list[dict]:
    # The older skin's first photo box comes first and may sit outside the body box.
    scopes = [*css(root, OLD_SKIN_PHOTO_BOX), *([box] if box is not None else [])]
    images = {}
    for scope in scopes:
        # Caption boxes are looked for inside the scope only (the scope itself included: the older skin's photo
        # box is one), since only the scope's images are kept.
        caption_of = {}
        for caption_box in css(scope, IMAGE_CAPTION_BOXES):
            caption = clean_text(" ".join(texts(caption_box, IMAGE_CAPTION_TEXT))) or None
            for img in css(caption_box, "img"):
                caption_of[img] = caption
        for img in css(scope, "img[src]"):
            url = response.urljoin(img.get("src").strip())
            images.setdefault(img, {"url": url, "caption": caption_of.get(img)})
    return list(images.values())


def _split_header_lines(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(published lines, modified lines, other lines) of an article header.

    Labelled lines go by their label; an unlabelled line that is a date is the published time
    when it comes first and the modified time after (the older skin's second label is unknown).
    """
    published, modified, others = [], [], []
    for line in map(clean_text, lines):
        kind, rest = split_date_label(line)
        if not rest:
            continue
        if kind is None and parse_kst_datetime(rest) is not None:
            kind = "modified" if published else "published"
        {"published": published, "modified": modified}.get(kind, others).append(line)
    return published, modified, others


def _section(root: HtmlElement) -> tuple[str | None, str | None]:
    """(name, code) of the deepest section in the newer skin's breadcrumb."""
    for link in reversed(css(root, NEW_SKIN_SECTION_LINKS)):
        name = clean_text(text_of(link))
        if name and name.upper() != SECTION_HOME_LABEL:
            return name, section_code_from_url(link.get("href"))
    return None, None


def _menu_section_name(response: TextResponse, section_code: str | None) -> str | None:
    return section_name(response, section_code) if section_code else None


def _back_to_list_section_code(root: HtmlElement) -> str | None:
    links = xpath(root, BACK_TO_LIST_LINK_XPATH, label=BACK_TO_LIST_LABEL)
    return section_code_from_url(links[0].get("href")) if links else None


def _is_members_only(box: HtmlElement | None) -> bool:
    if box is None or not css(box, MEMBERS_ONLY_LOGIN_LINK):
        return False
    text = text_of(box)
    return any(notice in text for notice in MEMBERS_ONLY_NOTICES)


def _is_deleted_notice(response: TextResponse, root: HtmlElement) -> bool:
    # Script text is not entity-decoded, so a page whose source lacks both notices cannot match: the XPath, which
    # reads every script on the page, runs only on pages that have one.
    if not any(notice in response.text for notice in DELETED_NOTICES):
        return False
    return bool(xpath(root, DELETED_NOTICE_SCRIPT_XPATH, deleted=DELETED_NOTICES[0], missing=DELETED_NOTICES[1]))


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the normalised title and body: equal text, equal hash."""
    return hashlib.sha256(f"{title}\n\n{body}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArticlePage:
    """What an article page gives: its item, and the links to the previous and next articles, which carry the
    section codes the spider passes on (the item keeps only their canonical URLs)."""

    item: ArticleItem
    adjacent_links: tuple[ArticleLink, ...]


def read_article_page(
    response: TextResponse, *, section_hint: SectionHint = SectionHint(), crawled_at: datetime | None = None
) -> ArticlePage:
    """The article on `response` and its adjacent-article links, or NotAnArticle when the page is not one."""
    article_id = article_id_from_url(response.url)
    if article_id is None:
        raise NotAnArticle("not_an_article_url")
    if response.status in GONE_STATUSES:
        raise NotAnArticle(f"http_{response.status}")
    if not response.body.strip():
        raise NotAnArticle("empty_response", gone=False)
    if not PAGE_END_RE.search(response.body[-4096:]):
        raise NotAnArticle("truncated_page", gone=False)
    root = page_root(response)
    if _is_deleted_notice(response, root):
        raise NotAnArticle("deleted_notice")
    crawled_at = crawled_at or datetime.now(timezone.utc)
    url = canonical_article_url(response.url, article_id)
    loader = ArticleLoader(crawled_at=crawled_at)

    _add_first_found(
        loader,
        "title",
        lambda: texts(root, NEW_SKIN_TITLE),
        lambda: texts(root, OLD_SKIN_TITLE),
        lambda: css(root, META_TITLE),
        lambda: texts(root, HEURISTIC_TITLE),
    )
    if not loader.get_output_value("title"):
        raise NotAnArticle("no_headline")

    new_published, new_modified, new_others = _split_header_lines(texts(root, NEW_SKIN_INFO_LINES))
    old_published, old_modified, _ = _split_header_lines(texts(root, OLD_SKIN_DATE_LINES))
    for field, lines, meta in (
        ("published", new_published + old_published, META_PUBLISHED),
        ("modified", new_modified + old_modified, META_MODIFIED),
    ):
        # Looked up at most once for both fields, and only when the header's lines do not give them.
        meta_values = cache(partial(css, root, meta))
        for kind in ("raw", "at"):
            # Called at once, inside this iteration, so the lambda sees this iteration's lines.
            _add_first_found(loader, f"{field}_{kind}", lambda: lines, meta_values)

    box = _first_body_box(root)
    paywalled = _is_members_only(box)
    if paywalled:
        # The metadata is real; the box holds only the login notice, which is not the article's text.
        box = None
    credit, body = split_leading_credit(_body_text(box) if box is not None else "")

    _add_first_found(
        loader,
        "byline_raw",
        lambda: new_others,
        lambda: texts(root, OLD_SKIN_BYLINE),
        lambda: texts(root, NEW_SKIN_PROFILE_WRITER),
        lambda: css(root, META_AUTHOR),
        lambda: credit,
    )
    loader.add_value("authors", loader.get_output_value("byline_raw"))

    breadcrumb_name, breadcrumb_code = _section(root)
    # Later steps of these chains look through the whole page, so they run only when the earlier ones found nothing.
    loader.add_value("section_code", breadcrumb_code or _back_to_list_section_code(root) or section_hint.code)
    # The older skin prints no section: the page's own menu names the section code the link carried.
    loader.add_value(
        "section",
        breadcrumb_name or section_hint.name or _menu_section_name(response, loader.get_output_value("section_code")),
    )
    loader.add_value("subtitles", texts(root, SUBTITLES))
    loader.add_value("images", _images(response, root, box))
    loader.add_value("tags", css(root, META_TAGS))

    loaded = {**EMPTY_FIELD_VALUES, **loader.load_item()}
    adjacent = adjacent_article_links(response, url)
    fields = {
        **loaded,
        "url": url,
        "site": site_name(url),
        "article_id": article_id,
        "authors": attach_trailing_email(loaded["authors"], body),
        "body": body,
        "content_hash": content_hash(loaded["title"], body),
        "crawled_at": crawled_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "paywalled": paywalled,
        **{f"{side}_url": link.url if link else None for side, link in adjacent.items()},
    }
    # Schema order, so feeds and stores print the fields in the order the contract lists them.
    item = ArticleItem({name: fields[name] for name in ArticleItem.fields})
    return ArticlePage(item, tuple(filter(None, adjacent.values())))
