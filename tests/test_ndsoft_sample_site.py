"""Site N, the NDSoft sample ("남도일보샘플", newscrawl/sample_site/ndsoft/) on 127.0.0.4, checked over HTTP with urllib
(no crawler): its menu, lists, EUC-KR section, feeds, sitemap, notices, reachability, and that its ground truth
says what its pages print."""

import re
import subprocess
import sys
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ElementTree
from collections import deque
from datetime import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from parsel import Selector

from newscrawl import sample_site
from newscrawl.normalizers.bylines import parse_byline
from newscrawl.sample_site import ndsoft
from newscrawl.sample_site.content import clean_text
from newscrawl.sample_site.faults import FaultInjector
from newscrawl.sample_site.ndsoft import (ARTICLES, ARTICLES_BY_IDX, DATA, DELETED_IDX, GONE, PAGE_SIZE, SECTIONS,
                                          UNAPPROVED_IDX, UNLISTED_IDX, VARIATIONS, bom_in_feed)

# No proxy: 127.0.0.4 is in no no_proxy list.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
ARTICLE = "/news/articleView.html?idxno="
IDXNO_RE = re.compile(r"articleView\.html\?idxno=(\d+)")
PUBDATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
TTS_LINE = "기사를 읽어드립니다."
PHOTO_CREDIT_RE = re.compile(r"^\(사진=[^)]*\)$")


def get(url: str, user_agent: str | None = None) -> tuple[int, dict, bytes]:
    """(status, lower-cased headers, body bytes)."""
    request = urllib.request.Request(url)
    if user_agent:
        request.add_header("User-Agent", user_agent)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def decoded(headers: dict, body: bytes) -> str:
    return body.decode("cp949" if "euc-kr" in headers.get("content-type", "") else "utf-8")


def page(site, path: str) -> Selector:
    status, headers, body = get(site.base_url + path)
    assert status == 200, path
    return Selector(text=decoded(headers, body))


def text_of(selector) -> str:
    return clean_text(" ".join(selector.xpath(".//text()").getall()))


def idxno_of(href: str) -> int:
    return int(IDXNO_RE.search(href).group(1))


def list_path(code: str | None = None, page_number: int | None = None) -> str:
    if code is None:
        path = "/news/articleList.html?view_type=sm"
    elif code.startswith("S2N"):
        path = f"/news/articleList.html?sc_sub_section_code={code}&view_type=sm"
    else:
        path = f"/news/articleList.html?sc_section_code={code}&view_type=sm"
    return path + (f"&page={page_number}" if page_number is not None else "")


def list_entries(site, code: str | None = None, page_number: int | None = None) -> list[int]:
    """The idxnos of one list page, in page order, from the skin that list uses."""
    selector = page(site, list_path(code, page_number))
    if code == ndsoft.EUCKR_SECTION:
        hrefs = selector.css("div.list-block > div.list-titles > a::attr(href)").getall()
    elif code and code.startswith("S2N"):
        hrefs = selector.css("div.item > a.auto-titles::attr(href)").getall()
    else:
        hrefs = selector.css("section#section-list > ul.type2 > li > h4.titles > a::attr(href)").getall()
    return [idxno_of(href) for href in hrefs]


@pytest.fixture(scope="module")
def site():
    with sample_site.start(site="ndsoft") as running:
        yield running


@pytest.fixture(scope="module")
def article_pages(site) -> dict[int, Selector]:
    """Every article page, decoded by its charset and parsed once."""
    return {article.idx: page(site, article.path) for article in ARTICLES}


# --------------------------------------------------------------------------------------------------------------
# The site and its home page


def test_served_on_its_own_loopback_host_with_its_own_routes(site):
    assert re.fullmatch(r"http://127\.0\.0\.4:\d+", site.base_url)
    assert site.profile is sample_site.SITES["ndsoft"] is sample_site.SITE_NDSOFT
    assert isinstance(site.app, ndsoft.NdsoftApp) and site.data is DATA and site.markup.name == "ndsoft"
    assert site.expected_items() == [a.expected(site.base_url) for a in ARTICLES]
    assert sample_site.SITE_NDSOFT.expected_items(site.base_url) == site.expected_items()
    # Site A's URLs are not this site's.
    assert get(site.base_url + "/news/view.php?idx=24590")[0] == 404
    with sample_site.start_ndsoft() as other:
        assert other.host == "127.0.0.4" and other.port != site.port
        assert get(other.base_url + "/")[0] == 200
        assert other.requests == ["/"]


