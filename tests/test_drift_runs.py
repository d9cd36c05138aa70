"""Markup drift through the real `scrapy crawl`: the sample site serves some articles in a template no layout knows
(its redesign switch, newscrawl.sample_site.faults.redesigned_every), and the run compares the site's field figures
with its own earlier runs in the store."""

import json
import re
import sqlite3

from newscrawl.runs import EXIT_MARKUP_DRIFT, EXIT_OK
from newscrawl.sample_site.faults import FaultInjector, redesigned_every
from tests.crawling import crawl, runs_of, stored_value

SITE = "127.0.0.1"
FULL = ("-a", "mode=full", "-s", "LOG_LEVEL=INFO")
# What every article of the sample site gives, layout by layout: 56 pages in the newer skin, 28 in the older.
SAMPLE_TITLE_SOURCES = {"layout:newer-skin": 56, "layout:older-skin": 28, "none": 0}
SAMPLE_LAYOUTS = {"newer-skin": 56, "older-skin": 28, "none": 0}
DRIFT_WARNING_RE = re.compile(r"WARNING: Markup drift on 127\.0\.0\.1: (?P<what>.+?) \(e\.g\. (?P<urls>[^)]+)\)$", re.M)


def redesign_every_third_article(site) -> set[str]:
    """Switches the site to the redesigned template for every third article; their article ids."""
    faults = redesigned_every(site.data, 3)
    site.app.add_hook(FaultInjector(faults))
    return {str(idx) for idx in faults}


def drifts_by_field(record: dict) -> dict[tuple[str, str], dict]:
    return {(drift["field"], drift["kind"]): drift for drift in record["drifts"]}


def test_a_run_records_each_sites_field_coverage_sources_and_layouts(site, tmp_path):
    result = crawl(site.base_url, tmp_path, "-s", "LOG_LEVEL=INFO")
    assert result.returncode == EXIT_OK
    (record,) = runs_of(result.store_path)
    figures = record["sites"][SITE]
    assert (figures["articles"], figures["layouts"]) == (84, SAMPLE_LAYOUTS)
    assert figures["fields"]["title"] == {"present": 84, "coverage": 1.0, "sources": SAMPLE_TITLE_SOURCES}
    # one article of the sample site has its byline only as a credit line at the end of the body
    assert figures["fields"]["authors"]["sources"] == {"layout:newer-skin": 56, "layout:older-skin": 27,
                                                       "heuristic:body-credit": 1, "none": 0}
    assert figures["fields"]["modified_at"] == {"present": 6, "coverage": 0.071,
                                                "sources": {"layout:newer-skin": 3, "layout:older-skin": 3, "none": 78}}
    assert (figures["fields"]["tags"], record["drifts"]) == ({"present": 0, "coverage": 0.0}, [])
    # the older skin prints no section: its articles take the one the link that reached them first carried, a list
    # page's or a previous/next link's, whichever the crawl's order fetched first, or the menu's name for the code
    # that link carried when it named none (so how many come from each depends on that order too)
    section = dict(figures["fields"]["section"]["sources"])
    assert (section.pop("layout:newer-skin"), section.pop("none")) == (56, 0)
    assert set(section) <= {"family:menu", "link:list-page", "link:adjacent-article"} and sum(section.values()) == 28
    assert ("  127.0.0.1 fields of 84 articles: section 100% (" in result.log)
    assert ("title 100% (newer-skin 56, older-skin 28), subtitles 29% (newer-skin 24), authors 100% (newer-skin 56, older-skin 27, "
            "body-credit 1), published_at 100% (newer-skin 56, older-skin 28), modified_at 7% (newer-skin 3, "
            "older-skin 3), body 100% (newer-skin 56, older-skin 28); layouts newer-skin 56, older-skin 28, none 0"
            ) in result.log


