"""A fresh schema on the test server for each test that needs the server book.

The server comes from ``$DEADLINE_TUI_TEST_PG`` (a libpq conninfo or URL; ``.ci/run``
starts a throwaway cluster and sets it). Without it the server tests skip, saying why,
unless ``$DEADLINE_TUI_REQUIRE_PG=1`` (CI), where a missing server is a failure.
"""

from __future__ import annotations

import atexit
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ENV = "DEADLINE_TUI_TEST_PG"
REQUIRE_ENV = "DEADLINE_TUI_REQUIRE_PG"


def _missing(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} (and {REQUIRE_ENV}=1)")
    pytest.skip(f"{reason}: set {ENV} to a PostgreSQL conninfo to run the server tests")


def server_conninfo() -> str:
    """The test server's conninfo; skips (or fails in CI) when there is none."""
    conninfo = os.environ.get(ENV, "")
    if not conninfo:
        _missing(f"no test server (${ENV} is not set)")
    try:
        import psycopg
    except ImportError:
        _missing("psycopg is not installed")
    try:
        psycopg.connect(conninfo, connect_timeout=5).close()
    except psycopg.Error as error:
        _missing(f"the test server does not answer: {error}")
    return conninfo


def url_for_schema(conninfo: str, schema: str) -> str:
    """A ``postgresql://`` URL for ``conninfo`` whose tables live in ``schema``."""
    from psycopg.conninfo import conninfo_to_dict

    params = {k: str(v) for k, v in conninfo_to_dict(conninfo).items() if v is not None}
    params["options"] = f"-csearch_path={schema}"
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())
    return f"postgresql:///?{query}"


def fresh_schema_url(conninfo: str) -> Iterator[str]:
    """Create an empty schema, yield its URL, drop it afterwards."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield url_for_schema(conninfo, schema)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


_made: list[str] = []


def _drop_made(conninfo: str) -> None:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        for schema in _made:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def new_schema_url(_folder: Path) -> str:
    """For the contract registry: a fresh schema upgraded to the current version, dropped
    when the test process ends. Skips (fails in CI) without a server."""
    import psycopg

    from deadline_tui.storage.server import schema as server_schema
    from deadline_tui.storage.server.connect import connect

    conninfo = server_conninfo()
    name = f"c_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    if not _made:
        atexit.register(_drop_made, conninfo)
    _made.append(name)
    url = url_for_schema(conninfo, name)
    with connect(url, autocommit=True) as conn:
        server_schema.upgrade(conn, name)
    return url
