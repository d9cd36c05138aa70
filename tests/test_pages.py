"""Page parsing on saved pages (both skins, list and home pages), with no network."""

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawl import sample_site
from newscrawl.cms.base import ArticleLink, SectionHint
from newscrawl.cms.dada import DADA
from newscrawl.cms.dada.listing import adjacent_article_links, section_name

PAGES = Path(__file__).parent / "pages"
LIVE = "https://www.workheadline.co.kr"
CRAWLED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def saved_page(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=(PAGES / name).read_bytes(), encoding="utf-8")


def saved_article(idx: int, query: str = "") -> HtmlResponse:
    return saved_page(f"article_{idx}.html", f"{LIVE}/news/view.php?idx={idx}{query}")


def test_the_reference_article_in_the_newer_skin():
    item = DADA.article_page(saved_article(828, "&mcode=m71w8xw"), crawled_at=CRAWLED_AT).item
    title = "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 아시아 AI 허브로 도약”"
    body = sample_site.ARTICLES_BY_IDX[828].expected_body
    assert item["url"] == f"{LIVE}/news/view.php?idx=828"
    assert (item["site"], item["article_id"]) == ("workheadline.co.kr", "828")
    assert (item["section"], item["section_code"]) == ("사회", "m71w8xw")
    assert item["title"] == title
    assert item["subtitles"] == [
        "오 시장, AI 산업 종사자·청년들과 현장 소통… “AI는 미래 성장의 핵심”",
        "이동약자 위한 AI 기술 체험 및 청년들과 AI 정책 토론회 진행",
        "서울시, AI 인재 양성·인프라 조성·투자 확대 등 전략 추진",
    ]
    assert item["authors"] == [{"name": "김태령", "role": "기자", "email": None}]
    assert item["byline_raw"] == "김태령 기자"
    assert (item["published_at"], item["published_raw"]) == ("2025-03-08T20:54:06+09:00", "등록 2025-03-08 20:54:06")
    assert (item["modified_at"], item["modified_raw"]) == (None, None)
    assert item["body"] == body
    paragraphs = item["body"].split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("오세훈 서울시장이 8일 DDP 아트홀에서 열린 「서울 AI 페스타 2025」에 참석해")
    assert "▴AI 인재 양성 ▴인프라 조성" in paragraphs[3]
    assert paragraphs[-1].endswith("아시아의 AI 허브로 만들겠다”고 강조했다.")
    assert item["images"] == [
        {
            "url": f"{LIVE}/data/photos/20250308/art_17414348461392_3f1c2a.jpg",
            "caption": "오세훈 서울시장이 8일(토) 오후 DDP에서 열린 「서울AI페스타 2025」 개막식에서 세계 최대 휴머노이드 로봇 타이탄과 악수를 하고 있다",
        }
    ]
    assert (item["prev_url"], item["next_url"]) == (f"{LIVE}/news/view.php?idx=818", f"{LIVE}/news/view.php?idx=834")
    assert item["crawled_at"] == "2026-11-27T12:00:00+00:00"
    # The hash is of the title and body text alone, one blank line between them.
    assert item["content_hash"] == hashlib.sha256(f"{title}\n\n{body}".encode("utf-8")).hexdigest()


@pytest.mark.parametrize("idx", [828, 786, 801, 818, 844, 921, 817, 913])
def test_saved_pages_of_both_skins_match_their_ground_truth(idx):
    item = DADA.article_page(saved_article(idx), crawled_at=CRAWLED_AT).item
    truth = sample_site.ARTICLES_BY_IDX[idx].expected(LIVE)
    assert {field: item[field] for field in truth} == truth


def test_the_older_skin_with_an_edit_time_and_a_photo_box():
    item = DADA.article_page(saved_article(844), crawled_at=CRAWLED_AT).item
    assert (item["published_raw"], item["published_at"]) == ("기사등록 2025-03-19 16:58:02", "2025-03-19T16:58:02+09:00")
    assert (item["modified_raw"], item["modified_at"]) == ("기사수정 2025-03-19 23:03:27", "2025-03-19T23:03:27+09:00")
    # The photo box sits before the body and its caption is not body text.
    caption = "주민들이 설명회에 참석해 안내를 듣고 있다"
    assert item["images"] == [
        {"url": f"{LIVE}/data/photos/202503/art_844_1.jpg", "caption": caption},
        {"url": f"{LIVE}/data/photos/202503/art_844_2.jpg", "caption": None},
    ]
    assert caption not in item["body"]


