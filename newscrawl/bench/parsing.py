"""Benchmark section: parse speed and extraction accuracy of our article parser against trafilatura and newspaper4k,
the extractors a user would otherwise pick, on each CMS family's sample article pages, per skin: the first family's
site A (both skins) and the NDSoft sample site (its three layouts, the table layout served as EUC-KR bytes).

Every extractor gets a page as the sample server serves it: our parser the bytes with the served Content-Type, as a
crawl gets them; the peers the same page as text, as the dada rows always gave them.

The floor ("lxml floor", run_floor) is the other yardstick: a hand-written lxml extractor of the four scored
fields, a few fixed XPaths per layout and nothing else, given the bytes and Content-Type as ours is.  What our
parser costs beyond it ("ours / lxml floor", our ms per page over the floor's) is what its layout detection,
fallbacks, loader, validation and the fields the floor skips cost; the issue's target is FLOOR_COST_TARGET.
Every articles/s row has a CPU row beside it: this process's CPU time per page over the same measurement.

Accuracy is scored against each site's ground truth (the expected item, read into a `Truth`): title exact, published_at
exact (ISO 8601 in KST; trafilatura gives a day only, hence the published-day row), authors as a set of names, and
the body's mean difflib similarity, with lines compared and blank lines ignored, since each extractor lays
paragraphs out its own way.  Peers' author strings are read with our byline parser, so '김태령 기자' counts as the
name 김태령.  Peers are bench-only extras (`pip install -e '.[bench]'`).
"""

import dataclasses
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from statistics import mean

import lxml.etree
import lxml.html
import trafilatura
from scrapy.http import HtmlResponse

from newscrawl.bench.common import CPU_MS_PER_PAGE, Rate, Row, measure_rate
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


# The floor: the least any parser of these pages must do.  lxml.html.fromstring on the bytes as served (decoded
# with the Content-Type's charset, EUC-KR read as CP949 as browsers do), then a few fixed XPaths per layout, the
# layout given (the floor does not detect it), no fallbacks, no loader, no validation: the page's four scored fields
# and nothing else (no subtitles, images, sections, links).  The text rules are the few these pages need: spaces
# collapsed and zero-width characters dropped, and the lines that are not body text (credits, signatures,
# copyright and TTS lines) left out.  Written for the sample pages, it must score 100% on them.

_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\ufeff"))
_DATE_TIME = re.compile(r"(\d{4})[.-](\d\d)[.-](\d\d) (\d\d):(\d\d)(?::(\d\d))?")
# [워크헤드라인=홍길동 기자] at the start of the body: a credit, not text; its name is an author's.
_DADA_CREDIT = re.compile(r"\[[^]=]+=(\S+) [^]]*\]\s*")
_DADA_NOT_BODY = re.compile(r"\S+ 기자 \S+@\S+|저작권자 ©.*")  # a signature line, the copyright line
_NDSOFT_NOT_BODY = re.compile(r"\(사진=[^)]*\)|기사를 읽어드립니다\.")  # a photo credit, the TTS line
_HTML_PARSERS = {"utf-8": lxml.html.HTMLParser(encoding="utf-8"), "euc-kr": lxml.html.HTMLParser(encoding="cp949")}
_XPATH = lxml.etree.XPath
_TEXT_AND_BR = _XPATH(".//text() | .//br")


def _clean(text: str) -> str:
    return " ".join(text.translate(_INVISIBLE).split())


def _block_text(block) -> str:
    """A paragraph's text, each <br> a line break, each line cleaned."""
    parts = _TEXT_AND_BR(block) if not isinstance(block, str) else [block]
    text = "".join(part if isinstance(part, str) else "\n" for part in parts)
    return "\n".join(line for line in map(_clean, text.split("\n")) if line)


def _floor_iso_kst(text: str) -> str | None:
    found = _DATE_TIME.search(text)
    if found is None:
        return None
    return datetime(*(int(number or 0) for number in found.groups()), tzinfo=KST).isoformat()


