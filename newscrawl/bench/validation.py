"""Benchmark section: the schema check every item goes through (the contract compiled by fastjsonschema) against
jsonschema's validator of the same contract, on the items our parser reads from the first family's sample pages."""

from newscrawl.bench.common import CPU_MS_PER_PAGE, Row, measure_rate
from newscrawl.bench.parsing import run_ours, sample_pages
from newscrawl.pipelines import item_fields
from newscrawl.pipelines.validation import ARTICLE_VALIDATOR, is_valid


def _jsonschema_is_valid(fields: dict) -> bool:
    return next(ARTICLE_VALIDATOR.iter_errors(fields), None) is None


def bench_validation() -> list[Row]:
    items = [item_fields(run_ours(page)) for page in sample_pages()]
    compiled, interpreted = measure_rate(is_valid, items), measure_rate(_jsonschema_is_valid, items)
    return [
        ("validate: compiled contract (fastjsonschema)", compiled.per_second, "items/s"),
        ("validate: compiled contract (fastjsonschema), CPU", compiled.cpu_ms_per_call, CPU_MS_PER_PAGE),
        ("validate: jsonschema, same contract", interpreted.per_second, "items/s"),
        ("validate: jsonschema, same contract, CPU", interpreted.cpu_ms_per_call, CPU_MS_PER_PAGE),
        ("validate: compiled / jsonschema", compiled.per_second / interpreted.per_second, "x"),
    ]