def test_equal_text_gives_an_equal_hash_whatever_url_or_time():
    first = DADA.article_page(saved_article(828), crawled_at=CRAWLED_AT).item
    again = DADA.article_page(saved_article(828, "&mcode=m71w8xw&page=2"), crawled_at=datetime.now(timezone.utc)).item
    other = DADA.article_page(saved_article(786), crawled_at=CRAWLED_AT).item
    assert first["content_hash"] == again["content_hash"] != other["content_hash"]


def test_parsing_leaves_the_response_untouched():
    response = saved_article(828)
    first = DADA.article_page(response, crawled_at=CRAWLED_AT)
    # The body's chrome (here the photo caption) is dropped from a copy, so the response still has it.
    assert len(response.css("span.fr-img-caption")) == 1
    assert DADA.article_page(response, crawled_at=CRAWLED_AT) == first


def test_the_section_hint_never_overrides_what_the_page_says():
    page = DADA.article_page(saved_article(828), section_hint=SectionHint("경제", "m2k4p9a"), crawled_at=CRAWLED_AT)
    assert (page.item["section"], page.item["section_code"]) == ("사회", "m71w8xw")


def test_list_page_entries_newest_first_with_their_dates():
    entries = DADA.list_page(saved_page("list_m71w8xw.html", f"{LIVE}/news/list.php?mcode=m71w8xw"))
    expected = sample_site.DATA.list_page("m71w8xw", 1)
    assert [entry.url for entry in entries] == [f"{LIVE}/news/view.php?idx={article.idx}" for article in expected]
    assert entries[0] == ArticleLink(f"{LIVE}/news/view.php?idx=946", "m71w8xw", date(2025, 6, 1))


def test_a_page_with_an_empty_list_has_no_entries():
    response = HtmlResponse(
        url=f"{LIVE}/news/list.php?mcode=m71w8xw&page=9",
        body='<div id="contents"><div class="basicList"><ul></ul></div></div>'.encode(),
        encoding="utf-8",
    )
    assert DADA.list_page(response) == []


def test_the_home_menu_names_every_section():
    sections = DADA.section_links(saved_page("home.html", f"{LIVE}/"))
    assert sections == {section.mcode: section.name for section in sample_site.SECTIONS}


@pytest.mark.parametrize(("code", "name"), [("m71w8xw", "사회"), ("m2k4p9a", "경제"), ("m71w8x", None), ("mzzzzzz", None)])
def test_a_section_name_from_the_page_menu_for_exactly_its_code(code, name):
    assert section_name(saved_page("article_844.html", f"{LIVE}/news/view.php?idx=844"), code) == name


def test_home_page_article_links_in_every_form_are_canonical_and_unique():
    links = DADA.article_links(saved_page("home.html", f"{LIVE}/"))
    urls = [link.url for link in links]
    assert len(urls) == len(set(urls))
    assert f"{LIVE}/news/view.php?idx=955" in urls  # javascript:article_view('955') and /news/955
    assert f"{LIVE}/news/view.php?idx=939" in urls  # /m/view.php?idx=939
    assert all(url.startswith(f"{LIVE}/news/view.php?idx=") for url in urls)


@pytest.mark.parametrize(("idx", "prev_idx", "next_idx"), [(828, 818, 834), (844, 834, 850)])
def test_previous_and_next_links_by_their_labels(idx, prev_idx, next_idx):
    own_url = f"{LIVE}/news/view.php?idx={idx}"
    adjacent = adjacent_article_links(saved_article(idx), own_url)
    assert adjacent["prev"].url == f"{LIVE}/news/view.php?idx={prev_idx}"
    assert adjacent["next"].url == f"{LIVE}/news/view.php?idx={next_idx}"


@pytest.mark.parametrize(
    ("idx", "section_code", "prev_idx", "next_idx"), [(828, "m71w8xw", 818, 834), (921, "m2k4p9a", 911, 927)]
)
def test_the_page_result_gives_the_item_and_the_adjacent_links_with_their_section_codes(
    idx, section_code, prev_idx, next_idx
):
    page = DADA.article_page(saved_article(idx), crawled_at=CRAWLED_AT)
    truth = sample_site.ARTICLES_BY_IDX[idx].expected(LIVE)
    assert {field: page.item[field] for field in truth} == truth
    # The links keep the &mcode= of their href, which the spider passes on as the next page's section hint.
    assert page.adjacent_links == (
        ArticleLink(f"{LIVE}/news/view.php?idx={prev_idx}", section_code),
        ArticleLink(f"{LIVE}/news/view.php?idx={next_idx}", section_code),
    )
