"""The NDSoft family on saved pages (tests/pages/ndsoft, README there): its three article layouts, its list skins,
the home page's menu and links, its feeds and sitemap, and its notices; with no network."""

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from newscrawl import cms
from newscrawl.cms.base import ArticleLink, NotAnArticle, SectionHint
from newscrawl.cms.ndsoft import NDSOFT, feeds
from newscrawl.normalizers.text import drop_matching_lines
from newscrawl.provenance import TRACED_FIELDS
from newscrawl.sample_site import ndsoft

PAGES = Path(__file__).parent / "pages" / "ndsoft"
HOST = "http://127.0.0.4:8404"
CRAWLED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def saved_page(name: str, url: str) -> HtmlResponse:
    # No encoding given: the page's own <meta charset> decides (the table layout's pages are EUC-KR).
    return HtmlResponse(url=url, body=(PAGES / name).read_bytes())


def article_url(idxno: int) -> str:
    return f"{HOST}/news/articleView.html?idxno={idxno}"


def list_url(query: str) -> str:
    return f"{HOST}/news/articleList.html?{query}&view_type=sm"


def saved_article(name: str, idxno: int, query: str = "", **kwargs):
    return NDSOFT.article_page(saved_page(name, article_url(idxno) + query), crawled_at=CRAWLED_AT, **kwargs)


def link(idxno: int, section_code: str | None = None, listed_on: date | None = None) -> ArticleLink:
    return ArticleLink(article_url(idxno), section_code, listed_on)


def hong(email=None):
    return {"name": "홍길동", "role": "기자", "email": email}


def layout_provenance(layout: str, **overrides) -> dict:
    return {**{field: f"layout:{layout}" for field in TRACED_FIELDS}, **overrides}


