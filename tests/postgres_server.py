"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` package (make test installs it), a cluster made
with initdb in a temporary folder and started with pg_ctl on a free loopback port, stopped when the session ends.
Each test that asks for `postgres_url` gets a database of its own on it."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import psycopg
import pytest

USER = "newscrawl"
# initdb and the server refuse to run as root; Debian's package makes this user for them.
SERVER_USER_AS_ROOT = "postgres"
_databases = count(1)


def _bin_dir() -> Path | None:
    """The newest installed PostgreSQL's binaries (Debian keeps them outside PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parent.parent.name))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER_AS_ROOT, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The server's URL without a database: postgresql://newscrawl@127.0.0.1:PORT"""
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    folder = Path(tempfile.mkdtemp(prefix="newscrawl-postgres-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER_AS_ROOT)
    port = _free_port()
    subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
                                    "-E", "UTF8", "--no-locale"]), check=True, capture_output=True)
    # fsync off: a throwaway cluster needs no durability, and the tests run faster without it.
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off"
    subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server: its URL."""
    name = f"newscrawl_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
