"""The sample family: site B ("경북새벽신문", the older skin of a regional daily) served on 127.0.0.2 beside site A,
checked through its server with urllib (no crawler), and the server's count of requests in flight."""

import base64
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from datetime import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from parsel import Selector

from newscrawl import sample_site
from newscrawl.sample_site import site_b
from newscrawl.sample_site.content import ARTICLES_BY_IDX as SITE_A_BY_IDX
from newscrawl.sample_site.site_b import (ARTICLES, ARTICLES_BY_IDX, COINCIDING_IDX, DATA, DELETED_IDX, EMAIL_DOMAIN,
                                          NEXT_WEEK_IDX, PAGE_SIZE, SECTIONS, TRAP_IDX, UNLISTED_IDX, VARIATIONS,
                                          board_data, board_data_offset)

# No proxy: 127.0.0.2 is not in every no_proxy list.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
IDX_RE = re.compile(r"view\.php\?idx=(\d+)")
EMAILS = {"홍길동": "hong@gbdawn.co.kr", "권민호": "kwon@gbdawn.co.kr", "배수진": "bae@gbdawn.co.kr",
          "서동혁": "seo@gbdawn.co.kr", "장하늘": "jang@gbdawn.co.kr"}
PREVNEXT_FORMS = ("prevnext_dl", "prevnext_label_in_link", "prevnext_label_beside")


def get(url: str, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, method=method)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def page(site, path: str) -> Selector:
    status, text = get(site.base_url + path)
    assert status == 200, path
    return Selector(text=text)


def text_of(selector) -> str:
    """The element's text, whitespace runs collapsed (what a parser's text normaliser would give)."""
    return " ".join("".join(selector.xpath(".//text()").getall()).split())


def idx_of(href: str) -> int:
    return int(IDX_RE.search(href).group(1))


@pytest.fixture(scope="module")
def site():
    with sample_site.start(site="b") as running:
        yield running


@pytest.fixture(scope="module")
def articles(site) -> dict[int, Selector]:
    """Every site-B article page, parsed once."""
    return {article.idx: page(site, f"/news/view.php?idx={article.idx}") for article in ARTICLES}


def list_entries(site, query: str) -> list[int]:
    selector = page(site, f"/news/list.php?{query}")
    assert selector.css("div#contents > div.basicList > ul"), query  # the list box is there even when empty
    return [idx_of(href) for href in selector.css("div#contents > div.basicList > ul > li dt.title a::attr(href)").getall()]


# --------------------------------------------------------------------------------------------------------------
# The site, its home page and its lists


def test_site_b_is_served_on_its_own_loopback_host(site):
    assert re.fullmatch(r"http://127\.0\.0\.2:\d+", site.base_url)
    assert site.markup is sample_site.SITE_B.markup and site.data is DATA
    home = page(site, "/")
    assert home.css("title::text").get() == "경북새벽신문"
    assert home.css("#logo img::attr(alt)").get() == "경북새벽신문"


def test_home_menu_links_every_section_and_the_deleted_article(site):
    home = page(site, "/")
    menu = [(link.css("::text").get(), link.attrib["href"]) for link in home.css("#gnb a")]
    assert menu == [("지역", "/news/list.php?mcode=mrgn24k"), ("경제", "/news/list.php?mcode=mec9wq"),
                    ("문화", "/news/list.php?mcode=mcu7z2b"), ("전체기사", "/news/list.php")]
    assert all(re.fullmatch(r"m[a-z0-9]{5,7}", section.mcode) for section in SECTIONS)
    linked = {idx_of(href) for href in home.css("a::attr(href)").getall() if IDX_RE.search(href)}
    assert set(DELETED_IDX) <= linked
    assert not linked & set(UNLISTED_IDX)  # unlisted articles: only previous/next links reach them