def _floor_names(byline: str) -> frozenset[str]:
    """Names in '김태령·박민수 기자', '정우진, 이서연 기자', '최현우 기자 choi@…': each part's first word."""
    return frozenset(part.split()[0] for part in re.split("[·,]", byline) if part.split())


def _floor_body(blocks, not_body: re.Pattern) -> str:
    lines = (_block_text(block) for block in blocks)
    return "\n\n".join(line for line in lines if line and not not_body.fullmatch(line))


# Per layout: title, published, byline (or authors) and body blocks.
_DADA_NEW = (_XPATH("string(//h3[@class='article-head-title'])"),
             _XPATH("string(//ul[@class='info-text']/li[starts-with(., '등록')])"),
             _XPATH("//div[@class='profile-box']/strong[@class='writer']/text()"),  # one box per author
             _XPATH("//div[@class='fr-view']/*[self::p or self::div][not(.//img or .//iframe)]"))
_DADA_OLD = (_XPATH("string(//div[contains(@class, 'titleWrap')]/strong)"),
             _XPATH("string(//div[@class='registModifyDate']//li[1]/span)"),
             _XPATH("string(//div[@class='else-area']/p)"),
             # Paragraphs, or the legacy body's text nodes between <br><br>.
             _XPATH("//div[@id='viewContent']/p[not(.//img) and not(@class='copyright')]"
                    " | //div[@id='viewContent']/text()"))
_NDSOFT = {
    ndsoft.content.SKIN_CURRENT: (
        _XPATH("string(//h3[@class='heading'])"),
        _XPATH("string(//ul[@class='infomation']/li[contains(., '입력')])"),
        _XPATH("string(//ul[@class='infomation']/li[1]/text())"),  # after the screen-reader '기자명'
        _XPATH("//article[@id='article-view-content-div']/p")),
    ndsoft.content.SKIN_USER_CONTAINER: (
        _XPATH("string(//div[@class='article-head-title'])"),
        _XPATH("string(//ul[@class='info-text']/li[contains(., '승인')])"),
        _XPATH("substring-after(//ul[@class='info-text']/li[1], '• ')"),
        _XPATH("//div[@id='article-view-content-div']/p")),
    ndsoft.content.SKIN_TABLE: (  # the body's last two paragraphs are the byline and the copyright line
        _XPATH("string(//td[@class='View_Title'])"),
        _XPATH("string(//td[@class='View_Info'])"),
        _XPATH("string(//div[@id='article-view-content-div']/p[last() - 1])"),
        _XPATH("//div[@id='article-view-content-div']/p[position() < last() - 1]")),
}


def _floor_dada(root, layout) -> Extraction:
    title, published, authors, blocks = (xpath(root) for xpath in layout)
    blocks = list(blocks)
    names = {writer.split()[0] for writer in authors} if layout is _DADA_NEW else set(_floor_names(authors))
    # The credit opens the first paragraph (or is the first paragraph).
    for number, block in enumerate(blocks):
        first = _block_text(block)
        if first:
            credit = _DADA_CREDIT.match(first)
            if credit:
                names.add(credit.group(1))
                blocks[number] = first[credit.end():]
            break
    return Extraction(_clean(title), _floor_iso_kst(published), frozenset(names), _floor_body(blocks, _DADA_NOT_BODY))


def run_floor(page: Page) -> Extraction:
    charset = page.content_type.partition("charset=")[2].lower() or "utf-8"
    root = lxml.html.fromstring(page.encoded, parser=_HTML_PARSERS[charset])
    if page.family is DADA:
        return _floor_dada(root, _DADA_NEW if page.skin == "new" else _DADA_OLD)
    title, published, byline, blocks = (xpath(root) for xpath in _NDSOFT[page.skin])
    return Extraction(_clean(title), _floor_iso_kst(published), _floor_names(byline),
                      _floor_body(blocks, _NDSOFT_NOT_BODY))


@dataclass(frozen=True)
class Extractor:
    name: str
    run: Callable[[Page], object]  # what is timed: the extractor's own call on the page
    read: Callable[[object], Extraction]


