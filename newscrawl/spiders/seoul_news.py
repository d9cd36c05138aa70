"""The seoul_news spider: cms_news preset for one site, the Seoul local news site by default (any site of a known
family can be given as base_url)."""

from newscrawl.arguments import Argument, comma_list, http_url
from newscrawl.cms.dada import DADA
from newscrawl.sites import Site, site_at
from newscrawl.spiders.cms_news import CRAWL_ARGUMENTS, CmsNewsSpider

LIVE_SITE = "https://www.workheadline.co.kr"


def _section_code(text: str) -> str:
    if not DADA.is_section_code(text):
        raise ValueError(text)
    return text


class SeoulNewsSpider(CmsNewsSpider):
    """cms_news for one site, named by its base URL. Arguments: those of cms_news, with these instead of sites:
      base_url    site to crawl (default: the live site); any host on the same CMS works
      sections    comma-separated section codes (default: discovered from the home page's menu)
    """

    name = "seoul_news"
    ARGUMENTS = (
        Argument("base_url", http_url, "an http or https URL of a site on this CMS, e.g. https://www.workheadline.co.kr",
                 LIVE_SITE),
        Argument("sections", comma_list(_section_code),
                 "section codes separated by commas, each m and 5 to 7 letters or digits, e.g. m71w8xw,m2k4p9a", ()),
        *CRAWL_ARGUMENTS,
    )

    @classmethod
    def sites_from(cls, arguments: dict) -> tuple[Site, ...]:
        return (site_at(arguments["base_url"], arguments["sections"]),)