def test_lists_are_paged_by_a_base64_offset_and_ignore_page(site):
    mcode = "mrgn24k"
    listed = [article.idx for article in DATA.listed(mcode)]
    assert len(listed) == 32 and PAGE_SIZE == 15
    first = list_entries(site, f"mcode={mcode}")
    assert first == listed[:15]
    # Page 2: offset 15, entries 16-30, with or without ignored extras after startPage, padding or not.
    assert list_entries(site, f"mcode={mcode}&board_data={board_data(15)}") == listed[15:30]
    with_extras = base64.b64encode(b"startPage=15&sort=new&sfl=title").decode()
    assert list_entries(site, f"mcode={mcode}&board_data={with_extras}") == listed[15:30]
    assert list_entries(site, f"mcode={mcode}&board_data={board_data(30)}") == listed[30:32]
    # &page=N is not how this site pages: page 1 again and again.
    assert list_entries(site, f"mcode={mcode}&page=2") == first
    assert list_entries(site, f"mcode={mcode}&page=3") == first
    # Past the end: the same list box, empty.
    assert list_entries(site, f"mcode={mcode}&board_data={board_data(45)}") == []
    assert list_entries(site, f"mcode={mcode}&board_data={board_data(300)}") == []
    # Newest first across the pages.
    dates = [ARTICLES_BY_IDX[idx].published_at for idx in listed]
    assert dates == sorted(dates, reverse=True)


def test_the_pager_links_carry_board_data_offsets(site):
    selector = page(site, "/news/list.php?mcode=mrgn24k")
    offsets = []
    for href in selector.css("div.paging a:not(.first):not(.next):not(.last)::attr(href)").getall():
        query = parse_qs(urlsplit(href).query)
        assert query["mcode"] == ["mrgn24k"]
        decoded = base64.b64decode(query["board_data"][0]).decode("ascii")
        assert decoded.startswith("startPage=")
        offsets.append(board_data_offset(query["board_data"][0]))
    assert offsets == [15, 30]
    next_href = selector.css("div.paging a.next::attr(href)").get()
    following = page(site, "/news/" + next_href)
    assert [idx_of(h) for h in following.css("dt.title a::attr(href)").getall()] == \
        [a.idx for a in DATA.listed("mrgn24k")[15:30]]


def test_board_data_is_standard_base64_of_start_page():
    assert board_data(15) == base64.b64encode(b"startPage=15").decode() == "c3RhcnRQYWdlPTE1"
    assert base64.b64decode(board_data(30, mcode="mec9wq")) == b"startPage=30&mcode=mec9wq"
    assert board_data_offset(board_data(45, sort="new")) == 45
    assert board_data_offset("c3RhcnRQYWdlPTA") == 0  # padding dropped
    assert board_data_offset(base64.b64encode(b"sort=new&startPage=30").decode()) == 30
    for unreadable in (None, "", "!!", base64.b64encode(b"offset=15").decode()):
        assert board_data_offset(unreadable) == 0


def test_all_sections_list_and_other_sections(site):
    everything = [a.idx for a in DATA.listed()]
    assert len(everything) == 48 == len(ARTICLES) - len(UNLISTED_IDX)
    assert list_entries(site, "") == everything[:15]
    assert list_entries(site, f"board_data={board_data(45)}") == everything[45:48]
    assert list_entries(site, "mcode=mec9wq") == [a.idx for a in DATA.listed("mec9wq")] and len(DATA.listed("mec9wq")) == 8
    assert list_entries(site, "mcode=mcu7z2b&board_data=" + board_data(15)) == []
    assert list_entries(site, "mcode=mnosuch") == []


# --------------------------------------------------------------------------------------------------------------
# Article pages: the older skin and each variation on the articles whose features say so


def test_every_article_page_prints_its_ground_truth_in_the_older_skin(site, articles):
    for article in ARTICLES:
        selector = articles[article.idx]
        title_wrap = selector.css("div#contents > div.basicView > div.viewContentWrap > div.titleWrap")
        assert title_wrap.css("strong:not(.writer)::text").get() == article.title, article.idx
        lis = [text_of(li) for li in title_wrap.css("div.registModifyDate > ul > li")]
        assert article.published_raw in lis and article.published_raw.startswith("기사등록 ")
        assert title_wrap.css("div.registModifyDate li span::text").getall()[-1 if not article.modified_at else -2] \
            == article.published_raw.removeprefix("기사등록 ")
        body = selector.css("div.viewContentWrap > div#viewContent")
        paragraphs = [text_of(p) for p in body.css("p") if text_of(p)]
        printed = [p for p in paragraphs if p != article.signature and not p.startswith("저작권자 ©")]
        assert printed == article.paragraphs, article.idx
        assert "\n\n".join(printed) == article.expected_body
        assert selector.css("div.location a::text").getall() == ["HOME", article.section]
        assert selector.css('meta[property="og:url"]::attr(content)').get() == f"{site.base_url}{article.path}"