def test_ground_truth_size_and_spread():
    assert 60 <= len(ARTICLES) <= 110 and len({a.idx for a in ARTICLES}) == len(ARTICLES)
    assert {a.mcode for a in ARTICLES} == {"S1N1", "S1N2", "S1N3"}
    skins = {skin: [a for a in ARTICLES if a.skin == skin] for skin in ("current", "user-container", "table")}
    assert len(skins["current"]) > len(ARTICLES) / 2 and skins["user-container"] and skins["table"]
    assert {a.mcode for a in skins["table"]} == {"S1N3"} and all(a.mcode == "S1N3" for a in skins["table"])
    # The table layout is the oldest, the user-container skin 2013-2019, the current skin after.
    assert max(a.published_at for a in skins["table"]) < min(a.published_at for a in skins["user-container"])
    assert all("2013" <= a.published_at[:4] <= "2019" for a in skins["user-container"])
    assert max(a.published_at for a in skins["user-container"]) < min(a.published_at for a in skins["current"])
    years = {a.published_at[:4] for a in ARTICLES}
    assert min(years) >= "2014" and max(years) <= "2026" and all(a.published_at.endswith("+09:00") for a in ARTICLES)
    # idxnos are dense (the notices among them), in publication order.
    ids = sorted([a.idx for a in ARTICLES] + list(GONE))
    assert ids == list(range(ids[0], ids[-1] + 1))
    by_time = sorted(ARTICLES, key=lambda a: a.published_at)
    assert [a.idx for a in by_time] == sorted(a.idx for a in ARTICLES)
    assert set(GONE.values()) == {"unapproved_notice", "deleted_notice"} and not set(GONE) & set(ARTICLES_BY_IDX)
    assert ndsoft.gone_items() == sorted(({"article_id": str(i), "reason": r} for i, r in GONE.items()),
                                         key=lambda g: int(g["article_id"]))
    for feature in ("subtitle", "modified", "photo", "photo_without_caption", "tts_line", "photo_credit",
                    "figure_img_multi", "related_box", "faq_box", "two_reporters", "reporter_email",
                    "reporter_without_email", "non_cp949", "unlisted", "sub_section", "messy_title"):
        assert VARIATIONS.get(feature), feature
    assert [a.idx for a in ARTICLES if not a.subtitles] and [a.idx for a in ARTICLES if a.subtitles]


