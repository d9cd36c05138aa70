"""The tests' PostgreSQL server (newscrawl.throwaway_postgres), started once per session. Each test that asks for
`postgres_url` gets a database of its own on it; a test that stops its server makes its own PostgresServer."""

from collections.abc import Iterator

import pytest

from newscrawl.throwaway_postgres import PostgresNotInstalled, PostgresServer


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer()
    except PostgresNotInstalled as error:
        pytest.fail(str(error))
    with server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty database on the test server: its URL."""
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)
