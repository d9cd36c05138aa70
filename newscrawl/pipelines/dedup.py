"""Drops a second item for an article already seen in this run (the same canonical URL)."""

from hashlib import blake2b

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.dupefilters import FingerprintSet
from newscrawl.pipelines import ArticlePipeline


class CanonicalUrlDedupPipeline(ArticlePipeline):
    def __init__(self, stats):
        super().__init__(stats)
        # Digests of the URLs, not the URLs: the run keeps one per article, ~25 bytes where a URL in a set takes ~150.
        self.seen_urls = FingerprintSet()

    def process_article(self, item):
        url = ItemAdapter(item)["url"]
        digest = blake2b(url.encode(), digest_size=8).digest()
        if digest in self.seen_urls:
            self.stats.inc_value("newscrawl/dropped/duplicate")
            raise DropItem(f"{url} was already scraped in this run")
        self.seen_urls.add(digest)
        return item
