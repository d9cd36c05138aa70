"""Article pages of any family: its layouts' field methods first, then the steps every family shares (meta tags,
heuristics, images, body text, bylines), assembled into one ArticleItem.

A family subclasses LayoutFamily, lists its layouts (one ArticleLayout class per template, one method per field)
and fills in the few hooks that are its own (deleted notices, the section a page names, the adjacent links).
Each field's chain reads: every layout in order, then the shared steps; the first step that gives a value wins,
and the item's store-only `provenance` names it (newscrawl.provenance).
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial

from lxml.html import HtmlElement
from scrapy.http import TextResponse

from newscrawl.cms.base import GONE_STATUSES, ArticleLink, ArticlePage, CmsFamily, NotAnArticle, SectionHint, site_key
from newscrawl.cms.selectors import css, page_root, text_of, texts, xpath
from newscrawl.items import EMPTY_FIELD_VALUES, ArticleItem
from newscrawl.loaders import ArticleLoader
from newscrawl.normalizers.bylines import attach_profile_emails, split_leading_credit, split_trailing_signature
from newscrawl.normalizers.dates import parse_kst_datetime, split_date_label
from newscrawl.normalizers.text import clean_text, drop_matching_lines, element_to_text
from newscrawl.provenance import FAMILY, HEURISTIC, LAYOUT, LINK, META, NONE, TRACED_FIELDS, is_present, source

# Meta tags: fallbacks after the layout's own markup, never the first choice (reference: their presence is unknown).
META_TITLE = "meta[property='og:title']::attr(content)"
META_AUTHOR = "meta[name='author']::attr(content)"
META_PUBLISHED = "meta[property='article:published_time']::attr(content)"
META_MODIFIED = "meta[property='article:modified_time']::attr(content)"
META_TAGS = "meta[property='article:tag']::attr(content)"
# A family's own meta property (LayoutFamily.section_meta).
META_PROPERTY = "meta[property='{property}']::attr(content)"
# Heuristic last resorts, used only when neither a layout nor the meta tags give the field.
HEURISTIC_TITLE = "h1"
HEURISTIC_BODY_CONTAINERS = "//*[count(p) >= 2]"
# What the provenance calls each shared step.
META_TITLE_SOURCE = source(META, "og:title")
META_AUTHOR_SOURCE = source(META, "author")
META_DATE_SOURCES = {"published": source(META, "article:published_time"), "modified": source(META, "article:modified_time")}
HEURISTIC_TITLE_SOURCE = source(HEURISTIC, "h1")
HEURISTIC_BODY_SOURCE = source(HEURISTIC, "largest-text-block")
CREDIT_SOURCE = source(HEURISTIC, "body-credit")
PROFILE_BOX_SOURCE = source(FAMILY, "profile-box")
MENU_SOURCE = source(FAMILY, "menu")
EXTRA_SUBTITLES_SOURCE = source(FAMILY, "subtitle-box")
# Inside a photo box, the caption's own element; a box without one has its caption as the box's text.
IMAGE_CAPTION_TEXT = ".fr-inner, figcaption, p"
# Every page these CMSs print ends with it; a page without it was cut off, and its text cannot be trusted whole.
PAGE_END_RE = re.compile(rb"</html\s*>", re.I)


@dataclass
class Page:
    """The page a layout's field methods read: the response, its parsed tree, and what was worked out once."""

    response: TextResponse
    root: HtmlElement
    _known: dict = field(default_factory=dict)

    def once(self, function: Callable, *args):
        """`function(self, *args)`, computed once per page, so two fields that share a lookup pay for it once."""
        key = (function, args)
        if key not in self._known:
            self._known[key] = function(self, *args)
        return self._known[key]


