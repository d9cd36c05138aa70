"""`scrapy sitecheck` through the real command line (the sample sites, saved pages, a refused port, bad arguments,
sites without article links or readable articles), and its judgement (newscrawl.sitecheck) table by table."""

import re
import subprocess
import sys

import pytest

from newscrawl import sample_site, settings
from newscrawl.cms.base import ArticleLink, NotAnArticle, SectionHint
from newscrawl.cms.dada import DADA
from newscrawl.demo import scrapy_environment
from newscrawl.runs import (EXIT_BAD_ARGUMENTS, EXIT_MARKUP_DRIFT, EXIT_NOTHING_FOUND, EXIT_OK,
                            EXIT_SITE_UNREACHABLE)
from newscrawl.sample_site import Response
from newscrawl.provenance import TRACED_FIELDS
from newscrawl.fetching import NotFetched
from newscrawl.sitecheck import (ArticleCheck, FieldRow, Finding, SiteCheck, Verdict, aligned, article_row,
                                 check_article, columns, judge, judge_paging, plain_source, report, sample_order,
                                 shorten, shown, site_for)
from tests.crawling import free_port
from tests.paths import REPOSITORY

# The sample sites are our own loopback servers: no politeness delays, short retry waits.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "NEWSCRAWL_RETRY_BACKOFF_BASE=0.05")
PAGES = REPOSITORY / "tests" / "pages"
SAVED = PAGES / "sitecheck"
REQUIRED_OK = {"title": "ok", "published_at": "ok", "authors": "ok", "body": "ok"}


def scrapy_sitecheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "sitecheck", *args, *FAST], cwd=REPOSITORY,
                          env=scrapy_environment(), capture_output=True, text=True, timeout=120)


def cells(line: str) -> list[str]:
    """A printed table row's cells: columns are two or more spaces apart, values never hold two spaces."""
    return re.split(r" {2,}", line.strip())


def block(stdout: str, heading: str) -> list[list[str]]:
    """The rows under a heading line ("pages", "conclusion", "article URL (...)"), up to the next blank line."""
    lines = stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line == heading or line.startswith(f"{heading} ("))
    rows = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        rows.append(cells(line))
    return rows


def field_table(stdout: str, url: str) -> dict[str, tuple[str, ...]]:
    """Field -> (value, source, verdict) of the article printed as `url`."""
    header, *rows = block(stdout, f"article {url}")
    assert header == ["field", "value", "source", "verdict"]
    return {name: tuple(rest) for name, *rest in rows}


def verdicts(table: dict[str, tuple[str, ...]], names=REQUIRED_OK) -> dict[str, str]:
    return {name: table[name][2] for name in names}


def verdict_line(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("verdict: ")]
    return line


def serve(site, pages: dict[str, str]):
    """Serves the saved page named for each path instead of the sample site's own (robots.txt stays)."""
    site.app.add_hook(lambda app, request: Response(body=(SAVED / pages[request.path]).read_text("utf-8"))
                      if request.path in pages else None)
    return site


