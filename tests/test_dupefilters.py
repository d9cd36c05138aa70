import logging
import os
import tracemalloc

from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.request import RequestFingerprinter
from scrapy.utils.test import get_crawler

from newscrawl.dupefilters import CompactDupeFilter, FingerprintSet


def test_a_fingerprint_set_holds_what_was_added_through_every_growth():
    digests = [os.urandom(20) for _ in range(5000)]
    seen = FingerprintSet()
    seen.update(digests + digests[:100])
    assert len(seen) == 5000
    assert all(digest in seen for digest in digests)
    assert not any(os.urandom(20) in seen for _ in range(5000))


def test_a_digest_of_zero_bytes_is_held_too():
    seen = FingerprintSet()
    assert bytes(20) not in seen
    seen.add(bytes(20))
    assert bytes(20) in seen and len(seen) == 1


def test_a_fingerprint_takes_at_most_32_bytes():
    digests = [os.urandom(20) for _ in range(20_000)]
    tracemalloc.start()
    try:
        seen = FingerprintSet()
        seen.update(digests)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held <= 32 * len(digests)


def requests(*idx: int) -> list[Request]:
    return [Request(f"http://127.0.0.1/news/view.php?idx={number}") for number in idx]


def test_the_compact_filter_lets_each_request_through_once():
    dupefilter = CompactDupeFilter()
    assert [dupefilter.request_seen(request) for request in requests(1, 2, 1, 3, 2)] == [False, False, True, False, True]


def test_a_resumed_job_remembers_the_requests_of_the_paused_one(tmp_path):
    paused = CompactDupeFilter(str(tmp_path))
    assert not any(paused.request_seen(request) for request in requests(1, 2, 3))
    paused.close("shutdown")

    resumed = CompactDupeFilter(str(tmp_path))
    assert [resumed.request_seen(request) for request in requests(1, 2, 3, 4)] == [True, True, True, False]
    resumed.close("finished")


def test_a_job_paused_with_either_filter_resumes_with_the_other(tmp_path):
    for paused_with, resumed_with, job in [(RFPDupeFilter, CompactDupeFilter, "a"), (CompactDupeFilter, RFPDupeFilter, "b")]:
        jobdir = tmp_path / job
        jobdir.mkdir()
        paused = paused_with(str(jobdir))
        assert not any(paused.request_seen(request) for request in requests(1, 2))
        paused.close("shutdown")
        resumed = resumed_with(str(jobdir))
        assert [resumed.request_seen(request) for request in requests(1, 2, 3)] == [True, True, False]
        resumed.close("finished")


def test_a_job_killed_before_its_filter_closed_resumes_with_every_request_it_saw(tmp_path):
    killed = CompactDupeFilter(str(tmp_path))
    assert not any(killed.request_seen(request) for request in requests(1, 2))

    resumed = CompactDupeFilter(str(tmp_path))
    assert [resumed.request_seen(request) for request in requests(1, 2, 3)] == [True, True, False]
    killed.close("shutdown")
    resumed.close("finished")


def test_a_fingerprint_cut_short_at_the_end_of_requests_seen_is_left_out(tmp_path):
    paused = RFPDupeFilter(str(tmp_path))
    assert not any(paused.request_seen(request) for request in requests(1, 2))
    paused.close("shutdown")
    seen = tmp_path / "requests.seen"
    seen.write_bytes(seen.read_bytes()[:-3])

    resumed = CompactDupeFilter(str(tmp_path))
    assert [resumed.request_seen(request) for request in requests(1, 2)] == [True, False]
    resumed.close("finished")


def test_the_compact_filter_holds_a_request_in_at_most_32_bytes():
    article_requests = requests(*range(10_000))
    # Scrapy's fingerprinter caches the fingerprint of each live request: that is done before the measuring.
    fingerprinter = RequestFingerprinter()
    for request in article_requests:
        fingerprinter.fingerprint(request)
    tracemalloc.start()
    try:
        dupefilter = CompactDupeFilter(fingerprinter=fingerprinter)
        for request in article_requests:
            dupefilter.request_seen(request)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held <= 32 * len(article_requests)


def test_duplicates_are_logged_and_counted_as_scrapys_filter_does(caplog):
    for debug, logged in [(False, 1), (True, 2)]:
        crawler = get_crawler(Spider, {"DUPEFILTER_DEBUG": debug})
        spider = Spider.from_crawler(crawler, name="news")
        dupefilter = CompactDupeFilter.from_crawler(crawler)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="scrapy.dupefilters"):
            for request in requests(1, 1, 1):
                if dupefilter.request_seen(request):
                    dupefilter.log(request, spider)
        messages = [record.getMessage() for record in caplog.records]
        assert len(messages) == logged and all(message.startswith("Filtered duplicate request") for message in messages)
        assert crawler.stats.get_value("dupefilter/filtered") == 2
