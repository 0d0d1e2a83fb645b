"""The database's layout version and the migrations between versions.

A file records its version in the ``meta`` table. Opening a file of an older version
migrates it (after a forced backup); a file of a newer version is refused, so an old
program never rewrites data it does not understand.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.errors import DataError

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2
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


def version_of(tables: Tables) -> int | None:
    """The file's schema version; 0 for a TinyDB file without our meta table; None when
    the meta record is there but damaged (a schema or id counter that is not a whole
    number): such a file is refused, never "migrated" (that would reset the id counter
    and give deleted ids out again)."""
    meta = tables.get(META, {}).get(META_DOC_ID)
    if meta is None:
        return 0
    if not isinstance(meta, dict):
        return None
    version: object = meta.get("schema", 0)
    last_id: object = meta.get("last_id", 0)
    if type(version) is not int or type(last_id) is not int or version < 0 or last_id < 0:
        return None
    return version


def _from_unversioned(tables: Tables) -> Tables:
    """Version 0 -> 1: a plain TinyDB file gets our tables and id high-water mark."""
    migrated = dict(tables)
    for name in (TASKS, SERIES, REMINDER_LOG):
        migrated.setdefault(name, {})
    ids = [int(key) for key in migrated[TASKS]]
    migrated[META] = {META_DOC_ID: {"schema": 1, "last_id": max(ids, default=0)}}
    return migrated


def _dated_before(doc: dict[str, Any], day: date) -> bool:
    """True when the stored task records something (done, a state change, an extension)
    before ``day``."""
    stamps = [doc.get("done_on")]
    stamps += [item.get("on") for item in doc.get("state_history") or ()]
    stamps += [item.get("recorded_on") for item in doc.get("extensions") or ()]
    return any(isinstance(s, str) and s[:10] < day.isoformat() for s in stamps)


def _old_rule(rule_dues: list[date], due: date, start: date | None) -> date | None:
    """The assignment date version 1 gave the occurrence due on ``due``: the series'
    start for the first, the day after the previous rule deadline for the others. None
    when ``due`` is not a deadline of the rule (typed by a person) or it cannot be told."""
    at = bisect_left(rule_dues, due)
    if at == len(rule_dues) or rule_dues[at] != due:
        return None
    previous = rule_dues[at - 1] if at > 0 else None
    if start is not None and (previous is None or previous < start):
        return start
    return previous + timedelta(days=1) if previous is not None else None


def _occurrences_in_own_cycle(tables: Tables) -> Tables:
    """Version 1 -> 2: occurrences of a recurring series that version 1 generated are
    assigned at the start of their own cycle, as new ones are (domain.series).

    Version 1 assigned a series' first occurrence on the series' start and every later one
    the day after the previous occurrence's deadline (``rule due + 1 day``), so the April
    occurrence of "trước ngày 20 hàng tháng" was assigned on 21/03 and counted in Q1. Only a
    date that is exactly what that rule produced moves; a date a person typed stays, and so
    does any occurrence with something dated before its new assignment date (done, a state
    change, an extension: the history is never rewritten).
    """
    migrated = {name: dict(table) for name, table in tables.items()}
    starts: dict[str, date] = {}
    for doc in migrated.get(SERIES, {}).values():
        try:
            starts[doc["uid"]] = date.fromisoformat(doc["start"])
        except (KeyError, TypeError, ValueError):
            continue  # a damaged series: its occurrences keep their dates
    # Occurrences by series and rule (a series whose rule was changed has two runs).
    by_rule: dict[tuple[str, Recurrence], list[tuple[str, dict[str, Any], date, date]]] = {}
    for key, doc in migrated.get(TASKS, {}).items():
        try:
            series_uid = doc.get("series_uid")
            if not series_uid or not doc.get("recurrence"):
                continue
            due = date.fromisoformat(doc.get("original_due_on") or doc["due_on"])
            assigned = date.fromisoformat(doc["assigned_on"])
            recurrence = Recurrence.from_dict(doc["recurrence"])
        except (AttributeError, KeyError, TypeError, ValueError):
            continue  # left for the damaged-record check to name
        by_rule.setdefault((series_uid, recurrence), []).append((key, doc, due, assigned))
    tasks = migrated.get(TASKS, {})
    for (series_uid, recurrence), members in by_rule.items():
        start = starts.get(series_uid)
        dues = [due for _, _, due, _ in members]
        # Two years before the earliest deadline reach back past any previous occurrence.
        rule_dues = recurrence.occurrences(min(dues) - timedelta(days=732), max(dues))
        for key, doc, due, assigned in members:
            if assigned != _old_rule(rule_dues, due, start):
                continue  # not what version 1 generated: a person's dates stay
            new = max(recurrence.cycle_start(due), start or date.min)
            if new != assigned and not _dated_before(doc, new):
                tasks[key] = {**doc, "assigned_on": new.isoformat()}
    migrated[META] = {META_DOC_ID: {**tables[META][META_DOC_ID], "schema": 2}}
    return migrated


# MIGRATIONS[n] turns a version-n file into version n+1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: _from_unversioned,
    1: _occurrences_in_own_cycle,
}


def needs_migration(tables: Tables, path: str) -> bool:
    """True for an older file; raises for a file written by a newer program, and for a
    damaged meta record (see :func:`version_of`)."""
    version = version_of(tables)
    if version is None:
        from deadline_tui.storage.bookfile import damaged

        raise damaged(Path(path), "meta: schema / last_id")
    if version > SCHEMA_VERSION:
        raise DataError("database_newer", path=path, version=version, supported=SCHEMA_VERSION)
    return version < SCHEMA_VERSION


def migrate(tables: Tables) -> Tables:
    """Bring ``tables`` up to :data:`SCHEMA_VERSION` (after :func:`needs_migration`, which
    refuses a damaged meta record)."""
    version = version_of(tables)
    if version is None:
        raise ValueError("the meta record is damaged: needs_migration refuses such a file")
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables
