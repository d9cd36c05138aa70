"""`scrapy snapshot` through the real command line, on the running sample sites; and the snapshot suite
(tests/test_snapshots.py) run on what it wrote, as a user would run it on their own folder."""

import gzip
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newscrawl import sample_site, snapshots
from newscrawl.demo import scrapy_environment
from newscrawl.items import ArticleItem
from newscrawl.sample_site import Response
from tests.crawling import free_port
from tests.paths import REPOSITORY

# The sample sites are our own loopback servers: no politeness delays, short retry waits.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "NEWSCRAWL_RETRY_BACKOFF_BASE=0.05")
SUITE_TEST = "tests/test_snapshots.py::test_snapshot_parses_into_its_expected_item"
NEWER_SKIN, OLDER_SKIN, SITE_B_ARTICLE = 828, 844, 30546


def scrapy_snapshot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "snapshot", *args, *FAST], cwd=REPOSITORY,
                          env=scrapy_environment(), capture_output=True, text=True, timeout=120)


def snapshot_suite(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", "tests/test_snapshots.py"],
                          cwd=REPOSITORY, env={**os.environ, snapshots.SNAPSHOTS_ENV: str(folder)},
                          capture_output=True, text=True, timeout=120)


def article_url(site, idx: int) -> str:
    return f"{site.base_url}/news/view.php?idx={idx}"


@pytest.fixture(scope="module")
def site_a():
    with sample_site.start(site="a") as running:
        yield running


@pytest.fixture(scope="module")
def site_b():
    with sample_site.start(site="b") as running:
        yield running


@pytest.fixture(scope="module")
def written(site_a, site_b, tmp_path_factory):
    """One command writing three snapshots (both skins of site A, one site-B article) into a fresh folder."""
    folder = tmp_path_factory.mktemp("snapshots")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = scrapy_snapshot(article_url(site_a, NEWER_SKIN), article_url(site_a, OLDER_SKIN),
                             article_url(site_b, SITE_B_ARTICLE), "--dir", str(folder))
    after = datetime.now(timezone.utc)
    assert (result.returncode, result.stderr) == (0, "")
    return folder, result, before, after


@pytest.fixture
def copy_of_written(written, tmp_path) -> Path:
    """The written snapshots in a folder of this test's own, to change."""
    return Path(shutil.copytree(written[0], tmp_path / "snapshots"))


def the_json(folder: Path, site: str, idx: int) -> Path:
    (path,) = (folder / site).glob(f"{idx}-*.json")
    return path


def test_snapshots_are_written_from_the_running_sites(written, site_a, site_b):
    folder, result, before, after = written
    day = before.strftime("%Y-%m-%d")
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()) == [
        f"127.0.0.1/{NEWER_SKIN}-{day}.html.gz", f"127.0.0.1/{NEWER_SKIN}-{day}.json",
        f"127.0.0.1/{OLDER_SKIN}-{day}.html.gz", f"127.0.0.1/{OLDER_SKIN}-{day}.json",
        f"127.0.0.2/{SITE_B_ARTICLE}-{day}.html.gz", f"127.0.0.2/{SITE_B_ARTICLE}-{day}.json",
    ]
    assert result.stdout.splitlines() == [
        f"snapshot: wrote {folder}/127.0.0.1/{NEWER_SKIN}-{day}.json and {NEWER_SKIN}-{day}.html.gz: "
        f"{sample_site.ARTICLES_BY_IDX[NEWER_SKIN].title}",
        f"snapshot: wrote {folder}/127.0.0.1/{OLDER_SKIN}-{day}.json and {OLDER_SKIN}-{day}.html.gz: "
        f"{sample_site.ARTICLES_BY_IDX[OLDER_SKIN].title}",
        f"snapshot: wrote {folder}/127.0.0.2/{SITE_B_ARTICLE}-{day}.json and {SITE_B_ARTICLE}-{day}.html.gz: "
        f"{sample_site.SITE_B.data.by_idx[SITE_B_ARTICLE].title}",
    ]
    # Politely: each site's robots.txt was read before its article.
    assert site_a.requests.index("/robots.txt") < site_a.requests.index(f"/news/view.php?idx={NEWER_SKIN}")
    assert site_b.requests.index("/robots.txt") < site_b.requests.index(f"/news/view.php?idx={SITE_B_ARTICLE}")