def test_previous_and_next_links_in_three_markups(site, articles):
    missing_seen = set()
    for article in ARTICLES:
        forms = [form for form in PREVNEXT_FORMS if form in article.features]
        assert len(forms) == 1, article.idx
        box = articles[article.idx].css("div.basicView > div.viewPrevNext")
        for side, label, spaced, neighbour_idx in (("prev", "이전기사", "이전 기사", article.prev_idx),
                                                   ("next", "다음기사", "다음 기사", article.next_idx)):
            neighbour = ARTICLES_BY_IDX.get(neighbour_idx)
            if forms == ["prevnext_dl"]:
                entry = box.css(f"dl.{side}")
                assert entry.css("dt::text").get() == label
                if neighbour:
                    assert entry.css("dd a::text").get() == neighbour.title
                else:
                    assert entry.css("dd::text").get() == f"{label}가 없습니다"
            elif forms == ["prevnext_label_in_link"]:
                entry = box.css(f"p.{side}")
                if neighbour:
                    expected = (f"◀ {label} : {neighbour.title}" if side == "prev" else f"{label} : {neighbour.title} ▶")
                    assert entry.css("a::text").get() == expected
                else:
                    assert label in text_of(entry) and "없습니다" in text_of(entry)
            else:
                entry = box.css(f"li.{side}")
                assert entry.css("span::text").get() == spaced
                if neighbour:
                    assert entry.css("a::text").get() == neighbour.title
                else:
                    assert text_of(entry) == f"{spaced} {spaced}가 없습니다"
            links = entry.css("a::attr(href)").getall()
            assert [idx_of(h) for h in links] == ([neighbour.idx] if neighbour else []), (article.idx, side)
            if not neighbour:
                missing_seen.add((forms[0], side))
    # A missing neighbour is shown in every form.
    assert missing_seen == {("prevnext_dl", "prev"), ("prevnext_dl", "next"), ("prevnext_label_in_link", "prev"),
                            ("prevnext_label_in_link", "next"), ("prevnext_label_beside", "next")}


def test_one_most_read_box_holds_a_next_week_title_that_is_no_next_link(site, articles):
    next_week = ARTICLES_BY_IDX[NEXT_WEEK_IDX]
    assert next_week.title.startswith("다음 주") and VARIATIONS["title_next_week"] == [NEXT_WEEK_IDX]
    assert VARIATIONS["most_read_trap"] == [TRAP_IDX]
    trap = ARTICLES_BY_IDX[TRAP_IDX]
    assert "prevnext_dl" in trap.features and trap.next_idx not in (None, NEXT_WEEK_IDX)
    selector = articles[TRAP_IDX]
    first = selector.css("div#aside div.newsBest li a")[0]
    assert idx_of(first.attrib["href"]) == NEXT_WEEK_IDX and next_week.title in text_of(first)
    # The real next link's text is only the title: the label is in the dt.
    assert idx_of(selector.css("div.viewPrevNext dl.next dd a::attr(href)").get()) == trap.next_idx
    for article in ARTICLES:
        aside = articles[article.idx].css("div#aside")
        aside_links = [text_of(a) for a in aside.css("a")]
        assert (next_week.title in " ".join(aside_links)) == (article.idx == TRAP_IDX), article.idx
        for text in aside_links:  # no aside link ever carries the labels
            assert not any(label in text for label in ("이전 기사", "이전기사", "다음 기사", "다음기사")), article.idx
    assert VARIATIONS["next_week_neighbour"] == sorted([next_week.prev_idx, next_week.next_idx])


def test_byline_in_the_date_box_or_in_else_area(site, articles):
    in_box = set(VARIATIONS["byline_in_date_box"])
    assert 8 <= len(in_box) < len(ARTICLES)
    for article in ARTICLES:
        title_wrap = articles[article.idx].css("div.titleWrap")
        lis = title_wrap.css("div.registModifyDate > ul > li")
        if article.idx in in_box:
            assert not title_wrap.css("div.else-area")
            assert lis[0].css("span::text").get() == article.byline_raw
            assert [text_of(li) for li in lis[1:]] == [article.published_raw] + \
                ([article.modified_raw] if article.modified_raw else [])
        else:
            assert title_wrap.css("div.else-area > p::text").get() == article.byline_raw
            assert [text_of(li) for li in lis] == [article.published_raw] + \
                ([article.modified_raw] if article.modified_raw else [])