# Through the command line
def test_the_sample_site_is_ready_for_a_first_crawl(site):
    user_agents = set()
    site.app.add_hook(lambda app, request: user_agents.add(request.headers.get("user-agent")))
    result = scrapy_sitecheck(f"{site.base_url}/")
    assert (result.returncode, result.stderr) == (EXIT_OK, "")
    base = site.base_url
    assert block(result.stdout, "pages") == [
        ["kind", "url", "found", "verdict"],
        ["home", f"{base}/", "4 sections, 24 article links", "ok: family dada (다다미디어)"],
        ["list", f"{base}/news/list.php?mcode=m71w8xw", "사회 (m71w8xw): 10 articles", "ok"],
        ["list", f"{base}/news/list.php?mcode=m2k4p9a", "경제 (m2k4p9a): 10 articles", "ok"],
        ["list", f"{base}/news/list.php?mcode=m5q7r3z", "문화 (m5q7r3z): 10 articles", "ok"],
        ["list, page 2", f"{base}/news/list.php?mcode=m71w8xw&page=2", "사회 (m71w8xw): 10 articles", "ok"],
        # The first entry of each section's list: the sample spans the sections, and so both skins.
        ["article", f"{base}/news/view.php?idx=946", "older skin", "ok"],
        ["article", f"{base}/news/view.php?idx=943", "newer skin", "ok"],
        ["article", f"{base}/news/view.php?idx=955", "older skin", "ok"],
        ["previous article", f"{base}/news/view.php?idx=940", "older skin", "ok"],
    ]
    for idx, skin in ((946, "older skin"), (943, "newer skin"), (955, "older skin")):
        table = field_table(result.stdout, f"{base}/news/view.php?idx={idx}")
        truth = sample_site.ARTICLES_BY_IDX[idx].expected(base)
        assert verdicts(table) == REQUIRED_OK
        assert table["title"] == (truth["title"], skin, "ok")
        assert table["published_at"] == (truth["published_at"], skin, "ok")
        assert table["authors"][0] == " ".join((truth["authors"][0]["name"], truth["authors"][0]["role"]))
        assert table["body"][0].startswith(truth["body"].split("\n")[0][:20])
        # Not every article is edited: an optional field's absence is a remark, not a problem.
        assert table["modified_at"] == ("-", "none", "optional, no modified time found in the header's date lines")
    assert block(result.stdout, "conclusion") == [
        ["family", "dada (다다미디어), layouts: older-skin 2, newer-skin 1"],
        ["paging", "works: page 2 of 사회 (m71w8xw) lists 10 articles that page 1 does not"],
        ["prev/next", "works: article 946's previous-article link opens article 940 (older skin)"],
    ]
    assert verdict_line(result.stdout) == ("verdict: ok: title, published_at, authors, body read by the layouts' own "
                                           "markup on every article checked (3): ready for a first crawl")
    # Politely, and no more than it said: robots.txt first, then each page once.
    assert site.requests == [
        "/robots.txt", "/", "/news/list.php?mcode=m71w8xw", "/news/list.php?mcode=m2k4p9a",
        "/news/list.php?mcode=m5q7r3z", "/news/list.php?mcode=m71w8xw&page=2", "/news/view.php?idx=946",
        "/news/view.php?idx=943", "/news/view.php?idx=955", "/news/view.php?idx=940",
    ]
    # The project's own User-Agent, contact and all, on every request.
    assert user_agents == {settings.USER_AGENT.replace("{contact}", settings.NEWSCRAWL_CONTACT)}


def test_a_site_that_ignores_the_page_parameter_is_told_its_paging_does_not_work():
    # Site B pages its lists by a board_data offset; on a host the registry does not know, the check pages by
    # the default &page=N, which site B ignores.
    with sample_site.start(site="b") as site_b:
        result = scrapy_sitecheck(f"{site_b.base_url}/", "--sections", "1", "--articles", "1")
    assert (result.returncode, result.stderr) == (EXIT_OK, "")
    assert ["list, page 2", f"{site_b.base_url}/news/list.php?mcode=mrgn24k&page=2", "지역 (mrgn24k): 15 articles",
            "DOES NOT WORK"] in block(result.stdout, "pages")
    assert block(result.stdout, "conclusion")[1] == [
        "paging", "DOES NOT WORK: page 2 of 지역 (mrgn24k) lists the same articles as page 1: the site may page its "
                  "lists another way (a site record's list_paging: page or board_data)"]
    assert verdict_line(result.stdout).endswith(
        "on every article checked (1); but paging did not work: see the conclusion")


