"""The older skin's markup variations (issue 13), each on saved pages of sample site B (tests/pages/dada/, where
they come from is in its README.md) or on small hand-written snippets: files only, no server, no network.

1. previous/next links however a reader recognises them, and never a most-read or latest box's link;
2. the byline printed in the date box; 3. the reporter e-mail in the profile box under the article;
4. sub-headlines outside the body box; 5. the captions of the photo box div#img_caption;
6. the reporter e-mail printed as the body's last paragraph.

Expected values are written out (copied once from site B's ground truth), so a test does not merely compare the
parser with the generator; the last test also checks each saved page's whole item against that ground truth.
"""

from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawl.cms.base import ArticleLink
from newscrawl.cms.dada import DADA
from newscrawl.cms.dada.listing import adjacent_article_links
from newscrawl.sample_site import SITE_B

PAGES = Path(__file__).parent / "pages" / "dada"
BASE = "https://www.gbdawn.co.kr"
CRAWLED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)

# The saved page that shows each variation (site_b.VARIATIONS' tags; the README says the same).
PAGE_OF_VARIATION = {
    "prevnext_dl": 30572,
    "most_read_trap": 30572,
    "prevnext_label_in_link": 30533,
    "prevnext_label_beside": 30528,
    "title_next_week": 30528,
    "next_week_neighbour": 30524,
    "byline_in_date_box": 30563,
    "edited": 30563,
    "email_in_profile_link": 30588,
    "email_in_profile_text": 30534,
    "profile_box": 30596,
    "subj_in_title_wrap": 30518,
    "subj_before_body": 30551,
    "img_caption_p": 30584,
    "img_caption_br": 30590,
    "photo_in_body": 30590,
    "img_caption_no_caption": 30600,
    "email_at_body_end": 30557,
    "email_only_at_body_end": 30540,
}
# Pages with a missing neighbour, one per form and side that site B prints one in.
MISSING_NEIGHBOUR_PAGES = {30512: ("prevnext_dl", "prev"), 30608: ("prevnext_dl", "next"),
                           30515: ("prevnext_label_in_link", "prev"), 30611: ("prevnext_label_in_link", "next"),
                           30602: ("prevnext_label_beside", "next")}
SAVED_IDX = sorted({*PAGE_OF_VARIATION.values(), *MISSING_NEIGHBOUR_PAGES})


def url(idx: int) -> str:
    return f"{BASE}/news/view.php?idx={idx}"


def saved(idx: int) -> HtmlResponse:
    return HtmlResponse(url=url(idx), body=(PAGES / f"gbdawn_{idx}.html").read_bytes(), encoding="utf-8")


def parsed(idx: int):
    return DADA.article_page(saved(idx), crawled_at=CRAWLED_AT)


def item_of(idx: int):
    return parsed(idx).item


def test_every_saved_page_shows_the_variation_it_stands_for():
    assert sorted(int(path.stem.removeprefix("gbdawn_")) for path in PAGES.glob("gbdawn_*.html")) == SAVED_IDX
    for feature, idx in PAGE_OF_VARIATION.items():
        assert idx in SITE_B.variations[feature], (feature, idx)
    for idx, (form, side) in MISSING_NEIGHBOUR_PAGES.items():
        article = SITE_B.data.get(idx)
        assert form in article.features and getattr(article, f"{side}_idx") is None, idx
    readme = (PAGES / "README.md").read_text(encoding="utf-8")
    assert all(f"gbdawn_{idx}.html" in readme for idx in SAVED_IDX)


# --------------------------------------------------------------------------------------------------------------
# 1. Previous/next links: hand-written snippets (the page is idx=500; 499 and 501 are its neighbours, 2xx-4xx are
# links of other boxes that are never a neighbour)

OWN = url(500)
PREV = ArticleLink(url(499), "mrgn24k")
NEXT = ArticleLink(url(501), "mrgn24k")


def adjacent(html: str) -> dict:
    response = HtmlResponse(url=f"{OWN}&mcode=mrgn24k", body=f"<html><body>{html}</body></html>".encode(),
                            encoding="utf-8")
    return adjacent_article_links(response, OWN)


