"""The drift check on hand-made field figures: what falls clearly enough below a site's own history, and what not."""

import pytest

from newscrawl.drift import DriftThresholds, binomial_tail, describe, find_drifts, problems

THRESHOLDS = DriftThresholds(history_runs=10, min_drop=0.2, significance=1e-4,
                             first_run_minimums={"title": 1.0, "published_at": 1.0})
SITE = "workheadline.co.kr"
EXAMPLES = {
    "title/fallback": ["https://a/1", "https://a/2", "https://a/3"],
    "authors/missing": ["https://a/4"],
    "layout/none": ["https://a/5", "https://a/6"],
}


def figures(articles: int, *, title_meta: int = 0, authors_missing: int = 0, no_layout: int = 0) -> dict:
    """A site's figures: `articles` articles, all from the newer skin but for the given counts."""
    return {
        "articles": articles,
        "fields": {
            "title": {"present": articles, "sources": {"layout:newer-skin": articles - title_meta, "meta:og:title": title_meta, "none": 0}},
            "published_at": {"present": articles, "sources": {"layout:newer-skin": articles, "none": 0}},
            "authors": {"present": articles - authors_missing,
                        "sources": {"layout:newer-skin": articles - authors_missing, "none": authors_missing}},
            "tags": {"present": articles // 2},
        },
        "layouts": {"newer-skin": articles - no_layout, "none": no_layout},
    }


def drifts(current, history) -> list[tuple]:
    return [(d["kind"], d["field"], d["before"], d["after"], d["articles"]) for d in find_drifts(SITE, current, EXAMPLES, history, THRESHOLDS)]


@pytest.mark.parametrize(
    ("successes", "trials", "share", "tail"),
    [(0, 3, 0.5, 0.125), (1, 2, 0.5, 0.75), (3, 3, 0.5, 1.0), (0, 10, 0.9, 1e-10)],
)
def test_the_binomial_tail(successes, trials, share, tail):
    assert binomial_tail(successes, trials, share) == pytest.approx(tail)


@pytest.mark.parametrize(
    ("current", "history", "expected"),
    [
        # The same figures as before: nothing.
        (figures(84), [figures(84)] * 3, []),
        # A third of the titles from og:title, every author missing on them, no layout: three drifts.
        (figures(84, title_meta=28, authors_missing=28, no_layout=28), [figures(84)] * 3, [
            ("coverage", "authors", 1.0, 0.667, 84),
            ("provenance", "title", 1.0, 0.667, 84),
            ("layout", "layout", 1.0, 0.667, 84),
        ]),
        # One odd page among three new articles is within chance.
        (figures(3, authors_missing=1), [figures(84)], []),
        # Five of five is not: the byline is gone.
        (figures(5, authors_missing=5), [figures(84)], [("coverage", "authors", 1.0, 0.0, 5)]),
        # A fall smaller than the minimum drop is not a drift, however sure.
        (figures(1000, authors_missing=150), [figures(1000)], []),
        # The usual level is the site's own: a site that always missed a third of its bylines has not drifted.
        (figures(84, authors_missing=28), [figures(84, authors_missing=28)] * 2, []),
        # Runs without articles of the site are passed over; only the last `history_runs` count.
        (figures(84, authors_missing=28), [{"articles": 0}, *[figures(84, authors_missing=28)] * 10, *[figures(84)] * 50], []),
    ],
)
def test_drifts_against_the_sites_own_history(current, history, expected):
    assert sorted(drifts(current, history)) == sorted(expected)


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (figures(84), []),
        (figures(84, title_meta=1), [("minimum", "title", 1.0, 0.988, 84)]),
        # Missing bylines are no first-run failure by default: only title and published time are required.
        (figures(84, authors_missing=84), []),
    ],
)
def test_a_first_run_is_held_to_the_fixed_minimums(current, expected):
    assert drifts(current, []) == expected


def test_a_site_without_articles_in_the_run_has_no_drift():
    assert find_drifts(SITE, {"articles": 0}, {}, [figures(84)], THRESHOLDS) == []


def test_a_drift_names_its_examples_and_reads_as_one_line():
    [drift] = find_drifts(SITE, figures(84, title_meta=28), EXAMPLES, [figures(84)], THRESHOLDS)
    assert drift == {"site": SITE, "field": "title", "kind": "provenance", "before": 1.0, "after": 0.667,
                     "articles": 84, "examples": ["https://a/1", "https://a/2", "https://a/3"]}
    assert describe(drift) == ("workheadline.co.kr: title read from the site's markup on 67% of 84 articles, 100% before "
                               "(e.g. https://a/1, https://a/2, https://a/3)")


def test_an_article_is_an_example_of_each_problem_it_has():
    article = {"title": "제목", "authors": [], "modified_at": None, "provenance": {
        "title": "meta:og:title", "authors": "none", "body": "heuristic:largest-text-block"}}
    assert sorted(problems(article)) == ["authors/missing", "body/fallback", "layout/none", "modified_at/missing", "title/fallback"]