def test_edited_articles_print_the_modified_time_in_a_date_li(articles):
    edited = VARIATIONS["edited"]
    assert len(edited) == 2 and {a.idx for a in ARTICLES if a.modified_at} == set(edited)
    # One with the byline in the date box (modified li third), one with else-area (modified li second).
    assert {("byline_in_date_box" in ARTICLES_BY_IDX[idx].features) for idx in edited} == {True, False}
    for idx in edited:
        article = ARTICLES_BY_IDX[idx]
        assert article.modified_raw == "기사수정 " + article.modified_at[:19].replace("T", " ")
        assert article.modified_at > article.published_at
        last = articles[idx].css("div.registModifyDate > ul > li")[-1]
        assert text_of(last) == article.modified_raw and last.css("span::text").get() == article.modified_at[:19].replace("T", " ")


def test_reporter_email_in_the_profile_box_or_at_the_end_of_the_body(site, articles):
    with_email = set()
    for feature in ("email_in_profile_link", "email_in_profile_text", "email_at_body_end", "email_only_at_body_end"):
        assert VARIATIONS[feature], feature
        for idx in VARIATIONS[feature]:
            article = ARTICLES_BY_IDX[idx]
            email = article.authors[0]["email"]
            assert email == EMAILS[article.authors[0]["name"]]
            selector = articles[idx]
            assert "@" not in text_of(selector.css("div.titleWrap"))  # the header byline has no e-mail
            assert article.byline_raw == f"{article.authors[0]['name']} {article.authors[0]['role']}"
            profile = selector.css("div.viewContentWrap > div.writerProfile")
            last_paragraph = text_of(selector.css("div#viewContent > p")[-1])
            if feature == "email_in_profile_link":
                assert profile.css("strong.writer::text").get() == article.byline_raw
                assert profile.css("a::attr(href)").get() == f"mailto:{email}" and profile.css("a::text").get() == email
            elif feature == "email_in_profile_text":
                assert profile.css("strong.writer::text").get() == article.byline_raw
                assert profile.css("span::text").get() == email and not profile.css("a")
            elif feature == "email_at_body_end":
                assert last_paragraph == f"{article.byline_raw} {email}"
            else:
                assert last_paragraph == email
            if feature.endswith("at_body_end"):
                assert email not in article.expected_body and last_paragraph not in article.paragraphs
                assert article.signature == last_paragraph
            with_email.add(idx)
    assert len(with_email) == 10
    for article in ARTICLES:  # no e-mail anywhere else, and none in the ground truth
        html = get(f"{site.base_url}{article.path}")[1]
        if article.idx not in with_email:
            assert f"@{EMAIL_DOMAIN}" not in html and article.authors[0]["email"] is None, article.idx
    # Profile boxes without an e-mail exist too.
    assert set(VARIATIONS["profile_box"]) - with_email


def test_sub_headlines_outside_the_body_box(articles):
    in_title, before_body = set(VARIATIONS["subj_in_title_wrap"]), set(VARIATIONS["subj_before_body"])
    assert in_title and before_body and not in_title & before_body
    for article in ARTICLES:
        selector = articles[article.idx]
        assert not selector.css("div#viewContent ul.subj")
        if article.idx in in_title:
            assert selector.css("div.titleWrap > ul.subj > li::text").getall() == article.subtitles != []
        elif article.idx in before_body:
            box = selector.css("div.viewContentWrap > ul.subj")
            assert box.css("li::text").getall() == article.subtitles != []
            assert box.xpath("following-sibling::div[@id='viewContent']")
        else:
            assert article.subtitles == [] and not selector.css("ul.subj")


