"""The article templates ("skins") of the 다다미디어 CMS: one class each, one method per field.

What is firm and what is likely or unknown is in ../shared/reference/cms-markup.md; the shared steps that come
after a layout (meta tags, heuristics) are in newscrawl.cms.article.
"""

from lxml.html import HtmlElement

from newscrawl.cms.article import HeaderLinesLayout, Page
from newscrawl.cms.dada.urls import section_code_from_url
from newscrawl.cms.selectors import css, first, text_of, texts
from newscrawl.normalizers.text import clean_text

SECTION_HOME_LABEL = "HOME"
# A sub-headline, wherever a skin prints its `ul.subj`.
SUBTITLE_ITEMS = "ul.subj > li"


class NewerSkin(HeaderLinesLayout):
    """The newer skin (firm: the workheadline.co.kr article): `.article-head-*` header, Froala body."""

    name = "newer-skin"

    TITLE = ".article-head-title"
    SECTION_LINKS = ".article-head-nav a"
    # One li each: the byline, '등록 ...', '수정 ...' (only when edited).
    HEADER_LINES = "ul.info-text > li"
    SUBTITLES = f"div#viewContent {SUBTITLE_ITEMS}"
    BODY = "div#viewContent div.fr-view"

    def section(self, page: Page) -> tuple[str | None, str | None]:
        """The deepest section of the breadcrumb (HOME dropped)."""
        for link in reversed(css(page.root, self.SECTION_LINKS)):
            name = clean_text(text_of(link))
            if name and name.upper() != SECTION_HOME_LABEL:
                return name, section_code_from_url(link.get("href"))
        return None, None

    def subtitles(self, page: Page) -> list[str]:
        return texts(page.root, self.SUBTITLES)

    def body_box(self, page: Page) -> HtmlElement | None:
        return first(css(page.root, self.BODY))


class OlderSkin(HeaderLinesLayout):
    """The older skin (likely): `div.titleWrap` header, `div#viewContent` body, first photo in `div#img_caption`."""

    name = "older-skin"

    TITLE = "div.titleWrap > strong"
    BYLINE = "div.titleWrap div.else-area > p"
    # '기사등록 ...' and the modified time's li (label unknown); some sites print the byline in a first li of its
    # own (`li > span`) instead of div.else-area, which split_header_lines leaves among the other lines.
    HEADER_LINES = "div.titleWrap div.registModifyDate li"
    # Unconfirmed where the older skin prints sub-headlines: sites of the family print ul.subj inside the title
    # box or between it and the body, so the whole view box is read (never the side boxes).
    SUBTITLES = f"div.basicView {SUBTITLE_ITEMS}"
    # The newer skin's box matches too; the newer skin comes first, so this only decides for older-skin pages.
    BODY = "div#viewContent, div.viewContent"
    PHOTO_BOX = "div#img_caption"

    def byline(self, page: Page) -> list[str]:
        return texts(page.root, self.BYLINE) or super().byline(page)

    def subtitles(self, page: Page) -> list[str]:
        return texts(page.root, self.SUBTITLES)

    def body_box(self, page: Page) -> HtmlElement | None:
        return first(css(page.root, self.BODY))

    def photo_boxes(self, page: Page) -> list[HtmlElement]:
        return css(page.root, self.PHOTO_BOX)