# The expected items, field by field (content_hash and crawled_at are checked apart).
CURRENT_101 = {
    "url": article_url(101), "site": "127.0.0.4", "article_id": "101",
    "section": "사회", "section_code": "S1N2",
    "title": "시청 앞 광장 겨울 빛 축제 개막",
    "subtitles": ["12월 31일까지 매일 저녁 불 밝혀", "스케이트장은 다음 달 문 열어"],
    "authors": [hong()], "byline_raw": "홍길동 기자",
    "published_at": "2025-11-10T16:32:00+09:00", "published_raw": "입력 2025.11.10 16:32",
    "modified_at": "2025-11-11T09:00:00+09:00", "modified_raw": "수정 2025.11.11 09:00",
    # Without the text-to-speech line, the photo credit, the multi-photo strip, the related and FAQ boxes.
    "body": "시청 앞 광장에서 10일 겨울 빛 축제가 개막했다.\n\n"
            "축제는 12월 31일까지 매일 오후 5시부터 11시까지 열린다.\n\n"
            "시 관계자는 \"시민 누구나 무료로 즐길 수 있다\"고 말했다.",
    # figure.photo-layout only: not the multi-photo strip's nor the related box's thumbnail.
    "images": [{"url": f"{HOST}/news/photo/202511/101_301_1632.jpg", "caption": "시청 앞 광장에 불을 밝힌 겨울 빛 축제 조형물"}],
    "tags": [],
    "prev_url": article_url(100), "next_url": article_url(102),
    "paywalled": False,
    "provenance": layout_provenance("current-skin"),
}
# h1.heading, the body a div (older pages), the dates in nav.rooted ul.dated, no breadcrumb: the section comes
# from the article:section meta tag.
CURRENT_102 = {
    "url": article_url(102), "site": "127.0.0.4", "article_id": "102",
    "section": "사회", "section_code": None,
    "title": "전통 장 담그기 체험 인기", "subtitles": [],
    "authors": [{"name": "성춘향", "role": "기자", "email": None}], "byline_raw": "성춘향 기자",
    "published_at": "2021-04-05T10:20:00+09:00", "published_raw": "입력 2021.04.05 10:20",
    "modified_at": "2021-04-05T11:05:00+09:00", "modified_raw": "수정 2021.04.05 11:05",
    "body": "농업기술센터의 전통 장 담그기 체험에 신청자가 몰렸다.\n\n체험은 이달 말까지 주말마다 열린다.\n참가비는 1만 원이다.",
    "images": [], "tags": [], "prev_url": None, "next_url": None, "paywalled": False,
    "provenance": layout_provenance("current-skin", section="meta:article:section", subtitles="none"),
}
USER_CONTAINER_201 = {
    "url": article_url(201), "site": "127.0.0.4", "article_id": "201",
    "section": "정치", "section_code": "S1N1",
    "title": "도의회, 내년도 예산안 심사 착수", "subtitles": [],
    "authors": [hong("hong@sample.kr")], "byline_raw": "홍길동 기자 hong@sample.kr",
    "published_at": "2016-03-19T13:21:00+09:00", "published_raw": "승인 2016.03.19 13:21",
    "modified_at": "2016-03-20T09:09:00+09:00", "modified_raw": "updated. 2016-03-20 09:09 (일)",
    "body": "도의회가 19일 내년도 예산안 심사에 들어갔다.\n\n심사는 다음 달 10일까지 이어진다.\n\n"
            "의장은 \"민생 예산을 먼저 살피겠다\"고 밝혔다.",
    "images": [{"url": f"{HOST}/news/photo/201603/201_55_1321.jpg", "caption": "예산결산특별위원회 회의 모습"}],
    "tags": [], "prev_url": article_url(200), "next_url": article_url(202), "paywalled": False,
    "provenance": layout_provenance("user-container", subtitles="none"),
}
# The real text's one-line form: "• NAME email • 승인 … • 댓글 0" in one li of .article-head-info; the head nav
# HOME > 사회 > 사건사고 (the sub-section's link carries both codes): the top-level section.
USER_CONTAINER_150 = {
    "url": article_url(150), "site": "127.0.0.4", "article_id": "150",
    "section": "사회", "section_code": "S1N2",
    "title": "항구 축제 사흘간 열려", "subtitles": [],
    "authors": [{"name": "이몽룡", "role": "기자", "email": "lee@sample.kr"}], "byline_raw": "이몽룡 기자 lee@sample.kr",
    "published_at": "2010-03-19T13:21:00+09:00", "published_raw": "승인 2010.03.19 13:21",
    "modified_at": "2024-03-29T09:09:00+09:00", "modified_raw": "updated. 2024-03-29 09:09 (금)",
    "body": "항구 축제가 19일부터 사흘간 열린다.\n\n개막식은 첫날 오후 7시다.",
    "images": [], "tags": [], "prev_url": None, "next_url": None, "paywalled": False,
    "provenance": layout_provenance("user-container", subtitles="none"),
}
# EUC-KR; the byline is the body's trailing line, then the copyright line: neither is body text. The page names no
# section: the section code comes from the list that linked it, the name from the page's menu.
TABLE_301 = {
    "url": article_url(301), "site": "127.0.0.4", "article_id": "301",
    "section": "경제", "section_code": "S1N3",
    "title": "전통시장 상품권 할인 판매", "subtitles": [],
    "authors": [hong("hong@sample.kr")], "byline_raw": "홍길동 기자 hong@sample.kr",
    "published_at": "2015-05-03T14:20:00+09:00", "published_raw": "승인 2015.05.03 14:20",
    "modified_at": None, "modified_raw": None,
    "body": "시가 이달 한 달 동안 전통시장 상품권을 10% 할인 판매한다.\n\n1인당 구매 한도는 50만 원이다.",
    "images": [], "tags": [], "prev_url": article_url(300), "next_url": article_url(302), "paywalled": False,
    "provenance": layout_provenance("table-layout", modified_at="none", section="family:menu", subtitles="none"),
}


@pytest.mark.parametrize(
    ("name", "idxno", "hint", "expected"),
    [
        ("current_101.html", 101, SectionHint(), CURRENT_101),
        ("current_102.html", 102, SectionHint(), CURRENT_102),
        ("user_container_201.html", 201, SectionHint(), USER_CONTAINER_201),
        ("user_container_oneline_150.html", 150, SectionHint(), USER_CONTAINER_150),
        ("table_301.html", 301, SectionHint(code="S1N3"), TABLE_301),
    ],
)
def test_each_layout_reads_its_saved_page(name, idxno, hint, expected):
    # Fetched with extra parameters, as list links carry them; the item has the canonical URL.
    item = saved_article(name, idxno, "&sc_word=%EC%B6%95%EC%A0%9C", section_hint=hint).item
    assert {field: item[field] for field in expected} == expected
    assert item["crawled_at"] == "2026-11-27T12:00:00+00:00"
    assert len(item["content_hash"]) == 64


def test_the_table_layout_page_is_read_as_euc_kr():
    response = saved_page("table_301.html", article_url(301))
    assert response.encoding == "cp949"
    assert b"euc-kr" in response.body[:200]
    item = NDSOFT.article_page(response, section_hint=SectionHint(code="S1N3"), crawled_at=CRAWLED_AT).item
    # The copyright line (printed with &copy;) and the signature are dropped, whatever the encoding.
    assert "저작권자" not in item["body"] and "hong@sample.kr" not in item["body"]


