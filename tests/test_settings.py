"""The polite defaults a crawl of the live site starts with, and the README's demo command."""

import subprocess
import sys

from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from newscrawl import settings as project_settings
from newscrawl.dupefilters import CompactDupeFilter
from newscrawl.middlewares import ReleaseParsedPagesMiddleware
from newscrawl.spiders.seoul_news import LIVE_SITE, SeoulNewsSpider


def crawl_settings(**command_line) -> Settings:
    """The settings a `scrapy crawl seoul_news -s NAME=value ...` run ends up with."""
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(command_line, priority="cmdline")
    SeoulNewsSpider.update_settings(settings)
    return settings


def test_polite_defaults_for_the_live_site():
    settings = crawl_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert SeoulNewsSpider().base_url == LIVE_SITE + "/"


def test_a_crawl_holds_what_it_has_seen_compactly_and_frees_each_parsed_page():
    settings = crawl_settings()
    assert load_object(settings["DUPEFILTER_CLASS"]) is CompactDupeFilter
    assert ReleaseParsedPagesMiddleware in map(load_object, settings.getdict("SPIDER_MIDDLEWARES"))


def test_the_user_agent_names_the_crawler_and_a_contact():
    settings = crawl_settings(NEWSCRAWL_CONTACT="desk@example.org")
    assert settings["USER_AGENT"] == "newscrawl/0.1 (Korean local news research crawler; +desk@example.org)"


def test_a_user_agent_given_on_the_command_line_wins():
    assert crawl_settings(USER_AGENT="mybot/1.0")["USER_AGENT"] == "mybot/1.0"


def test_the_demo_crawls_the_sample_site_and_says_where_everything_went(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newscrawl.demo"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Sample site serving at http://127.0.0.1:")
    assert lines[1] == f"SQLite: {tmp_path / 'data' / 'demo.sqlite'} (84 articles)"
    assert lines[2] == f"JSONL:  {tmp_path / 'data' / 'demo.jsonl'} (84 articles)"
