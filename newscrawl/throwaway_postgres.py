"""A throwaway PostgreSQL server, for the tests and the benchmark: Debian's `postgresql` package (`make postgresql`
installs it), a cluster made with initdb in a temporary folder and started with pg_ctl on a free loopback port,
removed afterwards."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

import psycopg


class PostgresNotInstalled(RuntimeError):
    pass


USER = "newscrawl"
# initdb and the server refuse to run as root; Debian's package makes this user for them.
SERVER_USER_AS_ROOT = "postgres"
_databases = count(1)


def _bin_dir() -> Path | None:
    """The newest installed PostgreSQL's binaries (Debian keeps them outside PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parent.parent.name))
    return Path(found[-1]).parent if found else None


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER_AS_ROOT, "--", *command] if os.geteuid() == 0 else command


class PostgresServer:
    """A cluster in a temporary folder, on a free loopback port; `url` is postgresql://newscrawl@127.0.0.1:PORT
    (no database). A context manager: started on entry, removed on exit."""

    def __init__(self):
        self.bin_dir = _bin_dir()
        if self.bin_dir is None:
            raise PostgresNotInstalled("PostgreSQL is not installed: `make postgresql` installs Debian's package")
        self.folder = Path(tempfile.mkdtemp(prefix="newscrawl-postgres-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, SERVER_USER_AS_ROOT)
        self.data = self.folder / "data"
        self.port = free_loopback_port()
        self.url = f"postgresql://{USER}@127.0.0.1:{self.port}"
        subprocess.run(_as_server_user([str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust",
                                        "-E", "UTF8", "--no-locale"]), check=True, capture_output=True)

    def _pg_ctl(self, *arguments: str, check: bool = True) -> None:
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *arguments]),
                       check=check, capture_output=True)

    def start(self) -> None:
        # fsync off: a throwaway cluster needs no durability, and the tests run faster without it.
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off"
        self._pg_ctl("-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        """As a crash or a pulled cable looks to the clients: connections cut, nothing flushed politely."""
        self._pg_ctl("-m", "immediate", "-w", "stop", check=False)

    def new_database(self) -> str:
        """A new, empty database on the server: its URL."""
        name = f"newscrawl_test_{os.getpid()}_{next(_databases)}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def drop_database(self, url: str) -> None:
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{url.rpartition("/")[2]}" WITH (FORCE)')

    def __enter__(self) -> "PostgresServer":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
