"""Sites as records: the bundled registry, sites files, and how a site's lists page (kbsm.net's board_data)."""

import base64
import subprocess
import sys

import pytest

from newscrawl.cms.dada import DADA
from newscrawl.demo import scrapy_environment
from newscrawl.runs import EXIT_BAD_ARGUMENTS
from newscrawl.sites import Site, SitesError, parse_sites, registry, resolve_sites, site_at

# The hosts ../shared/reference/cms-markup.md names as sites of the family.
REFERENCE_HOSTS = {
    "workheadline.co.kr", "kbsm.net", "medicalworldnews.co.kr", "thevaluenews.co.kr", "hanmiilbo.kr", "hsgdn.co.kr",
    "factfinder.tv", "dailytoday.co.kr", "sanjaenews.co.kr", "khrd.co.kr", "tbnews.co.kr", "seongjuro.co.kr",
    "koreawho.com", "steelinfosys.com", "bitweb.co.kr",
}
# The hosts ../shared/reference/ndsoft-markup.md names as sites of the NDSoft family.
NDSOFT_REFERENCE_HOSTS = {
    "kyongbuk.co.kr", "dkilbo.com", "jeollailbo.com", "gynet.co.kr", "yasinmoon.com", "mediajeju.com", "aitimes.com",
    "k-health.com", "pharmnews.com", "doctorsnews.co.kr", "greened.kr", "koit.co.kr", "bosa.co.kr", "kndaily.co.kr",
    "gobalnews.com",
}


def test_the_registry_holds_every_site_the_reference_names():
    sites = registry()
    assert set(sites) == REFERENCE_HOSTS | NDSOFT_REFERENCE_HOSTS
    assert sites["kbsm.net"] == Site("https://www.kbsm.net", list_paging="board_data")
    assert {site.list_paging for key, site in sites.items() if key != "kbsm.net"} == {"page"}
    assert {key for key, site in sites.items() if site.family == "dada"} == REFERENCE_HOSTS
    assert {key for key, site in sites.items() if site.family == "ndsoft"} == NDSOFT_REFERENCE_HOSTS
    assert sites["aitimes.com"] == Site("https://www.aitimes.com", family="ndsoft")


@pytest.mark.parametrize(
    ("site", "page", "offset", "expected"),
    [
        (Site("https://www.kbsm.net"), 3, 40, "https://www.kbsm.net/news/list.php?mcode=m71w8xw&page=3"),
        # kbsm.net pages by the offset of the page's first entry, base64-encoded in board_data
        (Site("https://www.kbsm.net", list_paging="board_data"), 3, 40,
         "https://www.kbsm.net/news/list.php?mcode=m71w8xw&board_data=" + base64.b64encode(b"startPage=40").decode()),
        (Site("https://www.kbsm.net", list_paging="board_data"), 1, 0, "https://www.kbsm.net/news/list.php?mcode=m71w8xw"),
    ],
)
def test_a_sites_list_paging_builds_its_list_urls(site, page, offset, expected):
    assert DADA.list_url(site, "m71w8xw", page, offset) == expected


def test_kbsm_net_is_paged_by_board_data_wherever_it_is_named():
    assert site_at("https://www.kbsm.net/").list_paging == "board_data"
    assert resolve_sites(["kbsm.net"])[0].list_paging == "board_data"


def test_a_sites_file_names_any_host_and_keeps_the_registrys_quirks():
    sites = parse_sites('[[site]]\nbase_url = "http://news.example.kr/"\nsections = ["m71w8xw"]\n\n'
                        '[[site]]\nbase_url = "https://www.kbsm.net"\n', "my.toml", registry())
    assert [(site.key, site.base_url, site.sections, site.list_paging) for site in sites] == [
        ("news.example.kr", "http://news.example.kr/", ("m71w8xw",), "page"),
        ("kbsm.net", "https://www.kbsm.net/", (), "board_data"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[site]]\nbase_url = 'ftp://x.kr'\n", "base_url 'ftp://x.kr' is not an http or https URL"),
        ("[[site]]\nbase_url = 'http://x.kr'\nfamily = 'wordpress'\n",
         "x.kr: unknown family 'wordpress'; the families are dada, ndsoft"),
        ("[[site]]\nbase_url = 'http://x.kr'\nlist_paging = 'offset'\n",
         "x.kr: unknown list_paging 'offset'; dada pages by page or board_data"),
        ("[[site]]\nbase_url = 'http://x.kr'\nsections = ['news']\n", "x.kr: 'news' is not a dada section code"),
        ("[[site]]\nbase = 'http://x.kr'\n", "my.toml, site 1: unknown field 'base'; a site has base_url, family, sections, "
                                             "list_paging, user_agent"),
        ("[[site]]\nbase_url = 'http://x.kr'\nuser_agent = 'chrome'\n",
         "x.kr: unknown user_agent 'chrome'; it is crawler or browser"),
        ("[[site]]\nfamily = 'dada'\n", "my.toml, site 1: base_url is missing"),
        ("[[site]]\nbase_url = 'http://x.kr'\n[[site]]\nbase_url = 'http://www.x.kr'\n", "my.toml names x.kr twice"),
        ("title = 'no sites'\n", "my.toml has no [[site]] table"),
        ("[[site]\n", "my.toml is not valid TOML: "),
    ],
)
def test_a_bad_sites_file_says_what_is_wrong(text, message):
    with pytest.raises(SitesError) as raised:
        parse_sites(text, "my.toml")
    assert str(raised.value).startswith(message)


def test_a_name_the_registry_does_not_know_gets_a_suggestion():
    with pytest.raises(SitesError, match=r"^no site 'kbsm.nt' in the registry: did you mean kbsm.net\?"):
        resolve_sites(["kbsm.nt"])


def test_all_names_every_registered_site_once():
    assert [site.key for site in resolve_sites(["kbsm.net", "all"])][0] == "kbsm.net"
    assert len(resolve_sites(["kbsm.net", "all"])) == len(REFERENCE_HOSTS | NDSOFT_REFERENCE_HOSTS)


def scrapy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], env=scrapy_environment(), capture_output=True,
                          text=True, timeout=120)


def test_scrapy_sites_lists_the_registry():
    result = scrapy("sites")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(REFERENCE_HOSTS | NDSOFT_REFERENCE_HOSTS)
    assert "kbsm.net\thttps://www.kbsm.net/\tdada\tlist_paging=board_data\tsections=from the menu\tuser_agent=crawler" in lines


def test_a_crawl_naming_an_unknown_site_is_one_line_and_fetches_nothing(tmp_path):
    result = scrapy("crawl", "cms_news", "-a", "sites=workheadline.co.kr,kbsm.nt", "-s", f"NEWSCRAWL_STORE=sqlite:{tmp_path / 's.sqlite'}")
    assert result.returncode == EXIT_BAD_ARGUMENTS
    assert result.stderr.splitlines()[-1].startswith(
        "newscrawl: bad argument -a sites=workheadline.co.kr,kbsm.nt: no site 'kbsm.nt' in the registry: did you mean kbsm.net?")
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_cms_news_needs_its_sites(tmp_path):
    result = scrapy("crawl", "cms_news", "-s", f"NEWSCRAWL_STORE=sqlite:{tmp_path / 's.sqlite'}")
    assert result.returncode == EXIT_BAD_ARGUMENTS
    assert result.stderr.splitlines()[-1].startswith("newscrawl: missing argument -a sites: expected site keys")
