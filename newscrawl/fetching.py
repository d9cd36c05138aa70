"""Why a page the one-off commands (`scrapy sitecheck`, `scrapy snapshot`) asked for did not arrive, in a few
words for their one-line reports."""

from dataclasses import dataclass

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError


@dataclass(frozen=True)
class NotFetched:
    """A page asked for and not got; `why` says so in a few words."""

    why: str


def why_not_fetched(error: BaseException) -> str:
    """`HTTP 503`, `robots.txt forbids fetching it`, `ConnectionRefusedError: ...`, from a request's failure."""
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, IgnoreRequest) and "robots.txt" in str(error):
        return "robots.txt forbids fetching it"
    return f"{type(error).__name__}: {error}".rstrip(": ")


def not_a_text_page(response: Response) -> NotFetched:
    content_type = response.headers.get("Content-Type", b"").decode("latin-1") or "none"
    return NotFetched(f"not a text page (Content-Type {content_type})")