def test_the_current_skin_drops_every_kind_of_body_noise():
    body = saved_article("current_101.html", 101).item["body"]
    for noise in ("기사를 읽어드립니다", "사진=", "축제 첫날 풍경", "관련기사", "지난해 축제", "자주 묻는 질문", "입장료",
                  "저작권자", "불을 밝힌", "fontSize"):
        assert noise not in body


def test_the_inline_script_that_names_the_body_id_is_not_the_body():
    response = saved_page("current_101.html", article_url(101))
    # The script above the body names #article-view-content-div too; the body is the element.
    assert response.text.count("article-view-content-div") == 2
    assert saved_article("current_101.html", 101).item["body"].startswith("시청 앞 광장에서 10일")


def test_parsing_leaves_the_response_untouched():
    response = saved_page("current_101.html", article_url(101))
    first = NDSOFT.article_page(response, crawled_at=CRAWLED_AT)
    assert len(response.css("div.related, #tem-type-8, figure.figure-img-multi")) == 3
    assert NDSOFT.article_page(response, crawled_at=CRAWLED_AT) == first


def test_the_adjacent_links_carry_the_section_codes_of_their_hrefs():
    page = saved_article("user_container_201.html", 201)
    assert page.adjacent_links == (link(200, "S1N1"), link(202, "S1N1"))
    assert saved_article("current_101.html", 101).adjacent_links == (link(100), link(102))
    # Labels in table cells beside the link cells.
    assert saved_article("table_301.html", 301).adjacent_links == (link(300), link(302))


def test_the_section_hint_comes_before_the_meta_tag_but_never_before_the_page():
    page = saved_article("current_102.html", 102, section_hint=SectionHint("사건사고", "S2N3"))
    assert (page.item["section"], page.item["section_code"]) == ("사건사고", "S2N3")
    assert page.item["provenance"]["section"] == "link:list-page"
    # The breadcrumb's top-level section wins over the sub-section list that linked the article.
    page = saved_article("current_101.html", 101, section_hint=SectionHint("사건사고", "S2N3"))
    assert (page.item["section"], page.item["section_code"]) == ("사회", "S1N2")


def test_without_a_hint_the_table_layout_has_no_section():
    item = saved_article("table_301.html", 301).item
    assert (item["section"], item["section_code"], item["provenance"]["section"]) == (None, None, "none")


@pytest.mark.parametrize(
    ("name", "reason"), [("unapproved.html", "unapproved_notice"), ("deleted.html", "deleted_notice")]
)
def test_notices_are_gone_articles(name, reason):
    with pytest.raises(NotAnArticle) as skipped:
        NDSOFT.article_page(saved_page(name, article_url(5)))
    assert (skipped.value.reason, skipped.value.gone) == (reason, True)


def test_a_body_box_that_says_only_the_notice_is_a_gone_article():
    html = ('<html><body><div id="article-view"><header class="article-view-header"><h3 class="heading">제목</h3>'
            '</header><article id="article-view-content-div"><p> 관리자가 검토중인 기사 입니다. </p></article></div></body></html>')
    with pytest.raises(NotAnArticle) as skipped:
        NDSOFT.article_page(HtmlResponse(url=article_url(6), body=html.encode(), encoding="utf-8"))
    assert skipped.value.reason == "unapproved_notice"


def test_an_article_that_quotes_a_notice_is_still_an_article():
    html = (PAGES / "current_102.html").read_text("utf-8").replace(
        "<p>체험은", "<p>안내 문자에는 \"존재하지 않는 링크\"라는 문구와 \"관리자가 검토중인 기사 입니다.\"라는 문구가 떴다.</p><p>체험은"
    )
    response = HtmlResponse(url=article_url(102), body=html.encode("utf-8"), encoding="utf-8")
    assert "존재하지 않는 링크" in NDSOFT.article_page(response, crawled_at=CRAWLED_AT).item["body"]


