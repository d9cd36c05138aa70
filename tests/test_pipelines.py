import json

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.items import ARTICLE_SCHEMA, STORE_ONLY_PROPERTIES, ArticleItem
from newscrawl.pipelines.dedup import CanonicalUrlDedupPipeline
from newscrawl.pipelines.validation import ARTICLE_VALIDATOR, SchemaValidationPipeline, is_valid
from tests.paths import shared_file


@pytest.fixture
def stats():
    return MemoryStatsCollector(get_crawler())


def test_the_packaged_schema_is_the_shared_contract():
    assert ARTICLE_SCHEMA == json.loads(shared_file("schema/article.schema.json").read_text("utf-8"))


def test_item_fields_are_the_schema_properties_and_the_store_only_ones():
    assert list(ArticleItem.fields) == [*ARTICLE_SCHEMA["properties"], *STORE_ONLY_PROPERTIES]


def test_a_valid_item_passes_validation(stats, article):
    assert SchemaValidationPipeline(stats).process_item(ArticleItem(article)) == ArticleItem(article)
    assert stats.get_stats() == {}


# One change per rule of the contract: each keyword the schema uses, at the top level and inside lists.
INVALID_CHANGES = [
    ({"title": ""}, "invalid_title"),
    ({"article_id": "82a"}, "invalid_article_id"),
    ({"published_at": "2025-03-08T20:54:06"}, "invalid_published_at"),
    ({"published_at": "2025-03-08 어제"}, "invalid_published_at"),
    ({"crawled_at": "2025-03-08T11:54:06"}, "invalid_crawled_at"),
    ({"content_hash": "abc"}, "invalid_content_hash"),
    ({"authors": [{"name": "김태령", "team": "x"}]}, "invalid_authors"),
    ({"authors": [{"role": "기자"}]}, "invalid_authors"),
    ({"title": None}, "invalid_title"),
    ({"subtitles": [""]}, "invalid_subtitles"),
    ({"tags": [3]}, "invalid_tags"),
    ({"images": [{"caption": "사진"}]}, "invalid_images"),
    ({"paywalled": "yes"}, "invalid_paywalled"),
    ({"provenance": {"title": "css:h1"}}, "invalid_provenance"),
    ({"summary": "요약"}, "invalid_additionalProperties"),
]


@pytest.mark.parametrize(("change", "reason"), INVALID_CHANGES)
def test_an_invalid_item_is_dropped_with_its_reason_counted(stats, article, change, reason):
    with pytest.raises(DropItem, match=reason):
        SchemaValidationPipeline(stats).process_item({**article, **change})
    assert stats.get_value(f"newscrawl/dropped/{reason}") == 1


@pytest.mark.parametrize(("change", "reason"), INVALID_CHANGES)
def test_the_compiled_check_rejects_what_jsonschema_rejects(article, change, reason):
    # The pipeline trusts the compiled check's "valid": it must enforce every rule jsonschema does.
    changed = {**article, **change}
    assert list(ARTICLE_VALIDATOR.iter_errors(changed))
    assert not is_valid(changed)


def test_the_compiled_check_passes_a_valid_item(article):
    assert is_valid(article)
    assert not list(ARTICLE_VALIDATOR.iter_errors(article))


def test_an_item_missing_a_required_field_is_dropped(stats, article):
    del article["body"]
    with pytest.raises(DropItem, match="'body' is a required property"):
        SchemaValidationPipeline(stats).process_item(article)
    assert stats.get_value("newscrawl/dropped/missing_body") == 1


def test_a_second_item_for_the_same_canonical_url_is_dropped(stats, article):
    pipeline = CanonicalUrlDedupPipeline(stats)
    assert pipeline.process_item(article) is article
    with pytest.raises(DropItem, match="already scraped"):
        pipeline.process_item({**article, "title": "다른 제목"})
    assert pipeline.process_item({**article, "url": article["url"] + "9"})
    assert stats.get_value("newscrawl/dropped/duplicate") == 1
