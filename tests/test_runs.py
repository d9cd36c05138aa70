"""The run record and exit code of a run, from the stats Scrapy and newscrawl keep."""

import pytest

from newscrawl.runs import (EXIT_INTERRUPTED, EXIT_NOTHING_FOUND, EXIT_OK, EXIT_SITE_UNREACHABLE, EXIT_STORE_DAMAGED,
                            EXIT_STORE_FAILED, EXIT_TOO_MANY_ERRORS, exit_code, exit_reason, run_record)

ROBOTS_OK = {"robotstxt/response_status_count/200": 1, "downloader/response_status_count/200": 1}
READ_THE_SITE = {"downloader/response_status_count/200": 12, "robotstxt/response_status_count/200": 1,
                 "newscrawl/links_found": 40}
DNS_FAILED = {"downloader/exception_type_count/twisted.internet.error.DNSLookupError": 4}


@pytest.mark.parametrize(
    ("stats", "finish_reason", "code", "reason"),
    [
        (READ_THE_SITE, "finished", EXIT_OK, "ok"),
        (DNS_FAILED, "finished", EXIT_SITE_UNREACHABLE, "no page of the site could be fetched (DNSLookupError x4)"),
        ({"downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 2, **ROBOTS_OK}, "finished",
         EXIT_SITE_UNREACHABLE, "no page of the site could be fetched (DownloadTimeoutError x2)"),
        # robots.txt answered, but every page of the site was an error
        ({**ROBOTS_OK, "downloader/response_status_count/404": 1}, "finished", EXIT_SITE_UNREACHABLE,
         "no page of the site could be fetched (HTTP 404 x1)"),
        # robots.txt missing (404) is not a failure of the site's pages
        ({"downloader/response_status_count/404": 1, "robotstxt/response_status_count/404": 1,
          "downloader/response_status_count/200": 3, "newscrawl/links_found": 9}, "finished", EXIT_OK, "ok"),
        ({**READ_THE_SITE, "newscrawl/links_found": 0, "newscrawl/empty_sections": ["mzzzzzz", "m71w8xw"]}, "finished",
         EXIT_NOTHING_FOUND, "no article link on the pages fetched: the site's markup probably changed "
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
    record = run_record(stats, finish_reason)
    record["exit_code"] = exit_code(record, max_errors=5)
    assert (record["exit_code"], exit_reason(record)) == (code, reason)