def test_home_page_menu_boxes_and_feed_link(site):
    status, headers, body = get(site.base_url + "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    html = body.decode("utf-8")
    home = Selector(text=html)
    megalines = home.css("ul#mega-menu.mega-menu > li.megaline")
    names = [line.css(":scope > a > strong::text").get() for line in megalines]
    assert names == ["전체기사"] + [s.name for s in SECTIONS]
    hrefs = [line.css(":scope > a::attr(href)").get() for line in megalines]
    assert hrefs[0] == f"{site.base_url}/news/articleList.html?view_type=sm"
    assert hrefs[1:] == [f"{site.base_url}/news/articleList.html?sc_section_code={s.mcode}&view_type=sm" for s in SECTIONS]
    # The sub-section inside its parent's li; the retired section only inside a comment.
    assert megalines[2].css("ul.sub-menu > li > a::attr(href)").getall() == \
        ["/news/articleList.html?sc_sub_section_code=S2N3&view_type=sm"]
    assert "S1N9" in html and re.search(r"<!--[^>]*?<li class=\"megaline\">.*?S1N9.*?-->", html)
    assert not [href for href in home.css("a::attr(href)").getall() if "S1N9" in href]
    assert home.css('head > link[rel="alternate"][type="application/rss+xml"]::attr(href)').get() == "/rss/allArticle.xml"
    # Article boxes: div.Article > a > h2.FtColor_T, then li.ListBig > a > h3.FtColor_T with an icon img inside.
    latest = DATA.latest(11)
    assert home.css("div.Article > a > h2.FtColor_T::text").getall() == [a.title for a in latest[:3]]
    assert [idxno_of(h) for h in home.css("div.Article > a::attr(href)").getall()] == [a.idx for a in latest[:3]]
    big = home.css("li.ListBig > a > h3.FtColor_T")
    assert [text_of(h) for h in big] == [a.title for a in latest[3:]]
    assert any(h.css("img") for h in big)
    for box in home.css("div.Article"):
        onclick = box.css("img::attr(onclick)").get()
        if onclick:
            assert onclick == f"location.href='{box.css('a::attr(href)').get()}'"
    # robots.txt allows everything.
    status, _, robots = get(site.base_url + "/robots.txt")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots.decode().splitlines())
    assert status == 200 and parser.can_fetch("newscrawl", site.base_url + ARTICLES[0].path)
    assert parser.can_fetch("*", site.base_url + "/rss/allArticle.xml")
    # Images: a pixel.
    status, headers, pixel = get(site.base_url + ARTICLES_BY_IDX[VARIATIONS["photo"][0]].images[0]["url"])
    assert status == 200 and headers["content-type"] == "image/gif" and pixel.startswith(b"GIF89a")


# --------------------------------------------------------------------------------------------------------------
# Lists


@pytest.mark.parametrize("code", [None, "S1N1", "S1N2", "S1N3", "S2N3"])
def test_lists_page_by_twenty_and_repeat_the_last_page_past_the_end(site, code):
    entries = [item.idx for item in DATA.entries(code)]
    pages = DATA.page_count(code)
    first = list_entries(site, code)
    assert first == list_entries(site, code, 1) == entries[:PAGE_SIZE]
    seen = []
    for number in range(1, pages + 1):
        on_page = list_entries(site, code, number)
        assert on_page == entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        assert len(on_page) == PAGE_SIZE or number == pages
        seen += on_page
    assert seen == entries and len(set(seen)) == len(seen)
    last = list_entries(site, code, pages)
    # Past the end: the last page again (a crawler stops when a page adds no new idxno).
    assert list_entries(site, code, pages + 1) == last and list_entries(site, code, 99) == last
    if pages > 1:
        assert list_entries(site, code, 2) != first
    # The pager (unconfirmed markup): div.pagination > ul > li > a, every page.
    pager = page(site, list_path(code, 1)).css("div.pagination > ul > li > a::attr(href)").getall()
    assert [parse_qs(urlsplit(h).query)["page"] for h in pager] == [[str(n)] for n in range(1, pages + 1)]
    # Newest first.
    dates = [item.published_at for item in DATA.entries(code)]
    assert dates == sorted(dates, reverse=True)


def test_list_entries_in_the_current_skin(site):
    selector = page(site, list_path("S1N1"))
    items = selector.css("section#section-list > ul.type2 > li")
    assert len(items) == PAGE_SIZE
    for item in items:
        article = ARTICLES_BY_IDX[idxno_of(item.css("h4.titles > a::attr(href)").get())]
        assert item.css("h4.titles > a::text").get() == article.title
        assert item.css("p.lead > a::text").get() == article.teaser
        assert item.css("span.byline > em::text").getall() == [article.section, article.reporter, article.list_date]
        assert bool(item.css("a.thumb > img")) == bool(article.images)
        assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}", item.css("span.byline > em:last-child::text").get())


