"""Markup drift: a site whose pages the parsers no longer read as they did, found by comparing one run's field
figures for the site with the same site's own recent runs.

A run's figures for a site (its entry in the run record, newscrawl.runs) count its articles, how many had each
field, where each traced field came from (newscrawl.provenance) and which layout each article matched. Three
shares are compared, each as k of n:

- coverage: the articles that have the field (k = present, n = articles);
- provenance: of the articles that have a traced field, those whose value came from the CMS's own markup rather
  than meta tags or a heuristic;
- layout: the articles that matched one of the family's layouts.

A share is a drift when it fell by at least `min_drop` below the site's pooled share over its last
`history_runs` runs, and a fall that large is unlikely by chance (binomial tail below `significance`, against the
pooled share smoothed by one success and one failure), so that a run of three new articles does not raise an
alarm on one odd page. A site with no history yet is held to `first_run_minimums` instead: the share of its
articles whose field came from the markup (or that matched a layout, for "layout").
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import exp, lgamma, log, log1p

from newscrawl.provenance import NONE, article_layout, is_fallback, is_markup, is_present

COVERAGE = "coverage"
PROVENANCE = "provenance"
LAYOUT = "layout"
MINIMUM = "minimum"
# The "field" of the layout-mix measure, in first-run minimums and drift entries.
LAYOUT_FIELD = "layout"
# Example URLs kept per kind of problem, and named in a drift's warning.
EXAMPLES_KEPT = 3


@dataclass(frozen=True)
class DriftThresholds:
    """NEWSCRAWL_DRIFT_HISTORY_RUNS, NEWSCRAWL_DRIFT_MIN_DROP, NEWSCRAWL_DRIFT_SIGNIFICANCE and
    NEWSCRAWL_DRIFT_FIRST_RUN_MINIMUMS (newscrawl.settings gives their defaults)."""

    history_runs: int
    min_drop: float
    significance: float
    first_run_minimums: Mapping[str, float]

    @classmethod
    def from_settings(cls, settings) -> "DriftThresholds":
        return cls(
            history_runs=settings.getint("NEWSCRAWL_DRIFT_HISTORY_RUNS"),
            min_drop=settings.getfloat("NEWSCRAWL_DRIFT_MIN_DROP"),
            significance=settings.getfloat("NEWSCRAWL_DRIFT_SIGNIFICANCE"),
            first_run_minimums=settings.getdict("NEWSCRAWL_DRIFT_FIRST_RUN_MINIMUMS"),
        )


def example_key(field_name: str, problem: str) -> str:
    """Where a site's example URLs of one problem are kept: `title/missing`, `title/fallback`, `layout/none`."""
    return f"{field_name}/{problem}"


def problems(article: Mapping) -> Iterable[str]:
    """The example keys an article is an example of: each field it lacks, each traced field a fallback gave, and
    `layout/none` when it matched no layout."""
    provenance = article.get("provenance") or {}
    for name, value in article.items():
        if name != "provenance" and not is_present(value):
            yield example_key(name, "missing")
    for name, label in provenance.items():
        if is_fallback(label):
            yield example_key(name, "fallback")
    if article_layout(provenance) is None:
        yield example_key(LAYOUT_FIELD, NONE)


def binomial_tail(successes: int, trials: int, share: float) -> float:
    """P(X <= successes) for X ~ Binomial(trials, share), 0 < share < 1, summed in log space (no overflow)."""
    log_share, log_rest = log(share), log1p(-share)
    log_n = lgamma(trials + 1)
    return min(1.0, sum(
        exp(log_n - lgamma(k + 1) - lgamma(trials - k + 1) + k * log_share + (trials - k) * log_rest)
        for k in range(successes + 1)
    ))


def _markup_count(sources: Mapping[str, int]) -> int:
    return sum(count for label, count in sources.items() if is_markup(label))


