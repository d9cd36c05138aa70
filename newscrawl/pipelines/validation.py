"""Drops items that break the schema contract, with the reason logged and counted.

Every item is checked by the contract compiled to Python code (fastjsonschema), about 18 times faster than
jsonschema's interpreter (`make bench`); it stops at the first violation, so an item it rejects is read again by
jsonschema, whose errors name every violation for the log and the stats. The contract's keywords (type, required,
properties, additionalProperties, items, pattern, minLength, format) mean the same in both.
"""

from datetime import datetime

import fastjsonschema
from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from scrapy.exceptions import DropItem

from newscrawl.items import ITEM_SCHEMA
from newscrawl.pipelines import CountingPipeline, item_fields

FORMAT_CHECKER = FormatChecker(formats=())


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time_with_offset(value) -> bool:
    # jsonschema checks date-time only with an optional extra package; the contract needs an explicit offset.
    return not isinstance(value, str) or datetime.fromisoformat(value).utcoffset() is not None


def _is_date_time_text_with_offset(text: str) -> bool:
    # fastjsonschema checks formats on strings only, and a format function must answer rather than raise.
    try:
        return _is_date_time_with_offset(text)
    except ValueError:
        return False


ARTICLE_VALIDATOR = Draft202012Validator(ITEM_SCHEMA, format_checker=FORMAT_CHECKER)
ARTICLE_CHECK = fastjsonschema.compile(ITEM_SCHEMA, formats={"date-time": _is_date_time_text_with_offset})


def is_valid(fields: dict) -> bool:
    """Whether the item's fields keep the schema contract (the compiled check)."""
    try:
        ARTICLE_CHECK(fields)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def schema_errors(item) -> list[ValidationError]:
    """Every violation of the schema contract, by field; empty when the item is valid."""
    fields = item_fields(item)
    if is_valid(fields):
        return []
    return sorted(ARTICLE_VALIDATOR.iter_errors(fields), key=lambda error: list(error.path))


def describe(error: ValidationError) -> str:
    return f"{'.'.join(map(str, error.path)) or '(item)'}: {error.message}"


def stats_reason(error: ValidationError) -> str:
    """A short, stable key for the stats: missing_title, invalid_published_at, ..."""
    if error.path:
        return f"invalid_{error.path[0]}"
    if error.validator == "required":
        missing = next(field for field in error.validator_value if field not in error.instance)
        return f"missing_{missing}"
    return f"invalid_{error.validator}"


class SchemaValidationPipeline(CountingPipeline):
    def process_item(self, item):
        errors = schema_errors(item)
        if not errors:
            return item
        reason = stats_reason(errors[0])
        self.stats.inc_value(f"newscrawl/dropped/{reason}")
        details = "; ".join(map(describe, errors))
        raise DropItem(f"{ItemAdapter(item).get('url')} breaks the article schema ({reason}): {details}")
