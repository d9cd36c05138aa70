"""The article item: its fields are exactly the properties of the schema contract."""

import json
from dataclasses import dataclass
from importlib import resources

import scrapy

ARTICLE_SCHEMA = json.loads(resources.files("newscrawl").joinpath("article.schema.json").read_text("utf-8"))
ARTICLE_FIELDS = list(ARTICLE_SCHEMA["properties"])

# Fields the crawler keeps in its SQLite store beside the schema's, never exported: the contract is unchanged.
STORE_ONLY_PROPERTIES = {
    "paywalled": {"type": "boolean", "description": "A members-only article: metadata kept, body empty"},
    "provenance": {
        "type": "object",
        "description": "Traced field -> the step that supplied it: layout:NAME, family:..., meta:..., link:..., "
                       "heuristic:... or none (newscrawl.provenance)",
        "additionalProperties": {"type": "string", "pattern": "^(none|(layout|family|meta|link|heuristic):.+)$"},
    },
}
# What every item the spider emits must satisfy: the contract plus the store-only fields.
ITEM_SCHEMA = {**ARTICLE_SCHEMA, "properties": {**ARTICLE_SCHEMA["properties"], **STORE_ONLY_PROPERTIES}}


def _allowed_types(field_schema: dict) -> set[str]:
    declared = field_schema.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


# What a list or nullable field holds when the page does not provide it, so every item has every field.
EMPTY_FIELD_VALUES = {
    name: [] if "array" in types else None
    for name, types in ((name, _allowed_types(field)) for name, field in ARTICLE_SCHEMA["properties"].items())
    if "array" in types or "null" in types
}

ArticleItem = type(
    "ArticleItem",
    (scrapy.Item,),
    {
        "__doc__": "One news article; see article.schema.json for each field, and STORE_ONLY_PROPERTIES.",
        "__module__": __name__,
        **{name: scrapy.Field() for name in ITEM_SCHEMA["properties"]},
    },
)


@dataclass(frozen=True)
class MissingArticle:
    """An article URL that gave no article (deleted notice, no headline, HTTP 404): not an item, but a notice the
    spider sends with the `article_missing` signal, recorded by the store and never exported."""

    url: str
    site: str
    article_id: str
    reason: str
    seen_at: str
