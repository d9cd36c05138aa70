"""The NDSoft CMS family (kyongbuk.co.kr, aitimes.com and the other sites in ../shared/reference/ndsoft-markup.md):
its URL scheme (urls), its list pages and menu (listing), its article skins (layouts), its feeds and sitemap
(feeds), and the hooks below."""

import re
from types import MappingProxyType

from scrapy.http import TextResponse

from newscrawl.cms.article import LayoutFamily, Page
from newscrawl.cms.base import ArticleLink
from newscrawl.cms.ndsoft import feeds, layouts, listing, urls
from newscrawl.cms.selectors import css, text_of, xpath

# Inside the body box (reference: body noise): multi-photo strips, related-articles boxes and the auto-generated
# FAQ boxes (div#tem-type-8; other numbers unconfirmed), whose images are not the article's photos either.
MULTI_PHOTO_BOX = "figure.figure-img-multi"
RELATED_BOX = "div.related"
FAQ_BOX = "[id^='tem-type']"
# The copyright box follows the body (firm); some sites may print it inside (unconfirmed), so it is chrome there.
COPYRIGHT_BOX = "div.view-copyright, article.article-copy"
# Whole lines of body text that are noise (reference): the text-to-speech prompt the body opens with, and photo
# credits '(사진=홍길동 기자)', '(사진=OO시)' ('[사진=…]' too, unconfirmed).
NOISE_LINES_RE = re.compile(r"기사를\s*읽어\s*드립니다\.?|[(\[]\s*사진\s*=[^)\]]*[)\]]")
# Gone articles (likely): an unapproved one's notice, and a deleted one's (an alert script in the sample: where a
# real site prints either is unconfirmed). A notice counts in a script or anywhere outside the body box, and inside
# the box only when it is all the box says, so an article that quotes the words is still read.
GONE_NOTICES = (
    ("unapproved_notice", re.compile(r"관리자가\s*검토\s*중인\s*기사\s*입니다")),
    ("deleted_notice", re.compile(r"존재하지\s*않는\s*링크")),
)
OUTSIDE_BODY_TEXT_XPATH = f"//text()[not(ancestor::*[@id='{layouts.BODY_ID}'])]"
WORD_RE = re.compile(r"\w")


class NdsoftFamily(LayoutFamily):
    key = "ndsoft"
    list_pagings = urls.LIST_PAGINGS
    # Unconfirmed (the reference does not show the previous/next box): taken to stay in the article's section, as
    # on the first family's sites; the table layout prints no section, so an article of it reached through such a
    # link first gets its linker's (its provenance says link:adjacent-article, so a wrong guess can be found).
    adjacent_links_share_section = True
    cms_name = "NDSoft"
    # Where the skins and the family's page parts print each field (layouts.py and the hooks below).
    field_places = MappingProxyType({
        "title": "the article header, the older skins' title box or the table's title cell",
        "published_at": "the header's 입력/승인 line",
        "modified_at": "the header's 수정/updated. line",
        "authors": "the header's reporter line, or the body's last line in the table layout",
        "section": "the breadcrumb, the head nav, the linking list, the menu or the article:section meta tag",
        "subtitles": "the header's sub-headings",
        "body": "the article-view-content-div box",
    })
    layouts = (layouts.CurrentSkin(), layouts.UserContainer(), layouts.TableLayout())
    body_chrome = f"script, style, noscript, iframe, figure, {RELATED_BOX}, {FAQ_BOX}, {COPYRIGHT_BOX}"
    caption_boxes = "figure"
    not_photos = f"{MULTI_PHOTO_BOX}, {RELATED_BOX}, {FAQ_BOX}"
    noise_lines = NOISE_LINES_RE
    section_meta = "article:section"

    # URLs
    def article_id(self, url):
        return urls.article_id_from_url(url)

    def canonical_url(self, page_url, article_id):
        return urls.canonical_article_url(page_url, article_id)

    def list_url(self, site, section_code, page=1, offset=0):
        # NDSoft lists page by number only; the offset is not needed.
        return urls.section_list_url(site.base_url, section_code, page)

    def section_code(self, url):
        return urls.section_code_from_url(url)

    def is_section_code(self, text):
        return urls.is_section_code(text)

    # List pages, links and feeds
    def section_links(self, response: TextResponse):
        return listing.section_links(response)

    def list_page(self, response: TextResponse):
        return listing.parse_list_page(response)

    def article_links(self, response: TextResponse):
        return listing.article_links(response)

    def feed_urls(self, site):
        return feeds.feed_urls(site.base_url)

    def sitemap_urls(self, site):
        return feeds.sitemap_urls(site.base_url)

    def section_feed_url(self, site, section_code):
        return feeds.section_feed_url(site.base_url, section_code)

    def feed_links(self, response):
        return feeds.feed_links(response)

    # Article-page hooks
    def gone_reason(self, page: Page):
        found = [(reason, notice) for reason, notice in GONE_NOTICES if notice.search(page.response.text)]
        if not found:
            return None
        outside = "".join(xpath(page.root, OUTSIDE_BODY_TEXT_XPATH))
        boxes = [text_of(box) for box in css(page.root, layouts.BODY)]
        return next((reason for reason, notice in found if notice.search(outside) or any(
            notice.search(text) and not WORD_RE.search(notice.sub("", text)) for text in boxes
        )), None)

    def menu_section_name(self, page: Page, section_code):
        # The table layout prints no section: the page's own menu names the code the linking list gave.
        return listing.section_name(page.response, section_code)

    def adjacent_links(self, page: Page, own_url: str) -> dict[str, ArticleLink | None]:
        return listing.adjacent_article_links(page.response, own_url)


NDSOFT = NdsoftFamily()