class ArticleLayout:
    """One article template of a family. Each method reads one field from the template's own markup and returns
    nothing (an empty list, None) when this template does not print it there; the shared steps come after."""

    # What provenance, run records and sitecheck call the layout, e.g. "newer-skin".
    name: str

    @property
    def source(self) -> str:
        return source(LAYOUT, self.name)

    def title(self, page: Page) -> list[str]:
        return []

    def published(self, page: Page) -> list[str]:
        return []

    def modified(self, page: Page) -> list[str]:
        return []

    def byline(self, page: Page) -> list[str]:
        return []

    def section(self, page: Page) -> tuple[str | None, str | None]:
        """(name, code) of the article's section."""
        return None, None

    def subtitles(self, page: Page) -> list[str]:
        return []

    def body_box(self, page: Page) -> HtmlElement | None:
        return None

    def photo_boxes(self, page: Page) -> list[HtmlElement]:
        """Photo boxes outside the body box, with their captions; the body's own photos are found in the body."""
        return []


@dataclass(frozen=True)
class HeaderDates:
    """An article header's lines, told apart: (published lines, modified lines, the other lines)."""

    published: list[str]
    modified: list[str]
    others: list[str]


def split_header_lines(lines: list[str]) -> HeaderDates:
    """Labelled lines go by their label; an unlabelled line that is a date is the published time when it comes
    first and the modified time after (the older skin's second label is unknown)."""
    published, modified, others = [], [], []
    for line in map(clean_text, lines):
        kind, rest = split_date_label(line)
        if not rest:
            continue
        if kind is None and parse_kst_datetime(rest) is not None:
            kind = "modified" if published else "published"
        {"published": published, "modified": modified}.get(kind, others).append(line)
    return HeaderDates(published, modified, others)


class HeaderLinesLayout(ArticleLayout):
    """A layout whose header is a title and a list of lines: the dates (told apart by `header_dates`), and whatever
    else the layout prints there (a byline)."""

    TITLE: str
    HEADER_LINES: str

    def header_dates(self, lines: list[str]) -> HeaderDates:
        """The header's lines told apart; a family whose lines carry more (bullets, counters) cleans them first."""
        return split_header_lines(lines)

    def _header(self, page: Page) -> HeaderDates:
        return self.header_dates(texts(page.root, self.HEADER_LINES))

    def title(self, page: Page) -> list[str]:
        return texts(page.root, self.TITLE)

    def published(self, page: Page) -> list[str]:
        return page.once(self._header).published

    def modified(self, page: Page) -> list[str]:
        return page.once(self._header).modified

    def byline(self, page: Page) -> list[str]:
        return page.once(self._header).others


def _add_first_found(loader: ArticleLoader, name: str, steps) -> str:
    """Adds the values of the (source, step) pairs in fallback order, stopping at the first step that gives the
    field a value, so the later (and costlier) steps of a chain run only when the earlier ones found nothing.
    Returns that step's source, or NONE."""
    for step_source, step in steps:
        values = step()
        # Nothing found adds nothing; the loader's per-call cost is skipped.
        if values:
            loader.add_value(name, values)
            # Input processors drop what normalises to nothing, so a value collected is a value the field keeps.
            if loader.get_collected_values(name):
                return step_source
    return NONE


def heuristic_body_box(root: HtmlElement) -> HtmlElement | None:
    """The element whose paragraphs hold the most text."""
    containers = xpath(root, HEURISTIC_BODY_CONTAINERS)
    if not containers:
        return None
    return max(containers, key=lambda node: sum(len(text_of(paragraph)) for paragraph in xpath(node, "p")))


def body_text(box: HtmlElement, chrome: str, noise_lines: re.Pattern[str] | None = None) -> str:
    """The text of a body box without the elements the `chrome` CSS selects (their tails are text), nor the lines
    `noise_lines` matches whole."""
    return drop_matching_lines(element_to_text(box, frozenset(css(box, chrome))), noise_lines)


def _caption(box: HtmlElement) -> str | None:
    captions = texts(box, IMAGE_CAPTION_TEXT)
    # A photo box with no caption element prints its caption as text beside the image (`<img><br>CAPTION`).
    return clean_text(" ".join(captions) if captions else text_of(box)) or None


