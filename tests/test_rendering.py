"""Pages that need JavaScript: opt-in rendering in the system Chromium through scrapy-playwright.

The crawls run over the scripted sample site (`sample_site.start(scripted=True)`): 경제's list is built by an inline
script, 문화's list links `javascript:article_view('N')`. The rendered tests need Chromium (`apt-get install
chromium`, done by .ci/run); without it they fail with the error that says so.
"""

import asyncio
import json
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from newscrawl import sample_site
from newscrawl import settings as project_settings
from newscrawl.bench.stats_file import StatsFileCollector
from newscrawl.cms.base import NotAnArticle
from newscrawl.cms.dada import DADA
from newscrawl.rendering import (ARTICLE, CHROMIUM_ARGS, LIST, PLAYWRIGHT_HANDLER, BrowserNotFound, enable_rendering,
                                 find_chromium, playwright_settings, rendered_kinds, request_meta, stay_on_page)
from newscrawl.runs import EXIT_BAD_ARGUMENTS, EXIT_OK
from newscrawl.sample_site import pages
from newscrawl.sample_site.scripted import (LIST_BUILDER_SCRIPT, SCRIPT_BUILT_SECTION, SCRIPT_LINKED_SECTION,
                                            render_section_list)
from tests.crawling import Crawl, crawl

LIVE = "https://www.workheadline.co.kr"
SCRIPT_BUILT_WARNING = "is built by a script, so it is empty without a browser; crawl with -a render_js=lists"


def crawl_with_stats(base_url: str, workdir: Path, *args: str) -> tuple[Crawl, dict]:
    """A crawl, and the Scrapy stats it ended with."""
    stats_path = workdir / "stats.json"
    stats_class = f"{StatsFileCollector.__module__}.{StatsFileCollector.__qualname__}"
    result = crawl(base_url, workdir, *args, "-s", f"STATS_CLASS={stats_class}",
                   "-s", f"NEWSCRAWL_BENCH_STATS={stats_path}")
    assert result.returncode == EXIT_OK, result.log
    return result, json.loads(stats_path.read_text(encoding="utf-8"))


def list_url(base_url: str, mcode: str, page: int = 1) -> str:
    return f"{base_url}/news/list.php?mcode={mcode}" + (f"&page={page}" if page > 1 else "")


def list_path(mcode: str, page: int) -> str:
    return list_url("", mcode, page)


