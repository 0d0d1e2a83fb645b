"""The JSON backup file: everything in the database, restorable by ``import``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from deadline_tui.errors import InputError
from deadline_tui.storage import schema
from deadline_tui.storage.codec import RecordError
from deadline_tui.storage.jsonstore import Tables
from deadline_tui.storage.repository import TaskRepository

FORMAT = "deadline-tui-backup"


def backup_payload(repo: TaskRepository, now: datetime) -> dict[str, Any]:
    """The backup document: a header and the database's tables as stored."""
    return {
        "format": FORMAT,
        "schema": schema.SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "tables": repo.raw_tables(),
    }


def write_backup(repo: TaskRepository, path: Path, now: datetime) -> int:
    """Write the JSON backup; returns the number of tasks in it."""
    payload = backup_payload(repo, now)
    path.write_bytes(orjson.dumps(payload, option=orjson.OPT_INDENT_2))
    return len(payload["tables"].get(schema.TASKS, {}))


def is_backup(path: Path) -> bool:
    """True for a ``.json`` file (import then restores instead of reading rows)."""
    return path.suffix.lower() == ".json"


def read_backup(path: Path) -> Tables:
    """The tables of a backup file, migrated to the current schema."""
    try:
        payload = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError("import_missing", path=str(path)) from None
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


def restore_from_backup(repo: TaskRepository, path: Path) -> tuple[int, int]:
    """Merge a backup into the database; returns (added, already present)."""
    tables = read_backup(path)
    repo.backup_now()
    try:
        return repo.merge(tables)
    except (RecordError, ValueError) as error:
        raise InputError("backup_file_broken", path=str(path), detail=str(error)) from None