def test_photos_in_img_caption_before_the_body_with_their_captions(site, articles):
    forms = {"img_caption_p": set(), "img_caption_br": set(), "img_caption_no_caption": set()}
    srcs = set()
    for article in ARTICLES:
        selector = articles[article.idx]
        box = selector.css("div.viewContentWrap > div#img_caption")
        assert not selector.css("div#viewContent div#img_caption")
        if not article.images:
            assert not box and article.expected(site.base_url)["images"] == []
            continue
        assert box.xpath("following-sibling::div[@id='viewContent']")
        src = box.css("img::attr(src)").get()
        assert src == article.image_srcs[0]
        srcs.add(src.split("/data/")[0])
        expected = article.expected(site.base_url)["images"]
        assert expected[0]["url"] == urljoin(f"{site.base_url}/news/view.php?idx={article.idx}", src) \
            == site.base_url + article.images[0]["url"]
        caption = article.images[0]["caption"]
        if "img_caption_p" in article.features:
            assert box.css("p::text").get() == caption and caption
        elif "img_caption_br" in article.features:
            assert box.css("br") and not box.css("p") and " ".join(box.xpath("text()").getall()).strip() == caption
        else:
            assert "img_caption_no_caption" in article.features and caption is None and text_of(box) == ""
        for form in forms:
            if form in article.features:
                forms[form].add(article.idx)
        body_images = selector.css("div#viewContent img::attr(src)").getall()
        assert body_images == list(article.image_srcs[1:])
        assert [image["caption"] for image in expected[1:]] == [None] * len(body_images)
        assert [image["url"] for image in expected[1:]] == [site.base_url + image["url"] for image in article.images[1:]]
        for image in expected:  # the photos are served
            assert get(image["url"])[0] == 200
    assert all(forms.values()) and srcs == {"../../../..", ".."}
    assert set(VARIATIONS["photo_in_body"]) == {a.idx for a in ARTICLES if len(a.images) > 1}


def test_titles_with_quotes_and_bylines_with_other_roles(articles):
    quoted = [ARTICLES_BY_IDX[idx].title for idx in VARIATIONS["quoted_title"]]
    assert any("`" in title for title in quoted) and any('"' in title for title in quoted)
    assert any("“" in title for title in quoted) and any("'" in title for title in quoted)
    for idx in VARIATIONS["quoted_title"]:
        assert articles[idx].css("div.titleWrap > strong::text").get() == ARTICLES_BY_IDX[idx].title
    roles = {ARTICLES_BY_IDX[idx].authors[0]["role"] for idx in VARIATIONS["role_not_reporter"]}
    assert roles == {"논설위원", "객원기자"}
    assert {a.authors[0]["role"] for a in ARTICLES} == {"기자", "논설위원", "객원기자"}


def test_deleted_article_is_the_cms_page_without_a_title(site):
    for idx in DELETED_IDX:
        status, html = get(f"{site.base_url}/news/view.php?idx={idx}")
        assert status == 200 and "<title>" not in html and "titleWrap" not in html and "삭제된 기사입니다" in html
        assert idx not in ARTICLES_BY_IDX


def test_two_idx_coincide_with_site_a_on_purpose(site, articles):
    assert COINCIDING_IDX == (828, 834) == tuple(VARIATIONS["coinciding_idx"])
    for idx in COINCIDING_IDX:
        assert idx in SITE_A_BY_IDX and ARTICLES_BY_IDX[idx].listed
        assert ARTICLES_BY_IDX[idx].title != SITE_A_BY_IDX[idx].title
        assert articles[idx].css("div.titleWrap > strong::text").get() == ARTICLES_BY_IDX[idx].title
    assert ARTICLES_BY_IDX[828].expected(site.base_url)["article_id"] == "828"


# --------------------------------------------------------------------------------------------------------------
# Ground truth


