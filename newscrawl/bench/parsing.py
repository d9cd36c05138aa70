"""Benchmark section: parse speed and extraction accuracy of our article parser against trafilatura and newspaper4k,
the extractors a user would otherwise pick, on each CMS family's sample article pages, per skin: the first family's
site A (both skins) and the NDSoft sample site (its three layouts, the table layout served as EUC-KR bytes).

Every extractor gets a page as the sample server serves it: our parser the bytes with the served Content-Type, as a
crawl gets them; the peers the same page as text, as the dada rows always gave them.

Accuracy is scored against each site's ground truth (the expected item, read into a `Truth`): title exact, published_at
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
from newscrawl.cms.article import LayoutFamily
from newscrawl.cms.dada import DADA
from newscrawl.cms.ndsoft import NDSOFT
from newscrawl.sample_site import ARTICLES, DATA, ndsoft
from newscrawl.sample_site.pages import render_article
from newscrawl.sample_site.server import make_request
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
# The NDSoft sample site's skins, named as its layouts are in our parser's provenance (layout:current-skin, ...).
NDSOFT_SKINS = {
    ndsoft.content.SKIN_CURRENT: "current-skin",
    ndsoft.content.SKIN_USER_CONTAINER: "user-container",
    ndsoft.content.SKIN_TABLE: "table-layout",
}
# A live NDSoft site's base URL (the first of newscrawl/sites.toml's) for the sample pages' URLs, as LIVE_SITE is
# for site A's.
NDSOFT_LIVE_SITE = "https://www.kyongbuk.co.kr"
UTF8_HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Truth:
    """The fields scored, read from an expected item (the sample sites' `expected(base_url)` dicts)."""

    title: str
    published_at: str  # ISO 8601 in KST
    published_date: str  # its day, YYYY-MM-DD
    author_names: frozenset[str]
    body: str

    @classmethod
    def from_expected(cls, item: dict) -> "Truth":
        return cls(item["title"], item["published_at"], item["published_at"][:10],
                   frozenset(author["name"] for author in item["authors"]), item["body"])


@dataclass(frozen=True)
class Page:
    family: LayoutFamily  # our parser for it
    skin: str
    url: str
    html: str  # the page as text, for the peers
    encoded: bytes  # the page as served, for the parser that reads bytes off the wire
    content_type: str  # the Content-Type header it was served with (its charset tells the parser how to decode)
    truth: Truth


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
    response = HtmlResponse(page.url, body=page.encoded, headers={"Content-Type": page.content_type})
    return page.family.article_page(response).item


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
    """Site A's article pages (the first family), at LIVE_SITE."""
    pages = []
    for article in ARTICLES:
        html = render_article(DATA, article, LIVE_SITE)
        pages.append(Page(DADA, article.skin, article.url(LIVE_SITE), html, html.encode("utf-8"), UTF8_HTML,
                          Truth.from_expected(article.expected(LIVE_SITE))))
    return pages


def ndsoft_sample_pages(base_url: str = NDSOFT_LIVE_SITE) -> list[Page]:
    """The NDSoft sample site's article pages at `base_url`, exactly as its server answers them (the table layout's
    as CP949 bytes with charset=euc-kr): its own route table is asked, without a socket."""
    app = ndsoft.NdsoftApp()
    pages = []
    for article in ndsoft.ARTICLES:
        request = make_request("GET", article.path, {}, base_url.rstrip("/"))
        response = app.handle(request)
        if response.status != 200:
            raise RuntimeError(f"the NDSoft sample site answers {article.path} with {response.status}")
        encoded, content_type = response.encoded(), response.content_type_header()
        charset = content_type.partition("charset=")[2] or "utf-8"
        html = encoded.decode("cp949" if charset.lower() == "euc-kr" else charset)
        pages.append(Page(NDSOFT, article.skin, article.url(base_url), html, encoded, content_type,
                          Truth.from_expected(article.expected(base_url))))
    return pages


@dataclass(frozen=True)
class Family:
    """One CMS family's sample pages and how its rows are named."""

    name: str  # in the accuracy rows ('' for the first family, whose rows the README quotes without it)
    skins: dict[str, str]  # skin -> its label in the speed rows
    pages: Callable[[], list[Page]]


FAMILIES = (
    Family("", SKINS, sample_pages),
    Family("ndsoft", {skin: f"ndsoft {label}" for skin, label in NDSOFT_SKINS.items()}, ndsoft_sample_pages),
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_similarity(body: str, expected: str) -> float:
    return SequenceMatcher(None, "\n".join(_lines(body)), "\n".join(_lines(expected)), autojunk=False).ratio()


# Field -> whether (or how far, 0..1) an extraction got it right for the page's ground truth.
FIELD_SCORES: dict[str, Callable[[Extraction, Truth], float]] = {
    "title": lambda got, truth: got.title == truth.title,
    "published_at": lambda got, truth: got.published_at == truth.published_at,
    "published day": lambda got, truth: (got.published_at or "")[:10] == truth.published_date,
    "authors": lambda got, truth: got.author_names == truth.author_names,
    "body similarity": lambda got, truth: body_similarity(got.body, truth.body),
}


def accuracy(extractor: Extractor, pages: list[Page]) -> dict[str, float]:
    """Field -> the mean score over the pages, in percent."""
    extractions = [(extractor.read(extractor.run(page)), page.truth) for page in pages]
    return {field: 100 * mean(score(got, truth) for got, truth in extractions) for field, score in FIELD_SCORES.items()}


def bench_family(family: Family) -> list[Row]:
    pages = family.pages()
    by_skin = {skin: [page for page in pages if page.skin == skin] for skin in family.skins}
    speed_rows, ratio_rows = [], []
    for skin, label in family.skins.items():
        ours = calls_per_second(OURS.run, by_skin[skin])
        speed_rows.append((f"parse: ours, {label} ({len(by_skin[skin])} pages)", ours, "articles/s"))
        for peer in PEERS:
            theirs = calls_per_second(peer.run, by_skin[skin])
            speed_rows.append((f"parse: {peer.name}, {label}", theirs, "articles/s"))
            ratio_rows.append((f"parse: ours / {peer.name}, {label}", ours / theirs, "x"))
    prefix = f"{family.name}, " if family.name else ""
    accuracy_rows = [
        (f"accuracy: {extractor.name}, {prefix}{field}", score,
         "% of pages" if field != "body similarity" else "% similar")
        for extractor in (OURS, *PEERS)
        for field, score in accuracy(extractor, pages).items()
    ]
    return speed_rows + ratio_rows + accuracy_rows


def bench_parsing() -> list[Row]:
    return [row for family in FAMILIES for row in bench_family(family)]
