"""The benchmark's peak RSS of a child process is the child's own, not inherited from the benchmark process."""

import subprocess
import sys

from newscrawl.bench.measured import run_measured

MEGABYTE = 2**20
BALLAST = 300 * MEGABYTE


def test_a_child_reports_its_own_peak_rss_where_ru_maxrss_reports_the_parents():
    ballast = b"\x01" * BALLAST  # written, so resident in this (the parent) process
    child = run_measured([sys.executable, "-m", "scrapy", "version"], stdout=subprocess.DEVNULL)
    assert len(ballast) == BALLAST  # held until the child has run
    assert child.returncode == 0
    # What wait4 says starts from the parent's peak, ballast included: the figure the benchmark used to print.
    assert child.ru_maxrss_bytes > BALLAST
    # The child's own address space never held the ballast: `scrapy version` needs a few tens of MB.
    assert 5 * MEGABYTE < child.peak_rss_bytes < BALLAST / 2
    assert child.cpu_seconds > 0


def test_the_command_runs_as_python_dash_m_would_run_it():
    # Arguments reach the module unchanged (here an unknown scrapy command) and its exit code comes back.
    child = run_measured([sys.executable, "-m", "scrapy", "no-such-command"], stdout=subprocess.DEVNULL)
    assert child.returncode == 2
    assert child.peak_rss_bytes is not None
