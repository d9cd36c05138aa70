"""What every benchmark section shares: rows of (name, value, unit), their table, and a rate measurement.

Every pages/s or articles/s row is followed by its CPU row, the same name with ', CPU' and CPU_MS_PER_PAGE: the
process's own CPU time per page (time.process_time in process; a crawl child's user + system time from os.wait4).
"""

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Row = tuple[str, float, str]
T = TypeVar("T")
# The unit of the CPU rows paired with every pages/s or articles/s row.
CPU_MS_PER_PAGE = "CPU ms/page"

# How long each rate measurement runs; long enough to smooth out timer noise and warm caches.
MEASURE_SECONDS = 1.5


@dataclass(frozen=True)
class Rate:
    per_second: float  # calls per wall-clock second
    cpu_ms_per_call: float  # this process's CPU time (time.process_time) per call, in milliseconds

    @property
    def ms_per_call(self) -> float:
        return 1000 / self.per_second


def measure_rate(function: Callable[[T], object], inputs: Sequence[T]) -> Rate:
    """Calls of `function` per second and CPU milliseconds per call, cycling through `inputs` for MEASURE_SECONDS."""
    calls = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + MEASURE_SECONDS
    while time.perf_counter() < deadline:
        for value in inputs:
            function(value)
        calls += len(inputs)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return Rate(calls / wall, 1000 * cpu / calls)


def calls_per_second(function: Callable[[T], object], inputs: Sequence[T]) -> float:
    """Calls of `function` per second, cycling through `inputs` for MEASURE_SECONDS."""
    return measure_rate(function, inputs).per_second


def format_table(rows: Iterable[Row]) -> str:
    rows = list(rows)
    name_width = max(len(name) for name, _, _ in rows)
    lines = [f"{'benchmark':<{name_width}}  {'value':>14}  unit"]
    for name, value, unit in rows:
        shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        lines.append(f"{name:<{name_width}}  {shown:>14}  {unit}")
    return "\n".join(lines)
