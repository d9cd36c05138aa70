"""The bundled sample site: it serves what its ground truth says, in the real CMS markup, on 127.0.0.1."""

import html
import re
import urllib.error
import urllib.request

import pytest

from newscrawl import sample_site
from newscrawl.sample_site.content import ARTICLES, ARTICLES_BY_IDX, DELETED_IDX, PAGE_SIZE, SECTIONS, clean_text
from newscrawl.sample_site.pages import esc
from tests.paths import shared_file

REFERENCE_TITLE = "오세훈 시장, `서울 AI페스타 2025` 참석… “서울, 아시아 AI 허브로 도약”"
# The visible text of the real page.
REFERENCE_TEXT = "seed/reference-article.txt"
LIST_LINK_RE = re.compile(r'<dt class="title"><a href="\.\./news/view\.php\?idx=(\d+)&amp;mcode=(\w+)">')
ANY_IDX_RE = re.compile(r"(?:idx=|/news/|article_view\(')(\d+)")


@pytest.fixture(scope="module")
def site():
    with sample_site.start() as running:
        yield running


def fetch(site, path: str) -> tuple[int, str, str]:
    """(status, content type, text) for a path on the sample site."""
    try:
        with urllib.request.urlopen(site.base_url + path, timeout=10) as response:
            body = response.read()
            content_type = response.headers["Content-Type"]
            return response.status, content_type, body.decode("utf-8") if content_type.startswith("text/") else ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def list_idx(site, mcode: str, page: int) -> list[int]:
    status, _, text = fetch(site, f"/news/list.php?mcode={mcode}&page={page}")
    assert status == 200
    return [int(idx) for idx, code in LIST_LINK_RE.findall(text) if code == mcode]


def test_starts_on_a_free_port_and_serves_the_basic_pages(site):
    # Port 0 asks the system for a free one; the base URL names the one it gave.
    assert site.port > 0 and site.base_url == f"http://127.0.0.1:{site.port}"
    status, content_type, home = fetch(site, "/")
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    for section in SECTIONS:
        assert re.search(rf'href="/news/list\.php\?&?mcode={section.mcode}"', home)
    assert 'href="/news/list.php?&mcode=' in home  # the odd form, once
    assert 'class="tab_item"' in home and 'class="headline"' in home and "javascript:article_view('" in home
    assert 'href="/admin/"' in home

    status, _, robots = fetch(site, "/robots.txt")
    assert status == 200 and "User-agent: *" in robots and "Disallow: /admin/" in robots

    status, _, listing = fetch(site, f"/news/list.php?mcode={SECTIONS[0].mcode}")
    assert status == 200 and 'div class="basicList"' in listing and 'class="registDate"' in listing

    assert fetch(site, "/no/such/page")[0] == 404
    status, content_type, _ = fetch(site, "/data/photos/anything.jpg")
    assert status == 200 and content_type.startswith("image/")


def test_ground_truth_size_sections_and_codes():
    assert len(ARTICLES) >= 60
    assert len(SECTIONS) >= 3
    assert all(re.fullmatch(r"m[a-z0-9]{5,7}", section.mcode) for section in SECTIONS)
    assert len({a.idx for a in ARTICLES}) == len(ARTICLES)
    assert len({a.title for a in ARTICLES}) == len(ARTICLES)
    skins = [a.skin for a in ARTICLES]
    assert 0.25 < skins.count("old") / len(skins) < 0.4
    for article in ARTICLES:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00", article.published_at)
        assert article.expected_body == "\n\n".join(article.paragraphs)
        assert clean_text(article.title_raw) == article.title


def test_every_section_pages_newest_first_and_ends_with_an_empty_page(site):
    for section in SECTIONS:
        expected = sample_site.DATA.listed(section.mcode)
        pages, page = [], 1
        while True:
            found = list_idx(site, section.mcode, page)
            if not found:
                break
            assert len(found) <= PAGE_SIZE
            pages.append(found)
            page += 1
        assert len(pages) >= 2, section.name
        assert [idx for found in pages for idx in found] == [a.idx for a in expected]
        dates = [ARTICLES_BY_IDX[idx].published_at for found in pages for idx in found]
        assert dates == sorted(dates, reverse=True)
        # Past the last page: the same page with an empty list; &vg=photo and ?&mcode= give the same list.
        _, _, empty = fetch(site, f"/news/list.php?mcode={section.mcode}&page={len(pages) + 1}")
        assert re.search(r'<div class="basicList">\s*<ul>\s*</ul>', empty)
        _, _, photo = fetch(site, f"/news/list.php?&mcode={section.mcode}&vg=photo")
        assert [int(i) for i, _ in LIST_LINK_RE.findall(photo)] == pages[0]


