"""The NDSoft family's URL functions, as tables: article ids, canonical URLs, section codes, list and feed URLs."""

import pytest

from newscrawl.cms.ndsoft import NDSOFT
from newscrawl.cms.ndsoft.urls import (article_id_from_url, canonical_url_of_link, section_code_from_url,
                                       top_section_code_from_url)
from newscrawl.sites import Site

HOST = "http://127.0.0.4:8404"
PAGE = f"{HOST}/news/articleList.html?sc_section_code=S1N2&view_type=sm&page=2"
SITE = Site(f"{HOST}/", family="ndsoft")


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/news/articleView.html?idxno=828", "828"),
        ("/news/articleView.html?idxno=828&sc_word=%EC%B6%95%EC%A0%9C", "828"),
        ("/news/articleView.html?idxno=828&replyAll=&reply_sc_order_by=C", "828"),
        ("/news/articleView.html?sc_section_code=S1N2&idxno=828&page=3", "828"),
        ("articleView.html?idxno=828", "828"),
        ("../news/articleView.html?idxno=828", "828"),
        (f"{HOST}/news/articleView.html?idxno=828", "828"),
        ("  /news/articleView.html?idxno=828  ", "828"),
        ("/news/articleView.html?idxno=", None),
        ("/news/articleView.html?idxno=abc", None),
        ("/news/articleView.html?idx=828", None),
        ("/news/articleList.html?sc_section_code=S1N2&idxno=828", None),
        ("/news/articleView.htmlx?idxno=828", None),
        ("/news/thumbnail/202511/828_v150.jpg", None),
        ("javascript:void(0)", None),
        ("", None),
        (None, None),
    ],
)
def test_every_link_form_names_one_canonical_article(href, expected):
    expected_url = f"{HOST}/news/articleView.html?idxno={expected}" if expected else None
    assert canonical_url_of_link(PAGE, href) == expected_url
    assert article_id_from_url(expected_url) == expected
    assert NDSOFT.article_id(expected_url) == expected


@pytest.mark.parametrize(
    ("page_url", "article_id", "expected"),
    [
        (f"{HOST}/news/articleView.html?idxno=5&sc_word=x", "5", f"{HOST}/news/articleView.html?idxno=5"),
        ("https://www.kyongbuk.co.kr/news/articleList.html?view_type=sm", "24600",
         "https://www.kyongbuk.co.kr/news/articleView.html?idxno=24600"),
    ],
)
def test_canonical_url_on_the_page_host(page_url, article_id, expected):
    assert NDSOFT.canonical_url(page_url, article_id) == expected


ARTICLE_PAGE = f"{HOST}/news/articleView.html?idxno=5&sc_word=x"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        # Without the article path, an href still names an article when it keeps the page's own path.
        ("?idxno=12", "12"),
        ("  ?idxno=12&page=2", "12"),
        ("#comment-form", "5"),
        ("", None),
        (".", None),
        ("12", None),
    ],
)
def test_an_href_that_keeps_an_article_page_path_names_an_article(href, expected):
    expected_url = f"{HOST}/news/articleView.html?idxno={expected}" if expected else None
    assert canonical_url_of_link(ARTICLE_PAGE, href) == expected_url


def test_a_link_to_another_site_keeps_its_own_host():
    assert canonical_url_of_link(PAGE, "https://other.example/news/articleView.html?idxno=5&sc_word=a") == (
        "https://other.example/news/articleView.html?idxno=5"
    )


@pytest.mark.parametrize(
    ("url", "section", "top"),
    [
        ("/news/articleList.html?sc_section_code=S1N1&view_type=sm", "S1N1", "S1N1"),
        ("/news/articleList.html?sc_section_code=S1N12&view_type=sm&page=3", "S1N12", "S1N12"),
        ("/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm", "S2N3", None),
        ("/news/articleList.html?sc_section_code=S1N2&sc_sub_section_code=S2N3&view_type=sm", "S2N3", "S1N2"),
        ("/news/articleView.html?idxno=1&sc_section_code=S1N2", "S1N2", "S1N2"),
        ("/news/articleList.html?view_type=sm", None, None),
        ("/news/articleList.html?sc_section_code=s1n1", None, None),
        ("/news/articleList.html?sc_section_code=S3N1", None, None),
        ("/news/articleList.html?sc_area=A&sc_word=S1N1&view_type=sm", None, None),
        (None, None, None),
    ],
)
def test_section_codes_of_urls(url, section, top):
    assert section_code_from_url(url) == section
    assert NDSOFT.section_code(url) == section
    assert top_section_code_from_url(url) == top


@pytest.mark.parametrize(
    ("text", "expected"),
    [("S1N1", True), ("S1N12", True), ("S2N3", True), ("S3N1", False), ("s1n1", False), ("S1N", False),
     ("m71w8xw", False), ("S1N1 ", False)],
)
def test_is_section_code(text, expected):
    assert NDSOFT.is_section_code(text) is expected


@pytest.mark.parametrize(
    ("code", "page", "expected"),
    [
        ("S1N1", 1, f"{HOST}/news/articleList.html?sc_section_code=S1N1&view_type=sm"),
        ("S1N1", 2, f"{HOST}/news/articleList.html?sc_section_code=S1N1&view_type=sm&page=2"),
        ("S2N3", 1, f"{HOST}/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm"),
        ("S2N3", 7, f"{HOST}/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm&page=7"),
    ],
)
def test_list_url(code, page, expected):
    # The offset means nothing to NDSoft's lists, which page by number only.
    assert NDSOFT.list_url(SITE, code, page, offset=(page - 1) * 20) == expected
    assert NDSOFT.section_code(expected) == code


def test_the_family_pages_by_number():
    assert NDSOFT.list_pagings == ("page",)


def test_feed_and_sitemap_urls():
    assert NDSOFT.feed_urls(SITE) == (f"{HOST}/rss/allArticle.xml",)
    assert NDSOFT.sitemap_urls(SITE) == (f"{HOST}/sitemap.xml",)
    assert NDSOFT.section_feed_url(SITE, "S1N2") == f"{HOST}/rss/S1N2.xml"
    # Sub-sections have no feed of their own.
    assert NDSOFT.section_feed_url(SITE, "S2N3") is None