OURS = Extractor("ours", run_ours, read_ours)
FLOOR = Extractor("lxml floor", run_floor, lambda extraction: extraction)
# The target: our parser within this many times the floor's cost per page.
FLOOR_COST_TARGET = 2.5
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


def _speed_rows(name: str, rate: Rate) -> list[Row]:
    """An extractor's articles/s row and its CPU row (this process's CPU time per page)."""
    return [(name, rate.per_second, "articles/s"), (f"{name}, CPU", rate.cpu_ms_per_call, CPU_MS_PER_PAGE)]


def _floor_ratio_row(label: str, ours: Rate, floor: Rate) -> Row:
    # A cost ratio, unlike the peers' speed ratios: our ms per page over the floor's (lower is better).
    return (f"parse: ours / {FLOOR.name}, {label}", ours.ms_per_call / floor.ms_per_call,
            f"x the floor's ms/page (target <= {FLOOR_COST_TARGET})")


def _peer_ratio_row(label: str, peer: Extractor, ours: Rate, theirs: Rate) -> Row:
    return (f"parse: ours / {peer.name}, {label}", ours.per_second / theirs.per_second, "x")


def bench_family(family: Family) -> list[Row]:
    pages = family.pages()
    by_skin = {skin: [page for page in pages if page.skin == skin] for skin in family.skins}
    speed_rows, ratio_rows = [], []
    for skin, label in family.skins.items():
        ours = measure_rate(OURS.run, by_skin[skin])
        speed_rows += _speed_rows(f"parse: ours, {label} ({len(by_skin[skin])} pages)", ours)
        floor = measure_rate(FLOOR.run, by_skin[skin])
        speed_rows += _speed_rows(f"parse: {FLOOR.name}, {label}", floor)
        ratio_rows.append(_floor_ratio_row(label, ours, floor))
        for peer in PEERS:
            theirs = measure_rate(peer.run, by_skin[skin])
            speed_rows += _speed_rows(f"parse: {peer.name}, {label}", theirs)
            ratio_rows.append(_peer_ratio_row(label, peer, ours, theirs))
    prefix = f"{family.name}, " if family.name else ""
    accuracy_rows = [
        (f"accuracy: {extractor.name}, {prefix}{field}", score,
         "% of pages" if field != "body similarity" else "% similar")
        for extractor in (OURS, FLOOR, *PEERS)
        for field, score in accuracy(extractor, pages).items()
    ]
    return speed_rows + ratio_rows + accuracy_rows


# Sidebar boxes added to the NDSoft current-skin pages for the page-size rows (ndsoft.pages.with_sidebar says why).
SIDEBAR_BOXES = (5, 20)


def padded_page(page: Page, boxes: int) -> Page:
    html = ndsoft.pages.with_sidebar(ndsoft.DATA, page.html, boxes)
    return dataclasses.replace(page, html=html, encoded=html.encode("utf-8"))


def bench_page_size() -> list[Row]:
    """How each extractor's cost grows with the page: the NDSoft current-skin pages with sidebar boxes."""
    pages = [page for page in ndsoft_sample_pages() if page.skin == ndsoft.content.SKIN_CURRENT]
    rows = []
    for boxes in SIDEBAR_BOXES:
        padded = [padded_page(page, boxes) for page in pages]
        label = f"ndsoft current-skin + {boxes} sidebar boxes ({mean(len(page.encoded) for page in padded) / 1024:.0f} KB)"
        trafilatura_peer = PEERS[0]
        ours, floor, theirs = (measure_rate(extractor.run, padded) for extractor in (OURS, FLOOR, trafilatura_peer))
        rows += [(f"parse: ours, CPU, {label}", ours.cpu_ms_per_call, CPU_MS_PER_PAGE),
                 _floor_ratio_row(label, ours, floor),
                 _peer_ratio_row(label, trafilatura_peer, ours, theirs)]
    return rows


def bench_parsing() -> list[Row]:
    return [row for family in FAMILIES for row in bench_family(family)] + bench_page_size()
