"""Site N's RSS 2.0 feeds, sitemap and robots.txt.

* /rss/allArticle.xml: the latest FEED_SIZE (50) listed articles; /rss/S1N<k>.xml: the latest 50 of a top-level
  section.  `pubDate` is 'YYYY-MM-DD HH:MM:SS' in KST with no zone (the NDSoft form, not RFC 822), `author` the
  byline without e-mail ('홍길동 기자'), `description` a ~300-character summary, no content:encoded.  Some titles
  start with a byte-order mark U+FEFF (content.bom_in_feed), as on some live outlets.
* /sitemap.xml: a urlset of the latest SITEMAP_SIZE (100) listed article URLs, absolute, lastmod with +09:00.
* robots.txt allows everything.
Unlisted articles (reachable only by previous/next links) and notices are in none of them.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .content import FEED_SIZE, SITE_NAME, SITEMAP_SIZE, NdsoftSiteData, bom_in_feed


def feed_items(data: NdsoftSiteData, section_code: str | None = None):
    return data.latest(FEED_SIZE, code=section_code)


def render_feed(data: NdsoftSiteData, base_url: str, section_code: str | None = None) -> str:
    base = base_url.rstrip("/")
    section = data.section(section_code) if section_code else None
    channel_title = f"{SITE_NAME} - {section.name}" if section else SITE_NAME
    items = []
    for article in feed_items(data, section_code):
        title = ("\ufeff" if bom_in_feed(article) else "") + article.title
        items.append(f"""<item>
<title>{escape(title)}</title>
<link>{escape(article.url(base))}</link>
<description>{escape(article.description)}</description>
<author>{escape(article.reporter)}</author>
<pubDate>{article.published:%Y-%m-%d %H:%M:%S}</pubDate>
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>{escape(channel_title)}</title>
<link>{escape(base)}/</link>
<description>{escape(channel_title)} 기사 RSS</description>
<language>ko</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def sitemap_items(data: NdsoftSiteData):
    return data.latest(SITEMAP_SIZE)


def render_sitemap(data: NdsoftSiteData, base_url: str) -> str:
    base = base_url.rstrip("/")
    urls = "\n".join(
        f"<url><loc>{escape(article.url(base))}</loc><lastmod>{article.modified_at or article.published_at}</lastmod></url>"
        for article in sitemap_items(data))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def render_robots(base_url: str) -> str:
    return f"User-agent: *\nDisallow:\n\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n"
