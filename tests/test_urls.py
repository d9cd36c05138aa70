from urllib.parse import urljoin

import pytest

from newscrawl.cms.base import on_host_of, site_key
from newscrawl.cms.dada.urls import (
    article_id_from_url,
    canonical_article_url,
    canonical_url_of_link,
    section_code_from_url,
    section_list_url,
)

PAGE = "https://www.workheadline.co.kr/news/list.php?mcode=m71w8xw&page=2"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../news/view.php?idx=828&mcode=m71w8xw", "828"),
        ("/news/view.php?idx=828", "828"),
        ("/news/view.php?mcode=m71w8xw&idx=828&page=3", "828"),
        ("/news/view.php?idx=828&sm=w_total&stx=AI", "828"),
        ("https://www.workheadline.co.kr/news/view.php?idx=828", "828"),
        ("/m/view.php?idx=828", "828"),
        ("/news/828", "828"),
        ("/news/828/", "828"),
        ("javascript:article_view('828')", "828"),
        ('javascript:article_view("828");', "828"),
        ("javascript: article_view(828)", "828"),
        ("/news/view.php?idx=", None),
        ("/news/view.php?idx=abc", None),
        ("/news/list.php?mcode=m71w8xw&idx=828", None),
        ("/news/search.php?sm=w_total&stx=828", None),
        ("/news/photo/828.jpg", None),
        ("javascript:void(0)", None),
        ("", None),
        (None, None),
    ],
)
def test_every_link_form_names_one_canonical_article(href, expected):
    expected_url = f"https://www.workheadline.co.kr/news/view.php?idx={expected}" if expected else None
    assert canonical_url_of_link(PAGE, href) == expected_url
    assert article_id_from_url(expected_url) == expected


def test_a_link_to_another_site_keeps_its_own_host():
    assert canonical_url_of_link(PAGE, "https://other.example/news/view.php?idx=5&mcode=m71w8xw") == (
        "https://other.example/news/view.php?idx=5"
    )


def test_canonical_url_keeps_the_host_of_the_page_it_was_found_on():
    assert canonical_article_url("http://127.0.0.1:8123/news/list.php?mcode=m71w8xw", "5") == (
        "http://127.0.0.1:8123/news/view.php?idx=5"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/news/list.php?mcode=m71w8xw", "m71w8xw"),
        ("/news/list.php?&mcode=m71w8xw&page=2", "m71w8xw"),
        ("../news/view.php?idx=1&mcode=m2k4p9a", "m2k4p9a"),
        ("/news/list.php?mcode=M71W8XW", None),
        ("/news/list.php?mcode=m1", None),
        ("/news/list.php", None),
        (None, None),
    ],
)
def test_section_code_from_url(url, expected):
    assert section_code_from_url(url) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (1, "http://127.0.0.1:9/news/list.php?mcode=m71w8xw"),
        (2, "http://127.0.0.1:9/news/list.php?mcode=m71w8xw&page=2"),
    ],
)
def test_section_list_url(page, expected):
    assert section_list_url("http://127.0.0.1:9/", "m71w8xw", page) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.workheadline.co.kr/news/view.php?idx=828", "workheadline.co.kr"),
        ("https://kbsm.net/news/view.php?idx=1", "kbsm.net"),
        ("http://127.0.0.1:8123/news/view.php?idx=1", "127.0.0.1"),
    ],
)
def test_site_key(url, expected):
    assert site_key(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.workheadline.co.kr/news/view.php?idx=828&mcode=m1",
        "http://127.0.0.1:8123/news/list.php?mcode=m71w8xw#top",
        "https://user@kbsm.net:8443/",
        "https://kbsm.net",
    ],
)
def test_a_path_on_the_host_of_a_url_is_what_urljoin_gives(url):
    assert on_host_of(url, "/news/view.php?idx=5") == urljoin(url, "/news/view.php?idx=5")
