"""The README's crontab line, run as cron runs it: its exit codes are the ones the README's table gives."""

import fcntl
import re
import subprocess
import sys
from datetime import datetime

from newscrawl import sample_site
from newscrawl.demo import LOCAL_SITE_SETTINGS, scrapy_environment
from newscrawl.runs import EXIT_SITE_UNREACHABLE, EXIT_STORE_LOCKED
from newscrawl.stores import SqliteStore
from tests.crawling import free_port
from tests.paths import REPOSITORY

CRON_LINE_RE = re.compile(r"```cron\n(?P<line>[^\n]+)\n```")
# minute hour day-of-month month day-of-week, then the command cron hands to /bin/sh.
CRON_FIELDS_RE = re.compile(r"^(?:\S+\s+){5}(?P<command>.+)$")
PROJECT_DIR = "/srv/newscrawl"


def readme_cron_command() -> str:
    (line,) = CRON_LINE_RE.findall((REPOSITORY / "README.md").read_text("utf-8"))
    # In a crontab `%` ends the command unless escaped; cron hands `\%` to the shell as `%`.
    return CRON_FIELDS_RE.match(line)["command"].replace("\\%", "%")


def run_cron_line(project, base_url: str) -> subprocess.CompletedProcess:
    """The README's line, with the project in `project` (its virtualenv is the one running the tests) and the crawl pointed at
    `base_url` with the sample site's settings instead of the live site."""
    (project / ".venv").symlink_to(sys.prefix)
    (project / "scrapy.cfg").write_text((REPOSITORY / "scrapy.cfg").read_text())
    local = " ".join(f"-s {setting}" for setting in LOCAL_SITE_SETTINGS)
    command = readme_cron_command().replace(f"cd {PROJECT_DIR}", f"cd {project}")
    command = command.replace("crawl seoul_news", f"crawl seoul_news -a base_url={base_url} {local}")
    return subprocess.run(["/bin/sh", "-c", command], env=scrapy_environment(), capture_output=True, text=True, timeout=300)


def test_the_cron_line_runs_quietly_when_the_run_goes_well(site, tmp_path):
    result = run_cron_line(tmp_path, site.base_url)
    assert (result.returncode, result.stderr) == (0, "")
    log = (tmp_path / "data" / f"crawl-{datetime.now():%Y%m}.log").read_text("utf-8")
    assert "exit code 0: ok" in log
    store = SqliteStore(tmp_path / "data" / "seoul_news.sqlite")
    assert len(list(store.articles())) == len(sample_site.ARTICLES)
    store.close()


def test_the_cron_line_reports_an_overlapping_run_with_the_store_locked_code(site, tmp_path):
    (tmp_path / "data").mkdir()
    with (tmp_path / "data" / "cron.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_cron_line(tmp_path, site.base_url)
    assert result.stderr == f"newscrawl exited {EXIT_STORE_LOCKED}\n"
    assert site.requests == []


def test_the_cron_line_reports_an_unreachable_site_with_its_code(tmp_path):
    result = run_cron_line(tmp_path, f"http://127.0.0.1:{free_port()} -s RETRY_TIMES=0")
    assert result.stderr == f"newscrawl exited {EXIT_SITE_UNREACHABLE}\n"
