"""Fixtures of the server book's tests: a fresh, upgraded schema per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.pg import fresh_schema_url, server_conninfo


@pytest.fixture
def empty_url() -> Iterator[str]:
    """The URL of an empty schema (no tables yet)."""
    yield from fresh_schema_url(server_conninfo())


@pytest.fixture
def server_url(empty_url: str) -> str:
    """The URL of a schema upgraded to the current version."""
    from deadline_tui.storage.server import schema
    from deadline_tui.storage.server.connect import connect

    with connect(empty_url, autocommit=True) as conn:
        schema.upgrade(conn, "test")
    return empty_url


@pytest.fixture
def book(server_url: str) -> Iterator[object]:
    """An open server book on an empty, upgraded schema."""
    from deadline_tui.storage.server.book import ServerBook

    opened = ServerBook.open(server_url, user="Kiểm thử")
    yield opened
    opened.close()