def test_saved_pages_name_a_missing_byline_and_a_title_read_from_the_meta_tags():
    result = scrapy_sitecheck(str(SAVED / "no_byline.html"), str(SAVED / "meta_title.html"))
    assert (result.returncode, result.stderr) == (EXIT_MARKUP_DRIFT, "")
    no_byline = field_table(result.stdout, "https://www.workheadline.co.kr/news/view.php?idx=961")
    assert verdicts(no_byline) == {
        **REQUIRED_OK, "authors": "MISSING: no byline found in the header or the profile box"}
    assert no_byline["authors"][:2] == ("[]", "none")
    meta_title = field_table(result.stdout, "https://www.workheadline.co.kr/news/view.php?idx=962")
    assert verdicts(meta_title) == {
        **REQUIRED_OK, "title": "FALLBACK: read from the og:title meta tag, not the layout's markup"}
    assert meta_title["title"][:2] == ("마포구, 어린이 물놀이터 7곳 개장", "meta og:title")
    assert block(result.stdout, "pages")[1:] == [
        ["saved page", str(SAVED / "no_byline.html"), "newer skin", "DRIFT: authors MISSING"],
        ["saved page", str(SAVED / "meta_title.html"), "newer skin", "DRIFT: title FALLBACK"],
    ]
    assert verdict_line(result.stdout) == (
        "verdict: MARKUP DRIFT: authors missing on 1 of 2 articles; title read by a fallback on 1 of 2 articles: "
        "the layouts do not read this site's markup (see the FALLBACK and MISSING lines)")


@pytest.mark.parametrize(("page", "expected"), [
    ("meta_only.html", {
        "title": "FALLBACK: read from the og:title meta tag, not the layout's markup",
        "published_at": "FALLBACK: read from the article:published_time meta tag, not the layout's markup",
        "authors": "FALLBACK: read from the author meta tag, not the layout's markup",
        "body": "FALLBACK: read from a heuristic (largest text block), not the layout's markup",
    }),
    ("heuristic_only.html", {
        "title": "FALLBACK: read from a heuristic (h1), not the layout's markup",
        "published_at": "MISSING: no published time found in the header's date lines",
        "authors": "MISSING: no byline found in the header or the profile box",
        "body": "FALLBACK: read from a heuristic (largest text block), not the layout's markup",
    }),
])
def test_a_saved_page_without_a_url_of_its_own_is_read_at_the_url_given(page, expected):
    url = "https://www.workheadline.co.kr/news/view.php?idx=901"
    result = scrapy_sitecheck(str(PAGES / page), "--url", url)
    assert (result.returncode, result.stderr) == (EXIT_MARKUP_DRIFT, "")
    assert verdicts(field_table(result.stdout, url)) == expected