def html_response(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8")


def project_settings_with(**overrides) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.update(overrides)
    return settings


# --------------------------------------------------------------------------------------------------------------
# Which requests render, and the browser that renders them


@pytest.mark.parametrize(("render_js", "kinds"), [
    (None, set()), ("none", set()), ("lists", {LIST}), ("articles", {ARTICLE}), ("all", {LIST, ARTICLE}),
])
def test_render_js_names_the_kinds_of_request_that_are_rendered(render_js, kinds):
    assert rendered_kinds(render_js) == kinds


def test_an_unknown_render_js_value_is_refused():
    with pytest.raises(ValueError, match="render_js must be one of none, lists, articles, all; got 'list'"):
        rendered_kinds("list")


def test_only_requests_of_a_rendered_kind_ask_scrapy_playwright_for_a_page():
    lists_only = rendered_kinds("lists")
    assert request_meta(ARTICLE, lists_only) == {}
    assert request_meta(LIST, lists_only) == {"playwright": True, "playwright_page_init_callback": stay_on_page}


def test_the_chromium_setting_comes_first_then_the_environment_then_path(tmp_path):
    configured, from_environment = tmp_path / "configured-chromium", tmp_path / "env-chromium"
    for executable in (configured, from_environment):
        executable.write_text("#!/bin/sh\n")
        executable.chmod(0o755)
    environ = {"NEWSCRAWL_CHROMIUM_PATH": str(from_environment)}
    on_path = {"chromium-browser": "/usr/bin/chromium-browser"}.get

    assert find_chromium(str(configured), environ, on_path) == str(configured)
    assert find_chromium("", environ, on_path) == str(from_environment)
    assert find_chromium("", {}, on_path) == "/usr/bin/chromium-browser"


def test_a_configured_chromium_that_is_not_there_is_an_error_not_a_fallback(tmp_path):
    on_path = {"chromium": "/usr/bin/chromium"}.get
    with pytest.raises(BrowserNotFound, match=r"'/nowhere/chromium' \(setting NEWSCRAWL_CHROMIUM_PATH\) is not an "
                                              r"executable file; install it with `apt-get install chromium`"):
        find_chromium("/nowhere/chromium", {}, on_path)


def test_no_chromium_anywhere_names_the_browser_and_how_to_install_it():
    with pytest.raises(BrowserNotFound) as missing:
        find_chromium("", {}, lambda name: None)
    assert "none of chromium, chromium-browser, google-chrome is on PATH" in str(missing.value)
    assert "apt-get install chromium" in str(missing.value)


def test_rendering_settings_use_scrapy_playwright_the_system_chromium_and_the_concurrency_bound(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    settings = project_settings_with(NEWSCRAWL_CHROMIUM_PATH=str(chromium), NEWSCRAWL_RENDER_CONCURRENCY=3)

    rendering = playwright_settings(settings)

    assert rendering["DOWNLOAD_HANDLERS"] == {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER}
    assert rendering["PLAYWRIGHT_LAUNCH_OPTIONS"] == {"executable_path": str(chromium), "args": list(CHROMIUM_ARGS),
                                                      "headless": True}
    assert (rendering["PLAYWRIGHT_MAX_CONTEXTS"], rendering["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"]) == (1, 3)


def test_a_render_concurrency_below_one_is_refused():
    with pytest.raises(ValueError, match="NEWSCRAWL_RENDER_CONCURRENCY must be at least 1; got 0"):
        playwright_settings(project_settings_with(NEWSCRAWL_RENDER_CONCURRENCY=0))


def test_a_crawl_that_renders_nothing_gets_no_playwright_setting_and_looks_for_no_browser():
    settings = project_settings_with(NEWSCRAWL_CHROMIUM_PATH="/nowhere/chromium")
    before = settings.copy_to_dict()
    enable_rendering(settings, rendered_kinds(None))
    assert settings.copy_to_dict() == before


# --------------------------------------------------------------------------------------------------------------
# Telling a script-built list from an empty one (pure, on pages rendered by the sample site)


def test_a_list_left_for_a_script_to_fill_is_recognised():
    response = html_response(list_url(LIVE, SCRIPT_BUILT_SECTION),
                             render_section_list(sample_site.DATA, SCRIPT_BUILT_SECTION, 1))
    assert DADA.list_page(response) == []
    assert DADA.has_script_built_list(response)


def test_a_script_may_name_the_list_by_the_id_of_its_ul():
    response = html_response(list_url(LIVE, SCRIPT_BUILT_SECTION), (
        '<div id="contents"><div class="basicList"><ul id="articleRows"></ul></div></div>'
        "<script>$.getJSON('/news/list.json', function (rows) { $('#articleRows').html(rows.join('')); });</script>"
    ))
    assert DADA.has_script_built_list(response)


@pytest.mark.parametrize(("mcode", "page"), [
    ("m71w8xw", 1),  # an ordinary list
    ("m71w8xw", 9),  # past the last page: empty, but no script fills it
])
def test_server_built_lists_are_not_taken_for_script_built_ones(mcode, page):
    response = html_response(list_url(LIVE, mcode, page), pages.render_list(sample_site.DATA, mcode, page))
    assert not DADA.has_script_built_list(response)


def test_a_list_of_javascript_links_is_in_the_html():
    response = html_response(list_url(LIVE, SCRIPT_LINKED_SECTION),
                             render_section_list(sample_site.DATA, SCRIPT_LINKED_SECTION, 1))
    expected = sample_site.DATA.list_page(SCRIPT_LINKED_SECTION, 1)
    assert [entry.url for entry in DADA.list_page(response)] == [article.url(LIVE) for article in expected]
    assert not DADA.has_script_built_list(response)


def test_a_filled_list_or_a_script_that_writes_nothing_is_not_a_script_built_list():
    data, url = sample_site.DATA, list_url(LIVE, SCRIPT_BUILT_SECTION)
    heading = data.section(SCRIPT_BUILT_SECTION).name
    # What the browser leaves: the entries in place, the script still there.
    filled = pages._list_page(data, heading, pages._list_items(data.list_page(SCRIPT_BUILT_SECTION, 1), 1),
                              LIST_BUILDER_SCRIPT % "[]", None)
    hover_only = pages._list_page(data, heading, "", "<script>$('.basicList li').on('mouseenter', highlight);</script>",
                                  None)
    assert not DADA.has_script_built_list(html_response(url, filled))
    assert not DADA.has_script_built_list(html_response(url, hover_only))


# --------------------------------------------------------------------------------------------------------------
# Crawls of the scripted site


@pytest.fixture(scope="module")
def site():
    with sample_site.start(scripted=True) as running:
        yield running


@pytest.fixture(scope="module")
def plain_crawl(site, tmp_path_factory):
    site.clear_requests()
    # A Chromium path that cannot work: a crawl that renders nothing must not even look for the browser.
    result, stats = crawl_with_stats(site.base_url, tmp_path_factory.mktemp("plain"),
                                     "-s", "NEWSCRAWL_CHROMIUM_PATH=/nowhere/chromium")
    return result, stats, site.requests


@pytest.fixture(scope="module")
def lists_crawl(site, tmp_path_factory):
    site.clear_requests()
    result, stats = crawl_with_stats(site.base_url, tmp_path_factory.mktemp("lists"), "-a", "render_js=lists")
    return result, stats, site.requests


def test_without_rendering_the_spider_says_it_found_a_script_built_list(plain_crawl, site):
    result, stats, requests = plain_crawl
    warnings = [line for line in result.log.splitlines() if SCRIPT_BUILT_WARNING in line]
    assert len(warnings) == 1
    assert "WARNING" in warnings[0] and list_url(site.base_url, SCRIPT_BUILT_SECTION) in warnings[0]
    assert stats["newscrawl/script_built_lists"] == 1
    assert list_path(SCRIPT_BUILT_SECTION, 2) not in requests


def test_a_crawl_without_rendering_starts_no_browser(plain_crawl):
    result, stats, _ = plain_crawl
    assert "scrapy-playwright" not in result.log
    assert not any(name.startswith("playwright/") for name in stats)


def test_javascript_article_links_need_no_browser(plain_crawl):
    result, _, requests = plain_crawl
    section = sample_site.DATA.listed(SCRIPT_LINKED_SECTION)
    last_page = sample_site.DATA.page_count(SCRIPT_LINKED_SECTION)
    pages_walked = {list_path(SCRIPT_LINKED_SECTION, page) for page in range(1, last_page + 2)}
    assert pages_walked <= set(requests)
    assert {str(article.idx) for article in section} <= {article["article_id"] for article in result.stored()}


def test_with_rendered_lists_the_script_built_list_is_walked_to_its_end(lists_crawl):
    result, stats, requests = lists_crawl
    last_page = sample_site.DATA.page_count(SCRIPT_BUILT_SECTION)
    # Paging goes on only after a page with entries, so each page was found full of them.
    assert {list_path(SCRIPT_BUILT_SECTION, page) for page in range(1, last_page + 2)} <= set(requests)
    assert SCRIPT_BUILT_WARNING not in result.log
    assert "newscrawl/script_built_lists" not in stats


def test_with_rendered_lists_every_article_is_stored_exactly(lists_crawl, site):
    result, _, _ = lists_crawl
    expected = {item["article_id"]: item for item in sample_site.expected_items(site.base_url)}
    stored = {article["article_id"]: article for article in result.stored()}
    assert set(stored) == set(expected)
    mismatches = [(idx, name) for idx, truth in expected.items() for name, value in truth.items()
                  if stored[idx][name] != value]
    assert mismatches == []


def test_only_list_requests_are_rendered_and_every_page_is_closed(lists_crawl):
    result, stats, requests = lists_crawl
    list_pages_and_home = sum(1 for path in requests if path.startswith("/news/list.php")) + requests.count("/")
    assert stats["playwright/request_count/navigation"] == list_pages_and_home
    assert stats["playwright/page_count"] == stats["playwright/page_count/closed"] == list_pages_and_home
    assert 1 <= stats["playwright/page_count/max_concurrent"] <= project_settings.NEWSCRAWL_RENDER_CONCURRENCY
    assert stats["playwright/browser_count"] == 1
    assert "[scrapy-playwright] INFO: Closing browser" in result.log


def test_with_rendered_articles_the_articles_come_out_as_from_plain_pages(site, tmp_path):
    newest = sample_site.DATA.listed(SCRIPT_LINKED_SECTION)[:5]
    site.clear_requests()

    result, stats = crawl_with_stats(site.base_url, tmp_path, "-a", "render_js=articles", "-a",
                                     f"sections={SCRIPT_LINKED_SECTION}", "-a", f"since={newest[-1].published_date}")

    stored = {article["article_id"]: article for article in result.stored()}
    assert set(stored) == {str(article.idx) for article in newest}
    mismatches = [(article.idx, name) for article in newest for name, value in article.expected(site.base_url).items()
                  if stored[str(article.idx)][name] != value]
    assert mismatches == []
    article_requests = sum(1 for path in site.requests if path.startswith("/news/view.php"))
    assert stats["playwright/request_count/navigation"] == article_requests


def test_a_missing_browser_stops_a_rendering_crawl_before_it_starts_with_the_reason(site, tmp_path):
    site.clear_requests()
    result = crawl(site.base_url, tmp_path, "-a", "render_js=lists", "-s", "NEWSCRAWL_CHROMIUM_PATH=/nowhere/chromium")
    assert result.returncode == EXIT_BAD_ARGUMENTS
    assert result.log.splitlines()[-1].startswith("newscrawl: render_js needs Chromium, but '/nowhere/chromium'")
    assert "apt-get install chromium" in result.log
    assert "Traceback" not in result.log
    assert site.requests == []


# --------------------------------------------------------------------------------------------------------------
# In the browser itself


async def _deleted_article_pages(url: str) -> tuple[str, str, str]:
    """(URL the page ends on without stay_on_page, URL with it, HTML with it), as scrapy-playwright reads them."""
    launch_options = playwright_settings(project_settings_with())["PLAYWRIGHT_LAUNCH_OPTIONS"]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options)
        try:
            plain = await browser.new_page()
            await plain.goto(url)
            await plain.wait_for_url("about:blank")
            kept = await browser.new_page()
            await stay_on_page(kept, None)
            await kept.goto(url)
            return plain.url, kept.url, await kept.content()
        finally:
            await browser.close()


def test_a_rendered_deleted_article_stays_on_its_page_instead_of_going_back(site):
    url = f"{site.base_url}/news/view.php?idx={sample_site.DELETED_IDX[0]}"

    without, with_stay, html = asyncio.run(_deleted_article_pages(url))

    assert without == "about:blank"  # the notice's history.back() leaves the page
    assert with_stay == url
    with pytest.raises(NotAnArticle, match="deleted_notice"):
        DADA.article_page(html_response(with_stay, html))