def images(response: TextResponse, scopes: list[HtmlElement], caption_boxes: str, not_photos: str = "") -> list[dict]:
    """The images of the scopes (photo boxes, then the body box), each with its caption, once each; none of those
    inside the boxes the `not_photos` CSS selects."""
    found = {}
    for scope in scopes:
        skipped = {img for box in css(scope, not_photos) for img in css(box, "img")} if not_photos else set()
        # Caption boxes are looked for inside the scope only (the scope itself included: a photo box is one), since
        # only the scope's images are kept.
        caption_of = {}
        for caption_box in css(scope, caption_boxes):
            caption = _caption(caption_box)
            for img in css(caption_box, "img"):
                caption_of[img] = caption
        for img in css(scope, "img[src]"):
            if img in skipped:
                continue
            url = response.urljoin(img.get("src").strip())
            found.setdefault(img, {"url": url, "caption": caption_of.get(img)})
    return list(found.values())


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the normalised title and body: equal text, equal hash."""
    return hashlib.sha256(f"{title}\n\n{body}".encode("utf-8")).hexdigest()


class LayoutFamily(CmsFamily):
    """A family whose article pages are read by its layouts and the shared steps. A subclass sets the class
    attributes and may override the hooks below them."""

    layouts: tuple[ArticleLayout, ...] = ()
    # Inside any body box, these are chrome or non-text, never body text.
    body_chrome: str = "script, style, noscript, iframe"
    # Elements around an image that hold its caption.
    caption_boxes: str = "figure"
    # Inside a body box, boxes whose images are not the article's photos (a related-articles box), or "".
    not_photos: str = ""
    # Lines of body text that are noise as a whole line (a text-to-speech prompt, a photo credit), or None.
    noise_lines: re.Pattern[str] | None = None
    # The meta property that names the article's section (e.g. "article:section"), the section's last fallback.
    section_meta: str | None = None

    def gone_reason(self, page: Page) -> str | None:
        """Why the page says its article is gone (a deleted notice), or None."""
        return None

    def is_members_only(self, box: HtmlElement) -> bool:
        """Whether the body box holds a members-only notice instead of the body."""
        return False

    def page_section_code(self, page: Page) -> str | None:
        """The section code the page itself names, when no layout's section gives it."""
        return None

    def menu_section_name(self, page: Page, section_code: str) -> str | None:
        """The name the page's menu gives the section `section_code`."""
        return None

    def profile_bylines(self, page: Page) -> list[str]:
        """Bylines printed in a reporter profile box under the article."""
        return []

    def profile_emails(self, page: Page) -> dict[str, str]:
        """Reporter name -> e-mail, from the reporter profile boxes."""
        return {}

    def extra_subtitles(self, page: Page) -> list[str]:
        """Sub-headlines printed where no layout looks for them."""
        return []

    def adjacent_links(self, page: Page, own_url: str) -> dict[str, ArticleLink | None]:
        """{'prev': link, 'next': link}: the previous and next articles the page links to."""
        return {"prev": None, "next": None}

    def article_page(
        self, response: TextResponse, *, section_hint: SectionHint = SectionHint(), crawled_at: datetime | None = None
    ) -> ArticlePage:
        article_id = self.article_id(response.url)
        if article_id is None:
            raise NotAnArticle("not_an_article_url")
        if response.status in GONE_STATUSES:
            raise NotAnArticle(f"http_{response.status}")
        if not response.body.strip():
            raise NotAnArticle("empty_response", gone=False)
        if not PAGE_END_RE.search(response.body[-4096:]):
            raise NotAnArticle("truncated_page", gone=False)
        page = Page(response, page_root(response))
        gone = self.gone_reason(page)
        if gone:
            raise NotAnArticle(gone)
        crawled_at = crawled_at or datetime.now(timezone.utc)
        url = self.canonical_url(response.url, article_id)
        root = page.root
        layouts = self.layouts
        loader = ArticleLoader(crawled_at=crawled_at)
        sources = {}

        sources["title"] = _add_first_found(loader, "title", [
            *((layout.source, partial(layout.title, page)) for layout in layouts),
            (META_TITLE_SOURCE, lambda: css(root, META_TITLE)),
            (HEURISTIC_TITLE_SOURCE, lambda: texts(root, HEURISTIC_TITLE)),
        ])
        if not loader.get_output_value("title"):
            raise NotAnArticle("no_headline")

        for name, meta in (("published", META_PUBLISHED), ("modified", META_MODIFIED)):
            for kind in ("raw", "at"):
                sources[f"{name}_{kind}"] = _add_first_found(loader, f"{name}_{kind}", [
                    *((layout.source, partial(getattr(layout, name), page)) for layout in layouts),
                    (META_DATE_SOURCES[name], lambda: page.once(_meta, meta)),
                ])

        body_source, box = next(
            ((layout.source, found) for layout in layouts if (found := layout.body_box(page)) is not None), (NONE, None)
        )
        if box is None:
            box = heuristic_body_box(root)
            body_source = HEURISTIC_BODY_SOURCE if box is not None else NONE
        paywalled = box is not None and self.is_members_only(box)
        if paywalled:
            # The metadata is real; the box holds only the login notice, which is not the article's text.
            box = None
        credit, body = split_leading_credit(body_text(box, self.body_chrome, self.noise_lines) if box is not None else "")
        sources["body"] = body_source

        sources["authors"] = _add_first_found(loader, "byline_raw", [
            *((layout.source, partial(layout.byline, page)) for layout in layouts),
            (PROFILE_BOX_SOURCE, lambda: self.profile_bylines(page)),
            (META_AUTHOR_SOURCE, lambda: css(root, META_AUTHOR)),
            (CREDIT_SOURCE, lambda: credit),
        ])
        loader.add_value("authors", loader.get_output_value("byline_raw"))

        section_source, (section_name, section_code) = next(
            ((layout.source, found) for layout in layouts if any(found := layout.section(page))), (NONE, (None, None))
        )
        # Later steps of these chains look through the whole page, so they run only when the earlier ones found nothing.
        loader.add_value("section_code", section_code or self.page_section_code(page) or section_hint.code)
        code = loader.get_output_value("section_code")
        if not section_name:
            section_name, section_source = (
                (section_hint.name, source(LINK, section_hint.via)) if section_hint.name
                else (code and self.menu_section_name(page, code), MENU_SOURCE)
            )
        if not section_name and self.section_meta:
            section_name = next(iter(css(root, META_PROPERTY.format(property=self.section_meta))), None)
            section_source = source(META, self.section_meta)
        loader.add_value("section", section_name)
        sources["section"] = section_source
        sources["subtitles"] = _add_first_found(loader, "subtitles", [
            *((layout.source, partial(layout.subtitles, page)) for layout in layouts),
            (EXTRA_SUBTITLES_SOURCE, lambda: self.extra_subtitles(page)),
        ])
        photo_boxes = [found for layout in layouts for found in layout.photo_boxes(page)]
        loader.add_value("images", images(response, [*photo_boxes, *([box] if box is not None else [])], self.caption_boxes,
                                          self.not_photos))
        loader.add_value("tags", css(root, META_TAGS))

        loaded = {**EMPTY_FIELD_VALUES, **loader.load_item()}
        authors, body = split_trailing_signature(loaded["authors"], body)
        adjacent = self.adjacent_links(page, url)
        fields = {
            **loaded,
            "url": url,
            "site": site_key(url),
            "article_id": article_id,
            "authors": attach_profile_emails(authors, self.profile_emails(page)),
            "body": body,
            "content_hash": content_hash(loaded["title"], body),
            "crawled_at": crawled_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "paywalled": paywalled,
            **{f"{side}_url": link.url if link else None for side, link in adjacent.items()},
        }
        fields["provenance"] = _provenance(sources, fields)
        # Schema order, so feeds and stores print the fields in the order the contract lists them.
        item = ArticleItem({name: fields[name] for name in ArticleItem.fields})
        return ArticlePage(item, tuple(filter(None, adjacent.values())))


def _meta(page: Page, query: str) -> list[str]:
    return css(page.root, query)


def _provenance(sources: dict[str, str], fields: dict) -> dict[str, str]:
    """{traced field: its source}; a field that ended up empty (a byline that named no one, a body box without
    text) has none, whatever step was read."""
    return {name: sources[name] if is_present(fields[name]) else NONE for name in TRACED_FIELDS}