def test_sub_section_list_uses_the_third_skin_and_top_level_sections(site):
    selector = page(site, list_path("S2N3"))
    assert not selector.css("section#section-list > ul.type2 > li")
    items = selector.css("div.item")
    assert items and all(i.css("a.auto-titles::attr(href)").get().startswith(ARTICLE) for i in items)
    assert set(items.css("a.auto-section::text").getall()) == {"사회"}
    for idx in (idxno_of(h) for h in items.css("a.auto-titles::attr(href)").getall()):
        assert ARTICLES_BY_IDX[idx].mcode == "S1N2" and ARTICLES_BY_IDX[idx].expected("x")["section_code"] == "S1N2"
    # Those articles are in S1N2's list too.
    s1n2 = {item.idx for item in DATA.entries("S1N2")}
    assert {a.idx for a in ARTICLES if a.sub_code == "S2N3"} <= s1n2


def test_list_links_with_extra_parameters_serve_the_same_article(site):
    hrefs = []
    for number in range(1, DATA.page_count() + 1):
        hrefs += page(site, list_path(None, number)).css("h4.titles > a::attr(href)").getall()
    extra = [h for h in hrefs if "&" in h]
    assert any("&replyAll=&reply_sc_order_by=C" in h for h in extra) and any("&sc_word=" in h for h in extra)
    for href in extra[:6]:
        idx = idxno_of(href)
        if idx in ARTICLES_BY_IDX:
            assert page(site, href).css("title::text").get().startswith(ARTICLES_BY_IDX[idx].title)


def test_retired_and_unknown_sections_list_nothing(site):
    assert list_entries(site, "S1N9") == [] and list_entries(site, "S1N42") == []
    assert get(site.base_url + "/rss/S1N9.xml")[0] == 404


def test_search_links_carry_the_keyword(site):
    selector = page(site, "/news/articleList.html?sc_area=A&sc_word=%EC%9E%A5%ED%9D%A5%EA%B5%B0&view_type=sm")
    hrefs = selector.css("section#section-list > ul.type2 > li > h4.titles > a::attr(href)").getall()
    expected = [a.idx for a in DATA.search("장흥군")][:PAGE_SIZE]
    assert expected and [idxno_of(h) for h in hrefs] == expected
    assert all(h.endswith("&sc_word=%EC%9E%A5%ED%9D%A5%EA%B5%B0") for h in hrefs)


# --------------------------------------------------------------------------------------------------------------
# The EUC-KR section


def test_euc_kr_section_is_cp949_bytes_declared_euc_kr(site):
    table_articles = [a for a in ARTICLES if a.skin == "table"]
    for path in [list_path("S1N3"), list_path("S1N3", 2), *(a.path for a in table_articles[:5])]:
        status, headers, body = get(site.base_url + path)
        assert status == 200 and headers["content-type"] == "text/html; charset=euc-kr", path
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("cp949")
        assert text == body.decode("euc-kr")  # strict EUC-KR: any decoder of the family reads it
        assert '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">' in text
    selector = page(site, list_path("S1N3"))
    blocks = selector.css("div.list-block")
    assert len(blocks) == PAGE_SIZE
    for block in blocks:
        article = ARTICLES_BY_IDX[idxno_of(block.css("div.list-titles > a::attr(href)").get())]
        assert block.css("div.list-titles > a::text").get() == article.title
        assert block.css("div.list-dated::text").get() == \
            f"경제 | {article.reporter} | {article.published:%Y-%m-%d %H:%M}"
    # Characters outside CP949 live in UTF-8 pages only.
    for idx in VARIATIONS["non_cp949"]:
        article = ARTICLES_BY_IDX[idx]
        status, headers, body = get(site.base_url + article.path)
        assert article.skin == "current" and headers["content-type"] == "text/html; charset=utf-8"
        assert re.search("[▴\U0001F300-\U0001FAFF]", body.decode("utf-8"))


# --------------------------------------------------------------------------------------------------------------
# Feeds and sitemap


def test_all_articles_feed_answers_403_to_a_non_browser_user_agent(site):
    url = site.base_url + "/rss/allArticle.xml"
    status, _, body = get(url)  # urllib's own User-Agent: Python-urllib/3.x
    assert status == 403 and b"Forbidden" in body
    assert get(url, "newscrawl (+https://example.invalid/bot)")[0] == 403
    assert get(url, BROWSER_UA)[0] == 200
    # Only that path: the section feeds, the sitemap and the pages answer anyone.
    for path in ("/rss/S1N1.xml", "/sitemap.xml", "/", list_path("S1N2"), ARTICLES[-1].path):
        assert get(site.base_url + path)[0] == 200, path


