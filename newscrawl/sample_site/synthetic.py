"""A sample site of any size: N articles computed from their number on demand, in the sample site's markup.

    from newscrawl import sample_site
    from newscrawl.sample_site.synthetic import SyntheticSiteData
    with sample_site.start(data=SyntheticSiteData(100_000)) as site:
        ...

`python -m newscrawl.sample_site --synthetic 100000` serves one in the foreground.

Article number p (0 = the oldest) is sample article p mod 84 (in publication order) under idx FIRST_IDX + p,
published PUBLISHING_INTERVAL after article p - 1: its section, skin, text, bylines, photos and markup variations
are the sample article's, so the sample site's ground truth (`SampleArticle.expected`) holds for it too.
Nothing is built before a page asks for it, and list pages and previous/next chains are arithmetic, so serving
a site of a million articles costs no more memory than serving a small one.

Every article is on its section's list pages.  The all-sections list ('전체기사'), which the home page and the side
boxes draw from as well, holds only the newest LATEST_COUNT articles: the pages render those boxes on every
request, and walking the whole site for each one would make the server, not the crawler, what a benchmark measures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache

from .content import ARTICLES, SECTIONS, SampleArticle, SiteData

FIRST_IDX = 1
FIRST_PUBLISHED = datetime.fromisoformat("2015-01-01T07:00:00+09:00")
# Every ~4 minutes: a million articles are all published before 2023, so no refresh window of a crawl covers them.
PUBLISHING_INTERVAL = timedelta(minutes=4, seconds=7)
LATEST_COUNT = 50
# Built articles kept for reuse: the newest ones (every page's side boxes) and a crawl's working set of neighbours.
CACHED_ARTICLES = 4096

TEMPLATES = sorted(ARTICLES, key=lambda article: article.position)
PERIOD = len(TEMPLATES)
# Section code -> the places within one period that hold that section's articles, oldest first.
SECTION_PLACES = {
    section.mcode: [place for place, template in enumerate(TEMPLATES) if template.mcode == section.mcode]
    for section in SECTIONS
}
# Place within a period -> how many of its section's articles come before it in the same period.
RANK_IN_SECTION = [SECTION_PLACES[template.mcode].index(place) for place, template in enumerate(TEMPLATES)]


def _time_text(moment: datetime) -> str:
    """The time as the pages print it: 'YYYY-MM-DD HH:MM:SS'."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class ArticleSequence(Sequence):
    """A read-only list of articles computed on demand: `article_at(key)` for each key of `keys`, in order.

    Slices are plain lists, as SiteData's are."""

    def __init__(self, article_at: Callable[[int], SampleArticle], keys: range):
        self.article_at = article_at
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.article_at(key) for key in self.keys[index]]
        return self.article_at(self.keys[index])


class SyntheticSiteData(SiteData):
    """`size` articles in the sample site's sections, all listed, none deleted (see the module's docstring)."""

    def __init__(self, size: int):
        # Not SiteData's constructor: it holds every article, and these are computed when asked for.
        if size < 0:
            raise ValueError(f"a site cannot have {size} articles")
        self.size = size
        self.sections = list(SECTIONS)
        self.by_mcode = {section.mcode: section for section in self.sections}
        self.deleted_idx = ()
        self.article = lru_cache(maxsize=CACHED_ARTICLES)(self._build_article)
        self.articles = ArticleSequence(self.article, range(size))

    # ---- arithmetic over positions (publication order, 0 = the oldest) ----------------------------------------

    def _position(self, mcode: str, ordinal: int) -> int:
        """Where the section's article number `ordinal` (0 = its oldest) is in publication order."""
        places = SECTION_PLACES[mcode]
        return ordinal // len(places) * PERIOD + places[ordinal % len(places)]

    def _ordinal(self, position: int) -> int:
        places = SECTION_PLACES[TEMPLATES[position % PERIOD].mcode]
        return position // PERIOD * len(places) + RANK_IN_SECTION[position % PERIOD]

    def section_size(self, mcode: str) -> int:
        periods, rest = divmod(self.size, PERIOD)
        places = SECTION_PLACES[mcode]
        return periods * len(places) + sum(1 for place in places if place < rest)

    def _build_article(self, position: int) -> SampleArticle:
        template = TEMPLATES[position % PERIOD]
        idx = FIRST_IDX + position
        published = FIRST_PUBLISHED + position * PUBLISHING_INTERVAL
        modified = None
        if template.modified_at:
            modified = published + (
                datetime.fromisoformat(template.modified_at) - datetime.fromisoformat(template.published_at)
            )
        ordinal = self._ordinal(position)
        next_position = self._position(template.mcode, ordinal + 1)
        return replace(
            template,
            idx=idx,
            published_at=published.isoformat(),
            published_raw=template.published_raw.replace(template.published_time_text, _time_text(published)),
            modified_at=modified.isoformat() if modified else None,
            modified_raw=template.modified_raw.replace(template.modified_time_text, _time_text(modified))
            if modified else None,
            images=[{"url": f"/data/photos/{published:%Y%m}/art_{idx}_{number}.jpg", "caption": image["caption"]}
                    for number, image in enumerate(template.images, start=1)],
            listed=True,
            prev_idx=FIRST_IDX + self._position(template.mcode, ordinal - 1) if ordinal else None,
            next_idx=FIRST_IDX + next_position if next_position < self.size else None,
            position=position,
        )

    # ---- SiteData's queries ------------------------------------------------------------------------------------

    def get(self, idx: int) -> SampleArticle | None:
        position = idx - FIRST_IDX
        return self.article(position) if 0 <= position < self.size else None

    def listed(self, mcode: str | None = None) -> Sequence[SampleArticle]:
        """Newest first: a section's articles, or (mcode None) the newest LATEST_COUNT of the whole site."""
        if mcode is None:
            return ArticleSequence(self.article, range(self.size - 1, max(self.size - LATEST_COUNT, 0) - 1, -1))
        if mcode not in self.by_mcode:
            return []
        return ArticleSequence(lambda ordinal: self.article(self._position(mcode, ordinal)),
                               range(self.section_size(mcode) - 1, -1, -1))

    def unlisted(self) -> list[SampleArticle]:
        return []
