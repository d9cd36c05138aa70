"""The run record and exit code of a run, from the stats Scrapy and newscrawl keep."""

import pytest

from newscrawl.runs import (EXIT_INTERRUPTED, EXIT_MARKUP_DRIFT, EXIT_NOTHING_FOUND, EXIT_OK, EXIT_SITE_UNREACHABLE, EXIT_STORE_DAMAGED,
                            EXIT_STORE_FAILED, EXIT_TOO_MANY_ERRORS, SITES_STAT, exit_reason, judge_run, run_record,
                            site_stat, summary_line, with_drifts)

SITE = "workheadline.co.kr"


def one_site(**own) -> dict:
    """The stats of a run of one site: the site's own counters (newscrawl.runs.site_stat) and the run's."""
    stats = {SITES_STAT: [SITE]}
    for name, value in own.items():
        stats[site_stat(SITE, name.replace("__", "/").replace("_HTTP_", "HTTP "))] = value
    return stats


ROBOTS_OK = {"robotstxt/response_status_count/200": 1, "downloader/response_status_count/200": 1}
READ_THE_SITE = {**one_site(pages_ok=11, links_found=40), "downloader/response_status_count/200": 12,
                 "robotstxt/response_status_count/200": 1}
DNS_FAILED = {**one_site(failures__DNSLookupError=4),
              "downloader/exception_type_count/twisted.internet.error.DNSLookupError": 4}


@pytest.mark.parametrize(
    ("stats", "finish_reason", "code", "reason"),
    [
        (READ_THE_SITE, "finished", EXIT_OK, "ok"),
        (DNS_FAILED, "finished", EXIT_SITE_UNREACHABLE, "no page of the site could be fetched (DNSLookupError x4)"),
        ({**one_site(failures__DownloadTimeoutError=2), **ROBOTS_OK}, "finished",
         EXIT_SITE_UNREACHABLE, "no page of the site could be fetched (DownloadTimeoutError x2)"),
        # robots.txt answered, but every page of the site was an error
        ({**ROBOTS_OK, **one_site(**{"failures__HTTP 404": 1}), "downloader/response_status_count/404": 1}, "finished",
         EXIT_SITE_UNREACHABLE, "no page of the site could be fetched (HTTP 404 x1)"),
        ({**READ_THE_SITE, **one_site(pages_ok=11, links_found=0, empty_sections=["mzzzzzz", "m71w8xw"])},
         "finished", EXIT_NOTHING_FOUND, "no article link on the pages fetched: the site's markup probably changed "
                                         "(section mzzzzzz lists nothing, section m71w8xw lists nothing)"),
        ({**READ_THE_SITE, "log_count/ERROR": 6}, "finished", EXIT_TOO_MANY_ERRORS, "more errors than NEWSCRAWL_MAX_ERRORS"),
        ({**READ_THE_SITE, "log_count/ERROR": 5}, "finished", EXIT_OK, "ok"),
        # an interruption outranks what the run had not got to yet
        (DNS_FAILED, "shutdown", EXIT_INTERRUPTED, "interrupted before the end"),
        ({**READ_THE_SITE, "newscrawl/store_failed": "OSError: [Errno 28] No space left on device"}, "shutdown",
         EXIT_STORE_FAILED, "the store could not be written (OSError: [Errno 28] No space left on device)"),
        ({**READ_THE_SITE, "newscrawl/store_failed": "OSError: x", "newscrawl/store_damaged": "DatabaseError: malformed"},
         "store_failed", EXIT_STORE_DAMAGED, "the store is damaged or from a newer newscrawl (DatabaseError: malformed)"),
    ],
)
def test_the_exit_code_and_its_reason_from_the_stats(stats, finish_reason, code, reason):
    record = judge_run(run_record(stats, finish_reason), max_errors=5)
    assert (record["exit_code"], exit_reason(record)) == (code, reason)
    assert record["exit_site"] == (SITE if code in (EXIT_SITE_UNREACHABLE, EXIT_NOTHING_FOUND) else None)