def _feed_items(site, path: str) -> list[dict]:
    status, headers, body = get(site.base_url + path, BROWSER_UA)
    assert status == 200 and headers["content-type"].startswith("text/xml")
    assert b"<!DOCTYPE" not in body and b"<!ENTITY" not in body
    root = ElementTree.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert root.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded") is None
    return [{child.tag: child.text for child in item} for item in root.iter("item")]


def test_feed_items_latest_fifty_kst_pubdate_author_description_and_bom_titles(site):
    items = _feed_items(site, "/rss/allArticle.xml")
    latest = DATA.latest(50)
    assert len(items) == 50 and len(ARTICLES) > 50
    assert [item["link"] for item in items] == [a.url(site.base_url) for a in latest]
    boms = 0
    for item, article in zip(items, latest):
        assert PUBDATE_RE.match(item["pubDate"]), item["pubDate"]
        assert datetime.strptime(item["pubDate"], "%Y-%m-%d %H:%M:%S").isoformat() + "+09:00" == article.published_at
        assert item["author"] == article.reporter and re.fullmatch(r"\S+ 기자", item["author"])
        assert 250 <= len(item["description"]) <= 303 and article.expected_body.replace("\n\n", " ").startswith(
            item["description"].removesuffix("..."))
        assert item["title"].lstrip("\ufeff") == article.title
        if item["title"].startswith("\ufeff"):
            boms += 1
            assert bom_in_feed(article)
    assert boms >= 3
    # Not a backfill source: the older articles, and the unlisted one, are not in it.
    links = {item["link"] for item in items}
    assert not {ARTICLES_BY_IDX[i].url(site.base_url) for i in UNLISTED_IDX} & links


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.mcode)
def test_section_feeds(site, section):
    items = _feed_items(site, f"/rss/{section.mcode}.xml")
    assert [item["link"] for item in items] == [a.url(site.base_url) for a in DATA.latest(50, code=section.mcode)]
    assert 0 < len(items) <= 50 and all(PUBDATE_RE.match(item["pubDate"]) for item in items)


def test_sitemap_lists_the_latest_hundred_absolute_urls(site):
    status, headers, body = get(site.base_url + "/sitemap.xml")
    assert status == 200 and headers["content-type"].startswith("text/xml")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.fromstring(body)
    locs = [url.findtext(f"{namespace}loc") for url in root.iter(f"{namespace}url")]
    lastmods = [url.findtext(f"{namespace}lastmod") for url in root.iter(f"{namespace}url")]
    assert len(locs) == 100 < len(ARTICLES)
    assert locs == [a.url(site.base_url) for a in DATA.latest(100)]
    assert all(loc.startswith(site.base_url + ARTICLE) for loc in locs)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00", m) for m in lastmods)
    assert not {ARTICLES_BY_IDX[i].url(site.base_url) for i in UNLISTED_IDX} & set(locs)


# --------------------------------------------------------------------------------------------------------------
# Notices and reachability


def test_notices_are_listed_and_answer_200_with_the_notice(site):
    listed = set()
    for code in (None, "S1N2"):
        for number in range(1, DATA.page_count(code) + 1):
            listed |= set(list_entries(site, code, number))
    assert set(GONE) <= listed
    status, headers, body = get(site.base_url + ARTICLE + str(UNAPPROVED_IDX))
    text = body.decode("utf-8")
    assert status == 200 and "관리자가 검토중인 기사 입니다." in text
    assert not Selector(text=text).css("h3.heading, #article-view-content-div, .article-head-title, td.View_Title")
    status, _, body = get(site.base_url + ARTICLE + str(DELETED_IDX))
    text = body.decode("utf-8")
    assert status == 200 and re.search(r"<script[^>]*>\s*alert\('존재하지 않는 링크", text)
    assert not Selector(text=text).css("h3.heading, #article-view-content-div")
    # Any other unknown idxno: the same alert.
    for path in (ARTICLE + "999999", ARTICLE + "abc", "/news/articleView.html"):
        status, _, body = get(site.base_url + path)
        assert status == 200 and "존재하지 않는 링크" in body.decode("utf-8")
    assert not {str(i) for i in GONE} & {item["article_id"] for item in site.expected_items()}