def test_a_refused_connection_is_one_line_and_exit_7():
    port = free_port()
    result = scrapy_sitecheck(f"http://127.0.0.1:{port}/")
    assert (result.returncode, result.stdout) == (EXIT_SITE_UNREACHABLE, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newscrawl sitecheck: could not fetch the home page http://127.0.0.1:{port}/: ")
    assert "ConnectionRefusedError" in line


@pytest.mark.parametrize(("args", "message"), [
    ((), "give a site's URL (https://HOST/) or saved article pages (PAGE.html ...)"),
    (("workheadline.co.kr",), "'workheadline.co.kr' is neither an http(s) URL nor an existing file"),
    (("https://www.workheadline.co.kr/", "--sections", "0"), "--sections 0: expected a whole number from 1 to 20"),
    (("https://www.workheadline.co.kr/", "--articles", "three"),
     "--articles three: expected a whole number from 1 to 20"),
    (("https://www.workheadline.co.kr/", "--articles", "500"), "--articles 500: expected a whole number from 1 to 20"),
    (("https://www.workheadline.co.kr/", "--family", "wordpress"), "unknown family 'wordpress'; the families are dada, ndsoft"),
    (("https://www.workheadline.co.kr/", "--url", "https://www.workheadline.co.kr/news/view.php?idx=1"),
     "--url is for a saved page; a site is checked at the URL given"),
    ((str(SAVED / "no_byline.html"), "--sections", "2"),
     "--sections, --articles and --user-agent are for a site's URL, not for saved pages"),
    ((str(PAGES / "meta_only.html"),),
     f"{PAGES / 'meta_only.html'} names no URL (no <link rel=canonical> or og:url): give it with --url URL"),
    ((str(PAGES / "meta_only.html"), "--url", "https://www.workheadline.co.kr/news/list.php?mcode=m71w8xw"),
     f"{PAGES / 'meta_only.html'}: https://www.workheadline.co.kr/news/list.php?mcode=m71w8xw is not an article URL "
     "of the dada or ndsoft family"),
])
def test_bad_arguments_are_one_line_and_exit_2(args, message):
    result = scrapy_sitecheck(*args)
    assert (result.returncode, result.stdout, result.stderr) == (
        EXIT_BAD_ARGUMENTS, "", f"newscrawl sitecheck: {message}\n")


def test_a_site_whose_pages_link_no_article_exits_4(site):
    serve(site, {"/": "menu_only_home.html", "/news/list.php": "empty_list.html"})
    result = scrapy_sitecheck(f"{site.base_url}/")
    assert (result.returncode, result.stderr) == (EXIT_NOTHING_FOUND, "")
    assert block(result.stdout, "pages")[1:] == [
        ["home", f"{site.base_url}/", "2 sections, 0 article links", "ok: family dada (다다미디어)"],
        ["list", f"{site.base_url}/news/list.php?mcode=m71w8xw", "사회 (m71w8xw): 0 articles",
         "EMPTY: no article listed"],
        ["list", f"{site.base_url}/news/list.php?mcode=m2k4p9a", "경제 (m2k4p9a): 0 articles",
         "EMPTY: no article listed"],
    ]
    assert block(result.stdout, "conclusion")[1] == ["paging", "not confirmed: no list page listed an article"]
    assert verdict_line(result.stdout) == "verdict: NOTHING FOUND: no article link on the pages fetched"


def test_a_home_page_no_family_reads_exits_4(site):
    serve(site, {"/": "no_menu_home.html"})
    result = scrapy_sitecheck(f"{site.base_url}/")
    assert (result.returncode, result.stderr) == (EXIT_NOTHING_FOUND, "")
    assert block(result.stdout, "pages")[1:] == [
        ["home", f"{site.base_url}/", "no section links", "MISSING: no family (dada, ndsoft) reads a menu on it"]]
    assert site.requests == ["/robots.txt", "/"]


@pytest.mark.parametrize(("article", "exit_code", "verdict"), [
    (Response(status=500, body="busy"), EXIT_SITE_UNREACHABLE, "UNREACHABLE: no article page could be fetched"),
    (Response(body=(PAGES / "no_headline.html").read_text("utf-8")), EXIT_MARKUP_DRIFT,
     "MARKUP DRIFT: no page at an article link read as an article (2 pages tried)"),
])
def test_article_pages_that_give_no_article(site, article, exit_code, verdict):
    site.app.add_hook(lambda app, request: article if request.path == "/news/view.php" else None)
    result = scrapy_sitecheck(f"{site.base_url}/", "--sections", "1", "--articles", "1")
    assert (result.returncode, result.stderr) == (exit_code, "")
    # Each listed article that gives none is replaced by the next link, once.
    assert [row[0] for row in block(result.stdout, "pages")].count("article") == 2
    assert verdict_line(result.stdout) == f"verdict: {verdict}"


# The judgement, table by table
@pytest.mark.parametrize(("field", "value", "label", "expected"), [
    ("title", "제목", "layout:newer-skin", Verdict("ok", "ok")),
    ("authors", [{"name": "김태령", "role": "기자", "email": None}], "family:profile-box", Verdict("ok", "ok")),
    ("section", "사회", "link:list-page", Verdict("ok", "ok")),
    ("title", "제목", "meta:og:title",
     Verdict("FALLBACK", "FALLBACK: read from the og:title meta tag, not the layout's markup")),
    ("title", "제목", "heuristic:h1",
     Verdict("FALLBACK", "FALLBACK: read from a heuristic (h1), not the layout's markup")),
    ("authors", [], "none", Verdict("MISSING", "MISSING: no byline found in the header or the profile box")),
    # An empty value is missing whatever step was read.
    ("body", "", "layout:older-skin", Verdict("MISSING", "MISSING: no body text found in the article's body box")),
    ("published_at", None, "none", Verdict("MISSING", "MISSING: no published time found in the header's date lines")),
    ("modified_at", None, "none",
     Verdict("MISSING", "optional, no modified time found in the header's date lines")),
    ("subtitles", ["부제"], "meta:og:description",
     Verdict("FALLBACK", "optional, read from the og:description meta tag, not the layout's markup")),
])
def test_judge(field, value, label, expected):
    assert judge(field, value, label, DADA.field_places[field]) == expected


def test_check_article_judges_every_traced_field_where_its_family_prints_it():
    class PlacelessFamily(type(DADA)):
        field_places = {}

    item = {**sample_site.ARTICLES_BY_IDX[828].expected("https://www.workheadline.co.kr"), "authors": []}
    item["provenance"] = {name: "layout:newer-skin" for name in TRACED_FIELDS} | {
        "title": "meta:og:title", "authors": "none"}
    for family, place in ((DADA, "the header or the profile box"), (PlacelessFamily(), "the page")):
        check = check_article(item, family)
        assert [row.field for row in check.rows] == list(TRACED_FIELDS)
        assert (check.url, check.layout) == ("https://www.workheadline.co.kr/news/view.php?idx=828", "newer-skin")
        assert [(row.field, row.verdict.status) for row in check.problems] == [
            ("title", "FALLBACK"), ("authors", "MISSING")]
        assert check.rows[TRACED_FIELDS.index("authors")].verdict.text == f"MISSING: no byline found in {place}"


@pytest.mark.parametrize(("label", "words"), [
    ("layout:newer-skin", "newer skin"), ("layout:older-skin", "older skin"), ("meta:og:title", "meta og:title"),
    ("heuristic:h1", "heuristic h1"), ("heuristic:largest-text-block", "heuristic largest text block"),
    ("family:profile-box", "family profile box"), ("link:list-page", "list page link"), ("none", "none"),
])
def test_plain_source(label, words):
    assert plain_source(label) == words


@pytest.mark.parametrize(("value", "expected"), [
    (None, "-"), ("", '""'), ([], "[]"),
    ([{"name": "김태령", "role": "기자", "email": "kim@site.co.kr"},
      {"name": "편집국", "role": None, "email": None}],
     "김태령 기자; 편집국"),
    (["부제 하나", "부제 둘"], "부제 하나; 부제 둘"),
    ("첫 문단.\n\n둘째 문단.", "첫 문단. 둘째 문단."),
    ("가" * 40, "가" * 29 + "…"),
    ("a" * 61, "a" * 59 + "…"),
])
def test_shown_values_fit_sixty_columns_on_one_line(value, expected):
    assert shown(value) == expected
    assert columns(shown(value)) <= 60


def test_columns_count_hangul_as_two_so_tables_line_up():
    lines = aligned([("가나", "x", "end"), ("abcde", "yy", "end")], indent="")
    assert lines == ["가나   x   end", "abcde  yy  end"]
    assert columns(shorten("가나다라", limit=5)) == 5


def links(*ids: int) -> list[ArticleLink]:
    return [ArticleLink(f"https://www.workheadline.co.kr/news/view.php?idx={idx}") for idx in ids]


@pytest.mark.parametrize(("second", "expected"), [
    (links(3, 4), Finding(True, "page 2 of 사회 lists 2 articles that page 1 does not")),
    (links(2, 3), Finding(True, "page 2 of 사회 lists 1 article that page 1 does not")),
    (links(1, 2), Finding(False, "page 2 of 사회 lists the same articles as page 1: the site may page its lists "
                                 "another way (a site record's list_paging: page or board_data)")),
    ([], Finding(None, "page 2 of 사회 lists no article (the section may have a single page)")),
    (NotFetched("HTTP 500"), Finding(False, "page 2 of 사회 could not be fetched: HTTP 500")),
])
def test_judge_paging(second, expected):
    assert judge_paging("사회", links(1, 2), second, DADA) == expected


def test_the_sample_takes_each_list_in_turn_then_the_home_page_links_each_article_once():
    first, second = links(1, 2, 3), [ArticleLink(links(4)[0].url, "m2k4p9a"), *links(1)]
    order = sample_order({"m71w8xw": first, "m5q7r3z": second}, {"m71w8xw": "사회", "m2k4p9a": "경제"}, links(5, 2))
    assert [(link.url[-1], hint) for link, hint in order] == [
        ("1", SectionHint("사회", "m71w8xw")),
        # The link's own section code wins over its list's.
        ("4", SectionHint("경제", "m2k4p9a")),
        ("2", SectionHint("사회", "m71w8xw")),
        ("3", SectionHint("사회", "m71w8xw")),
        ("5", SectionHint(None, None)),
    ]


def test_a_host_the_registry_knows_keeps_its_quirks_and_any_other_gets_the_defaults():
    assert site_for("https://www.kbsm.net/index.php", "dada").list_paging == "board_data"
    new = site_for("http://127.0.0.1:8080/index.php?x=1", "dada")
    assert (new.base_url, new.key, new.family, new.list_paging, new.sections) == (
        "http://127.0.0.1:8080/", "127.0.0.1", "dada", "page", ())


def article_check(*problems: tuple[str, str]) -> ArticleCheck:
    rows = [FieldRow(name, "v", "newer skin", Verdict("ok", "ok")) for name in REQUIRED_OK]
    rows += [FieldRow(name, "v", "none", Verdict(status, status)) for name, status in problems]
    return ArticleCheck("https://www.workheadline.co.kr/news/view.php?idx=1", "newer-skin", tuple(rows))


@pytest.mark.parametrize(("check", "exit_code"), [
    (SiteCheck("s", articles=[article_check(), article_check()], links_found=2), EXIT_OK),
    # The optional fields never fail a site.
    (SiteCheck("s", articles=[article_check(("modified_at", "MISSING"))], links_found=1), EXIT_OK),
    # Paging and the previous/next links are reported, not counted against the fields.
    (SiteCheck("s", articles=[article_check()], paging=Finding(False, "x")), EXIT_OK),
    (SiteCheck("s", articles=[article_check(), article_check(("title", "FALLBACK"))]), EXIT_MARKUP_DRIFT),
    (SiteCheck("s", articles=[article_check(("body", "MISSING"))]), EXIT_MARKUP_DRIFT),
    (SiteCheck("s", links_found=3, not_articles=3), EXIT_MARKUP_DRIFT),
    (SiteCheck("s", links_found=0), EXIT_NOTHING_FOUND),
    (SiteCheck("s", links_found=3), EXIT_SITE_UNREACHABLE),
    (SiteCheck("s", unreachable="HTTP 503"), EXIT_SITE_UNREACHABLE),
])
def test_report_exit_codes(check, exit_code):
    assert report(check).exit_code == exit_code


def test_an_unreachable_home_page_is_one_error_line_and_no_report():
    result = report(SiteCheck("https://www.workheadline.co.kr/", unreachable="robots.txt forbids fetching it"))
    assert (result.lines, result.error) == (
        [], "could not fetch the home page https://www.workheadline.co.kr/: robots.txt forbids fetching it")


def test_not_an_article_is_shown_with_its_reason():
    row = article_row("article", "u", NotAnArticle("deleted_notice"))
    assert (row.found, row.verdict) == ("not an article", "SKIPPED: deleted_notice")
