"""The scripted sample site, `sample_site.start(scripted=True)`: two sections whose lists are written for a browser.

* SCRIPT_BUILT_SECTION (경제): each list page prints an empty `div.basicList ul` and an inline script that fills it
  from JSON when the page loads, as some sites of this CMS do. Without a browser the list looks empty.
* SCRIPT_LINKED_SECTION (문화): the list is in the HTML, but its entries link `javascript:article_view('N')`.

Everything else, the articles included, is the default site's, so the ground truth (ARTICLES) holds unchanged.
"""

from __future__ import annotations

import json
import re

from . import pages, server
from .content import SampleArticle, SiteData

SCRIPT_BUILT_SECTION = "m2k4p9a"
SCRIPT_LINKED_SECTION = "m5q7r3z"

# Builds each entry in the server-rendered list's markup; text goes in through textContent, never as markup.
LIST_BUILDER_SCRIPT = """<script>
(function () {
  var entries = %s;
  var list = document.querySelector('div.basicList > ul');
  entries.forEach(function (entry) {
    var item = document.createElement('li');
    item.innerHTML = '<dl><dt class="title"><a></a></dt><dd class="content"><a></a></dd>'
      + '<dd class="registDate"></dd></dl>';
    item.querySelectorAll('a').forEach(function (link) { link.setAttribute('href', entry.href); });
    item.querySelector('dt.title a').textContent = entry.title;
    item.querySelector('dd.content a').textContent = entry.teaser;
    item.querySelector('dd.registDate').textContent = entry.date;
    list.appendChild(item);
  });
})();
</script>"""


def _list_json(articles: list[SampleArticle]) -> str:
    entries = [{"href": pages.href(article), "title": article.title, "teaser": article.teaser,
                "date": article.published_date} for article in articles]
    # "</" would end the <script> element early.
    return json.dumps(entries).replace("</", "<\\/")


def render_section_list(data: SiteData, mcode: str, page: int) -> str:
    """A list page of one of the two scripted sections."""
    articles = data.list_page(mcode, page)
    pager = pages._pager(f"mcode={pages.esc(mcode)}", page, data.page_count(mcode))
    heading = data.section(mcode).name
    if mcode == SCRIPT_BUILT_SECTION:
        return pages._list_page(data, heading, "", f"{LIST_BUILDER_SCRIPT % _list_json(articles)}\n  {pager}", None)
    return pages._list_page(data, heading, pages._list_items(articles, page, link_form="js"), pager, None)


def news_list(app: server.App, request: server.Request, match: re.Match) -> server.Response:
    mcode = (request.param("mcode") or "").strip()
    if mcode not in (SCRIPT_BUILT_SECTION, SCRIPT_LINKED_SECTION):
        return server.news_list(app, request, match)
    return server.Response(body=render_section_list(app.data, mcode, max(request.int_param("page", 1) or 1, 1)))


def install(app: server.App) -> None:
    """Turn an App into the scripted site."""
    app.add_route(r"/news/list\.php", news_list)
