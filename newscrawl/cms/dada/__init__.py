"""The 다다미디어 CMS family (workheadline.co.kr, kbsm.net and the other sites in ../shared/reference/cms-markup.md):
its URL scheme (urls), its list pages (listing), its article skins (layouts), and the hooks below."""

import re
from types import MappingProxyType

from scrapy.http import TextResponse

from newscrawl.cms.article import LayoutFamily, Page
from newscrawl.cms.base import ArticleLink
from newscrawl.cms.dada import layouts, listing, urls
from newscrawl.cms.selectors import css, text_of, texts, xpath
from newscrawl.normalizers.bylines import EMAIL_RE, parse_byline

# The "목록 바로가기" (back to the list) button links the article's own section list in both skins.
BACK_TO_LIST_LINK_XPATH = "(//a[contains(@href, 'list.php')][contains(string(.), $label)])[1]"
BACK_TO_LIST_LABEL = "목록"
DELETED_NOTICES = ("삭제된 기사", "존재하지 않는 기사")
DELETED_NOTICE_SCRIPT_XPATH = "//script[contains(., $deleted) or contains(., $missing)]"
# Members-only articles (khrd.co.kr) put a login link and a notice in the body box instead of the body.
MEMBERS_ONLY_LOGIN_LINK = "a[href*='/bbs/login.php']"
MEMBERS_ONLY_NOTICES = ("회원 전용", "회원전용")
# The reporter profile box under the body (likely): the name in strong.writer, an e-mail beside it in a mail
# link or as text (unconfirmed: both forms are seen on sites of the family, the box's own markup is not known).
PROFILE_WRITER = "strong.writer"
PROFILE_MAIL_LINK = "a[href^='mailto:']::attr(href)"
MAILTO_RE = re.compile(r"^mailto:\s*", re.I)


class DadaFamily(LayoutFamily):
    key = "dada"
    list_pagings = urls.LIST_PAGINGS
    cms_name = "다다미디어"
    # Where the skins and the family's page parts print each field (layouts.py and the hooks below).
    field_places = MappingProxyType({
        "title": "the article header",
        "published_at": "the header's date lines",
        "modified_at": "the header's date lines",
        "authors": "the header or the profile box",
        "section": "the breadcrumb, the linking list, the back-to-list link or the menu",
        "subtitles": "the sub-headline box",
        "body": "the article's body box",
    })
    layouts = (layouts.NewerSkin(), layouts.OlderSkin())
    body_chrome = (
        "ul.subj, .button-container, script, style, noscript, iframe, span.fr-img-caption, div#img_caption, figure"
    )
    caption_boxes = "span.fr-img-caption, div#img_caption, figure"

    # URLs
    def article_id(self, url):
        return urls.article_id_from_url(url)

    def canonical_url(self, page_url, article_id):
        return urls.canonical_article_url(page_url, article_id)

    def list_url(self, site, section_code, page=1, offset=0):
        return urls.section_list_url(site.base_url, section_code, page, offset, site.list_paging)

    def section_code(self, url):
        return urls.section_code_from_url(url)

    def is_section_code(self, text):
        return bool(urls.SECTION_CODE_RE.match(text))

    # List pages and links
    def section_links(self, response: TextResponse):
        return listing.section_links(response)

    def list_page(self, response: TextResponse):
        return listing.parse_list_page(response)

    def article_links(self, response: TextResponse):
        return listing.article_links(response)

    def has_script_built_list(self, response: TextResponse):
        return listing.has_script_built_list(response)

    # Article-page hooks
    def gone_reason(self, page: Page):
        # Script text is not entity-decoded, so a page whose source lacks both notices cannot match: the XPath,
        # which reads every script on the page, runs only on pages that have one.
        if not any(notice in page.response.text for notice in DELETED_NOTICES):
            return None
        found = xpath(page.root, DELETED_NOTICE_SCRIPT_XPATH, deleted=DELETED_NOTICES[0], missing=DELETED_NOTICES[1])
        return "deleted_notice" if found else None

    def is_members_only(self, box):
        if not css(box, MEMBERS_ONLY_LOGIN_LINK):
            return False
        text = text_of(box)
        return any(notice in text for notice in MEMBERS_ONLY_NOTICES)

    def page_section_code(self, page: Page):
        links = xpath(page.root, BACK_TO_LIST_LINK_XPATH, label=BACK_TO_LIST_LABEL)
        return urls.section_code_from_url(links[0].get("href")) if links else None

    def menu_section_name(self, page: Page, section_code):
        # The older skin prints no section: the page's own menu names the section code the link carried.
        return listing.section_name(page.response, section_code)

    def profile_bylines(self, page: Page):
        return texts(page.root, PROFILE_WRITER)

    def profile_emails(self, page: Page):
        emails = {}
        for writer in css(page.root, PROFILE_WRITER):
            box = writer.getparent()
            found = [MAILTO_RE.sub("", href).strip() for href in css(box, PROFILE_MAIL_LINK)]
            found = found or EMAIL_RE.findall(text_of(box))
            for author in parse_byline(text_of(writer)):
                if found:
                    emails.setdefault(author["name"], found[0])
        return emails

    def extra_subtitles(self, page: Page):
        # Unconfirmed: a sub-headline box printed outside both skins' known places (above the view box).
        return texts(page.root, layouts.SUBTITLE_ITEMS)

    def adjacent_links(self, page: Page, own_url: str) -> dict[str, ArticleLink | None]:
        return listing.adjacent_article_links(page.response, own_url)


DADA = DadaFamily()
