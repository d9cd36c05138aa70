"""The compiled queries the page parsers run on Scrapy's lxml tree (newscrawl.cms.selectors)."""

import pytest
from scrapy.http import HtmlResponse

from newscrawl.cms.selectors import css, element_by_id, first, page_root


def root_of(body: str):
    return page_root(HtmlResponse("http://127.0.0.1/", body=body.encode("utf-8"), encoding="utf-8"))


@pytest.mark.parametrize(("body", "expected_class"), [
    ('<div id="box" class="only"></div>', "only"),
    # Twice on one page: the first in document order, as the CSS query's first match.
    ('<div id="box" class="first"></div><article id="box" class="second"></article>', "first"),
    ('<div class="outer"><section><p id="box" class="nested">x</p></section></div>', "nested"),
    ('<div id="Box" class="other-case"></div><div id="box" class="exact"></div>', "exact"),
    # A name in text or in another attribute is no id.
    ('<script>document.querySelector("#box")</script><div class="box" data-id="box"></div>', None),
    ('<div id="box-2" class="longer"></div>', None),
])
def test_element_by_id_is_the_first_match_of_the_css_id_query(body, expected_class):
    root = root_of(f"<html><body>{body}</body></html>")
    found = element_by_id(root, "box")
    assert (found.get("class") if found is not None else None) == expected_class
    assert found is first(css(root, "#box"))
