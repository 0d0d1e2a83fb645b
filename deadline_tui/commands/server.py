"""Commands of the office server book (DESIGN section 11): ``db upgrade``, ``db push
FILE`` and ``log ID``; and what ``backups``/``restore`` say on a server book."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from deadline_tui.commands.context import Context
from deadline_tui.errors import DataError, InputError
from deadline_tui.i18n import t
from deadline_tui.storage.server import redact


def _url(ctx: Context) -> str:
    url = ctx.settings.database.url
    if not url:
        raise InputError("server_only", location=str(ctx.settings.database.path))
    return url


def backups_are_pg_dump(ctx: Context) -> bool:
    """On a server book, say that its backups are the IT unit's pg_dump (True)."""
    url = ctx.settings.database.url
    if url:
        ctx.say(t("server_backups", location=redact(url)))
    return bool(url)


def cmd_db(ctx: Context, args: argparse.Namespace) -> int:
    """``db upgrade``: create or migrate the schema; ``db push FILE``: move a desk book in."""
    url = _url(ctx)
    if args.db_action == "upgrade":
        from deadline_tui.storage.server import schema
        from deadline_tui.storage.server.connect import connect, require_psycopg

        require_psycopg()  # (or a message naming the extra)
        import psycopg

        try:
            with connect(url, autocommit=True) as conn:
                old, new = schema.upgrade(conn, redact(url))
        except psycopg.Error as error:  # e.g. a role that does not own the tables
            reason = " ".join(str(error).split())
            raise DataError("server_failed", location=redact(url), reason=reason) from None
        ctx.say(
            t("db_upgraded" if old != new else "db_current", location=redact(url), old=old, new=new)
        )
        return 0
    path = Path(args.file)
    tables = read_book_file(path)
    from deadline_tui.storage.codec import RecordError
    from deadline_tui.storage.server import open_server_book

    book = open_server_book(ctx.settings)
    try:
        added, skipped = book.merge(tables)
    except (RecordError, ValueError, KeyError, TypeError) as error:
        raise InputError("backup_file_broken", path=str(path), detail=str(error)) from None
    finally:
        book.close()
    ctx.say(t("db_pushed", added=added, skipped=skipped, path=str(path), location=redact(url)))
    return 0


def read_book_file(path: Path) -> dict[str, Any]:
    """The tables of a desk book file (``tasks.json``) or of a ``.json`` backup, brought to
    the current layout. Only reads: the file is never changed."""
    import orjson

    from deadline_tui.services.backup_file import FORMAT, read_backup
    from deadline_tui.storage import schema

    try:
        payload = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError("db_push_missing", path=str(path)) from None
    except (OSError, orjson.JSONDecodeError) as error:
        raise InputError("backup_file_broken", path=str(path), detail=str(error)) from None
    if isinstance(payload, dict) and payload.get("format") == FORMAT:
        return read_backup(path)
    if not isinstance(payload, dict) or not isinstance(payload.get(schema.TASKS), dict):
        raise InputError("backup_file_format", path=str(path))
    tables: dict[str, Any] = payload
    return schema.migrate(tables) if schema.needs_migration(tables, str(path)) else tables


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    """Print who changed the task, what and when."""
    _url(ctx)
    from deadline_tui.reports.changes import change_lines
    from deadline_tui.storage.server import open_server_book

    book = open_server_book(ctx.settings)
    try:
        lines = change_lines(book.history(args.id))
    finally:
        book.close()
    if not lines:
        ctx.warn(t("log_empty", ref=args.id))
        return 1
    for line in lines:
        ctx.say(line)
    return 0