def a(idx: int, text: str, extra: str = "") -> str:
    return f'<a href="/news/view.php?idx={idx}&amp;mcode=mrgn24k"{extra}>{text}</a>'


# A most-read box whose first entry starts like a label (a series' title), then two other entries.
def most_read(first_title: str) -> str:
    return (f'<div class="sideBox newsBest"><h3>많이 본 기사</h3><ol><li>{a(201, first_title)}</li>'
            f'<li>{a(202, "포항시 청년 월세 지원")}</li><li>{a(203, "경주시 국악 한마당")}</li></ol></div>')


SNIPPETS = [
    pytest.param(f'<p class="prev">{a(499, "◀ 이전기사 : 포항시 해수욕장 안전요원")}</p>'
                 f'<p class="next">{a(501, "다음기사 : 경주시 빈집 정비 ▶")}</p>', PREV, NEXT, id="label-in-link"),
    pytest.param(f'<div>{a(499, "이전 기사 보기")} {a(501, "다음 기사 보기")}</div>', PREV, NEXT,
                 id="label-is-the-link-text"),
    pytest.param(f'<ul><li class="prev"><span>이전 기사</span> {a(499, "포항시 해수욕장 안전요원")}</li>'
                 f'<li class="next"><span>다음 기사</span> {a(501, "경주시 빈집 정비")}</li></ul>', PREV, NEXT,
                 id="label-beside-the-link"),
    pytest.param(f'<dl class="prev"><dt>이전기사</dt><dd>{a(499, "포항시 해수욕장 안전요원")}</dd></dl>'
                 f'<dl class="next"><dt>다음기사</dt><dd>{a(501, "경주시 빈집 정비")}</dd></dl>', PREV, NEXT,
                 id="dt-label-dd-link"),
    pytest.param(a(499, '<img src="/img/btn_prev.gif" alt="이전 기사">')
                 + a(501, '<img src="/img/btn_next.gif" alt="다음기사">'), PREV, NEXT, id="image-alt"),
    pytest.param(a(499, "포항시 해수욕장 안전요원", ' title="이전 기사 보기"')
                 + a(501, "경주시 빈집 정비", ' title="다음 기사 보기"'), PREV, NEXT, id="link-title"),
    # Traps: titles and text that merely start with or contain the words, and boxes of several links.
    pytest.param(most_read("다음 주부터 포항 시내버스 노선 개편")
                 + f'<dl class="next"><dt>다음기사</dt><dd>{a(501, "경주시 빈집 정비")}</dd></dl>', None, NEXT,
                 id="most-read-next-week-title-is-no-next-link"),
    pytest.param(most_read("다음 주부터 포항 시내버스 노선 개편") + '<dl class="next"><dt>다음기사</dt><dd>다음기사가 없습니다</dd></dl>',
                 None, None, id="most-read-next-week-title-with-no-next"),
    pytest.param(most_read("다음 기사는 없다… 지역 언론의 고민")
                 + f'<p class="prev">{a(499, "◀ 이전기사 : 포항시 해수욕장")}</p><p class="next">다음기사가 없습니다 ▶</p>',
                 PREV, None, id="most-read-title-starting-with-the-next-words"),
    pytest.param(most_read("이전 기사에 이어… 포항 시내버스 개편 2편")
                 + f'<p class="prev">◀ 이전기사가 없습니다</p><p class="next">{a(501, "다음기사 : 경주시 ▶")}</p>',
                 None, NEXT, id="most-read-title-starting-with-the-previous-words"),
    pytest.param(f'<div id="viewContent"><p>지난 이전 기사에 이어 {a(301, "관련 기사")}를 정리했다.</p></div>', None, None,
                 id="previous-words-mid-text"),
    pytest.param(f'<div id="viewContent"><p>이전 기사에 이어 {a(301, "관련 기사")}를 정리했다.</p></div>', None, None,
                 id="previous-words-opening-a-sentence"),
    pytest.param(f'<div class="newsLatest"><h3>이전 기사</h3><ul><li>{a(401, "영덕군 대피소")}</li>'
                 f'<li>{a(402, "울진군 셔틀버스")}</li></ul></div>', None, None, id="label-over-a-box-of-several-links"),
    # Missing neighbours: the label and a "...가 없습니다" text, no link; the other side's link is not taken.
    pytest.param(f'<div class="viewPrevNext"><dl class="prev"><dt>이전기사</dt><dd>이전기사가 없습니다</dd></dl>'
                 f'<dl class="next"><dt>다음기사</dt><dd>{a(501, "경주시 빈집 정비")}</dd></dl></div>', None, NEXT,
                 id="missing-prev-in-dl"),
    pytest.param(f'<div class="viewPrevNext"><p class="prev">◀ 이전기사가 없습니다</p>'
                 f'<p class="next">{a(501, "다음기사 : 경주시 빈집 정비 ▶")}</p></div>', None, NEXT,
                 id="missing-prev-label-in-link"),
    pytest.param(f'<div class="viewPrevNext"><ul><li class="prev"><span>이전 기사</span> {a(499, "포항시 해수욕장")}</li>'
                 '<li class="next"><span>다음 기사</span> 다음 기사가 없습니다</li></ul></div>', PREV, None,
                 id="missing-next-label-beside"),
    pytest.param('<div class="viewPrevNext"><dl class="prev"><dt>이전기사</dt><dd>이전기사가 없습니다</dd></dl>'
                 '<dl class="next"><dt>다음기사</dt><dd>다음기사가 없습니다</dd></dl></div>' + most_read("포항시 대피소"),
                 None, None, id="missing-both"),
    pytest.param(f'<div class="pn"><span>이전 기사가 없습니다</span> <span>다음 기사</span> {a(501, "경주시 빈집 정비")}</div>',
                 None, NEXT, id="missing-prev-text-beside-the-next-label"),
]


