"""One connection to the server, opened the libpq ways; failures become readable errors.

Credentials are libpq's business (``.pgpass``, ``PGSERVICE``, ``PGPASSWORD``, a password
in the URL, client certificates); ``sslmode`` and every other URL parameter are passed
through unchanged. No message made here contains a password: errors name the host, the
database and libpq's reason, with the password removed from the reason as well.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from deadline_tui.errors import DataError

if TYPE_CHECKING:
    import psycopg


def require_psycopg() -> None:
    """Import psycopg, or say which extra installs it."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DataError("server_needs_extra") from None


def _target(url: str) -> tuple[str, str, str]:
    """(host, database, password) the URL names, filling the gaps the way libpq does."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:  # a URL libpq cannot parse: report it as it is
        params = {}
    host = str(params.get("host") or os.environ.get("PGHOST") or "localhost")
    port = str(params.get("port") or os.environ.get("PGPORT") or "")
    database = str(
        params.get("dbname")
        or os.environ.get("PGDATABASE")
        or params.get("user")
        or os.environ.get("PGUSER")
        or ""
    )
    password = str(params.get("password") or "")
    return (f"{host}:{port}" if port else host), database, password


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the server book at ``url``; ``DataError`` naming host, database
    and reason when the server refuses or cannot be reached."""
    require_psycopg()
    import psycopg

    try:
        return psycopg.connect(
            url, autocommit=autocommit, application_name="deadline-tui", connect_timeout=10
        )
    except psycopg.Error as error:
        host, database, password = _target(url)
        raise DataError(
            "server_unreachable", host=host, database=database, reason=_masked(error, password)
        ) from None


# A password in a URL libpq quotes back ("user:secret@host") or a ``password=`` parameter.
_URL_PASSWORD = re.compile(r"(://[^:/@\s\"']*):[^@\s\"']*@")
_PARAM_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|[^\s&\"']+)", re.IGNORECASE)


def _masked(error: Exception, password: str) -> str:
    """libpq's reason on one line, with every form of the password masked: the parsed one
    (also percent-encoded) and whatever a URL libpq could not parse quotes back."""
    reason = " ".join(str(error).split())
    for secret in {password, quote(password, safe="")} - {""}:
        reason = reason.replace(secret, "***")
    reason = _URL_PASSWORD.sub(r"\1:***@", reason)
    return _PARAM_PASSWORD.sub(r"\1***", reason)