def test_the_robots_txt_answer_is_no_page_of_the_site():
    # robots.txt missing (404) is not a failure of the site's pages, and its 200 is not a page read
    record = run_record({"downloader/response_status_count/404": 1, "robotstxt/response_status_count/404": 1,
                         "downloader/response_status_count/200": 4, "robotstxt/response_status_count/200": 1}, "finished")
    assert (record["site_pages_ok"], record["site_failures"]) == (3, {})


def _sites(**sites) -> dict:
    """The stats of a run of several sites: name -> that site's own counters."""
    stats = {SITES_STAT: [name.replace("_", ".") for name in sites]}
    for name, own in sites.items():
        stats.update({site_stat(name.replace("_", "."), key): value for key, value in own.items()})
    return stats


READ = {"pages_ok": 9, "links_found": 30, "articles/new": 7}
# What FieldAuditExtension counts for nine articles: one title from og:title, one article without a byline that
# matched no layout.
NINE_ARTICLES = {
    "fields/articles": 9, "fields/present/url": 9, "fields/present/title": 9, "fields/present/authors": 8,
    "fields/sources/title/layout:newer-skin": 6, "fields/sources/title/layout:older-skin": 2,
    "fields/sources/title/meta:og:title": 1,
    "fields/sources/authors/layout:newer-skin": 6, "fields/sources/authors/layout:older-skin": 2,
    "fields/sources/authors/none": 1,
    "fields/layouts/newer-skin": 6, "fields/layouts/older-skin": 2, "fields/layouts/none": 1,
}


@pytest.mark.parametrize(
    ("stats", "code", "site", "reason"),
    [
        (_sites(a_kr=READ, b_kr=READ), EXIT_OK, None, "ok"),
        # one site unreachable, one whose pages link no article: the unreachable one is the worse
        (_sites(a_kr={"pages_ok": 3, "empty_sections": ["m71w8xw"]}, b_kr={"failures/HTTP 403": 5}, c_kr=READ),
         EXIT_SITE_UNREACHABLE, "b.kr", "no page of the site could be fetched (b.kr: HTTP 403 x5)"),
        (_sites(a_kr=READ, b_kr={"pages_ok": 3, "empty_sections": ["m71w8xw"]}),
         EXIT_NOTHING_FOUND, "b.kr", "no article link on the pages fetched: the site's markup probably changed "
                                     "(b.kr: section m71w8xw lists nothing)"),
        # a run-wide failure outranks any site's
        ({**_sites(a_kr=READ, b_kr={"failures/DNSLookupError": 2}), "newscrawl/store_failed": "OSError: x"},
         EXIT_STORE_FAILED, None, "the store could not be written (OSError: x)"),
    ],
)
def test_the_worst_site_gives_the_exit_code_and_is_named(stats, code, site, reason):
    record = judge_run(run_record(stats, "finished"), max_errors=5)
    assert (record["exit_code"], record["exit_site"], exit_reason(record)) == (code, site, reason)


