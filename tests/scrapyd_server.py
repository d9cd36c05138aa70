"""A real scrapyd on a loopback port, as a deployment host has it: its environment holds newscrawl's dependencies
but not newscrawl, which comes only in the egg `scrapyd-deploy` uploads (so the test fails if the egg is incomplete).

The host environment is a bare virtualenv whose one `.pth` line names this environment's site-packages: a path
named in a .pth file is not itself scanned for .pth files, so the editable install's finder stays out."""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
import venv
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

from newscrawl.throwaway_postgres import free_loopback_port

PROJECT_FILES = ("pyproject.toml", "setup.py", "scrapy.cfg", "README.md", "newscrawl")
REPOSITORY = Path(__file__).resolve().parent.parent
LISTENING_RE = re.compile(r"Site starting on (\d+)")
# scrapyd's line at a job's end: "Process finished:" when it exited 0, "Process died: exitstatus=N" otherwise.
JOB_END_RE = re.compile(r"(Process finished:|Process died: exitstatus=\d+) .* job='([^']+)'")


class ScrapydServer:
    """A context manager: scrapyd started on a free loopback port in a temporary folder, stopped on exit.
    `deploy()` sends it a copy of this checkout with scrapyd-deploy; `call()` is its JSON API."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="newscrawl-scrapyd-"))
        self.host_python = self._host_environment()
        # Jobs are started as soon as they are scheduled: the poller looks every 0.1 s, not every 5 s.
        (self.folder / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {free_loopback_port()}\npoll_interval = 0.1\nmax_proc = 4\n"
            "logs_dir = logs\neggs_dir = eggs\ndbs_dir = dbs\nitems_dir =\n", encoding="utf-8")
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.output: list[str] = []
        self.job_ends: dict[str, str] = {}
        self._read = threading.Condition()

    def _host_environment(self) -> Path:
        host = self.folder / "host"
        venv.EnvBuilder(with_pip=False).create(host)
        python = host / "bin" / "python"
        host_site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip()
        ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        (Path(host_site) / "dependencies.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")
        return python

    def __enter__(self) -> "ScrapydServer":
        self.process = subprocess.Popen([self.host_python, "-m", "scrapyd"], cwd=self.folder, env=_clean_environment(),
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.process.stdout:
            self.output.append(line)
            if found := LISTENING_RE.search(line):
                self.url = f"http://127.0.0.1:{found.group(1)}/"
                break
        else:
            raise RuntimeError(f"scrapyd did not start (exit code {self.process.wait()}):\n{''.join(self.output)}")
        # The rest of its log is read as it comes (so that a full pipe never blocks it) for the jobs' ends.
        threading.Thread(target=self._read_log, daemon=True).start()
        return self

    def _read_log(self) -> None:
        for line in self.process.stdout:
            with self._read:
                self.output.append(line)
                if found := JOB_END_RE.search(line):
                    self.job_ends[found.group(2)] = found.group(1)
                    self._read.notify_all()

    def wait_for_jobs(self, jobs: list[str], timeout: float = 300) -> dict[str, str]:
        """Each job's end, as scrapyd logged it (its API keeps no exit code)."""
        with self._read:
            if not self._read.wait_for(lambda: set(jobs) <= set(self.job_ends), timeout=timeout):
                raise TimeoutError(f"scrapyd's jobs did not end within {timeout} s:\n{''.join(self.output)}")
            return {job: self.job_ends[job] for job in jobs}

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)

    def deploy(self) -> subprocess.CompletedProcess:
        """`scrapyd-deploy local` from a copy of the checkout, `local` a target in the user's scrapy.cfg."""
        project = self.folder / "project"
        project.mkdir()
        for name in PROJECT_FILES:
            source = REPOSITORY / name
            if source.is_dir():
                shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                (project / name).write_bytes(source.read_bytes())
        config_home = self.folder / "config"
        config_home.mkdir()
        (config_home / "scrapy.cfg").write_text(f"[deploy:local]\nurl = {self.url}\n", encoding="utf-8")
        deploy = Path(sys.executable).with_name("scrapyd-deploy")
        return subprocess.run([deploy, "local"], cwd=project, env={**_clean_environment(), "XDG_CONFIG_HOME": str(config_home)},
                              capture_output=True, text=True, timeout=300)

    def call(self, endpoint: str, post: list[tuple[str, str]] | None = None, **query: str) -> dict:
        url = f"{self.url}{endpoint}" + (f"?{urlencode(query)}" if query else "")
        with urlopen(url, data=urlencode(post).encode() if post is not None else None, timeout=30) as response:
            return json.load(response)

    def job_log(self, project: str, spider: str, job: str) -> str:
        return (self.folder / "logs" / project / spider / f"{job}.log").read_text(encoding="utf-8")


def _clean_environment() -> dict[str, str]:
    """This environment without what would tell scrapyd's jobs where the project is: they must find it in the egg."""
    return {name: value for name, value in os.environ.items() if name not in ("SCRAPY_SETTINGS_MODULE", "PYTHONPATH")}
