"""newscrawl's own signals, sent through the crawler's signal manager as Scrapy's are."""

# An article URL gave no article (a deleted notice, no headline, HTTP 404/410); sent with `missing`, a
# MissingArticle. The store remembers it; it is not an item, so no feed ever carries it.
article_missing = object()

# Every request of a site's turn has ended (newscrawl.leases): sent with `site`, its key, before its lease is released.
site_finished = object()
