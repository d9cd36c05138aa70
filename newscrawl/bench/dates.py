"""Benchmark section: date normalisation, parses per second through each path."""

from datetime import datetime

from newscrawl.bench.common import Row, calls_per_second
from newscrawl.normalizers.dates import KST, parse_kst_datetime

CRAWL_TIME = datetime(2025, 3, 8, 21, 0, 30, tzinfo=KST)
# Forms the regex path handles, weighted towards what the CMS prints most.
FAST_PATH_DATES = (
    "등록 2025-03-08 20:54:06",
    "수정 2025-03-09 09:12:00",
    "기사등록 2025-03-08 20:54:06",
    "입력 : 2025.03.08 20:54",
    "2025-07-31",
    "2025.3.8(토) 20:54",
    "2025년 3월 8일 오후 8시 54분",
    "2025-03-08T20:54:06+09:00",
    "5분 전",
    "오후 8:54",
)
# Forms only the dateparser fallback reads.
DATEPARSER_PATH_DATES = (
    "2025년 3월 8일 토요일 오후 8시 54분",
    "Sat, 08 Mar 2025 11:54:06 GMT",
    "March 8, 2025",
    "2025-03-08 20:54:06 KST",
)


def bench_dates() -> list[Row]:
    def parse(text: str) -> object:
        return parse_kst_datetime(text, CRAWL_TIME)

    return [
        ("date normalisation: regex fast path", calls_per_second(parse, FAST_PATH_DATES), "parses/s"),
        (
            "date normalisation: dateparser path",
            calls_per_second(parse, DATEPARSER_PATH_DATES),
            "parses/s",
        ),
    ]