def test_a_sidebar_of_article_boxes_changes_nothing_the_article_page_gives():
    # The benchmark's page-size rows pad pages so (newscrawl.bench.parsing): 20 boxes of ten article and section
    # links beside the previous/next box, under a heading with the labels' noun (많이 본 기사) but no label.
    current = [article for article in ndsoft.ARTICLES
               if article.skin == ndsoft.content.SKIN_CURRENT]
    assert len(current) == 64
    with_both_links = 0
    for article in current:
        plain = ndsoft.pages.render_article(ndsoft.DATA, article, HOST)
        padded = ndsoft.pages.with_sidebar(ndsoft.DATA, plain, 20)
        assert padded.count("articleView.html?idxno=") == plain.count("articleView.html?idxno=") + 200
        read = [NDSOFT.article_page(HtmlResponse(url=article.url(HOST), body=html.encode("utf-8"), encoding="utf-8"),
                                    crawled_at=CRAWLED_AT) for html in (plain, padded)]
        assert read[1].item == read[0].item
        assert read[1].adjacent_links == read[0].adjacent_links
        with_both_links += len(read[1].adjacent_links) == 2
    # Only the chain's two ends lack a side.
    assert with_both_links == 62


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        # section#section-list > ul.type2: the last em of span.byline is the date; extra parameters dropped; the
        # header's, the sidebar's (div.item) and the footer's links are not entries.
        ("list_S1N2.html", "sc_section_code=S1N2", [
            link(120, listed_on=date(2025, 11, 20)), link(118, listed_on=date(2025, 11, 19)),
            link(117, listed_on=date(2025, 11, 19)), link(101, listed_on=date(2025, 11, 10)),
        ]),
        # ul.type1 with h2.titles.
        ("list_type1_h2.html", "sc_section_code=S1N1", [
            link(77, listed_on=date(2024, 1, 3)), link(76, listed_on=date(2024, 1, 2)),
        ]),
        # EUC-KR, the older div.list-block skin: "SECTION | REPORTER | YYYY-MM-DD HH:MM".
        ("list_S1N3.html", "sc_section_code=S1N3", [
            link(301, listed_on=date(2015, 5, 3)), link(300, listed_on=date(2015, 5, 2)),
        ]),
        # The third skin: a.auto-section gives the entry's section code.
        ("list_S2N3.html", "sc_sub_section_code=S2N3", [link(117, "S1N2"), link(112, "S1N2"), link(108)]),
        # Older search results: the date is whichever li of ul.auto-infomation is one.
        ("search_list.html", "sc_area=A&sc_word=%EC%B6%95%EC%A0%9C", [
            link(88, listed_on=date(2017, 9, 1)), link(61, listed_on=date(2016, 12, 24)),
        ]),
        # No known skin: the main content's article links, once each, without the header's and footer's.
        ("list_unknown.html", "sc_section_code=S1N4", [link(64), link(63)]),
    ],
)
def test_list_pages_of_every_skin(name, query, expected):
    assert NDSOFT.list_page(saved_page(name, list_url(query))) == expected


def test_a_page_with_an_empty_list_has_no_entries():
    response = HtmlResponse(
        url=list_url("sc_section_code=S1N2") + "&page=99",
        body='<html><body><section id="section-list"><ul class="type2"></ul></section></body></html>'.encode(),
        encoding="utf-8",
    )
    assert NDSOFT.list_page(response) == []


def test_the_home_menu_names_every_section_but_the_commented_out_one():
    sections = NDSOFT.section_links(saved_page("home.html", f"{HOST}/"))
    # 전체기사 has no code; S1N9 is inside an HTML comment.
    assert sections == {"S1N1": "정치", "S1N2": "사회", "S2N3": "사건사고", "S1N3": "경제"}
    assert list(sections) == ["S1N1", "S1N2", "S2N3", "S1N3"]


def test_without_the_menu_any_section_list_link_names_its_section():
    html = ('<html><body><div class="gnb"><a href="/news/articleList.html?view_type=sm">전체</a>'
            '<a href="/news/articleList.html?sc_section_code=S1N5&amp;view_type=sm"> 문화 </a>'
            '<a href="/news/articleList.html?sc_sub_section_code=S2N8&amp;view_type=sm">공연</a>'
            '<a href="/news/articleList.html?sc_section_code=S1N5&amp;view_type=sm">더보기</a>'
            '<!-- <a href="/news/articleList.html?sc_section_code=S1N6&amp;view_type=sm">옛 섹션</a> --></div></body></html>')
    response = HtmlResponse(url=f"{HOST}/", body=html.encode(), encoding="utf-8")
    assert NDSOFT.section_links(response) == {"S1N5": "문화", "S2N8": "공연"}


