"""The article templates of the NDSoft CMS: one class each, one method per field.

What is firm and what is likely or unknown is in ../shared/reference/ndsoft-markup.md; the shared steps that
come after a layout (meta tags, heuristics) are in newscrawl.cms.article. Every layout's body is the element
`#article-view-content-div` (firm): an inline script above it names the id too, and CSS only ever matches the
element. A layout reads a page only when the page has its frame, so the three never take each other's body.
"""

import re

from lxml.html import HtmlElement

from newscrawl.cms.article import HeaderDates, HeaderLinesLayout, Page, split_header_lines
from newscrawl.cms.ndsoft.urls import section_code_from_url, top_section_code_from_url
from newscrawl.cms.selectors import css, element_by_id, text_of, texts
from newscrawl.normalizers.bylines import signature_byline
from newscrawl.normalizers.text import clean_text, element_to_text

BODY_ID = "article-view-content-div"
BODY = f"#{BODY_ID}"
# The current skin's byline li starts with a visually hidden label (firm): "기자명 홍길동 기자".
BYLINE_LABEL_RE = re.compile(r"^기자명\s*[:：]?\s*")
# The older skin joins its header's pieces with bullets: "• 기자명 email • 승인 2010.03.19 13:21 • 댓글 0".
BULLET_RE = re.compile(r"\s*•\s*")
# Counters printed among the header's lines, never a byline.
COUNTER_RE = re.compile(r"^(?:댓글|조회수?)\s*[:：]?\s*[\d,]+$")


def header_lines(lines: list[str]) -> HeaderDates:
    """A header's lines, each cut at its bullets and without the hidden byline label, told apart
    (split_header_lines); the counters (댓글 0) are dropped from the other lines."""
    pieces = [BYLINE_LABEL_RE.sub("", piece) for line in lines for piece in BULLET_RE.split(clean_text(line))]
    dates = split_header_lines([piece for piece in pieces if piece])
    return HeaderDates(dates.published, dates.modified, [line for line in dates.others if not COUNTER_RE.match(line)])


def linked_section(links: list[HtmlElement]) -> tuple[str | None, str | None]:
    """(name, code) of a breadcrumb's links to section lists: the top-level section's link when there is one
    (an article's section is its top-level section), else the deepest link with a code."""
    named = [(clean_text(text_of(link)), link.get("href")) for link in links]
    named = [(name, href) for name, href in named if name and section_code_from_url(href)]
    top = [(name, top_section_code_from_url(href)) for name, href in named if top_section_code_from_url(href)]
    if top:
        return top[0]
    return (named[-1][0], section_code_from_url(named[-1][1])) if named else (None, None)


class _FramedLayout(HeaderLinesLayout):
    """A layout known by its frame (markup only its pages have), with a title, a header of lines (dates, byline,
    counters), a breadcrumb and the shared body box."""

    FRAME: str
    SECTION_LINKS: str = ""
    SUBTITLES: str = ""

    def _in_frame(self, page: Page) -> bool:
        return bool(css(page.root, self.FRAME))

    def header_dates(self, lines: list[str]) -> HeaderDates:
        return header_lines(lines)

    def section(self, page: Page) -> tuple[str | None, str | None]:
        return linked_section(css(page.root, self.SECTION_LINKS)) if self.SECTION_LINKS else (None, None)

    def subtitles(self, page: Page) -> list[str]:
        return texts(page.root, self.SUBTITLES) if self.SUBTITLES else []

    def body_box(self, page: Page) -> HtmlElement | None:
        return element_by_id(page.root, BODY_ID) if page.once(self._in_frame) else None


class CurrentSkin(_FramedLayout):
    """The current skin (firm): header.article-view-header, article#article-view-content-div (older pages: a div)."""

    name = "current-skin"

    FRAME = f"div#article-view, header.article-view-header, article{BODY}"
    HEADER = "header.article-view-header"
    # The headline is h3.heading, h1 or h2 on some sites: by its class.
    TITLE = f"{HEADER} .heading"
    # One li each: the byline (hidden label 기자명), '입력 …', '수정 …' (firm); the older variant's date list too.
    HEADER_LINES = f"{HEADER} ul.infomation > li, nav.rooted ul.dated > li"
    # Unconfirmed: the breadcrumb's markup (a nav in the header, or nav.breadcrumbs) and the sub-headline's (h4).
    SECTION_LINKS = f"{HEADER} nav a[href], nav.breadcrumbs a[href]"
    SUBTITLES = f"{HEADER} h4.subheading"


class UserContainer(_FramedLayout):
    """The 2013–2019 skin (likely): div.user-container, .article-head-title, ul.info-text lines with bullets
    ('• 홍길동 기자 hong@site.kr', '• 승인 …', '• 댓글 0', 'updated. 2016-03-20 09:09 (일)')."""

    name = "user-container"

    FRAME = "div.user-container, .article-head-title"
    TITLE = ".article-head-title"
    HEADER_LINES = "ul.info-text > li, .article-head-info ul > li"
    SECTION_LINKS = ".article-head-nav > a[href]"


class TableLayout(_FramedLayout):
    """The pre-2018 table layout, often EUC-KR (likely). Unconfirmed: the title cell td.View_Title and the date cell
    td.View_Info ('승인 2015.05.03 14:20'). The byline is the body's last line ('홍길동 기자 hong@site.kr', then the
    copyright line, which is never text); the shared step takes that signature line out of the body."""

    name = "table-layout"

    FRAME = f"td.View_Title, td > div{BODY}"
    TITLE = "td.View_Title"
    HEADER_LINES = "td.View_Info"

    def _trailing_byline(self, page: Page) -> list[str]:
        box = self.body_box(page)
        lines = element_to_text(box).split("\n") if box is not None else []
        byline = signature_byline(lines[-1]) if lines else None
        return [byline] if byline else []

    def byline(self, page: Page) -> list[str]:
        return super().byline(page) or page.once(self._trailing_byline)