def test_ground_truth_is_consistent(site):
    items = sample_site.SITE_B.expected_items(site.base_url)
    assert items == site_b.expected_items(site.base_url) == site.expected_items()
    assert len(items) == 50 and [item["article_id"] for item in items] == [str(a.idx) for a in ARTICLES]
    by_url = {item["url"]: item for item in items}
    assert len(by_url) == 50
    for item in items:
        assert item["url"] == f"{site.base_url}/news/view.php?idx={item['article_id']}"
        assert (item["section"], item["section_code"]) in {(s.name, s.mcode) for s in SECTIONS}
        stamp = datetime.fromisoformat(item["published_at"])
        assert item["published_at"].endswith("+09:00") and stamp.utcoffset().total_seconds() == 9 * 3600
        assert item["published_raw"] == "기사등록 " + stamp.strftime("%Y-%m-%d %H:%M:%S")
        assert item["byline_raw"] == " ".join(filter(None, (item["authors"][0]["name"], item["authors"][0]["role"])))
        for neighbour, back in (("prev_url", "next_url"), ("next_url", "prev_url")):
            if item[neighbour] is not None:  # every link points at an existing article of the same section, and back
                assert by_url[item[neighbour]][back] == item["url"]
                assert by_url[item[neighbour]]["section_code"] == item["section_code"]
        assert item["body"] and "\n\n\n" not in item["body"] and "저작권자" not in item["body"]
    # One chain per section: one article without prev and one without next in each.
    assert sum(item["prev_url"] is None for item in items) == sum(item["next_url"] is None for item in items) == 3
    assert len(UNLISTED_IDX) == 2
    for idx in UNLISTED_IDX:
        article = ARTICLES_BY_IDX[idx]
        assert not article.listed
        neighbours = [ARTICLES_BY_IDX[n] for n in (article.prev_idx, article.next_idx) if n]
        assert neighbours and all(n.listed for n in neighbours)


def test_one_article_exactly(site):
    """Every field of one article with several variations (date-box byline, profile mailto, sub-headlines
    before the body, photo with a br caption, label-beside links)."""
    base = site.base_url
    assert ARTICLES_BY_IDX[30522].expected(base) == {
        "url": f"{base}/news/view.php?idx=30522",
        "article_id": "30522",
        "section": "지역",
        "section_code": "mrgn24k",
        "title": '경주시, "지진 대피소 15곳 재정비"… 주민 대피 훈련도',
        "subtitles": ["안내 표지판 축광형으로 교체", "읍면동별 대피 훈련·체험 교육"],
        "authors": [{"name": "홍길동", "role": "기자", "email": "hong@gbdawn.co.kr"}],
        "byline_raw": "홍길동 기자",
        "published_at": "2025-05-05T21:05:30+09:00",
        "published_raw": "기사등록 2025-05-05 21:05:30",
        "modified_at": None,
        "modified_raw": None,
        "body": "경주시는 지진에 대비해 관내 지진 옥외 대피소 15곳을 다시 정비하고 주민 대피 훈련을 연다고 5일 밝혔다.\n\n"
                "대피소 안내 표지판을 야간에도 보이는 축광형으로 바꾸고 비상 급수 시설을 점검했다. "
                "훈련은 읍면동별로 진행되며 어린이와 어르신을 위한 체험 교육도 함께 열린다.\n\n"
                "담당 과장은 “지진은 예고 없이 찾아오는 만큼 평소 훈련이 가장 확실한 대비책이다”고 말했다.\n\n"
                "대피소 위치는 재난안전 앱과 마을 방송으로 안내한다.\n\n"
                "경주시는 주민 의견을 듣고 부족한 점을 보완해 나갈 방침이다.",
        "images": [{"url": f"{base}/data/photos/202505/art_30522_1.jpg", "caption": "주민들이 설명회에서 안내를 듣고 있다"}],
        "prev_url": f"{base}/news/view.php?idx=30521",
        "next_url": f"{base}/news/view.php?idx=30524",
    }
    assert {"byline_in_date_box", "email_in_profile_link", "subj_before_body", "img_caption_br",
            "prevnext_label_beside", "quoted_title"} <= ARTICLES_BY_IDX[30522].features


# --------------------------------------------------------------------------------------------------------------
# Requests in flight


class Hold:
    """A hook that holds `count` article requests until `release` is set; `arrived` is set when all are held."""

    def __init__(self, count: int):
        self.count = count
        self.seen = 0
        self.lock = threading.Lock()
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, app, request):
        if request.path == "/news/view.php":
            with self.lock:
                self.seen += 1
                if self.seen == self.count:
                    self.arrived.set()
            self.release.wait(timeout=30)
        return None


def _concurrent_fetches(site, count: int) -> list[int]:
    hold = Hold(count)
    site.app.add_hook(hold)
    statuses = []
    threads = [threading.Thread(target=lambda idx=idx: statuses.append(get(f"{site.base_url}/news/view.php?idx={idx}")[0]))
               for idx in [a.idx for a in ARTICLES][:count]]
    for thread in threads:
        thread.start()
    try:
        assert hold.arrived.wait(timeout=30)
        assert site.in_flight == count and site.max_in_flight == count
    finally:
        hold.release.set()
        for thread in threads:
            thread.join(timeout=30)
    assert site.wait_idle(timeout=10)
    return statuses