@pytest.mark.parametrize(("html", "prev", "next_"), SNIPPETS)
def test_previous_and_next_links_in_hand_written_markup(html, prev, next_):
    assert adjacent(html) == {"prev": prev, "next": next_}


@pytest.mark.parametrize("spelling", [
    pytest.param("기사", id="tight"), pytest.param(" 기사", id="spaced"), pytest.param(" 기사 보기", id="spaced-view"),
    pytest.param("기사보기", id="tight-view"), pytest.param("\u00a0기사", id="nbsp"),
])
@pytest.mark.parametrize("form", ["inside", "beside"])
def test_previous_and_next_labels_with_or_without_the_space(spelling, form):
    prev_label, next_label = "이전" + spelling, "다음" + spelling
    if form == "inside":
        html = f'<p>{a(499, f"{prev_label} : 포항시")}</p><p>{a(501, f"{next_label} : 경주시")}</p>'
    else:
        html = (f'<ul><li><span>{prev_label}</span> {a(499, "포항시")}</li>'
                f'<li><span>{next_label}</span> {a(501, "경주시")}</li></ul>')
    assert adjacent(html) == {"prev": PREV, "next": NEXT}


@pytest.mark.parametrize("text", [
    pytest.param("이전 기사에 이어… 2편", id="prev-series"),
    pytest.param("이전기사가 없습니다", id="prev-placeholder"),
    pytest.param("다음 기사는 없다", id="next-headline"),
    pytest.param("다음기사로 본 지역 언론", id="next-tight-headline"),
    pytest.param("다음 기사 보기에 앞서", id="next-view-headline"),
])
def test_words_that_only_open_a_sentence_are_no_label(text):
    # A lone link (a side box's only entry, say) whose text starts with the words but goes on as a sentence.
    assert adjacent(f"<ul><li>{a(201, text)}</li></ul>") == {"prev": None, "next": None}


