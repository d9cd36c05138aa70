"""URL forms of the NDSoft CMS: which article a link names, its canonical URL, section list URLs and codes.

Reference (../shared/reference/ndsoft-markup.md): articles `/news/articleView.html?idxno=N` (firm), extra
parameters may follow (`&sc_word=…`, `&replyAll=&reply_sc_order_by=C`); section lists
`/news/articleList.html?sc_section_code=S1N1&view_type=sm[&page=N]` (firm), sub-sections
`sc_sub_section_code=S2N…` (likely); the site has no separate mobile URL form to read.
"""

import re
from urllib.parse import urljoin, urlsplit

from newscrawl.cms.base import first_query_value, on_host_of

ARTICLE_PATH = "articleView.html"
# Desktop and mobile hosts print the same path; a relative `articleView.html?idxno=N` (from a /news/ page) too.
ARTICLE_PATH_RE = re.compile(rf"(?:^|/){re.escape(ARTICLE_PATH)}$")
ARTICLE_ID_PARAMETER = "idxno"
ARTICLE_ID_RE = re.compile(r"^\d+$")
# Top-level sections S1N<k>, sub-sections S2N<k>.
SECTION_CODE_RE = re.compile(r"^S[12]N\d+$")
TOP_SECTION_CODE_RE = re.compile(r"^S1N\d+$")
SECTION_PARAMETER = "sc_section_code"
SUB_SECTION_PARAMETER = "sc_sub_section_code"
LIST_PATH = "articleList.html"

CANONICAL_ARTICLE_PATH = f"/news/{ARTICLE_PATH}?{ARTICLE_ID_PARAMETER}={{article_id}}"
SECTION_LIST_PATH = "/news/" + LIST_PATH + "?{parameter}={section_code}&view_type=sm"
PAGE_PARAMETER = "page"
# Every NDSoft list pages by `&page=N` (reference: firm).
LIST_PAGINGS = (PAGE_PARAMETER,)


def article_id_from_url(url: str | None) -> str | None:
    """The idxno an article link names, in any of its forms; None for anything else."""
    if not url or not ARTICLE_PATH_RE.search(urlsplit(url.strip()).path):
        return None
    idxno = first_query_value(url.strip(), ARTICLE_ID_PARAMETER)
    return idxno if idxno and ARTICLE_ID_RE.match(idxno) else None


def canonical_article_url(page_url: str, article_id: str) -> str:
    """`scheme://host/news/articleView.html?idxno=N` on the host of `page_url`."""
    return on_host_of(page_url, CANONICAL_ARTICLE_PATH.format(article_id=article_id))


def canonical_url_of_link(page_url: str, href: str | None) -> str | None:
    """The canonical article URL of a link found on `page_url` (on the link's own host), or None when it is not
    an article link."""
    href = href.strip() if href else ""
    # Only an href that names the article path, or one that keeps the page's own path (`?…`, `#…`), can join to an
    # article URL: the others (most links of a page) are turned down before urljoin.
    if not href or (ARTICLE_PATH not in href and href[0] not in "?#"):
        return None
    absolute = urljoin(page_url, href)
    article_id = article_id_from_url(absolute)
    return canonical_article_url(absolute, article_id) if article_id else None


def _code(url: str | None, parameter: str) -> str | None:
    code = first_query_value(url, parameter) if url else None
    return code if code and SECTION_CODE_RE.match(code) else None


def section_code_from_url(url: str | None) -> str | None:
    """The section code a list or article URL carries: its sub-section's when it names one (the list it is),
    else its section's; None when it carries neither."""
    return sub_section_code_from_url(url) or _code(url, SECTION_PARAMETER)


def sub_section_code_from_url(url: str | None) -> str | None:
    """The sub-section code (`sc_sub_section_code`) a URL carries, or None."""
    return _code(url, SUB_SECTION_PARAMETER)


def top_section_code_from_url(url: str | None) -> str | None:
    """The top-level section code (S1N<k>) a URL carries, or None."""
    code = _code(url, SECTION_PARAMETER)
    return code if code and TOP_SECTION_CODE_RE.match(code) else None


def is_section_code(text: str) -> bool:
    return bool(SECTION_CODE_RE.match(text))


def is_top_section_code(text: str) -> bool:
    return bool(TOP_SECTION_CODE_RE.match(text))


def section_list_url(base_url: str, section_code: str, page: int = 1) -> str:
    """Page `page` of a section's (S1N…) or sub-section's (S2N…) list; page 1 without `&page`."""
    parameter = SECTION_PARAMETER if is_top_section_code(section_code) else SUB_SECTION_PARAMETER
    url = urljoin(base_url, SECTION_LIST_PATH.format(parameter=parameter, section_code=section_code))
    return url if page == 1 else f"{url}&{PAGE_PARAMETER}={page}"
