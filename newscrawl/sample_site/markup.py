"""A site's markup: the page functions the server renders it with, and how its list pages are paged.

The server's handlers (server.py) call `app.markup.<page>(...)`, so one server serves any site of the family:

* WORKHEADLINE (site A, pages.py): both skins, lists paged by `&page=N`, 10 entries a page.
* GBDAWN (site B, pages_b.py): the older skin of a regional daily, lists paged by a base64 `board_data` offset,
  15 entries a page.

`markup_for(data)` picks the markup that fits a SiteData, so `App(site_b.DATA)` needs no markup argument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import pages, pages_b, site_b
from .content import SampleArticle, SiteData

if TYPE_CHECKING:
    from .server import Request


@dataclass(frozen=True)
class Markup:
    name: str
    home: Callable[[SiteData, str], str]  # (data, base_url)
    section_list: Callable[[SiteData, "Request"], str]  # /news/list.php; reads its own paging parameters
    search: Callable[[SiteData, "Request"], str]  # /news/search.php
    article: Callable[[SiteData, SampleArticle, str], str]  # (data, article, base_url)
    mobile_article: Callable[[SiteData, SampleArticle, str], str]
    mobile_home: Callable[[SiteData], str]
    deleted: Callable[[], str]  # the page for a deleted or unknown idx
    admin: Callable[[], str]


def _workheadline_list(data: SiteData, request: Request) -> str:
    mcode = (request.param("mcode") or "").strip() or None
    page = request.int_param("page", 1) or 1
    return pages.render_list(data, mcode, page, request.param("vg"))


def _workheadline_search(data: SiteData, request: Request) -> str:
    page = request.int_param("page", 1) or 1
    return pages.render_search(data, request.param("stx", "") or "", page)


WORKHEADLINE = Markup(
    name="workheadline", home=pages.render_home, section_list=_workheadline_list, search=_workheadline_search,
    article=pages.render_article, mobile_article=pages.render_mobile_article, mobile_home=pages.render_mobile_home,
    deleted=pages.render_deleted, admin=pages.render_admin,
)

GBDAWN = Markup(
    name="gbdawn", home=pages_b.render_home, section_list=pages_b.render_list_request,
    search=pages_b.render_search_request, article=pages_b.render_article,
    mobile_article=pages_b.render_mobile_article, mobile_home=pages_b.render_mobile_home,
    deleted=pages.render_deleted, admin=pages_b.render_admin,  # the CMS's deleted page is the same on every site
)


def markup_for(data: SiteData) -> Markup:
    """Site B's markup for site B's data (DawnSiteData), site A's for anything else."""
    return GBDAWN if isinstance(data, site_b.DawnSiteData) else WORKHEADLINE