@pytest.mark.parametrize(("site_name", "idx"), [("a", NEWER_SKIN), ("a", OLDER_SKIN), ("b", SITE_B_ARTICLE)])
def test_a_snapshot_holds_the_body_as_served_and_the_item_parsed_from_it(written, site_a, site_b, site_name, idx):
    folder, _, before, after = written
    site = {"a": site_a, "b": site_b}[site_name]
    path = the_json(folder, site.host, idx)
    served = urllib.request.urlopen(article_url(site, idx)).read()
    assert gzip.decompress(path.with_name(path.name.replace(".json", ".html.gz")).read_bytes()) == served
    saved = json.loads(path.read_text("utf-8"))
    assert sorted(saved) == ["content_type", "encoding", "expected", "family", "fetched_at", "url"]
    assert (saved["url"], saved["family"], saved["encoding"], saved["content_type"]) == (
        article_url(site, idx), "dada", "utf-8", "text/html; charset=utf-8")
    assert before <= datetime.fromisoformat(saved["fetched_at"]) <= after
    assert path.name == f"{idx}-{saved['fetched_at'][:10]}.json"
    expected = saved["expected"]
    # Every field of the item, the store-only ones included, and the fetch time as its crawl time.
    assert list(expected) == sorted(ArticleItem.fields)
    assert (expected["crawled_at"], expected["paywalled"]) == (saved["fetched_at"], False)
    assert expected["provenance"]["title"] in ("layout:newer-skin", "layout:older-skin")
    truth = site.profile.data.by_idx[idx].expected(site.base_url)
    assert {name: expected[name] for name in truth} == truth
    # Pretty-printed, keys sorted, Korean as it is.
    assert path.read_text("utf-8") == json.dumps(saved, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert f'    "title": {json.dumps(truth["title"], ensure_ascii=False)},\n' in path.read_text("utf-8")


def test_the_suite_checks_the_written_snapshots(written):
    folder, _, before, _ = written
    result = snapshot_suite(folder)
    assert result.returncode == 0, result.stdout
    day = before.strftime("%Y-%m-%d")
    for name in (f"127.0.0.1/{NEWER_SKIN}-{day}", f"127.0.0.1/{OLDER_SKIN}-{day}", f"127.0.0.2/{SITE_B_ARTICLE}-{day}"):
        assert f"PASSED {SUITE_TEST}[{name}]" in result.stdout
    assert "3 passed" in result.stdout


def test_an_edited_expected_title_fails_the_suite_until_update_rewrites_it(copy_of_written):
    folder = copy_of_written
    path = the_json(folder, "127.0.0.1", NEWER_SKIN)
    name = snapshots.snapshot_id(path, folder)
    title = sample_site.ARTICLES_BY_IDX[NEWER_SKIN].title
    untouched = {other: other.read_bytes() for other in folder.rglob("*.json") if other != path}
    path.write_text(path.read_text("utf-8").replace(f'"title": "{title}"', '"title": "고쳐 쓴 제목"'), encoding="utf-8")

    failing = snapshot_suite(folder)
    assert failing.returncode == 1
    assert f"FAILED {SUITE_TEST}[{name}]" in failing.stdout
    assert f'{name}: 1 field(s) differ from the expected item' in failing.stdout
    assert f'title: expected "고쳐 쓴 제목", parsed "{title}"' in failing.stdout
    assert "1 failed, 2 passed" in failing.stdout

    updated = scrapy_snapshot("--update", "--dir", str(folder))
    assert (updated.returncode, updated.stderr) == (0, "")
    lines = updated.stdout.splitlines()
    # One diff, of the one file that changed, then the count.
    assert lines[:2] == [f"--- {path}", f"+++ {path}"]
    assert [line for line in lines if line[:1] in "+-" and not line.startswith(("---", "+++"))] == [
        '-    "title": "고쳐 쓴 제목",', f'+    "title": "{title}",']
    assert lines[-1] == f"snapshot: 1 of 3 snapshots updated under {folder}"
    assert json.loads(path.read_text("utf-8"))["expected"]["title"] == title
    assert {other: other.read_bytes() for other in untouched} == untouched

    assert snapshot_suite(folder).returncode == 0
    again = scrapy_snapshot("--update", "--dir", str(folder))
    assert (again.returncode, again.stdout) == (0, f"snapshot: 0 of 3 snapshots updated under {folder}\n")


def test_update_of_one_url_rewrites_only_its_snapshots(copy_of_written, site_a):
    folder = copy_of_written
    for idx in (NEWER_SKIN, OLDER_SKIN):
        path = the_json(folder, "127.0.0.1", idx)
        path.write_text(path.read_text("utf-8").replace('"paywalled": false', '"paywalled": true'), encoding="utf-8")
    # Any URL form of the article names it.
    result = scrapy_snapshot("--update", "--dir", str(folder), f"{article_url(site_a, OLDER_SKIN)}&mcode=m71w8xw")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"--- {the_json(folder, '127.0.0.1', OLDER_SKIN)}"
    assert '-    "paywalled": true,' in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == f"snapshot: 1 of 1 snapshots updated under {folder}"
    assert '"paywalled": true' in the_json(folder, "127.0.0.1", NEWER_SKIN).read_text("utf-8")
    assert '"paywalled": false' in the_json(folder, "127.0.0.1", OLDER_SKIN).read_text("utf-8")


def test_a_page_that_is_not_an_article_says_why(site_a, tmp_path):
    deleted = article_url(site_a, sample_site.DELETED_IDX[0])
    result = scrapy_snapshot(deleted, "--dir", str(tmp_path / "out"))
    assert (result.returncode, result.stdout) == (snapshots.EXIT_NOT_AN_ARTICLE, "")
    assert result.stderr.splitlines() == [f"newscrawl snapshot: {deleted} is not an article: deleted_notice"]
    assert not (tmp_path / "out").exists()


def test_a_url_that_names_no_article_is_not_fetched(site_a, tmp_path):
    home_requests = site_a.count("/")
    result = scrapy_snapshot(f"{site_a.base_url}/", "--dir", str(tmp_path))
    assert result.returncode == snapshots.EXIT_NOT_AN_ARTICLE
    assert result.stderr.splitlines() == [
        f"newscrawl snapshot: {site_a.base_url}/ is not an article: not_an_article_url "
        "(not one of the dada family's article URLs)"]
    assert site_a.count("/") == home_requests


def test_an_unreachable_site_exits_7(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/news/view.php?idx=828"
    result = scrapy_snapshot(url, "--dir", str(tmp_path), "-s", "RETRY_TIMES=0")
    assert result.returncode == 7
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newscrawl snapshot: could not fetch {url}: ") and "Connection refused" in line
    assert list(tmp_path.iterdir()) == []


def test_a_server_error_exits_7(site, tmp_path):
    site.app.add_hook(lambda app, request: Response(status=500, body="busy") if request.path == "/news/view.php" else None)
    url = article_url(site, NEWER_SKIN)
    result = scrapy_snapshot(url, "--dir", str(tmp_path), "-s", "RETRY_TIMES=0")
    assert (result.returncode, result.stdout) == (7, "")
    assert result.stderr.splitlines() == [f"newscrawl snapshot: could not fetch {url}: HTTP 500"]


def euc_kr_page(app, request):
    """Site A's pages as an EUC-KR site serves them: encoded in EUC-KR, saying so in their meta tag, and sent with
    a Content-Type header that wrongly says UTF-8 (newscrawl.middlewares.CharsetRepairMiddleware's case)."""
    if request.path != "/news/view.php":
        return None
    page = next(handler(app, request, match) for route, handler in app.routes if (match := route.fullmatch(request.path)))
    # Two characters of site A's pages that EUC-KR has no code for.
    html = page.body.replace('<meta charset="utf-8">', '<meta charset="euc-kr">').replace("©", "(c)").replace("▴", "*")
    return Response(status=page.status, body=html.encode("euc-kr"), content_type="text/html; charset=utf-8", charset=None)


def test_a_page_is_parsed_again_with_the_encoding_it_was_read_with(site, tmp_path):
    site.app.add_hook(euc_kr_page)
    folder = tmp_path / "snapshots"
    result = scrapy_snapshot(article_url(site, OLDER_SKIN), "--dir", str(folder))
    assert (result.returncode, result.stderr) == (0, "")
    path = the_json(folder, "127.0.0.1", OLDER_SKIN)
    saved = json.loads(path.read_text("utf-8"))
    # The header's charset is kept as it came; the encoding is the one the page was decoded with.
    assert (saved["encoding"], saved["content_type"]) == ("cp949", "text/html; charset=utf-8")
    assert saved["expected"]["title"] == sample_site.ARTICLES_BY_IDX[OLDER_SKIN].title
    served = urllib.request.urlopen(article_url(site, OLDER_SKIN)).read()
    assert gzip.decompress(path.with_name(path.name.replace(".json", ".html.gz")).read_bytes()) == served
    suite = snapshot_suite(folder)
    assert suite.returncode == 0 and "1 passed" in suite.stdout, suite.stdout


def test_a_url_robots_txt_forbids_is_not_fetched(site_a, tmp_path):
    url = f"{site_a.base_url}/admin/view.php?idx=3"
    result = scrapy_snapshot(url, "--dir", str(tmp_path))
    assert result.returncode == 7
    assert result.stderr.splitlines() == [
        f"newscrawl snapshot: could not fetch {url}: robots.txt forbids fetching it"]
    assert "/admin/view.php?idx=3" not in site_a.requests


@pytest.mark.parametrize(("args", "message"), [
    ((), "give one or more article URLs, or --update"),
    (("ftp://example.com/news/view.php?idx=1",), "'ftp://example.com/news/view.php?idx=1' is not an http or https URL"),
    (("--family", "nope", "http://127.0.0.1:9/news/view.php?idx=1"), "unknown family 'nope'; the families are dada, ndsoft"),
    (("--update", "--family", "dada"), "--family is for new snapshots; --update reads each snapshot's own family"),
    (("--update", "--dir", "/nonexistent/snapshots"), "there is no snapshot folder /nonexistent/snapshots"),
    (("--update", "--dir", "tests/snapshots", "http://127.0.0.1:8000/news/view.php?idx=1"),
     "no snapshot of http://127.0.0.1:8000/news/view.php?idx=1 under tests/snapshots"),
    (("--dir", "README.md", "http://127.0.0.1:9/news/view.php?idx=1"), "--dir README.md is not a folder"),
])
def test_bad_arguments_exit_2_with_one_line(args, message):
    result = scrapy_snapshot(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"newscrawl snapshot: {message}"]


def test_the_snapshot_spider_is_not_listed():
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=REPOSITORY, env=scrapy_environment(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "cms_news" in result.stdout.split() and "newscrawl_snapshot" not in result.stdout


def test_the_shipped_snapshots_are_of_the_sample_sites():
    folder = REPOSITORY / "tests" / "snapshots"
    loaded = [snapshots.load(path) for path in snapshots.find(folder)]
    assert sorted((snapshot.expected["site"], snapshot.expected["article_id"]) for snapshot in loaded) == [
        ("127.0.0.1", str(NEWER_SKIN)), ("127.0.0.1", str(OLDER_SKIN)), ("127.0.0.2", str(SITE_B_ARTICLE)),
        # NDSoft's user-container skin, table layout (EUC-KR) and current skin
        ("127.0.0.4", "24510"), ("127.0.0.4", "24530"), ("127.0.0.4", "24590")]
    profiles = {profile.host: profile for profile in sample_site.SITES.values()}
    for snapshot in loaded:
        profile = profiles[snapshot.expected["site"]]
        base_url = snapshot.url.split("/news/")[0]
        truth = profile.data.by_idx[int(snapshot.expected["article_id"])].expected(base_url)
        if snapshot.expected["provenance"]["section"] == "none":
            # a page that prints no section, saved without the list that linked it (the table layout)
            assert (snapshot.expected["section"], snapshot.expected["section_code"]) == (None, None)
            truth = {name: value for name, value in truth.items() if name not in ("section", "section_code")}
        assert {name: snapshot.expected[name] for name in truth} == truth
        assert snapshots.check(snapshot) == []


def test_a_broken_snapshot_fails_its_own_test_only(copy_of_written):
    folder = copy_of_written
    path = the_json(folder, "127.0.0.2", SITE_B_ARTICLE)
    path.with_name(path.name.replace(".json", ".html.gz")).unlink()
    result = snapshot_suite(folder)
    assert result.returncode == 1
    assert f"FAILED {SUITE_TEST}[{snapshots.snapshot_id(path, folder)}]" in result.stdout
    assert "1 failed, 2 passed" in result.stdout
    assert ".html.gz is missing" in result.stdout
