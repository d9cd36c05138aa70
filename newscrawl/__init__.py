"""newscrawl: a Scrapy crawler for Korean local news sites on the 다다미디어 CMS."""