def test_an_unchanged_rerun_raises_no_alarm_and_a_redesign_does(site, tmp_path):
    assert crawl(site.base_url, tmp_path).returncode == EXIT_OK
    unchanged = crawl(site.base_url, tmp_path, *FULL)
    assert unchanged.returncode == EXIT_OK
    assert (runs_of(unchanged.store_path)[-1]["drifts"], "Markup drift" in unchanged.log) == ([], False)

    redesigned = redesign_every_third_article(site)
    result = crawl(site.base_url, tmp_path, *FULL)
    assert result.returncode == EXIT_MARKUP_DRIFT
    record = runs_of(result.store_path)[-1]
    assert (record["exit_code"], record["exit_site"], record["sites"][SITE]["exit_code"]) == (EXIT_MARKUP_DRIFT, SITE,
                                                                                              EXIT_MARKUP_DRIFT)
    drifts = drifts_by_field(record)
    # the redesigned pages are not read by any layout: their title comes from og:title, their time from the
    # article:published_time meta tag, their body from the heuristic, and they print no byline
    of_the_redesign = {("title", "provenance"), ("published_at", "provenance"), ("body", "provenance"),
                       ("authors", "coverage"), ("layout", "layout")}
    assert of_the_redesign <= set(drifts)
    # the redesigned pages link no previous or next article, so the 4 articles only those links reach are missed
    articles = record["sites"][SITE]["articles"]
    assert articles == 80
    redesigned_crawled = len(redesigned) - 2
    assert drifts["title", "provenance"]["before"] == 1.0
    assert drifts["title", "provenance"]["after"] == round((articles - redesigned_crawled) / articles, 3)
    assert record["sites"][SITE]["fields"]["title"]["sources"]["meta:og:title"] == redesigned_crawled
    for key in of_the_redesign:
        drift = drifts[key]
        assert len(drift["examples"]) == 3
        assert {url.rpartition("=")[2] for url in drift["examples"]} <= redesigned
    warnings = {match["what"]: match["urls"].split(", ") for match in DRIFT_WARNING_RE.finditer(result.log)}
    assert len(warnings) == len(record["drifts"])
    assert warnings[f"title read from the site's markup on 68% of {articles} articles, 100% before"] == \
        drifts["title", "provenance"]["examples"]
    assert f"0 errors, {len(record['drifts'])} drifts; exit code 10: a site's markup drifted" in result.log

    # the store says, per article, where each field came from
    example_id = drifts["published_at", "provenance"]["examples"][0].rpartition("=")[2]
    provenance = json.loads(stored_value(result.store_path, "provenance", SITE, example_id))
    assert (provenance["title"], provenance["published_at"], provenance["body"], provenance["authors"]) == (
        "meta:og:title", "meta:article:published_time", "heuristic:largest-text-block", "none")
    database = sqlite3.connect(result.store_path)
    try:
        heuristic_bodies = {row[0] for row in database.execute(
            "SELECT article_id FROM articles WHERE json_extract(provenance, '$.body') LIKE 'heuristic:%'")}
    finally:
        database.close()
    assert len(heuristic_bodies) == redesigned_crawled and heuristic_bodies <= redesigned


def test_the_thresholds_are_settings(site, tmp_path):
    assert crawl(site.base_url, tmp_path).returncode == EXIT_OK
    redesign_every_third_article(site)
    # the redesign moves a third of the fields, less than a drop of one half
    result = crawl(site.base_url, tmp_path, *FULL, "-s", "NEWSCRAWL_DRIFT_MIN_DROP=0.5")
    assert (result.returncode, runs_of(result.store_path)[-1]["drifts"]) == (EXIT_OK, [])


def test_a_first_run_is_held_to_the_fixed_minimums(site, tmp_path):
    redesign_every_third_article(site)
    result = crawl(site.base_url, tmp_path)
    assert result.returncode == EXIT_MARKUP_DRIFT
    (record,) = runs_of(result.store_path)
    assert [(drift["field"], drift["kind"], drift["before"], drift["after"]) for drift in record["drifts"]] == [
        ("title", "minimum", 1.0, 0.675), ("published_at", "minimum", 1.0, 0.675)]
    assert ("WARNING: Markup drift on 127.0.0.1: title read from the site's markup on 68% of 80 articles, at least "
            "100% expected on a first run (e.g. ") in result.log


def test_a_jsonl_store_keeps_the_history_the_drift_check_reads(site, tmp_path):
    assert crawl(site.base_url, tmp_path, store="jsonl").returncode == EXIT_OK
    assert crawl(site.base_url, tmp_path, *FULL, store="jsonl").returncode == EXIT_OK
    redesign_every_third_article(site)
    result = crawl(site.base_url, tmp_path, *FULL, store="jsonl")
    assert result.returncode == EXIT_MARKUP_DRIFT
    assert "Markup drift on 127.0.0.1: title read from the site's markup on 68% of 80 articles, 100% before" in result.log
