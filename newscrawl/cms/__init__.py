"""CMS families: each a plug-in that reads its sites' URLs and pages (newscrawl.cms.base has the contract)."""

from newscrawl.cms.base import CmsFamily
from newscrawl.cms.dada import DADA

# A site record's `family` names one of these.
FAMILIES: dict[str, CmsFamily] = {family.key: family for family in (DADA,)}
