"""What every benchmark section shares: rows of (name, value, unit), their table, and a rate measurement."""

import time
from collections.abc import Callable, Iterable, Sequence

Row = tuple[str, float, str]

# How long each rate measurement runs; long enough to smooth out timer noise and warm caches.
MEASURE_SECONDS = 1.5


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


def format_table(rows: Iterable[Row]) -> str:
    rows = list(rows)
    name_width = max(len(name) for name, _, _ in rows)
    lines = [f"{'benchmark':<{name_width}}  {'value':>14}  unit"]
    for name, value, unit in rows:
        shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        lines.append(f"{name:<{name_width}}  {shown:>14}  {unit}")
    return "\n".join(lines)
