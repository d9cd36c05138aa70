"""Where each field of an article came from: the step of its fallback chain that supplied the value.

A source is written `kind:name` (`layout:newer-skin`, `meta:og:title`, `heuristic:h1`), or `none` when no step
found the field. Items carry them in the store-only `provenance` field ({field: source}); the run record counts
them per site, and the drift check (newscrawl.drift) compares those counts with the site's own history.
"""

from collections import Counter

# The kinds of source, in the order a chain tries them.
LAYOUT = "layout"  # an article layout's own markup (one class per template)
FAMILY = "family"  # markup every page of the CMS family prints outside the layout (profile box, menu, back link)
META = "meta"  # meta tags in the page's head
LINK = "link"  # what the page that linked the article said (the list's section)
HEURISTIC = "heuristic"  # a guess from the page's shape (the first h1, the largest text block, a credit line)
NONE = "none"
# Sources that read the CMS's own markup (the article's template, the family's page parts, the list that linked
# the article); meta tags and heuristics are fallbacks, and a field moving to them is a drift (newscrawl.drift).
MARKUP_KINDS = frozenset({LAYOUT, FAMILY, LINK})
FALLBACK_KINDS = frozenset({META, HEURISTIC})

# The fields whose source is traced.
TRACED_FIELDS = ("title", "published_at", "modified_at", "authors", "section", "subtitles", "body")


def source(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def kind_of(label: str) -> str:
    """`layout` of `layout:newer-skin`; `none` of `none`."""
    return label.partition(":")[0]


def name_of(label: str) -> str:
    """`newer-skin` of `layout:newer-skin`; `none` of `none`."""
    return label.partition(":")[2] or label


def is_markup(label: str) -> bool:
    return kind_of(label) in MARKUP_KINDS


def is_fallback(label: str) -> bool:
    return kind_of(label) in FALLBACK_KINDS


def is_present(value) -> bool:
    """Whether a field has a value: None, an empty string and an empty list are missing."""
    return value is not None and value != "" and value != [] and value != {}


def article_layout(provenance: dict[str, str]) -> str | None:
    """The layout an article page matched: the one that supplied most of its traced fields (the first of those
    tied, in field order); None when no field came from a layout."""
    layouts = Counter(name_of(label) for label in provenance.values() if kind_of(label) == LAYOUT)
    return layouts.most_common(1)[0][0] if layouts else None
