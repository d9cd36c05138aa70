"""What the project's settings do, seen from outside the crawl: the requests the site receives, the sockets the
crawling process opens, the files it leaves behind; and the README's demo command."""

import inspect
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from scrapy.utils.misc import is_generator_with_return_value

from newscrawl.spiders.cms_news import CmsNewsSpider
from newscrawl.spiders.seoul_news import LIVE_SITE, SeoulNewsSpider
from tests.crawling import Gate, crawl, start_crawl

FEW_ARTICLES = ("-a", "sections=m71w8xw", "-a", "max_pages=1", "-a", "max_articles=3")
DEFAULT_USER_AGENT = "newscrawl/0.1 (Korean local news research crawler; +{contact})"


class Arrivals:
    """A sample-site hook that notes each request's path, User-Agent header and arrival time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen: list[tuple[str, str, float]] = []

    def __call__(self, app, request):
        with self.lock:
            self.seen.append((request.path, request.headers.get("user-agent", ""), time.monotonic()))
        return None

    def user_agents(self) -> set[str]:
        return {user_agent for _, user_agent, _ in self.seen}


def arrivals_at(site) -> Arrivals:
    arrivals = Arrivals()
    site.app.add_hook(arrivals)
    return arrivals


def test_the_live_site_is_the_default():
    assert [site.base_url for site in SeoulNewsSpider().sites] == [LIVE_SITE + "/"]


def test_with_the_project_defaults_requests_are_spaced_out(site, tmp_path):
    arrivals = arrivals_at(site)
    result = crawl(site.base_url, tmp_path, *FEW_ARTICLES, polite=True)
    assert result.returncode == 0, result.log
    paths = [path for path, _, _ in arrivals.seen]
    assert paths[0] == "/robots.txt" and len(paths) == 5
    times = [at for _, _, at in arrivals.seen]
    # DOWNLOAD_DELAY 0.5 s, randomised by Scrapy between 0.5 and 1.5 times; AutoThrottle never goes below it.
    assert min(later - earlier for earlier, later in zip(times, times[1:])) >= 0.25


def test_the_site_receives_the_contact_in_the_user_agent_of_every_request(site, tmp_path):
    arrivals = arrivals_at(site)
    result = crawl(site.base_url, tmp_path, *FEW_ARTICLES, "-s", "NEWSCRAWL_CONTACT=audit@example.org")
    assert result.returncode == 0, result.log
    assert len(arrivals.seen) == 5
    assert arrivals.user_agents() == {DEFAULT_USER_AGENT.format(contact="audit@example.org")}


def test_without_a_contact_given_the_user_agent_names_the_maintainers(site, tmp_path):
    arrivals = arrivals_at(site)
    crawl(site.base_url, tmp_path, *FEW_ARTICLES)
    assert arrivals.user_agents() == {DEFAULT_USER_AGENT.format(contact="newscrawl-maintainers@users.noreply.github.com")}


def test_a_user_agent_given_on_the_command_line_wins(site, tmp_path):
    arrivals = arrivals_at(site)
    crawl(site.base_url, tmp_path, *FEW_ARTICLES, "-s", "USER_AGENT=mybot/1.0 (+ops@example.org)")
    assert arrivals.user_agents() == {"mybot/1.0 (+ops@example.org)"}


def listening_sockets(pid: int) -> list[str]:
    """The TCP sockets the process listens on, as `address:port` in hex, read from /proc."""
    own = {os.readlink(descriptor) for descriptor in Path(f"/proc/{pid}/fd").iterdir()}
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            local_address, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and f"socket:[{inode}]" in own:  # 0A: LISTEN
                listening.append(local_address)
    return listening


def test_a_crawl_listens_on_no_port_and_a_killed_one_leaves_no_job_file(site, tmp_path):
    gate = Gate(pass_first=3)
    site.app.add_hook(gate)
    state_home = tmp_path / "state"
    process, _ = start_crawl(site.base_url, tmp_path, env={"XDG_STATE_HOME": str(state_home)})
    try:
        assert gate.held.wait(timeout=60)
        # Scrapy's telnet console and remote-control server would be listening by now: the crawl is under way.
        assert listening_sockets(process.pid) == []
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stderr.close()
    assert not (state_home / "scrapy" / "job_files").exists()


def test_the_demo_crawls_the_sample_site_and_says_where_everything_went(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newscrawl.demo"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Sample site 워크헤드라인 (dada) serving at http://127.0.0.1:")
    assert lines[1].startswith("Sample site 경북새벽신문 (dada) serving at http://127.0.0.2:")
    assert lines[2].startswith("Sample site 남도일보샘플 (ndsoft) serving at http://127.0.0.4:")
    assert lines[3] == (f"SQLite: {tmp_path / 'data' / 'demo.sqlite'} (238 articles: 84 of 127.0.0.1, 50 of 127.0.0.2, "
                        "104 of 127.0.0.4)")
    assert lines[4] == f"JSONL:  {tmp_path / 'data' / 'demo.jsonl'} (238 articles)"


# The crawl's spiders; the one-off commands' spiders have no generator callbacks (theirs are coroutines).
SPIDER_CLASSES = [CmsNewsSpider, SeoulNewsSpider]


@pytest.mark.parametrize("spider_class", SPIDER_CLASSES, ids=lambda spider_class: spider_class.__name__)
def test_no_callback_is_a_generator_that_returns_a_value(spider_class):
    # Scrapy's own check of this (WARN_ON_GENERATOR_RETURN_VALUE) is off, for its cost on every response.
    # The callbacks are wrapped (cms_news._ends_a_request): the check reads the functions the spider wrote.
    functions = [inspect.unwrap(function) for _, function in inspect.getmembers(spider_class, inspect.isfunction)]
    callbacks = [function for function in functions if inspect.isgeneratorfunction(function)]
    assert callbacks, "no generator callback found: the check would check nothing"
    assert [function.__qualname__ for function in callbacks if is_generator_with_return_value(function)] == []


def test_the_check_finds_a_generator_that_returns_a_value():
    def returns_a_value(response):
        yield response
        return "lost"

    assert is_generator_with_return_value(returns_a_value)
