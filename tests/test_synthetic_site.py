"""The synthetic sample site (the benchmark's large sites): valid pages that our parsers read back as its ground truth,
list pages and previous/next chains that hold together at any size."""

import subprocess
import sys
import urllib.request
from datetime import datetime

import pytest
from scrapy.http import HtmlResponse

from newscrawl import sample_site
from newscrawl.normalizers.dates import KST
from newscrawl.cms.dada import DADA
from newscrawl.sample_site.synthetic import FIRST_IDX, LATEST_COUNT, SyntheticSiteData

ARTICLES = 50


@pytest.fixture(scope="module")
def site():
    with sample_site.start(data=SyntheticSiteData(ARTICLES)) as running:
        yield running


def fetch(base_url: str, path: str) -> HtmlResponse:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return HtmlResponse(base_url + path, status=response.status, body=response.read(), encoding="utf-8")


def section_list_idx(site, mcode: str) -> list[int]:
    """Every idx on a section's list pages, in page order, up to the first empty page."""
    listed, page = [], 1
    while entries := DADA.list_page(fetch(site.base_url, f"/news/list.php?mcode={mcode}&page={page}")):
        listed.extend(int(DADA.article_id(entry.url)) for entry in entries)
        page += 1
    return listed


def test_every_article_is_on_its_section_lists_once_newest_first(site):
    data = site.data
    listed = {section.mcode: section_list_idx(site, section.mcode) for section in data.sections}
    assert sorted(idx for section in listed.values() for idx in section) == list(range(FIRST_IDX, FIRST_IDX + ARTICLES))
    for mcode, idx_values in listed.items():
        assert {data.get(idx).mcode for idx in idx_values} == {mcode}
        published = [data.get(idx).published_at for idx in idx_values]
        assert published == sorted(published, reverse=True)


def test_every_article_page_reads_back_as_its_ground_truth(site):
    mismatches = []
    for idx in range(FIRST_IDX, FIRST_IDX + ARTICLES):
        item = DADA.article_page(fetch(site.base_url, f"/news/view.php?idx={idx}")).item
        truth = site.data.get(idx).expected(site.base_url)
        mismatches.extend((idx, field, item[field], value) for field, value in truth.items() if item[field] != value)
    assert mismatches == []


def test_both_skins_and_every_section_are_in_a_small_site(site):
    articles = [site.data.get(idx) for idx in range(FIRST_IDX, FIRST_IDX + ARTICLES)]
    assert {article.skin for article in articles} == {"new", "old"}
    assert {article.mcode for article in articles} == {section.mcode for section in sample_site.SECTIONS}


def test_a_million_articles_hold_together_without_being_built():
    data = SyntheticSiteData(1_000_000)
    assert sum(data.section_size(section.mcode) for section in data.sections) == 1_000_000
    for section in data.sections:
        last_page = data.page_count(section.mcode)
        oldest = data.list_page(section.mcode, last_page)[-1]
        assert oldest.prev_idx is None and oldest.mcode == section.mcode
        assert data.list_page(section.mcode, last_page + 1) == []
        newest = data.listed(section.mcode)[0]
        assert newest.next_idx is None
    middle = data.get(FIRST_IDX + 500_000)
    before, after = data.get(middle.prev_idx), data.get(middle.next_idx)
    assert before.next_idx == middle.idx == after.prev_idx
    assert before.published_at < middle.published_at < after.published_at
    assert data.get(FIRST_IDX + 1_000_000) is None and data.get(FIRST_IDX - 1) is None
    assert datetime.fromisoformat(data.get(FIRST_IDX + 999_999).published_at) < datetime.now(KST)
    assert len(data.listed()) == LATEST_COUNT and data.listed()[0].idx == FIRST_IDX + 999_999
    assert data.article.cache_info().currsize < 100


def test_the_command_line_serves_a_synthetic_site():
    server = subprocess.Popen([sys.executable, "-m", "newscrawl.sample_site", "--synthetic", "20"],
                              stdout=subprocess.PIPE, text=True)
    try:
        base_url = server.stdout.readline().strip()
        item = DADA.article_page(fetch(base_url, f"/news/view.php?idx={FIRST_IDX + 19}")).item
        assert item["title"] == SyntheticSiteData(20).get(FIRST_IDX + 19).title
        assert "삭제된 기사" in fetch(base_url, f"/news/view.php?idx={FIRST_IDX + 20}").text
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