def test_the_record_and_summary_break_a_run_down_per_site():
    stats = {**_sites(a_kr={**READ, **NINE_ARTICLES, "articles/updated": 2, "list_pages": 4},
                      b_kr={"failures/DNSLookupError": 3}),
             "newscrawl/failed_articles": [{"url": "http://a.kr/news/view.php?idx=1", "site": "a.kr", "status": 503,
                                            "error": "HTTP 503"}]}
    record = judge_run(run_record(stats, "finished"), max_errors=5)
    a_kr = dict(record["sites"]["a.kr"])
    fields = a_kr.pop("fields")
    assert a_kr == {
        "pages_ok": 9, "failures": {}, "list_pages": 4, "empty_sections": [], "links_found": 30,
        "new": 7, "updated": 2, "unchanged": 0, "failed_articles": 1, "exit_code": EXIT_OK,
        "articles": 9, "layouts": {"newer-skin": 6, "older-skin": 2, "none": 1},
    }
    assert fields["title"] == {"present": 9, "coverage": 1.0,
                               "sources": {"layout:newer-skin": 6, "layout:older-skin": 2, "meta:og:title": 1, "none": 0}}
    assert fields["authors"] == {"present": 8, "coverage": 0.889,
                                 "sources": {"layout:newer-skin": 6, "layout:older-skin": 2, "none": 1}}
    # a schema field whose source is not traced has its coverage only
    assert fields["url"] == {"present": 9, "coverage": 1.0}
    assert record["sites"]["b.kr"]["failures"] == {"DNSLookupError": 3}
    assert (record["sites"]["b.kr"]["articles"], record["sites"]["b.kr"]["fields"]["title"]["coverage"]) == (0, None)
    lines = summary_line(record).splitlines()
    assert lines[1:] == [
        "  a.kr: 9 pages read, 7 new, 2 updated, 0 unchanged, 1 failed; exit code 0: ok",
        "  a.kr fields of 9 articles: title 100% (newer-skin 6, older-skin 2, og:title 1), authors 89% (newer-skin 6, "
        "older-skin 2); layouts newer-skin 6, older-skin 2, none 1",
        "  b.kr: 0 pages read, 0 new, 0 updated, 0 unchanged, 0 failed; exit code 7: no page of the site could be fetched",
    ]
    assert lines[0].endswith("exit code 7: no page of the site could be fetched (b.kr: DNSLookupError x3)")


def test_a_run_of_one_site_has_a_one_line_summary():
    record = judge_run(run_record(READ_THE_SITE, "finished"), max_errors=5)
    assert "\n" not in summary_line(record)


TITLE_DRIFT = {"site": "a.kr", "field": "title", "kind": "provenance", "before": 1.0, "after": 0.667, "articles": 9,
               "examples": ["http://a.kr/news/view.php?idx=3"]}


@pytest.mark.parametrize(
    ("sites", "extra", "code", "site"),
    [
        (dict(a_kr=READ, b_kr=READ), {}, EXIT_MARKUP_DRIFT, "a.kr"),
        # a drift outranks too many errors: it names the site to look at
        (dict(a_kr=READ, b_kr=READ), {"log_count/ERROR": 6}, EXIT_MARKUP_DRIFT, "a.kr"),
        # an unreachable site, or one whose pages link nothing, outranks a drift
        (dict(a_kr=READ, b_kr={"failures/HTTP 403": 5}), {}, EXIT_SITE_UNREACHABLE, "b.kr"),
        (dict(a_kr={"pages_ok": 3, "empty_sections": ["m71w8xw"]}, b_kr=READ), {}, EXIT_NOTHING_FOUND, "a.kr"),
    ],
)
def test_a_drift_gives_its_site_and_the_run_exit_code_10_unless_something_worse_happened(sites, extra, code, site):
    record = judge_run(with_drifts(run_record({**_sites(**sites), **extra}, "finished"), [TITLE_DRIFT]), max_errors=5)
    assert (record["exit_code"], record["exit_site"], record["drifts"]) == (code, site, [TITLE_DRIFT])
    assert record["sites"]["b.kr"]["exit_code"] != EXIT_MARKUP_DRIFT


def test_the_summary_counts_the_drifts_and_names_the_first():
    record = judge_run(with_drifts(run_record(_sites(a_kr=READ), "finished"), [TITLE_DRIFT]), max_errors=5)
    assert summary_line(record) == (
        "newscrawl run finished: 0 pages, 7 new, 0 updated, 0 unchanged, 0 dropped, 0 errors, 1 drifts; exit code 10: "
        "a site's markup drifted: fields missing or read by fallbacks more than in its recent runs (a.kr: title read "
        "from the site's markup on 67% of 9 articles, 100% before (e.g. http://a.kr/news/view.php?idx=3))"
    )


def test_the_summary_names_the_first_drift_in_full_and_the_others_by_field():
    layout_drift = {**TITLE_DRIFT, "field": "layout", "kind": "layout"}
    record = judge_run(with_drifts(run_record(_sites(a_kr=READ), "finished"), [TITLE_DRIFT, layout_drift]), max_errors=5)
    assert summary_line(record).endswith("(e.g. http://a.kr/news/view.php?idx=3); 1 more: layouts)")