def _links(base_url: str, selector: Selector) -> set[str]:
    out = set()
    for href in selector.css("a::attr(href)").getall() + selector.css("img::attr(onclick)").re(r"location\.href='([^']+)'"):
        url = urljoin(base_url + "/", href)
        if url.startswith(base_url) and ("articleView.html" in url or "articleList.html" in url):
            out.add(url)
    return out


def test_every_listed_and_chained_article_is_reachable_and_the_unlisted_only_by_prev_next(site):
    """Crawl the site from its home page (menu links, lists and their pagers, article links and prev/next), with
    page numbers up to the last page only."""
    base = site.base_url
    queue, seen_urls, reached = deque([base + "/"]), {base + "/"}, set()
    from_lists, from_prev_next = set(), set()
    while queue:
        url = queue.popleft()
        selector = page(site, url[len(base):])
        if "articleView.html" in url:
            reached.add(int(parse_qs(urlsplit(url).query)["idxno"][0]))
            from_prev_next |= {idxno_of(h) for h in selector.css("ul.view-prev-next a::attr(href)").getall()}
        elif "articleList.html" in url:
            from_lists |= {idxno_of(h) for h in selector.css("a::attr(href)").getall() if IDXNO_RE.search(h)}
        for link in _links(base, selector):
            if "articleView.html" in link:
                link = base + ARTICLE + str(idxno_of(link))  # the canonical URL
            if link not in seen_urls:
                seen_urls.add(link)
                queue.append(link)
    assert reached == set(ARTICLES_BY_IDX) | set(GONE)
    assert not any("S1N9" in u for u in seen_urls)
    for idx in UNLISTED_IDX:
        assert idx not in from_lists and idx in from_prev_next
    assert from_lists == {a.idx for a in ARTICLES if a.listed} | set(GONE)


# --------------------------------------------------------------------------------------------------------------
# Ground truth against the pages


def _body_paragraphs(selector: Selector, article) -> list[str]:
    """What a parser keeps of the body box: its direct p children, without the TTS line, photo credits and (table
    layout) the trailing byline and copyright lines; the figures and the related/FAQ boxes are not p."""
    box = selector.css("#article-view-content-div")
    assert len(box) == 1
    if article.skin == "current":
        assert box.xpath("name()").get() == "article" and box.attrib.get("itemprop") == "articleBody"
        assert "article-veiw-body" in box.attrib["class"].split()
    texts = [text_of(p) for p in box.xpath("./p")]
    texts = [t for t in texts if t and t != TTS_LINE and not PHOTO_CREDIT_RE.match(t)]
    if article.skin == "table":
        assert texts[-2:] == [article.byline_raw, f"<저작권자 © {ndsoft.SITE_NAME}, 무단 전재 및 재배포 금지>"]
        texts = texts[:-2]
    return texts


