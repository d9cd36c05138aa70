"""Item pipelines: validate, deduplicate, store. Nothing here parses pages."""

from itemadapter import ItemAdapter


def item_fields(item) -> dict:
    """The item's fields as a plain dict. Items hold plain values, never nested items, so a shallow copy is the
    whole item (ItemAdapter.asdict's deep copy cost ~40 µs a page)."""
    return dict(ItemAdapter(item))


class CountingPipeline:
    """A pipeline step that counts what it drops in the crawl's stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)
