"""Each step of the article parser's fallback chain, on saved pages that lack the earlier steps."""

from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawl.cms.base import NotAnArticle, SectionHint
from newscrawl.cms.dada import DADA

PAGES = Path(__file__).parent / "pages"
CRAWLED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def saved_page(name: str, url: str = "https://www.workheadline.co.kr/news/view.php?idx=901&mcode=m71w8xw") -> HtmlResponse:
    return HtmlResponse(url=url, body=(PAGES / name).read_bytes(), encoding="utf-8")


def test_meta_tags_stand_in_for_the_skin_markup():
    item = DADA.article_page(saved_page("meta_only.html"), crawled_at=CRAWLED_AT).item
    assert item["title"] == '구청, 골목상권 살리기 "상생 장터" 연다'
    assert item["authors"] == [{"name": "박민수", "role": "기자", "email": None}]
    assert item["byline_raw"] == "박민수 기자"
    assert item["published_at"] == "2025-04-02T09:30:00+09:00"
    assert item["published_raw"] == "2025-04-02T09:30:00+09:00"
    assert item["tags"] == ["골목상권", "장터"]
    assert item["body"] == "구청이 이달부터 골목상권 상생 장터를 연다.\n\n장터는 매주 토요일 열린다.\n문의는 구청 경제과."


def test_heuristics_find_a_headline_and_the_paragraph_block_when_nothing_else_does():
    item = DADA.article_page(saved_page("heuristic_only.html"), crawled_at=CRAWLED_AT).item
    assert item["title"] == "한강 야간 수영장 개장"
    assert item["body"] == "한강 야간 수영장이 문을 열었다.\n\n운영 시간은 오후 10시까지다.\n\n입장료는 5천 원이다."
    assert item["published_at"] is None
    assert item["authors"] == []


def test_the_section_hint_is_used_when_the_page_does_not_name_its_section():
    page = DADA.article_page(saved_page("heuristic_only.html"), section_hint=SectionHint("사회", "m71w8xw"), crawled_at=CRAWLED_AT)
    assert (page.item["section"], page.item["section_code"]) == ("사회", "m71w8xw")


def test_the_item_carries_the_canonical_url_whatever_form_was_fetched():
    mobile_url = "https://www.workheadline.co.kr/m/view.php?idx=901&page=2"
    item = DADA.article_page(saved_page("heuristic_only.html", mobile_url)).item
    assert item["url"] == "https://www.workheadline.co.kr/news/view.php?idx=901"
    assert (item["site"], item["article_id"]) == ("workheadline.co.kr", "901")


def test_crawled_at_is_utc():
    item = DADA.article_page(saved_page("heuristic_only.html"), crawled_at=CRAWLED_AT).item
    assert item["crawled_at"] == "2026-11-27T12:00:00+00:00"


@pytest.mark.parametrize(
    ("page", "reason"),
    [("deleted_alert.html", "deleted_notice"), ("no_headline.html", "no_headline")],
)
def test_deleted_and_headline_less_pages_are_not_articles(page, reason):
    with pytest.raises(NotAnArticle) as skipped:
        DADA.article_page(saved_page(page))
    assert skipped.value.reason == reason


def test_a_page_that_is_not_an_article_url_is_refused():
    with pytest.raises(NotAnArticle) as skipped:
        DADA.article_page(saved_page("heuristic_only.html", "https://www.workheadline.co.kr/news/list.php?mcode=m71w8xw"))
    assert skipped.value.reason == "not_an_article_url"


def test_unclosed_tags_still_give_the_article():
    html = (
        '<html><head><meta charset="utf-8"></head><body><h3 class="article-head-title">닫히지 않은 태그'
        '<div id="viewContent"><div class="fr-view"><p>첫 문단<p>둘째 문단<div>셋째<b>굵게'
        "</body></html>"
    )
    response = HtmlResponse(url="https://www.workheadline.co.kr/news/view.php?idx=5", body=html.encode(), encoding="utf-8")
    item = DADA.article_page(response, crawled_at=CRAWLED_AT).item
    assert item["title"].startswith("닫히지 않은 태그")
    assert item["body"] == "첫 문단\n\n둘째 문단\n\n셋째굵게"


@pytest.mark.parametrize(
    ("body", "reason"),
    [("", "empty_response"), ("  \n", "empty_response"), ("<html><body><h1>제목</h1><p>잘린 본", "truncated_page")],
)
def test_empty_and_cut_off_pages_are_not_articles_but_worth_another_try(body, reason):
    response = HtmlResponse(url="https://www.workheadline.co.kr/news/view.php?idx=5", body=body.encode(), encoding="utf-8")
    with pytest.raises(NotAnArticle) as skipped:
        DADA.article_page(response)
    assert (skipped.value.reason, skipped.value.gone) == (reason, False)


OLDER_SKIN_WITH_MENU = {
    "title": "layout:older-skin", "published_at": "layout:older-skin", "modified_at": "none",
    "authors": "layout:older-skin", "section": "family:menu", "subtitles": "none", "body": "layout:older-skin",
}


@pytest.mark.parametrize(
    ("page", "hint", "provenance"),
    [
        ("article_828.html", SectionHint(), {"title": "layout:newer-skin", "published_at": "layout:newer-skin", "modified_at": "none",
                                             "authors": "layout:newer-skin", "section": "layout:newer-skin",
                                             "subtitles": "layout:newer-skin", "body": "layout:newer-skin"}),
        ("article_817.html", SectionHint(), OLDER_SKIN_WITH_MENU),
        # 921's byline is only the credit line that opens its body.
        ("article_921.html", SectionHint(), {**OLDER_SKIN_WITH_MENU, "authors": "heuristic:body-credit"}),
        ("meta_only.html", SectionHint(), {"title": "meta:og:title", "published_at": "meta:article:published_time",
                                           "modified_at": "none", "authors": "meta:author", "section": "none",
                                           "subtitles": "none", "body": "heuristic:largest-text-block"}),
        ("heuristic_only.html", SectionHint("사회", "m71w8xw"), {
            "title": "heuristic:h1", "published_at": "none", "modified_at": "none", "authors": "none",
            "section": "link:list-page", "subtitles": "none", "body": "heuristic:largest-text-block"}),
    ],
)
def test_the_provenance_names_the_step_that_gave_each_field(page, hint, provenance):
    item = DADA.article_page(saved_page(page), section_hint=hint, crawled_at=CRAWLED_AT).item
    assert item["provenance"] == provenance
