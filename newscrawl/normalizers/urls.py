"""URL forms of the CMS: which article a link names, its canonical URL, and section list URLs."""

import re
from hashlib import blake2b
from urllib.parse import parse_qs, urljoin, urlsplit

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


def _first_query_value(url: str, name: str) -> str | None:
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0] if values else None


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
        idx = _first_query_value(url, "idx")
        if idx and ARTICLE_ID_RE.match(idx):
            return idx
    return None


def canonical_article_url(page_url: str, article_id: str) -> str:
    """`scheme://host/news/view.php?idx=N` on the host of the page the link was found on."""
    return urljoin(page_url, CANONICAL_ARTICLE_PATH.format(article_id=article_id))


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
    code = _first_query_value(url, "mcode") if url else None
    return code if code and SECTION_CODE_RE.match(code) else None


def section_list_url(base_url: str, section_code: str, page: int = 1) -> str:
    url = urljoin(base_url, SECTION_LIST_PATH.format(section_code=section_code))
    return url if page == 1 else f"{url}&page={page}"


def site_name(url: str) -> str:
    """Host name without a leading 'www.' (the schema's `site`)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def url_key(url: str) -> bytes:
    """An 8-byte digest of a URL: what a run keeps of each URL it has seen (in a dupefilters.FingerprintSet),
    ~25 bytes where the URL itself in a set takes ~150."""
    return blake2b(url.encode(), digest_size=8).digest()
