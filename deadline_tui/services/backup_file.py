"""The JSON backup file: everything in the database, restorable by ``import``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from deadline_tui.errors import InputError
from deadline_tui.storage import schema
from deadline_tui.storage.book import Tables, TaskBook, bulk_change
from deadline_tui.storage.bookfile import read_book, write_durably
from deadline_tui.storage.codec import RecordError
from deadline_tui.storage.validate import check_tables

FORMAT = "deadline-tui-backup"


def backup_payload(repo: TaskBook, now: datetime) -> dict[str, Any]:
    """The backup document: a header and the database's tables as stored."""
    return {
        "format": FORMAT,
        "schema": schema.SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "tables": repo.export_tables(),
    }


def write_backup(repo: TaskBook, path: Path, now: datetime) -> int:
    """Write the JSON backup; returns the number of tasks in it. The caller has refused a
    ``path`` that is the book itself (``reports.exports.atomic.refuse_the_book``, which
    also sees a hard link or a second name of it)."""
    payload = backup_payload(repo, now)
    # A new file renamed into place (0600: it holds every title): a kill or a full disk
    # leaves the previous file whole.
    write_durably(path, orjson.dumps(payload, option=orjson.OPT_INDENT_2), mode=0o600)
    return len(payload["tables"].get(schema.TASKS, {}))


def is_backup(path: Path) -> bool:
    """True for a ``.json`` file (import then restores instead of reading rows)."""
    return path.suffix.lower() == ".json"


def read_backup(path: Path) -> Tables:
    """The tables of a backup file, migrated to the current schema."""
    read = read_book(path)  # a regular file only: a FIFO or a device is refused, not read
    if read is None:
        raise InputError("import_missing", path=str(path))
    try:
        payload = orjson.loads(read[1])
    except orjson.JSONDecodeError as error:
        raise InputError("backup_file_broken", path=str(path), detail=str(error)) from None
    if (
        not isinstance(payload, dict)
        or payload.get("format") != FORMAT
        or not isinstance(payload.get("tables"), dict)
    ):
        raise InputError("backup_file_format", path=str(path))
    tables: Tables = payload["tables"]
    if schema.needs_migration(tables, str(path)):
        tables = schema.migrate(tables)
    return tables


def restore_from_backup(repo: TaskBook, path: Path) -> tuple[int, int]:
    """Merge a backup into the database; returns (added, already present)."""
    tables = read_backup(path)
    try:
        check_tables(tables)  # a bad record refuses the whole file before anything is written
        with bulk_change(repo):
            return repo.merge(tables)
    except (RecordError, ValueError) as error:
        raise InputError("backup_file_broken", path=str(path), detail=str(error)) from None