def test_max_in_flight_counts_requests_until_their_response_is_written():
    with sample_site.start(site="b") as fresh:
        assert fresh.max_in_flight == 0 and fresh.in_flight == 0
        assert get(fresh.base_url + "/")[0] == 200 and get(fresh.base_url + "/", method="HEAD")[0] == 200
        assert fresh.wait_idle(timeout=10)
        assert fresh.max_in_flight == 1 and fresh.in_flight == 0
        assert _concurrent_fetches(fresh, 2) == [200, 200]
        assert fresh.max_in_flight == 2 and fresh.in_flight == 0
        assert len(fresh.requests) == 4
        fresh.clear_requests()  # the maximum starts again
        assert fresh.max_in_flight == 0 and fresh.requests == []
        assert get(fresh.base_url + "/news/list.php?mcode=mec9wq")[0] == 200
        assert fresh.wait_idle(timeout=10) and fresh.max_in_flight == 1


def test_many_concurrent_connections_are_all_served_and_counted():
    with sample_site.start(site="b") as fresh:
        assert fresh.server.request_queue_size == 64  # socketserver's default backlog is 5
        assert _concurrent_fetches(fresh, 24) == [200] * 24
        assert fresh.max_in_flight == 24 and fresh.in_flight == 0


def test_site_a_counts_in_flight_requests_too(site):
    with sample_site.start() as site_a:
        assert site_a.base_url.startswith("http://127.0.0.1:")
        assert _concurrent_fetches(site_a, 3) == [200] * 3
        assert site_a.max_in_flight == 3


# --------------------------------------------------------------------------------------------------------------
# The family, site A beside site B, and the command line


def test_family_serves_both_sites_on_two_hosts():
    with sample_site.start_family() as family:
        assert family.a.base_url.startswith("http://127.0.0.1:") and family.b.base_url.startswith("http://127.0.0.2:")
        a_home, b_home = page(family.a, "/"), page(family.b, "/")
        assert a_home.css("title::text").get() == "워크헤드라인" and b_home.css("title::text").get() == "경북새벽신문"
        # The same idx is two different articles on the two hosts.
        a_828 = page(family.a, "/news/view.php?idx=828").css(".article-head-title::text").get().strip()
        b_828 = page(family.b, "/news/view.php?idx=828").css("div.titleWrap > strong::text").get()
        assert a_828 == sample_site.REFERENCE.title and b_828 == ARTICLES_BY_IDX[828].title
        # Site A still pages by &page=N.
        assert page(family.a, "/news/list.php?mcode=m71w8xw&page=2").css("dt.title a::attr(href)").getall() != \
            page(family.a, "/news/list.php?mcode=m71w8xw").css("dt.title a::attr(href)").getall()
        assert family.a.requests == ["/", "/news/view.php?idx=828", "/news/list.php?mcode=m71w8xw&page=2",
                                     "/news/list.php?mcode=m71w8xw"]
        assert family.b.requests == ["/", "/news/view.php?idx=828"]
    assert sample_site.SITE_A.expected_items("http://x") == sample_site.expected_items("http://x")
    assert sample_site.SITE_A.markup.name == "workheadline" and sample_site.SITES["b"] is sample_site.SITE_B


def test_data_alone_picks_its_markup():
    with sample_site.start(host="127.0.0.2", data=sample_site.SITE_B.data) as running:
        assert running.markup is sample_site.SITE_B.markup
        assert page(running, f"/news/view.php?idx={TRAP_IDX}").css("div.titleWrap > strong::text").get() == \
            ARTICLES_BY_IDX[TRAP_IDX].title


def test_command_line_serves_site_b_on_its_host():
    process = subprocess.Popen([sys.executable, "-m", "newscrawl.sample_site", "--site", "b"],
                               stdout=subprocess.PIPE, text=True)
    try:
        base_url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.2:\d+", base_url)
        status, html = get(f"{base_url}/news/view.php?idx={NEXT_WEEK_IDX}")
        assert status == 200 and ARTICLES_BY_IDX[NEXT_WEEK_IDX].title in html
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
