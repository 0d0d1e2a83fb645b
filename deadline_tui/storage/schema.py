"""The database's layout version and the migrations between versions.

A file records its version in the ``meta`` table. Opening a file of an older version
migrates it (after a forced backup); a file of a newer version is refused, so an old
program never rewrites data it does not understand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deadline_tui.errors import DataError

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 1
META = "meta"
TASKS = "tasks"
SERIES = "series"
REMINDER_LOG = "reminder_log"
META_DOC_ID = "1"


def empty_tables() -> Tables:
    """A new database."""
    return {
        META: {META_DOC_ID: {"schema": SCHEMA_VERSION, "last_id": 0}},
        TASKS: {},
        SERIES: {},
        REMINDER_LOG: {},
    }


def version_of(tables: Tables) -> int:
    """The file's schema version; 0 for a TinyDB file without our meta table."""
    meta = tables.get(META, {}).get(META_DOC_ID)
    if not isinstance(meta, dict):
        return 0
    version = meta.get("schema", 0)
    return version if isinstance(version, int) else 0


def _from_unversioned(tables: Tables) -> Tables:
    """Version 0 -> 1: a plain TinyDB file gets our tables and id high-water mark."""
    migrated = dict(tables)
    for name in (TASKS, SERIES, REMINDER_LOG):
        migrated.setdefault(name, {})
    ids = [int(key) for key in migrated[TASKS]]
    migrated[META] = {META_DOC_ID: {"schema": 1, "last_id": max(ids, default=0)}}
    return migrated


# MIGRATIONS[n] turns a version-n file into version n+1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _from_unversioned}


def needs_migration(tables: Tables, path: str) -> bool:
    """True for an older file; raises for a file written by a newer program."""
    version = version_of(tables)
    if version > SCHEMA_VERSION:
        raise DataError("database_newer", path=path, version=version, supported=SCHEMA_VERSION)
    return version < SCHEMA_VERSION


def migrate(tables: Tables) -> Tables:
    """Bring ``tables`` up to :data:`SCHEMA_VERSION`."""
    version = version_of(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables
