"""`scrapy report`: the HTML page about a store of the sample family, filled by two real crawls (tests/report_family.py),
its figures checked against the sample sites' ground truth, and the page opened in the system Chromium (headless, as
the rendering tests launch it) to see that its charts are drawn and that it asks for nothing but itself."""

import asyncio
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest
from parsel import Selector
from playwright.async_api import async_playwright
from scrapy.settings import Settings

from newscrawl import settings as project_settings
from newscrawl.demo import scrapy_environment
from newscrawl.exports import Selection
from newscrawl.rendering import playwright_settings
from newscrawl.report import RevisionRow, gather, kst_day, render_html, revision_times, time_bins
from newscrawl.runs import EXIT_BAD_ARGUMENTS, EXIT_OK, EXIT_STORE_DAMAGED
from newscrawl.sample_site import SITE_A, SITE_B
from tests.crawling import damage_table
from tests.report_family import FAILED_IDX, crawl_family_twice

SITE_A_HOST, SITE_B_HOST = SITE_A.host, SITE_B.host
CHART_IDS = ("articles-per-day", "top-reporters", "coverage-0", "coverage-1", "revisions-deletions")


def ground_truth() -> list[dict]:
    """Every article of both sites, as the crawl stores it (its `site` is the host)."""
    return [{**item, "site": profile.host} for profile in (SITE_A, SITE_B)
            for item in profile.expected_items(f"http://{profile.host}")]


def scrapy_report(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "report", *args], env=scrapy_environment(),
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def table(page: Selector, table_id: str) -> list[list[str]]:
    return [[" ".join(cell.xpath(".//text()").getall()) for cell in row.xpath("./td")]
            for row in page.css(f"table#{table_id} tbody tr")]


@pytest.fixture(scope="module")
def family_store(tmp_path_factory):
    store = crawl_family_twice(tmp_path_factory.mktemp("family"))
    assert (store.first.returncode, store.second.returncode) == (EXIT_OK, EXIT_OK), store.second.log[-3000:]
    return store


