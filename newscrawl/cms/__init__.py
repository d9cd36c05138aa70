"""CMS families: each a plug-in that reads its sites' URLs and pages (newscrawl.cms.base has the contract)."""

from collections.abc import Iterable

from newscrawl.cms.base import CmsFamily
from newscrawl.cms.dada import DADA
from newscrawl.cms.ndsoft import NDSOFT

# A site record's `family` names one of these.
FAMILIES: dict[str, CmsFamily] = {family.key: family for family in (DADA, NDSOFT)}


def family_of_article_url(url: str, families: Iterable[CmsFamily] | None = None) -> CmsFamily | None:
    """The first family (of `families`, default all) whose URL scheme names an article in `url`."""
    return next((family for family in (families or FAMILIES.values()) if family.article_id(url) is not None), None)