def _page_fields(selector: Selector, article, base_url: str) -> dict:
    """The ground-truth fields read off a page with the spec's selectors."""
    if article.skin == "current":
        header = selector.css("div#article-view > header.article-view-header")
        infos = header.css("div.info-group > ul.infomation > li")
        byline = clean_text(" ".join(infos[0].xpath(
            "./text()|./*[not(contains(@class, 'show-for-sr'))]//text()").getall()))
        assert infos[0].css("span.show-for-sr::text").get() == "기자명"
        fields = dict(
            section=header.css("nav.breadcrumbs a[href*=sc_section_code]::text").get(),
            section_code=parse_qs(urlsplit(header.css("nav.breadcrumbs a[href*=sc_section_code]::attr(href)").get()).query)["sc_section_code"][0],
            title=text_of(header.css("h3.heading")), subtitles=[text_of(h) for h in header.css("h4.subheading")],
            byline_raw=byline, published_raw=text_of(infos[1]),
            modified_raw=text_of(infos[2]) if len(infos) > 2 else None,
        )
        assert selector.css('meta[property="article:published_time"]::attr(content)').get() == article.published_at
        assert selector.css('meta[property="article:section"]::attr(content)').get() == article.section
        assert selector.css('meta[name="author"]::attr(content)').get() == article.byline_raw
        assert selector.css('meta[property="og:title"]::attr(content)').get() == article.title
        assert not selector.css('meta[property="article:tag"]')
        # The inline script above the body names the body's id too.
        script = selector.xpath("//script[following::article[@id='article-view-content-div']]/text()").get()
        assert "#article-view-content-div" in script
        assert text_of(selector.css("div.view-copyright")) == f"저작권자 © {ndsoft.SITE_NAME} 무단전재 및 재배포 금지"
    elif article.skin == "user-container":
        container = selector.css("div.user-container")
        infos = [text_of(li) for li in container.css("ul.info-text > li")]
        assert infos[-1] == "• 댓글 0" and all(i.startswith("• ") for i in infos[:2])
        nav = container.css("div.article-head-nav > a")
        fields = dict(
            section=text_of(nav), section_code=parse_qs(urlsplit(nav.attrib["href"]).query)["sc_section_code"][0],
            title=text_of(container.css("div.article-head-title")), subtitles=[],
            byline_raw=infos[0].removeprefix("• "), published_raw=infos[1].removeprefix("• "),
            modified_raw=next((i for i in infos if i.startswith("updated.")), None),
        )
    else:
        fields = dict(
            section=article.section, section_code=article.mcode,  # from the list (no section on the page)
            title=text_of(selector.css("td.View_Title")), subtitles=[],
            byline_raw=_body_paragraphs_raw(selector)[-2], published_raw=text_of(selector.css("td.View_Info")),
            modified_raw=None,
        )
    images = [{"url": urljoin(article.url(base_url), fig.css("img::attr(src)").get()),
               "caption": text_of(fig.css("figcaption")) if fig.css("figcaption") else None}
              for fig in selector.css("#article-view-content-div figure.photo-layout")]
    neighbours = {}
    for css in ("prev", "next"):
        href = selector.css(f"ul.view-prev-next > li.{css} > a::attr(href)").get()
        label = selector.css(f"ul.view-prev-next > li.{css} > span::text").get()
        if href:
            assert label == ("이전기사" if css == "prev" else "다음기사")
        neighbours[f"{css}_url"] = urljoin(base_url + "/", href) if href else None
    return {**fields, "body": "\n\n".join(_body_paragraphs(selector, article)), "images": images, **neighbours}


def _body_paragraphs_raw(selector: Selector) -> list[str]:
    return [text_of(p) for p in selector.css("#article-view-content-div").xpath("./p")]


def test_ground_truth_is_what_the_pages_print(site, article_pages):
    for article in ARTICLES:
        expected = article.expected(site.base_url)
        selector = article_pages[article.idx]
        fields = _page_fields(selector, article, site.base_url)
        for key, value in fields.items():
            assert value == expected[key], (article.idx, key, value, expected[key])
        assert expected["url"] == f"{site.base_url}{ARTICLE}{article.idx}" and expected["article_id"] == str(article.idx)
        assert expected["authors"] == parse_byline(expected["byline_raw"]), article.idx
        assert expected["published_at"].endswith(":00+09:00")
        if expected["modified_at"]:
            assert expected["modified_at"] > expected["published_at"]
        # The noise is on the page, and not in the body.
        body = expected["body"]
        for noise in (TTS_LINE, "(사진=", "자주 묻는 질문", "관련기사", "현장 스케치", "저작권자", "기자명"):
            assert noise not in body, (article.idx, noise)
        if article.tts:
            assert text_of(selector.css("#article-view-content-div").xpath("./p[1]")) == TTS_LINE
        if article.related:
            assert selector.css("#article-view-content-div div.related a::attr(href)").getall()
        if article.faq:
            assert selector.css("#article-view-content-div div#tem-type-8 p")
        if article.multi_photo:
            assert selector.css("#article-view-content-div figure.figure-img-multi img")
        if article.skin == "table":
            assert article.email and article.byline_raw.endswith(article.email)


