"""Item pipelines: validate, deduplicate, store. Nothing here parses pages."""

from itemadapter import ItemAdapter

from newscrawl.items import MissingArticle


def item_fields(item) -> dict:
    """The item's fields as a plain dict. Items hold plain values, never nested items, so a shallow copy is the
    whole item (ItemAdapter.asdict's deep copy cost ~40 µs a page)."""
    return dict(ItemAdapter(item))


class ArticlePipeline:
    """A pipeline step for articles: other items (a MissingArticle notice) pass through it untouched."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        return item if isinstance(item, MissingArticle) else self.process_article(item)

    def process_article(self, item):
        raise NotImplementedError
