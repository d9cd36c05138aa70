"""Micro-benchmarks: `python -m newscrawl.bench`.

Each section is a function returning rows (name, value, unit); add a section by appending it
to SECTIONS.
"""

import time
from collections.abc import Callable, Sequence
from datetime import datetime

from newscrawl.normalizers.dates import KST, parse_kst_datetime

Row = tuple[str, float, str]

# How long each measurement runs; long enough to smooth out timer noise and warm caches.
MEASURE_SECONDS = 1.5

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


def calls_per_second(function: Callable[[str], object], inputs: Sequence[str]) -> float:
    """Calls of `function` per second, cycling through `inputs` for MEASURE_SECONDS."""
    calls = 0
    started = time.perf_counter()
    deadline = started + MEASURE_SECONDS
    while time.perf_counter() < deadline:
        for text in inputs:
            function(text)
        calls += len(inputs)
    return calls / (time.perf_counter() - started)


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


SECTIONS: list[Callable[[], list[Row]]] = [bench_dates]


def main() -> None:
    rows = [row for section in SECTIONS for row in section()]
    name_width = max(len(name) for name, _, _ in rows)
    print(f"{'benchmark':<{name_width}}  {'value':>12}  unit")
    for name, value, unit in rows:
        print(f"{name:<{name_width}}  {value:>12,.0f}  {unit}")


if __name__ == "__main__":
    main()