@pytest.fixture(scope="module")
def report_file(family_store, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("report") / "report.html"
    result = scrapy_report("-o", str(output), "--store", f"sqlite:{family_store.path}")
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stderr.splitlines()[-1] == f"newscrawl report: 134 articles of 2 sites, 2 runs, written to {output}"
    return output


@pytest.fixture(scope="module")
def page(report_file) -> Selector:
    return Selector(text=report_file.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------------------------
# What the page says


def test_the_page_counts_each_sites_articles_by_section_revisions_and_deletions(page):
    truth = ground_truth()
    by_site = Counter(article["site"] for article in truth)
    sections = Counter((article["site"], article["section"]) for article in truth)
    rows = {row[0]: row for row in table(page, "articles-per-site")}
    assert set(rows) == {SITE_A_HOST, SITE_B_HOST}
    for site, row in rows.items():
        _, articles, by_section, first, last, revisions, deleted = row
        assert int(articles) == by_site[site] and int(articles) in (84, 50)
        assert by_section == ", ".join(f"{section} {count}" for (each, section), count in sorted(sections.items())
                                       if each == site)
        days = sorted(article["published_at"][:10] for article in truth if article["site"] == site)
        assert (first, last) == (days[0], days[-1])
    # site A: one article edited and one deleted before the second run; site B: one deleted
    assert [(rows[site][5], rows[site][6]) for site in (SITE_A_HOST, SITE_B_HOST)] == [("1", "1"), ("0", "1")]
    summary = dict(zip(page.css("#summary b::text").getall(), page.css("#summary div::text").getall()))
    assert {label: value for value, label in summary.items()}["articles"] == "134"


def test_the_top_reporter_is_the_one_the_sites_bylines_name_most(page):
    truth = Counter((author["name"], article["site"]) for article in ground_truth() for author in article["authors"])
    ranked = sorted(truth.items(), key=lambda item: (-item[1], item[0]))
    (name, site), count = ranked[0]
    assert (name, site, count) == ("이서연", SITE_A_HOST, 16)
    rows = table(page, "reporters")
    assert rows[0] == [name, site, str(count)]
    assert [[row[0], row[1], int(row[2])] for row in rows] == [[n, s, c] for (n, s), c in ranked[:len(rows)]]
    assert page.css("#top-reporters rect.bar::attr(data-count)").getall()[0] == "16"


def test_runs_revisions_deletions_and_failed_articles_come_from_the_store(page):
    runs = table(page, "runs")
    assert [(row[0], row[2], row[4], row[5], row[6], row[7]) for row in runs] == [
        ("1", "finished", "134", "0", "0", "0"),
        # the full second walk: 828 updated, 834 and 30521 deleted, 818 failed: 130 unchanged
        ("2", "finished", "0", "1", "130", "1"),
    ]
    (failure,) = table(page, "failed")
    assert (failure[0], failure[1], failure[3], failure[4]) == ("2", SITE_A_HOST, "500", "HttpError")
    assert failure[2].endswith(f"/news/view.php?idx={FAILED_IDX}")
    # one revision (828), two stored articles deleted (834, 30521), and the two ids each site links to but deleted
    # before the first run (never stored)
    assert "In all: 1 revised, 2 deleted, 2 never stored." in " ".join(page.css("#changes p::text").getall())


def test_the_articles_chart_has_a_bar_piece_per_day_site_and_section(page):
    truth = Counter((article["published_at"][:10], article["site"], article["section"]) for article in ground_truth())
    pieces = page.css("#articles-per-day rect.bar")
    assert len(pieces) == len(truth)
    assert sum(int(count) for count in pieces.css("::attr(data-count)").getall()) == 134
    by_day = Counter()
    for piece in pieces:
        by_day[piece.attrib["data-bin"]] += int(piece.attrib["data-count"])
    assert by_day == Counter(article["published_at"][:10] for article in ground_truth())


def test_the_coverage_heatmap_has_a_column_per_run_and_a_row_per_field(page):
    cells = page.css("#coverage-0 rect.cell")
    # 2 runs of site A x (20 schema fields + the layout share)
    assert len(cells) == 2 * 21
    shares = [float(cell.attrib["data-share"]) for cell in cells]
    assert min(shares) == 0.0 and max(shares) == 1.0  # tags: none; title: all


def test_the_page_refers_to_nothing_outside_itself(report_file):
    text = report_file.read_text(encoding="utf-8")
    page = Selector(text=text)
    assert page.css("script, link, img, iframe, object, embed") == []
    assert page.xpath("//@src | //@href") == []
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in page.css("meta[http-equiv=Content-Security-Policy]::attr(content)").get()


# --------------------------------------------------------------------------------------------------------------
# The page in a real browser


def project_settings_with(**overrides) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.update(overrides)
    return settings


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes, channels) of an 8-bit, non-interlaced PNG, which Chromium's screenshots are."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, color_type, _, _, interlace = header
    assert (depth, interlace) == (8, 0) and color_type in (2, 6)
    channels = 3 if color_type == 2 else 4
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * channels, [], bytes(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                              (abs(estimate - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows, channels


def non_white_share(rows: list[bytes], channels: int, box: dict) -> float:
    """The share of the pixels inside `box` (CSS pixels = screenshot pixels at scale 1) that are not near white."""
    x0, y0 = int(box["x"]), int(box["y"])
    x1, y1 = int(box["x"] + box["width"]), int(box["y"] + box["height"])
    coloured = total = 0
    for y in range(y0, y1):
        row = rows[y]
        for x in range(x0, x1):
            r, g, b = row[x * channels:x * channels + 3]
            total += 1
            coloured += min(r, g, b) < 230
    return coloured / total


async def _open_in_chromium(path: Path, screenshot: Path) -> dict:
    launch_options = playwright_settings(project_settings_with())["PLAYWRIGHT_LAUNCH_OPTIONS"]
    requested, console = [], []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options)
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
            page.on("request", lambda request: requested.append(request.url))
            page.on("console", lambda message: console.append((message.type, message.text)))
            await page.goto(path.as_uri(), wait_until="load")
            boxes = {chart: await page.locator(f"#{chart}").bounding_box() for chart in CHART_IDS}
            bars = await page.eval_on_selector_all(
                "svg.chart rect.bar", "els => els.map(e => { const b = e.getBoundingClientRect(); "
                "return [e.closest('svg').id, b.x, b.y, b.width, b.height, e.getAttribute('fill')]; })")
            scroll = await page.evaluate("() => [window.scrollX, window.scrollY]")
            await page.screenshot(path=str(screenshot), full_page=True)
        finally:
            await browser.close()
    return {"requested": requested, "console": console, "boxes": boxes, "bars": bars, "scroll": scroll}


@pytest.fixture(scope="module")
def rendered(report_file, tmp_path_factory):
    screenshot = tmp_path_factory.mktemp("screenshot") / "report.png"
    opened = asyncio.run(_open_in_chromium(report_file, screenshot))
    return opened, screenshot


def test_the_page_asks_for_nothing_but_itself_and_breaks_no_rule_of_its_own(rendered, report_file):
    opened, _ = rendered
    assert opened["requested"] == [report_file.as_uri()]
    assert all(url.startswith("file://") for url in opened["requested"])
    # a script, font or stylesheet from elsewhere would be refused by the page's CSP, and Chromium would say so
    assert [text for kind, text in opened["console"] if kind in ("error", "warning")] == []


def test_every_chart_is_drawn_with_visible_bars(rendered):
    opened, _ = rendered
    for chart, box in opened["boxes"].items():
        assert box is not None and box["width"] > 100 and box["height"] > 50, chart
    bars = Counter(chart for chart, _, _, width, height, _ in opened["bars"] if width > 0 and height > 0)
    assert bars["articles-per-day"] == len({(a["published_at"][:10], a["site"], a["section"]) for a in ground_truth()})
    assert bars["top-reporters"] == 15
    assert bars["revisions-deletions"] == 3  # one day: revised, deleted, never stored stacked
    assert len(opened["bars"]) == sum(bars.values())  # none drawn empty


def test_the_screenshot_shows_the_charts_not_a_blank_page(rendered):
    opened, screenshot = rendered
    assert opened["scroll"] == [0, 0]
    width, height, rows, channels = png_pixels(screenshot.read_bytes())
    assert width == 1100 and height > 2000
    shares = {chart: non_white_share(rows, channels, box) for chart, box in opened["boxes"].items()}
    # bars and heatmap cells cover a part of each chart's box; a chart that drew nothing would be all white
    assert all(share > 0.02 for share in shares.values()), shares
    assert shares["coverage-0"] > 0.3 and shares["coverage-1"] > 0.3  # the heatmaps are mostly filled cells
    # each bar is painted in its own colour where the page says it is
    for chart, x, y, bar_width, bar_height, fill in opened["bars"]:
        centre_x, centre_y = int(x + bar_width / 2), int(y + bar_height / 2)
        painted = rows[centre_y][centre_x * channels:centre_x * channels + 3]
        expected = bytes.fromhex(fill.removeprefix("#"))
        assert max(abs(a - b) for a, b in zip(painted, expected)) <= 12, (chart, x, y, fill, painted.hex())
    # and outside the charts the page is mostly white (text on white), not painted over
    assert non_white_share(rows, channels, {"x": 0, "y": height - 40, "width": width, "height": 40}) < 0.2


# --------------------------------------------------------------------------------------------------------------
# Options and stores


def test_site_and_period_options_narrow_the_report(family_store, tmp_path):
    output = tmp_path / "b.html"
    result = scrapy_report("-o", str(output), "--store", f"sqlite:{family_store.path}", "--site", SITE_B_HOST)
    assert result.returncode == EXIT_OK, result.stderr
    page = Selector(text=output.read_text(encoding="utf-8"))
    assert [row[:2] for row in table(page, "articles-per-site")] == [[SITE_B_HOST, "50"]]
    assert {row[1] for row in table(page, "reporters")} == {SITE_B_HOST}
    assert table(page, "failed") == []  # the failed article was site A's

    output = tmp_path / "may.html"
    result = scrapy_report("-o", str(output), "--store", f"sqlite:{family_store.path}", "--since", "2025-05-01",
                           "--until", "2025-05-31")
    assert result.returncode == EXIT_OK, result.stderr
    in_may = Counter(article["site"] for article in ground_truth() if article["published_at"].startswith("2025-05"))
    page = Selector(text=output.read_text(encoding="utf-8"))
    assert {row[0]: int(row[1]) for row in table(page, "articles-per-site")} == dict(in_may)
    # the runs, revisions and deletions happened today, not in May 2025
    assert table(page, "runs") == [] and "No article was revised or deleted" in output.read_text(encoding="utf-8")


def test_bad_options_and_unreadable_stores_are_one_clear_line_and_no_file(family_store, tmp_path):
    output = tmp_path / "report.html"
    missing = scrapy_report("-o", str(output), "--store", f"sqlite:{tmp_path / 'nowhere.sqlite'}")
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines()[-1] == f"newscrawl report: there is no store at {tmp_path / 'nowhere.sqlite'}"

    bad_date = scrapy_report("-o", str(output), "--store", f"sqlite:{family_store.path}", "--since", "2025-3-1")
    assert bad_date.returncode == EXIT_BAD_ARGUMENTS
    assert bad_date.stderr.splitlines()[-1].endswith("argument --since: expected a date as YYYY-MM-DD, got '2025-3-1'")

    bad_spec = scrapy_report("-o", str(output), "--store", "mysql:here.db")
    assert bad_spec.returncode == EXIT_BAD_ARGUMENTS
    assert "NEWSCRAWL_STORE must be one of sqlite:PATH, jsonl:PATH" in bad_spec.stderr

    damaged = tmp_path / "damaged.sqlite"
    shutil.copyfile(family_store.path, damaged)
    damage_table(damaged, "articles")
    broken = scrapy_report("-o", str(output), "--store", f"sqlite:{damaged}")
    assert broken.returncode == EXIT_STORE_DAMAGED, broken.stderr
    (line,) = broken.stderr.strip().splitlines()
    assert line.startswith(f"newscrawl report: {damaged} is damaged (") and line.endswith("; nothing was written")
    assert not output.exists() and not list(tmp_path.glob("*.partial"))


def test_a_postgresql_store_gives_the_same_report(postgres_url, page, tmp_path):
    # the second run is the next round at once: a site a worker finished is otherwise fresh for 5 minutes
    store = crawl_family_twice(tmp_path / "crawl", "-s", "NEWSCRAWL_SITE_FRESH_SECONDS=0", store_spec=postgres_url)
    assert (store.first.returncode, store.second.returncode) == (EXIT_OK, EXIT_OK), store.second.log[-3000:]
    output = tmp_path / "report.html"
    result = scrapy_report("-o", str(output), "--store", postgres_url)
    assert result.returncode == EXIT_OK, result.stderr
    from_server = Selector(text=output.read_text(encoding="utf-8"))
    for table_id in ("articles-per-site", "reporters"):
        assert table(from_server, table_id) == table(page, table_id)
    assert [row[2:] for row in table(from_server, "runs")] == [row[2:] for row in table(page, "runs")]
    assert len(table(from_server, "failed")) == 1
    assert "In all: 1 revised, 2 deleted, 2 never stored." in output.read_text(encoding="utf-8")


def test_a_jsonl_store_gives_the_same_report(page, tmp_path):
    jsonl = tmp_path / "crawl" / "store.jsonl"
    store = crawl_family_twice(tmp_path / "crawl", store_spec=f"jsonl:{jsonl}")
    assert (store.first.returncode, store.second.returncode) == (EXIT_OK, EXIT_OK), store.second.log[-3000:]
    output = tmp_path / "report.html"
    result = scrapy_report("-o", str(output), "--store", f"jsonl:{jsonl}")
    assert result.returncode == EXIT_OK, result.stderr
    from_file = Selector(text=output.read_text(encoding="utf-8"))
    for table_id in ("articles-per-site", "reporters"):
        assert table(from_file, table_id) == table(page, table_id)
    assert "In all: 1 revised, 2 deleted, 2 never stored." in output.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------------------
# The gathering, on rows made up here


def test_a_revision_happened_when_its_successor_was_crawled():
    rows = [RevisionRow("s", "1", "2026-01-01T00:00:00+00:00", "2026-01-03T16:00:00+00:00"),
            RevisionRow("s", "2", "2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00"),
            RevisionRow("s", "1", "2026-01-02T00:00:00+00:00", "2026-01-03T16:00:00+00:00")]
    assert sorted(revision_times(rows)) == [("s", "1", "2026-01-02T00:00:00+00:00"), ("s", "1", "2026-01-03T16:00:00+00:00"),
                                            ("s", "2", "2026-01-02T00:00:00+00:00")]
    # 16:00 UTC is already the next day in Korea
    assert kst_day("2026-01-03T16:00:00+00:00") == "2026-01-04"


def test_long_periods_are_drawn_by_week_then_by_month():
    assert time_bins("2025-01-01", "2025-01-03")[:2] == ("day", ["2025-01-01", "2025-01-02", "2025-01-03"])
    unit, bins, bin_of = time_bins("2025-01-01", "2025-12-31")
    assert (unit, bins[0], bin_of("2025-01-08")) == ("week", "2024-12-30", "2025-01-06")
    unit, bins, bin_of = time_bins("2015-01-01", "2025-12-31")
    assert (unit, len(bins), bin_of("2020-02-29")) == ("month", 132, "2020-02")


def test_a_drift_is_outlined_in_its_runs_column_and_a_killed_run_is_listed():
    def entry(title_present: int) -> dict:
        return {"articles": 10, "fields": {"title": {"present": title_present, "coverage": title_present / 10}},
                "layouts": {"none": 0}}

    drift = {"site": "s.kr", "field": "title", "kind": "coverage", "before": 1.0, "after": 0.5, "articles": 10,
             "examples": []}
    runs = [
        {"started_at": "2026-01-01T00:00:00+00:00", "finish_reason": "finished", "exit_code": 0, "new": 10,
         "sites": {"s.kr": entry(10)}, "drifts": []},
        {"started_at": "2026-01-02T00:00:00+00:00", "finished_at": None, "finish_reason": "killed", "pid": 1,
         "found_killed_at": "2026-01-03T00:00:00+00:00", "exit_code": None},
        {"started_at": "2026-01-03T00:00:00+00:00", "finish_reason": "finished", "exit_code": 10, "unchanged": 10,
         "sites": {"s.kr": entry(5)}, "drifts": [drift]},
    ]
    page = Selector(text=render_html(gather([], runs, [], [], Selection(), "sqlite:x", "2026-01-04T00:00:00+00:00")))
    (drifted,) = page.css("#coverage-0 rect.cell.drift")
    assert drifted.attrib["data-share"] == "0.5"
    assert drifted.css("title::text").get() == "run #3, title: 50%; drift: s.kr: title present on 50% of 10 articles, 100% before"
    assert len(page.css("#coverage-0 rect.cell")) == 2 * 21  # the killed run had no articles: no column
    assert [row[:4] for row in table(page, "runs")] == [["1", "2026-01-01T00:00:00+00:00", "finished", "0"],
                                                        ["2", "2026-01-02T00:00:00+00:00", "killed", "–"],
                                                        ["3", "2026-01-03T00:00:00+00:00", "finished", "10"]]
    assert page.css("ul.drifts li::text").getall() == ["s.kr: title present on 50% of 10 articles, 100% before"]
