"""URL forms of the 다다미디어 CMS: which article a link names, its canonical URL, and section list URLs."""

import base64
import re
from urllib.parse import urljoin, urlsplit

from newscrawl.cms.base import first_query_value, on_host_of

# `javascript:article_view('828')` links carry the idx in a script call instead of a URL.
ARTICLE_VIEW_SCRIPT_RE = re.compile(r"""^\s*javascript:\s*article_view\(\s*['"]?(\d+)['"]?\s*\)""", re.I)
# `/news/828`: the short article path some sites print.
SHORT_ARTICLE_PATH_RE = re.compile(r"^/news/(\d+)/?$")
# Desktop `/news/view.php` and mobile `/m/view.php` both name the article by `idx`.
VIEW_PATH_RE = re.compile(r"/view\.php$")
SECTION_CODE_RE = re.compile(r"^m[0-9a-z]{5,7}$")
ARTICLE_ID_RE = re.compile(r"^\d+$")

CANONICAL_ARTICLE_PATH = "/news/view.php?idx={article_id}"
SECTION_LIST_PATH = "/news/list.php?mcode={section_code}"
# List paging: most sites take `&page=N`; kbsm.net takes the offset of the page's first entry, inside a base64
# `board_data` parameter (reference: "an offset inside base64 board_data parameters"). Its decoded form is not in
# the reference; `startPage=OFFSET` is the form this CMS's board links are known to carry, unconfirmed for kbsm.net.
PAGE_PARAMETER = "page"
BOARD_DATA_PARAMETER = "board_data"
BOARD_DATA_OFFSET = "startPage={offset}"
LIST_PAGINGS = (PAGE_PARAMETER, BOARD_DATA_PARAMETER)


def article_id_from_url(url: str | None) -> str | None:
    """The idx an article link names, in any of the CMS's URL forms; None for anything else."""
    if not url:
        return None
    script_match = ARTICLE_VIEW_SCRIPT_RE.match(url)
    if script_match:
        return script_match.group(1)
    path = urlsplit(url).path
    short_match = SHORT_ARTICLE_PATH_RE.search(path)
    if short_match:
        return short_match.group(1)
    if VIEW_PATH_RE.search(path):
        idx = first_query_value(url, "idx")
        if idx and ARTICLE_ID_RE.match(idx):
            return idx
    return None


def canonical_article_url(page_url: str, article_id: str) -> str:
    """`scheme://host/news/view.php?idx=N` on the host of the page the link was found on."""
    return on_host_of(page_url, CANONICAL_ARTICLE_PATH.format(article_id=article_id))


def canonical_url_of_link(page_url: str, href: str | None) -> str | None:
    """Canonical article URL for a link found on `page_url`, or None when it is not an article link."""
    if not href:
        return None
    # urljoin leaves `javascript:` links as they are, so every form goes through one path.
    absolute = urljoin(page_url, href.strip())
    article_id = article_id_from_url(absolute)
    if not article_id:
        return None
    # A script link names an article of the page's own site; any other link keeps its own host.
    return canonical_article_url(page_url if ARTICLE_VIEW_SCRIPT_RE.match(absolute) else absolute, article_id)


def section_code_from_url(url: str | None) -> str | None:
    code = first_query_value(url, "mcode") if url else None
    return code if code and SECTION_CODE_RE.match(code) else None


def section_list_url(base_url: str, section_code: str, page: int = 1, offset: int = 0, paging: str = PAGE_PARAMETER) -> str:
    """Page `page` of a section's list, whose first entry is entry `offset` of the list, in the site's `paging`."""
    url = urljoin(base_url, SECTION_LIST_PATH.format(section_code=section_code))
    if page == 1:
        return url
    if paging == BOARD_DATA_PARAMETER:
        board_data = base64.b64encode(BOARD_DATA_OFFSET.format(offset=offset).encode("ascii")).decode("ascii")
        return f"{url}&{BOARD_DATA_PARAMETER}={board_data}"
    return f"{url}&{PAGE_PARAMETER}={page}"