def measures(figures: Mapping) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, field) -> (k, n) of one run's figures for a site."""
    articles = figures.get("articles", 0)
    fields = figures.get("fields", {})
    found = {(COVERAGE, name): (entry["present"], articles) for name, entry in fields.items()}
    found.update({
        (PROVENANCE, name): (_markup_count(entry["sources"]), entry["present"])
        for name, entry in fields.items() if "sources" in entry
    })
    found[LAYOUT, LAYOUT_FIELD] = (articles - figures.get("layouts", {}).get(NONE, 0), articles)
    return found


def _minimum_measures(figures: Mapping) -> dict[str, tuple[int, int]]:
    """field -> (articles whose field came from the markup, articles); "layout" -> (articles matching a layout, articles)."""
    articles = figures.get("articles", 0)
    found = {name: (_markup_count(entry.get("sources", {})), articles) for name, entry in figures.get("fields", {}).items()}
    found[LAYOUT_FIELD] = measures(figures)[LAYOUT, LAYOUT_FIELD]
    return found


def _examples_of(kind: str, field_name: str, examples: Mapping[str, list[str]]) -> list[str]:
    keys = {COVERAGE: ["missing"], PROVENANCE: ["fallback"], LAYOUT: [NONE], MINIMUM: ["missing", "fallback", NONE]}[kind]
    urls = [url for problem in keys for url in examples.get(example_key(field_name, problem), [])]
    return list(dict.fromkeys(urls))[:EXAMPLES_KEPT]


def _drift(site: str, kind: str, field_name: str, before: float, after: float, articles: int, examples) -> dict:
    return {
        "site": site, "field": field_name, "kind": kind, "before": round(before, 3), "after": round(after, 3),
        "articles": articles, "examples": _examples_of(kind, field_name, examples),
    }


def find_drifts(site: str, figures: Mapping, examples: Mapping[str, list[str]], history: list[Mapping],
                thresholds: DriftThresholds) -> list[dict]:
    """The drifts of one site in one run. `figures` is the run's entry for the site, `examples` its example URLs
    by example_key, `history` the site's entries of earlier runs, newest first (those without articles are
    passed over)."""
    if not figures.get("articles"):
        return []
    earlier = [entry for entry in history if entry.get("articles")][: thresholds.history_runs]
    if not earlier:
        return [
            _drift(site, MINIMUM, name, minimum, k / n, n, examples)
            for name, minimum in thresholds.first_run_minimums.items()
            for k, n in [_minimum_measures(figures).get(name, (0, figures["articles"]))]
            if k / n < minimum
        ]
    pooled: dict[tuple[str, str], list[int]] = {}
    for entry in earlier:
        for key, (k, n) in measures(entry).items():
            totals = pooled.setdefault(key, [0, 0])
            totals[0] += k
            totals[1] += n
    drifts = []
    for (kind, name), (k, n) in measures(figures).items():
        k_before, n_before = pooled.get((kind, name), (0, 0))
        if not n or not n_before:
            continue
        before, after = k_before / n_before, k / n
        usual = (k_before + 1) / (n_before + 2)
        if before - after >= thresholds.min_drop and binomial_tail(k, n, usual) < thresholds.significance:
            drifts.append(_drift(site, kind, name, before, after, n, examples))
    return drifts


def describe(drift: Mapping) -> str:
    """One line for a drift's warning, e.g. `workheadline.co.kr: title read from the site's markup on 67% of 84
    articles, 100% before (e.g. URL, URL, URL)`."""
    what = {
        COVERAGE: f"{drift['field']} present on",
        PROVENANCE: f"{drift['field']} read from the site's markup on",
        LAYOUT: "a known layout matched on",
        MINIMUM: (f"{drift['field']} read from the site's markup on" if drift["field"] != LAYOUT_FIELD
                  else "a known layout matched on"),
    }[drift["kind"]]
    before = f"at least {drift['before']:.0%} expected on a first run" if drift["kind"] == MINIMUM else f"{drift['before']:.0%} before"
    examples = f" (e.g. {', '.join(drift['examples'])})" if drift["examples"] else ""
    return f"{drift['site']}: {what} {drift['after']:.0%} of {drift['articles']} articles, {before}{examples}"
