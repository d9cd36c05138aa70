"""Benchmark section: parse speed and extraction accuracy of our article parser against trafilatura and newspaper4k,
the extractors a user would otherwise pick, on the sample site's article pages (both skins).

Accuracy is scored against the sample site's ground truth (`SampleArticle.expected`): title exact, published_at
exact (ISO 8601 in KST; trafilatura gives a day only, hence the published-day row), authors as a set of names, and
the body's mean difflib similarity, with lines compared and blank lines ignored, since each extractor lays
paragraphs out its own way.  Peers' author strings are read with our byline parser, so '김태령 기자' counts as the
name 김태령.  Peers are bench-only extras (`pip install -e '.[bench]'`).
"""

import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from statistics import mean

import trafilatura
from scrapy.http import HtmlResponse

from newscrawl.bench.common import Row, calls_per_second
from newscrawl.normalizers.bylines import parse_byline
from newscrawl.normalizers.dates import KST
from newscrawl.cms.dada import DADA
from newscrawl.sample_site import ARTICLES, DATA, SampleArticle
from newscrawl.sample_site.pages import render_article
from newscrawl.spiders.seoul_news import LIVE_SITE

# newspaper4k warns at import that NLTK is missing: its Korean tokenizer is replaced below, and nlp() is not measured.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="nltk is not installed")
    import newspaper
    import newspaper.text
    from newspaper.languages import ko as newspaper_korean

# newspaper4k's Korean tokenizer is NLTK's word_tokenize, which needs the punkt_tab data that NLTK downloads at
# run time (there is no network here).  newspaper4k's own tokenizer, which splits on spaces and punctuation, is a
# close stand-in for Korean and leaves the extraction algorithm as it is.
newspaper_korean.tokenizer = newspaper.text.default_tokenizer

SKINS = {"new": "newer skin", "old": "older skin"}


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    encoded: bytes  # the html as served, for the parser that reads bytes off the wire
    truth: SampleArticle


@dataclass(frozen=True)
class Extraction:
    title: str | None
    published_at: str | None  # ISO 8601 in KST, or the day alone when that is all an extractor gives
    author_names: frozenset[str]
    body: str


def _kst_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    return moment.astimezone(KST).isoformat(timespec="seconds")


def _names(bylines: list[str]) -> frozenset[str]:
    return frozenset(author["name"] for byline in bylines for author in parse_byline(byline))


def run_ours(page: Page) -> dict:
    return DADA.article_page(HtmlResponse(page.url, body=page.encoded, encoding="utf-8")).item


def read_ours(item: dict) -> Extraction:
    names = frozenset(author["name"] for author in item["authors"])
    return Extraction(item["title"], item["published_at"], names, item["body"])


def run_trafilatura(page: Page) -> str | None:
    return trafilatura.extract(page.html, url=page.url, with_metadata=True, output_format="json")


def read_trafilatura(output: str | None) -> Extraction:
    document = json.loads(output) if output else {}
    # Several authors come joined by '; '.
    bylines = (document.get("author") or "").split(";")
    return Extraction(document.get("title"), document.get("date"), _names(bylines), document.get("text") or "")


def run_newspaper(page: Page) -> newspaper.Article:
    # Without fetch_images it downloads every photo to pick the top image: network time, not parsing.
    article = newspaper.Article(page.url, language="ko", fetch_images=False)
    article.download(input_html=page.html)
    article.parse()
    return article


def read_newspaper(article: newspaper.Article) -> Extraction:
    return Extraction(article.title or None, _kst_iso(article.publish_date), _names(article.authors), article.text)


@dataclass(frozen=True)
class Extractor:
    name: str
    run: Callable[[Page], object]  # what is timed: the extractor's own call on the page
    read: Callable[[object], Extraction]


OURS = Extractor("ours", run_ours, read_ours)
PEERS = (
    Extractor("trafilatura", run_trafilatura, read_trafilatura),
    Extractor("newspaper4k", run_newspaper, read_newspaper),
)


def sample_pages() -> list[Page]:
    pages = []
    for article in ARTICLES:
        html = render_article(DATA, article, LIVE_SITE)
        pages.append(Page(article.url(LIVE_SITE), html, html.encode("utf-8"), article))
    return pages


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_similarity(body: str, expected: str) -> float:
    return SequenceMatcher(None, "\n".join(_lines(body)), "\n".join(_lines(expected)), autojunk=False).ratio()


# Field -> whether (or how far, 0..1) an extraction got it right for the page's ground truth.
FIELD_SCORES: dict[str, Callable[[Extraction, SampleArticle], float]] = {
    "title": lambda got, truth: got.title == truth.title,
    "published_at": lambda got, truth: got.published_at == truth.published_at,
    "published day": lambda got, truth: (got.published_at or "")[:10] == truth.published_date,
    "authors": lambda got, truth: got.author_names == {author["name"] for author in truth.authors},
    "body similarity": lambda got, truth: body_similarity(got.body, truth.expected_body),
}


def accuracy(extractor: Extractor, pages: list[Page]) -> dict[str, float]:
    """Field -> the mean score over the pages, in percent."""
    extractions = [(extractor.read(extractor.run(page)), page.truth) for page in pages]
    return {field: 100 * mean(score(got, truth) for got, truth in extractions) for field, score in FIELD_SCORES.items()}


def bench_parsing() -> list[Row]:
    pages = sample_pages()
    by_skin = {skin: [page for page in pages if page.truth.skin == skin] for skin in SKINS}
    speed_rows, ratio_rows = [], []
    for skin, label in SKINS.items():
        ours = calls_per_second(OURS.run, by_skin[skin])
        speed_rows.append((f"parse: ours, {label} ({len(by_skin[skin])} pages)", ours, "articles/s"))
        for peer in PEERS:
            theirs = calls_per_second(peer.run, by_skin[skin])
            speed_rows.append((f"parse: {peer.name}, {label}", theirs, "articles/s"))
            ratio_rows.append((f"parse: ours / {peer.name}, {label}", ours / theirs, "x"))
    accuracy_rows = [
        (f"accuracy: {extractor.name}, {field}", score, "% of pages" if field != "body similarity" else "% similar")
        for extractor in (OURS, *PEERS)
        for field, score in accuracy(extractor, pages).items()
    ]
    return speed_rows + ratio_rows + accuracy_rows
