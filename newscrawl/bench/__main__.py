"""Runs every benchmark section and prints one table."""

from newscrawl.bench.dates import bench_dates
from newscrawl.bench.exports import bench_exports
from newscrawl.bench.common import format_table

SECTIONS = [bench_dates, bench_exports]


def main() -> None:
    rows = []
    for section in SECTIONS:
        rows.extend(section())
    print(format_table(rows))


if __name__ == "__main__":
    main()
