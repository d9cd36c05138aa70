"""Section list pages and the links on any page that lead to sections or articles."""

from dataclasses import dataclass
from datetime import date

from scrapy.http import TextResponse

from newscrawl.normalizers.text import clean_text
from newscrawl.normalizers.urls import canonical_url_of_link, section_code_from_url

# The list markup is the same in both skins (reference: firm).
LIST_ENTRY = "div#contents div.basicList > ul > li"
LIST_ENTRY_LINK = "dt.title a::attr(href)"
LIST_ENTRY_DATE = "dd.registDate::text"
SECTION_LINK = "a[href*='list.php']"


@dataclass(frozen=True)
class ListedArticle:
    url: str
    listed_on: date | None


def _list_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean_text(text))
    except ValueError:
        return None


def parse_list_page(response: TextResponse) -> list[ListedArticle]:
    """The articles of one list page, newest first; empty past the last page."""
    entries = []
    for entry in response.css(LIST_ENTRY):
        url = canonical_url_of_link(response.url, entry.css(LIST_ENTRY_LINK).get())
        if url:
            entries.append(ListedArticle(url=url, listed_on=_list_date(entry.css(LIST_ENTRY_DATE).get())))
    return entries


def section_links(response: TextResponse) -> dict[str, str]:
    """Section code -> section name, from the links to list pages (the home page's menu)."""
    sections: dict[str, str] = {}
    for link in response.css(SECTION_LINK):
        code = section_code_from_url(link.attrib.get("href"))
        if code and code not in sections:
            sections[code] = clean_text(link.xpath("string()").get())
    return sections


def article_links(response: TextResponse) -> list[str]:
    """Canonical URLs of every article linked from the page, in any URL form, in page order, once each."""
    urls = (canonical_url_of_link(response.url, href) for href in response.css("a::attr(href)").getall())
    return list(dict.fromkeys(url for url in urls if url))
