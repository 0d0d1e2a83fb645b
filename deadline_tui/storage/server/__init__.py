"""The office server book: the task book kept in PostgreSQL (DESIGN section 11).

Selected by a ``postgresql://`` URL (config ``[database] url``, ``--db`` or
``$DEADLINE_TUI_DB``). This module is pure and cheap: it recognises and redacts URLs
without importing psycopg, which only :mod:`.connect` imports, and only when a server
book is opened.

Where things are (read :mod:`.book` first: it names the parts of the book):

- :mod:`.connect`     one connection, libpq's credentials, readable errors without passwords
- :mod:`.schema`      numbered migrations and the schema version (``deadline-tui db upgrade``)
- :mod:`.book`        :class:`ServerBook`, the :class:`~deadline_tui.storage.book.TaskBook`:
  opening, the change log, ``LISTEN``; its methods come from the parts below
- :mod:`.core`        the connection's transactions (``batch``) and statement helpers
- :mod:`.reading`     ``tasks``/``get``: the kept snapshot, refreshed from what changed
- :mod:`.localcopy`   the copy of the decoded tasks on this machine (the user's cache)
- :mod:`.writing`     ``add``/``update``/``put``/``delete``: row locks, conflicts
- :mod:`.serieslog`   recurring series and the reminder log (claims taken exactly once)
- :mod:`.wholebook`   ``export_tables``/``merge``: the book as a ``.json`` backup's tables
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

if TYPE_CHECKING:
    from deadline_tui.config import Settings
    from deadline_tui.storage.server.book import ServerBook

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(text: str | None) -> bool:
    """Is ``text`` a server book's URL (never a file path)?"""
    return bool(text) and str(text).strip().lower().startswith(SCHEMES)


def redact(url: str) -> str:
    """``url`` without any password (in the user part or as a ``password=`` parameter),
    for every message and log line."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    query = urlencode(
        [(key, "***" if key == "password" else value) for key, value in parse_qsl(parts.query)]
    )
    # (urlunsplit would drop the "//" of a URL without a host: postgresql:///dbname)
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def open_server_book(settings: Settings) -> ServerBook:
    """The server book ``settings`` name (``[database] url``), its change log naming
    ``[user] name`` or else the database role."""
    from deadline_tui.storage.server.book import ServerBook

    return ServerBook.open(settings.database.url, user=settings.user.name)
