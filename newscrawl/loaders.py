"""The item loader: every normaliser an article field goes through, declared per field."""

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from itemloaders.processors import Identity, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from newscrawl.items import ArticleItem
from newscrawl.normalizers.bylines import parse_byline
from newscrawl.normalizers.dates import parse_kst_datetime
from newscrawl.normalizers.text import clean_text


def _none_if_empty(text: str) -> str | None:
    """MapCompose drops None, so blank texts (spacer paragraphs, empty tags) never become values."""
    return text or None


def _kst_datetime_at_crawl_time(text: str, loader_context: dict) -> str | None:
    """Relative forms ('3시간 전') are resolved against the crawl time the loader was given."""
    crawled_at: datetime | None = loader_context.get("crawled_at")
    return parse_kst_datetime(text, now=crawled_at)


class ArticleLoader(ItemLoader):
    """Values are added in fallback order (skin selectors, then meta tags, then heuristics);
    single-valued fields keep the first value that survives normalisation."""

    default_item_class = ArticleItem
    default_input_processor = MapCompose(clean_text, _none_if_empty)
    default_output_processor = TakeFirst()

    subtitles_out = Identity()
    tags_out = Identity()
    images_in = Identity()
    images_out = Identity()
    authors_in = MapCompose(parse_byline)
    authors_out = Identity()
    published_at_in = MapCompose(_kst_datetime_at_crawl_time)
    modified_at_in = MapCompose(_kst_datetime_at_crawl_time)

    # The processors are declared on the class, the same for every loader: each field's are looked up once, not on
    # every value added and read (ItemLoader looks through attributes and the item's field metadata each time).
    _input_processors: ClassVar[dict[str, Callable]] = {}
    _output_processors: ClassVar[dict[str, Callable]] = {}

    def get_input_processor(self, field_name: str) -> Callable:
        if field_name not in self._input_processors:
            self._input_processors[field_name] = super().get_input_processor(field_name)
        return self._input_processors[field_name]

    def get_output_processor(self, field_name: str) -> Callable:
        if field_name not in self._output_processors:
            self._output_processors[field_name] = super().get_output_processor(field_name)
        return self._output_processors[field_name]