def test_home_page_article_links_in_page_order_once_each():
    links = NDSOFT.article_links(saved_page("home.html", f"{HOST}/"))
    # div.Article > a, the thumbnail's onclick (299), li.ListBig > a; never the link inside a comment (7).
    assert links == [link(120), link(301), link(299), link(118), link(201, "S1N1")]


def test_the_menu_names_a_section_for_a_page_that_prints_none():
    response = saved_page("table_301.html", article_url(301))
    page = NDSOFT.article_page(response, section_hint=SectionHint(code="S1N2"), crawled_at=CRAWLED_AT)
    assert (page.item["section"], page.item["section_code"]) == ("사회", "S1N2")


def feed(name: str, url: str) -> list[ArticleLink]:
    return NDSOFT.feed_links(XmlResponse(url=url, body=(PAGES / name).read_bytes()))


def test_the_rss_feed_in_order_with_kst_days():
    assert feed("rss_allArticle.xml", f"{HOST}/rss/allArticle.xml") == [
        # The zone-less pubDate is KST; the first item's title opens with a byte-order mark.
        link(120, listed_on=date(2025, 11, 20)),
        # Extra parameters dropped.
        link(118, listed_on=date(2025, 11, 19)),
        # RFC 822 in GMT: 23:02 on the 18th is 08:02 on the 19th in KST.
        link(117, listed_on=date(2025, 11, 19)),
        # 120 again is left out, the notice page is no article; an item without pubDate has no day.
        link(101),
    ]


def test_the_sitemap_in_order_with_the_publication_day_first():
    assert feed("sitemap.xml", f"{HOST}/sitemap.xml") == [
        link(120, listed_on=date(2025, 11, 20)),
        # news:publication_date, not the later lastmod.
        link(118, listed_on=date(2025, 11, 19)),
        link(117, listed_on=date(2025, 11, 19)),
        link(101),
    ]


@pytest.mark.parametrize("name", ["rss_entity_bomb.xml", "rss_external_entity.xml"])
def test_feeds_with_a_doctype_or_entity_declaration_are_refused_unread(name):
    assert feed(name, f"{HOST}/rss/allArticle.xml") == []


@pytest.mark.parametrize("name", ["rss_entity_bomb.xml", "rss_external_entity.xml"])
def test_a_declaration_is_refused_before_any_parsing(monkeypatch, name):
    def refuse(*args, **kwargs):
        raise AssertionError("a feed with a declaration reached the XML parser")

    monkeypatch.setattr(feeds.etree, "fromstring", refuse)
    assert feed(name, f"{HOST}/rss/allArticle.xml") == []


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        '<html><body><h1>403 Forbidden</h1></body></html>'.encode(),
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://127.0.0.4:8404/sitemap-1.xml</loc></sitemap></sitemapindex>",
        # UTF-16 hides a DOCTYPE from the byte scan; the parsed document's doctype still refuses it.
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><item>'
        "<link>http://127.0.0.4:8404/news/articleView.html?idxno=1</link></item></channel></rss>".encode("utf-16"),
    ],
)
def test_anything_that_is_not_a_feed_gives_no_links(body):
    assert NDSOFT.feed_links(TextResponse(url=f"{HOST}/rss/allArticle.xml", body=body, encoding="utf-8")) == []


def test_the_family_is_registered_after_dada_and_describes_itself():
    assert list(cms.FAMILIES) == ["dada", "ndsoft"]
    assert cms.FAMILIES["ndsoft"] is NDSOFT
    assert NDSOFT.cms_name == "NDSoft"
    assert set(NDSOFT.field_places) == set(TRACED_FIELDS)
    assert [layout.name for layout in NDSOFT.layouts] == ["current-skin", "user-container", "table-layout"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("기사를 읽어드립니다.\n\n첫 문단.", "첫 문단."),
        ("첫 문단.\n\n(사진=홍길동 기자)\n\n둘째 문단.", "첫 문단.\n\n둘째 문단."),
        ("첫 문단.\n(사진=OO시)\n이어지는 줄.", "첫 문단.\n이어지는 줄."),
        ("첫 문단.\n\n[사진=샘플뉴스 DB]", "첫 문단."),
        # A credit at the end of a sentence, or a sentence about reading articles, is text.
        ("행사가 열렸다. (사진=OO시)", "행사가 열렸다. (사진=OO시)"),
        ("기사를 읽어드립니다 서비스가 시작됐다.", "기사를 읽어드립니다 서비스가 시작됐다."),
    ],
)
def test_the_noise_lines_of_a_body(body, expected):
    assert drop_matching_lines(body, NDSOFT.noise_lines) == expected