# Site B: (page, previous, next), written out from its ground truth.
SAVED_NEIGHBOURS = [
    pytest.param(30572, 30570, 30576, id="dl-beside-a-most-read-trap"),
    pytest.param(30524, 30522, 30528, id="dl-next-titled-next-week"),
    pytest.param(30533, 30528, 30534, id="label-in-link-prev-titled-next-week"),
    pytest.param(30528, 30524, 30533, id="label-beside-on-the-next-week-article"),
    pytest.param(30512, None, 30516, id="dl-missing-prev"),
    pytest.param(30608, 30606, None, id="dl-missing-next"),
    pytest.param(30515, None, 30527, id="label-in-link-missing-prev"),
    pytest.param(30611, 30599, None, id="label-in-link-missing-next"),
    pytest.param(30602, 30590, None, id="label-beside-missing-next"),
]


@pytest.mark.parametrize(("idx", "prev_idx", "next_idx"), SAVED_NEIGHBOURS)
def test_previous_and_next_links_on_saved_pages(idx, prev_idx, next_idx):
    page = parsed(idx)
    expected = (url(prev_idx) if prev_idx else None, url(next_idx) if next_idx else None)
    assert (page.item["prev_url"], page.item["next_url"]) == expected
    truth = SITE_B.data.get(idx).expected(BASE)
    assert (truth["prev_url"], truth["next_url"]) == expected
    section_code = SITE_B.data.get(idx).mcode
    assert page.adjacent_links == tuple(ArticleLink(link, section_code) for link in expected if link)


def test_the_most_read_next_week_entry_is_no_next_link():
    response = saved(30572)
    # The trap is on the page: the most-read box's first entry is the "다음 주부터 ..." article (30528).
    first = response.css("div.newsBest li a")[0]
    assert "idx=30528" in first.attrib["href"]
    assert "".join(first.css("::text").getall()).endswith("다음 주부터 포항 시내버스 노선 개편… 배차 간격 15분으로")
    adjacent_links = adjacent_article_links(response, url(30572))
    assert adjacent_links == {"prev": ArticleLink(url(30570), "mrgn24k"), "next": ArticleLink(url(30576), "mrgn24k")}


# --------------------------------------------------------------------------------------------------------------
# 2. The byline in the date box (div.registModifyDate li span, no div.else-area)

@pytest.mark.parametrize(("idx", "byline", "name", "published_raw", "modified_raw"), [
    pytest.param(30563, "서동혁 기자", "서동혁", "기사등록 2025-05-20 00:45:10", "기사수정 2025-05-20 04:40:35",
                 id="30563-edited"),
    pytest.param(30515, "서동혁 기자", "서동혁", "기사등록 2025-05-03 00:33:46", None, id="30515"),
    pytest.param(30602, "황보석 기자", "황보석", "기사등록 2025-06-03 04:25:50", None, id="30602"),
])
def test_byline_printed_in_the_date_box(idx, byline, name, published_raw, modified_raw):
    response = saved(idx)
    assert not response.css("div.else-area")
    assert response.css("div.registModifyDate li")[0].css("span::text").get() == byline
    item = item_of(idx)
    assert item["byline_raw"] == byline
    assert item["authors"] == [{"name": name, "role": "기자", "email": None}]
    # The byline's li does not shift the dates.
    assert (item["published_raw"], item["modified_raw"]) == (published_raw, modified_raw)


# --------------------------------------------------------------------------------------------------------------
# 3. The reporter e-mail only in the profile box under the article

@pytest.mark.parametrize(("idx", "byline", "author"), [
    pytest.param(30588, "권민호 기자", {"name": "권민호", "role": "기자", "email": "kwon@gbdawn.co.kr"}, id="mailto-link"),
    pytest.param(30534, "권민호 기자", {"name": "권민호", "role": "기자", "email": "kwon@gbdawn.co.kr"}, id="text"),
    pytest.param(30596, "권민호 기자", {"name": "권민호", "role": "기자", "email": None}, id="no-e-mail"),
])
def test_reporter_email_in_the_profile_box(idx, byline, author):
    response = saved(idx)
    assert response.css("div.writerProfile > strong.writer::text").get() == byline
    assert "@" not in "".join(response.css("div.titleWrap ::text").getall())
    item = item_of(idx)
    assert item["byline_raw"] == byline
    assert item["authors"] == [author]
    assert "@" not in item["body"]


