"""The benchmark's lxml floor extracts the four scored fields of every sample page exactly: a floor that got them
wrong would make our parser look cheap against it for the wrong reason."""

import pytest

pytest.importorskip("trafilatura")  # the parsing section imports its peers: bench extras, `pip install -e '.[bench]'`
pytest.importorskip("newspaper")

from newscrawl.bench.parsing import run_floor, sample_pages, ndsoft_sample_pages  # noqa: E402


@pytest.mark.parametrize("pages", [sample_pages, ndsoft_sample_pages], ids=["dada", "ndsoft"])
def test_the_floor_gets_every_field_of_every_sample_page(pages):
    for page in pages():
        got, truth = run_floor(page), page.truth
        assert (got.title, got.published_at, got.author_names, got.body) == (
            truth.title, truth.published_at, truth.author_names, truth.body), page.url
