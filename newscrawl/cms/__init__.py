"""CMS families: each a plug-in that reads its sites' URLs and pages (newscrawl.cms.base has the contract)."""

from newscrawl.cms.base import CmsFamily
from newscrawl.cms.dada import DADA
from newscrawl.cms.ndsoft import NDSOFT

# A site record's `family` names one of these.
FAMILIES: dict[str, CmsFamily] = {family.key: family for family in (DADA, NDSOFT)}
