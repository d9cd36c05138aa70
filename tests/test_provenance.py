"""The provenance helpers: source labels, what counts as present, the layout an article matched."""

import pytest

from newscrawl.provenance import article_layout, is_present, kind_of, name_of


@pytest.mark.parametrize(
    ("label", "kind", "name"),
    [("layout:newer-skin", "layout", "newer-skin"), ("meta:og:title", "meta", "og:title"), ("none", "none", "none")],
)
def test_a_label_is_its_kind_and_name(label, kind, name):
    assert (kind_of(label), name_of(label)) == (kind, name)


@pytest.mark.parametrize(
    ("value", "present"),
    [(None, False), ("", False), ([], False), ({}, False), ("제목", True), ([{"name": "김태령"}], True), (False, True)],
)
def test_an_empty_value_is_missing(value, present):
    assert is_present(value) is present


@pytest.mark.parametrize(
    ("provenance", "layout"),
    [
        ({"title": "layout:older-skin", "body": "layout:older-skin", "section": "family:menu"}, "older-skin"),
        ({"title": "layout:newer-skin", "body": "layout:older-skin", "authors": "layout:older-skin"}, "older-skin"),
        # A tie goes to the layout of the earlier field.
        ({"title": "layout:newer-skin", "body": "layout:older-skin"}, "newer-skin"),
        ({"title": "meta:og:title", "body": "heuristic:largest-text-block", "authors": "none"}, None),
    ],
)
def test_the_layout_an_article_matched_is_the_one_that_gave_most_fields(provenance, layout):
    assert article_layout(provenance) == layout