# --------------------------------------------------------------------------------------------------------------
# 4. Sub-headlines (ul.subj) outside the body box

@pytest.mark.parametrize(("idx", "subtitles", "first_paragraph"), [
    pytest.param(30518, ["지역 국악단·명인 6개 팀 공연", "무료 관람·국악기 체험 부스"],
                 "경주시는 전통 국악 공연 축제인 국악 한마당을 4일 개막했다고 밝혔다.", id="inside-title-wrap"),
    pytest.param(30551, ["1인당 월 구매 한도 50만 원", "전통시장·음식점 등 가맹점"],
                 "구미시는 이달부터 지역화폐 83억 원어치를 10% 할인된 가격에 판매한다고 15일 밝혔다.", id="before-the-body"),
])
def test_sub_headlines_outside_the_body_box(idx, subtitles, first_paragraph):
    response = saved(idx)
    assert response.css("ul.subj") and not response.css("div#viewContent ul.subj")
    item = item_of(idx)
    assert item["subtitles"] == subtitles
    assert item["body"].split("\n\n")[0] == first_paragraph
    assert not any(subtitle in item["body"] for subtitle in subtitles)


# --------------------------------------------------------------------------------------------------------------
# 5. Captions of the photo box div#img_caption (before div#viewContent)

@pytest.mark.parametrize(("idx", "images"), [
    pytest.param(30584, [{"url": f"{BASE}/data/photos/202505/art_30584_1.jpg", "caption": "울진군 관계자들이 현장을 점검하고 있다"}],
                 id="caption-in-a-p"),
    pytest.param(30590, [{"url": f"{BASE}/data/photos/202505/art_30590_1.jpg", "caption": "지난해 행사에서 관람객들이 공연을 보고 있다"},
                         {"url": f"{BASE}/data/photos/202505/art_30590_2.jpg", "caption": None}],
                 id="caption-after-br-and-a-body-photo"),
    pytest.param(30600, [{"url": f"{BASE}/data/photos/202506/art_30600_1.jpg", "caption": None}], id="no-caption"),
])
def test_captions_of_the_photo_box(idx, images):
    response = saved(idx)
    assert response.css("div#img_caption") and not response.css("div#viewContent div#img_caption")
    item = item_of(idx)
    assert item["images"] == images
    for image in images:
        assert not image["caption"] or image["caption"] not in item["body"]


# --------------------------------------------------------------------------------------------------------------
# 6. The reporter e-mail printed as the body's last paragraph

@pytest.mark.parametrize(("idx", "signature", "author", "last_paragraph"), [
    pytest.param(30557, "배수진 기자 bae@gbdawn.co.kr", {"name": "배수진", "role": "기자", "email": "bae@gbdawn.co.kr"},
                 "진료 예약은 전화나 누리집에서 할 수 있다.", id="name-role-and-e-mail"),
    pytest.param(30540, "hong@gbdawn.co.kr", {"name": "홍길동", "role": "기자", "email": "hong@gbdawn.co.kr"},
                 "담당 과장은 “빈집이 마을의 흉물이 아니라 새 이웃을 맞는 보금자리가 되길 바란다”고 말했다.", id="e-mail-alone"),
])
def test_reporter_email_at_the_end_of_the_body(idx, signature, author, last_paragraph):
    response = saved(idx)
    assert response.css("div#viewContent > p:last-child::text").get() == signature
    item = item_of(idx)
    assert item["authors"] == [author]
    assert item["byline_raw"] == f"{author['name']} {author['role']}"
    assert item["body"].split("\n\n")[-1] == last_paragraph
    assert "@" not in item["body"] and signature not in item["body"]


# --------------------------------------------------------------------------------------------------------------
# Every saved page, whole, against site B's ground truth


@pytest.mark.parametrize("idx", SAVED_IDX)
def test_saved_site_b_pages_match_their_ground_truth(idx):
    item = item_of(idx)
    truth = SITE_B.data.get(idx).expected(BASE)
    assert {field: item[field] for field in truth} == truth