def test_every_expected_page_contains_its_title_and_prev_next_is_symmetric(site, article_pages):
    by_url = {item["url"]: item for item in site.expected_items()}
    for item in by_url.values():
        selector = article_pages[int(item["article_id"])]
        assert item["title"] in text_of(selector.css("body")), item["article_id"]
        if item["prev_url"]:
            assert by_url[item["prev_url"]]["next_url"] == item["url"]
            assert by_url[item["prev_url"]]["section_code"] == item["section_code"]
            assert by_url[item["prev_url"]]["published_at"] < item["published_at"]
        if item["next_url"]:
            assert by_url[item["next_url"]]["prev_url"] == item["url"]
    chains_start = [i for i in by_url.values() if i["prev_url"] is None]
    assert sorted(i["section_code"] for i in chains_start) == ["S1N1", "S1N2", "S1N3"]
    for idx in UNLISTED_IDX:
        article = ARTICLES_BY_IDX[idx]
        assert article.prev_idx and article.next_idx  # reachable from both sides


def test_bylines_the_two_reporter_one_and_e_mails():
    for idx in VARIATIONS["two_reporters"]:
        article = ARTICLES_BY_IDX[idx]
        assert article.byline_raw == "홍길동·김철수 기자" and article.skin == "current"
        assert article.authors == [{"name": "홍길동", "role": "기자", "email": None},
                                   {"name": "김철수", "role": "기자", "email": None}]
    for idx in VARIATIONS["reporter_email"]:
        article = ARTICLES_BY_IDX[idx]
        assert re.fullmatch(r"\S+ 기자 [a-z]+@sample\.kr", article.byline_raw) and article.email
    for idx in VARIATIONS["reporter_without_email"]:
        article = ARTICLES_BY_IDX[idx]
        assert article.skin == "user-container" and article.email is None and "@" not in article.byline_raw
    assert all(a.email is None for a in ARTICLES if a.skin == "current")


def test_user_container_modified_form_has_the_right_weekday():
    for article in (a for a in ARTICLES if a.skin == "user-container" and a.modified_raw):
        moment = article.modified
        assert article.modified_raw == f"updated. {moment:%Y-%m-%d %H:%M} ({'월화수목금토일'[moment.weekday()]})"


# --------------------------------------------------------------------------------------------------------------
# Faults, request log, command line


def test_fault_injector_works_on_ndsoft_article_urls():
    article = next(a for a in ARTICLES if a.skin == "current" and a.listed)
    with sample_site.start(site="ndsoft") as running:
        running.app.add_hook(FaultInjector({article.idx: "503x1"}))
        assert get(running.base_url + article.path)[0] == 503
        assert get(running.base_url + article.path)[0] == 200
        status, _, body = get(running.base_url + article.path + "&fault=deleted")
        assert status == 200 and "존재하지 않는 링크" in body.decode("utf-8")
        status, headers, _ = get(running.base_url + article.path + "&fault=500")
        assert status == 500
        assert running.requests == [article.path] * 2 + [article.path + "&fault=deleted", article.path + "&fault=500"]


def test_requests_are_logged(site):
    site.clear_requests()
    get(site.base_url + "/rss/allArticle.xml")
    get(site.base_url + list_path("S1N1", 2))
    assert site.requests == ["/rss/allArticle.xml", list_path("S1N1", 2)]
    assert site.count("/rss/allArticle.xml") == 1


def test_command_line_serves_ndsoft_on_its_host():
    process = subprocess.Popen([sys.executable, "-m", "newscrawl.sample_site", "--site", "ndsoft"],
                               stdout=subprocess.PIPE, text=True)
    try:
        base_url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.4:\d+", base_url)
        article = ARTICLES[-1]
        status, _, body = get(base_url + article.path)
        assert status == 200 and article.title in body.decode("utf-8")
        assert get(base_url + "/rss/allArticle.xml")[0] == 403
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