def test_articles_are_served_in_every_url_form(site):
    for article in ARTICLES:
        status, _, page = fetch(site, f"/news/view.php?idx={article.idx}&mcode={article.mcode}&page=2")
        assert status == 200 and esc(article.title_raw) in page
        assert ("article-head-title" in page) == (article.skin == "new")
        assert ('class="titleWrap boxPointColor"' in page) == (article.skin == "old")
    reference = ARTICLES_BY_IDX[828]
    canonical = fetch(site, "/news/view.php?idx=828")[2]
    for path in ("/news/828", "/news/view.php?idx=828&sm=w_total&stx=AI"):
        assert fetch(site, path)[2] == canonical
    status, _, mobile = fetch(site, "/m/view.php?idx=828")
    assert status == 200 and 'href="/news/view.php?idx=828"' in mobile and html.escape(reference.title) in mobile


def test_unknown_idx_is_the_cms_deleted_page(site):
    for path in (f"/news/view.php?idx={DELETED_IDX[0]}", "/news/view.php?idx=99999999", "/news/view.php?idx=abc"):
        status, _, page = fetch(site, path)
        assert status == 200
        assert "<title" not in page and "article-head-title" not in page
        assert "alert('삭제된 기사입니다')" in page
    assert DELETED_IDX[0] not in ARTICLES_BY_IDX


def test_unlisted_articles_are_reachable_only_through_prev_next(site):
    unlisted = {a.idx for a in ARTICLES if not a.listed}
    assert len(unlisted) >= 5
    # Walk the ground truth: from any listed article, prev/next links reach every unlisted one.
    reached, frontier = set(), [a.idx for a in ARTICLES if a.listed]
    while frontier:
        article = ARTICLES_BY_IDX[frontier.pop()]
        for neighbour in (article.prev_idx, article.next_idx):
            if neighbour in unlisted and neighbour not in reached:
                reached.add(neighbour)
                frontier.append(neighbour)
    assert reached == unlisted
    # Prev/next stay inside the section and follow publication order.
    for article in ARTICLES:
        if article.prev_idx:
            older = ARTICLES_BY_IDX[article.prev_idx]
            assert older.mcode == article.mcode and older.published_at < article.published_at
            assert older.next_idx == article.idx

    # On the wire: no list page, home box or side box links an unlisted article ...
    seen_on_discovery_pages = set()
    pages = ["/", "/news/list.php"] + [f"/news/list.php?mcode={s.mcode}&page={n}" for s in SECTIONS
                                       for n in range(1, sample_site.DATA.page_count(s.mcode) + 1)]
    for path in pages:
        seen_on_discovery_pages |= {int(i) for i in ANY_IDX_RE.findall(fetch(site, path)[2])}
    assert not seen_on_discovery_pages & unlisted
    # ... but the article next to one links it with the 이전/다음 기사 보기 label.
    for idx in unlisted:
        article = ARTICLES_BY_IDX[idx]
        neighbour = ARTICLES_BY_IDX[article.next_idx or article.prev_idx]
        label = "이전 기사 보기" if neighbour.prev_idx == idx else "다음 기사 보기"
        page = fetch(site, f"/news/view.php?idx={neighbour.idx}")[2]
        link = re.search(rf'<a href="[^"]*view\.php\?idx={idx}&amp;[^"]*"[^>]*>(.*?)</a>', page)
        assert link and label in link.group(0), (idx, neighbour.idx)


def test_reference_article_matches_the_real_page(site):
    reference = ARTICLES_BY_IDX[828]
    assert reference.title == REFERENCE_TITLE
    assert (reference.section, reference.mcode, reference.skin) == ("사회", "m71w8xw", "new")
    assert reference.byline_raw == "김태령 기자"
    assert reference.authors == [{"name": "김태령", "role": "기자", "email": None}]
    assert (reference.published_raw, reference.published_at) == ("등록 2025-03-08 20:54:06", "2025-03-08T20:54:06+09:00")
    assert reference.modified_at is None and len(reference.subtitles) == 3 and len(reference.paragraphs) == 6
    page = fetch(site, "/news/view.php?idx=828&mcode=m71w8xw")[2]
    assert f'<h3 class="article-head-title">\n        {REFERENCE_TITLE}\n      </h3>' in page
    assert "<li>등록 2025-03-08 20:54:06</li>" in page and page.count("<p>&nbsp;</p>") == 6
    assert '<span class="fr-inner">' + reference.images[0]["caption"] + "</span>" in page
    lines = [line.strip(" •") for line in shared_file(REFERENCE_TEXT).read_text(encoding="utf-8").splitlines()]
    assert lines[1] == REFERENCE_TITLE
    for text in [*reference.subtitles, *reference.paragraphs, reference.images[0]["caption"]]:
        assert text in lines


def test_requests_are_counted(site):
    site.clear_requests()
    fetch(site, "/news/view.php?idx=828&mcode=m71w8xw")
    fetch(site, "/news/828")
    assert site.requests == ["/news/view.php?idx=828&mcode=m71w8xw", "/news/828"]
    assert site.count("/news/828") == 1
    assert not any(path.startswith("/admin") for path in site.requests)
