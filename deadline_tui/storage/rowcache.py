"""A derived, disposable copy of the decoded tasks, so reading the book does not mean
parsing its whole JSON file each time (DESIGN section 10: ``summary`` and ``list`` at
20.000 tasks must keep up with Taskwarrior).

The database file stays the only source of truth. The cache sits beside it
(``.tasks.json.rows``) and is keyed on the generation id the storage stamps into every
version it writes (see ``jsonstore.stamp_generation``) and on the file's size: a cache
made from any other version, or a file damaged behind its intact head, is ignored, so
the cache can be wrong only by being absent. It is written with plain
``marshal`` (tuples of strings and numbers: nothing executable), atomically and without
fsync; losing it costs one slower read. Any problem reading it means "no cache".
"""

from __future__ import annotations

import marshal
import os
import struct
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.storage import schema

CACHE_VERSION = 4
_STATES = {state.value: state for state in TaskState}
_FREQUENCIES = {frequency.value: frequency for frequency in Frequency}
_from_ordinal = date.fromordinal
_from_iso = datetime.fromisoformat


def cache_path(db_path: Path) -> Path:
    """Where the row cache of ``db_path`` lives."""
    return db_path.with_name(f".{db_path.name}.rows")


def _ordinal(value: date | None) -> int:
    return value.toordinal() if value is not None else 0


def _date(ordinal: int) -> date | None:
    return _from_ordinal(ordinal) if ordinal else None


def row_of(task: Task) -> tuple[Any, ...]:
    """A task as a tuple of plain values (the cache's own order; see :func:`task_of`)."""
    recurrence = task.recurrence
    return (
        task.uid,
        task.title,
        task.lead_unit,
        task.assigned_on.toordinal(),
        task.id,
        task.source,
        task.support_units,
        task.leader,
        task.follower,
        task.deadline_text,
        _ordinal(task.due_on),
        _ordinal(task.original_due_on),
        tuple(
            (
                _ordinal(e.old_due),
                e.new_due.toordinal(),
                e.reason,
                e.document,
                e.recorded_on.toordinal(),
            )
            for e in task.extensions
        ),
        (recurrence.frequency.value, recurrence.day, recurrence.month, recurrence.weekday)
        if recurrence
        else None,
        task.series_uid,
        task.state.value,
        _ordinal(task.done_on),
        task.result,
        task.note,
        task.created_at.isoformat(),
        task.updated_at.isoformat(),
    )


_ROW_FIELDS = 21  # len(row_of(task)); a test keeps them equal


class _Memo(dict[Any, Any]):
    """Decoded values by their stored form: a year of tasks shares a few hundred dates."""

    def __init__(self, decode: Any) -> None:
        super().__init__()
        self._decode = decode

    def __missing__(self, stored: Any) -> Any:
        value = self[stored] = self._decode(stored)
        return value


def decoder() -> Any:
    """A :func:`task_of` with its own memo of dates and timestamps, for one load."""
    dates = _Memo(_from_ordinal)
    stamps = _Memo(_from_iso)
    new_tuple = tuple.__new__

    def decode(row: tuple[Any, ...]) -> Task:
        (
            uid,
            title,
            lead_unit,
            assigned,
            doc_id,
            source,
            support,
            leader,
            follower,
            deadline_text,
            due,
            original_due,
            extensions,
            recurrence,
            series_uid,
            state,
            done,
            result,
            note,
            created,
            updated,
        ) = row
        # Task's own fields, in order, given straight to tuple.__new__: Task(...) would
        # run NamedTuple's generated __new__ (a Python call with 21 arguments) per row.
        return new_tuple(
            Task,
            (
                uid,
                title,
                lead_unit,
                dates[assigned],
                stamps[created],
                stamps[updated],
                doc_id,
                source,
                support,
                leader,
                follower,
                deadline_text,
                dates[due] if due else None,  # inlined: this runs 100.000 times
                dates[original_due] if original_due else None,
                tuple(
                    Extension(_date(old), _from_ordinal(new), reason, document, _from_ordinal(rec))
                    for old, new, reason, document, rec in extensions
                )
                if extensions
                else (),
                Recurrence(_FREQUENCIES[recurrence[0]], recurrence[1], recurrence[2], recurrence[3])
                if recurrence
                else None,
                series_uid,
                _STATES[state],
                dates[done] if done else None,
                result,
                note,
            ),
        )

    return decode


def task_of(row: tuple[Any, ...]) -> Task:
    """Inverse of :func:`row_of`."""
    decode: Any = decoder()
    task: Task = decode(row)
    return task


# magic, cache version, the database's generation id, and the database file's size: a
# truncated or edited file keeps its head (and generation) but not its size.
_HEADER = struct.Struct("<4sH16sQ")
_MAGIC = b"DTRC"

BookKey = tuple[str, int]
"""(generation id, file size): which version of the database a cache was made from."""


def _header(key: BookKey) -> bytes:
    generation, size = key
    return _HEADER.pack(_MAGIC, CACHE_VERSION, generation.encode("ascii"), size)


def starts_with(path: Path, make_header: Callable[[], bytes]) -> bool:
    """Does the file at ``path`` begin with the header ``make_header`` packs? Reads only
    that many bytes; a missing file, or a key that cannot be packed, means no."""
    try:
        header = make_header()
        with open(path, "rb") as handle:
            return handle.read(len(header)) == header
    except (OSError, ValueError, struct.error):  # (UnicodeEncodeError is a ValueError)
        return False


def write_beside(target: Path, make_payload: Callable[[], bytes]) -> None:
    """Write a disposable file beside the book: atomically (a temporary file renamed over
    ``target``), without fsync, best effort (a failure leaves no file and is ignored)."""
    temp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        temp.write_bytes(make_payload())
        os.replace(temp, target)
    except (OSError, ValueError, struct.error):
        temp.unlink(missing_ok=True)


# The patch beside the cache: the rows that changed since the version the cache was
# made from (base) up to a newer version (new). A change made in the book's bytes
# (storage.splice) writes these few rows instead of rewriting the whole cache (~80 ms at
# 20.000 tasks, ~0,4 s at 100.000); past PATCH_LIMIT rows they are folded into the cache.
_PATCH_HEADER = struct.Struct("<4sH16sQ16sQ")
_PATCH_MAGIC = b"DTRP"
PATCH_LIMIT = 256


class _Patch(NamedTuple):
    base: BookKey
    new: BookKey
    rows: list[tuple[Any, ...]]


def patch_path(db_path: Path) -> Path:
    """Where the row cache's patch lives."""
    return db_path.with_name(f".{db_path.name}.rows-patch")


def _key_in_header(header: bytes) -> BookKey | None:
    """The version a cache was made from, read from its header's bytes."""
    try:
        magic, version, generation, size = _HEADER.unpack(header)
        if magic != _MAGIC or version != CACHE_VERSION:
            return None
        return generation.decode("ascii"), size
    except (ValueError, struct.error):
        return None


def _cached_key(db_path: Path) -> BookKey | None:
    """The version the cache file was made from."""
    try:
        with open(cache_path(db_path), "rb") as handle:
            return _key_in_header(handle.read(_HEADER.size))
    except OSError:
        return None


def _with_changes(
    rows: list[Any], tables: dict[str, Any], changed: dict[int, Any], generation: str
) -> list[Any]:
    """The stored rows with the ``changed`` ones in place (by id), and the tables' meta
    restamped: what the cache of version ``generation`` would hold."""
    schema.set_generation(tables, generation)
    return [changed.get(row[4], row) for row in rows]


def _is_row(row: object) -> bool:
    """Is this shaped like a stored row (its id where :func:`row_of` puts it)?"""
    return isinstance(row, tuple) and len(row) == _ROW_FIELDS and isinstance(row[4], int)


def _read_patch(db_path: Path, cached: BookKey | None) -> _Patch | None:
    """The patch, if it applies to the cache of version ``cached``."""
    if cached is None:
        return None
    try:
        payload = patch_path(db_path).read_bytes()
        magic, version, base_gen, base_size, new_gen, new_size = _PATCH_HEADER.unpack_from(payload)
        if magic != _PATCH_MAGIC or version != CACHE_VERSION:
            return None
        base = (base_gen.decode("ascii"), base_size)
        if base != cached:
            return None
        rows = marshal.loads(payload[_PATCH_HEADER.size :])
        if not isinstance(rows, list) or not all(_is_row(row) for row in rows):
            return None
        return _Patch(base, (new_gen.decode("ascii"), new_size), rows)
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        return None


def matches(db_path: Path, key: BookKey) -> bool:
    """True when a cache of version ``key`` exists: the cache itself, or the cache and its
    patch (reads only headers, and the patch)."""
    cached = _cached_key(db_path)
    if cached == key:
        return True
    patch = _read_patch(db_path, cached)
    return patch is not None and patch.new == key


def _load_rows(db_path: Path, key: BookKey) -> tuple[list[Any], dict[str, Any]] | None:
    """The stored rows and other tables of version ``key``: the cache's, with its patch's
    rows in place when the patch leads to ``key``."""
    payload = cache_path(db_path).read_bytes()
    cached = _key_in_header(payload[: _HEADER.size])
    patch = None
    if cached != key:
        patch = _read_patch(db_path, cached)  # (only a patch whose base is ``cached``)
        if patch is None or patch.new != key:
            return None
    rows, tables = marshal.loads(payload[_HEADER.size :])
    if not isinstance(rows, list) or not isinstance(tables, dict):
        return None
    if patch is not None:
        rows = _with_changes(rows, tables, {row[4]: row for row in patch.rows}, key[0])
    return rows, tables


def load(db_path: Path, key: BookKey) -> tuple[list[Task], dict[str, Any]] | None:
    """The cached tasks and other tables (series, reminder log, meta) of version ``key``,
    or None if there is no such cache."""
    try:
        with bulk_objects():
            loaded = _load_rows(db_path, key)
            if loaded is None:
                return None
            decode = decoder()
            return [decode(row) for row in loaded[0]], loaded[1]
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, struct.error):
        return None


def store(db_path: Path, key: BookKey, tasks: Sequence[Task], tables: dict[str, Any]) -> None:
    """Write the cache for version ``key``: the decoded tasks and the other tables as
    stored (best effort: failures are ignored). A patch of the old cache goes."""

    def payload() -> bytes:
        # Unit, source and people names repeat across thousands of tasks: one object per
        # distinct value lets marshal store each once (a smaller file that loads faster).
        pool: dict[object, object] = {}
        rows = [
            tuple(
                pool.setdefault(value, value) if isinstance(value, str | tuple) else value
                for value in row_of(task)
            )
            for task in tasks
        ]
        return _header(key) + marshal.dumps((rows, tables))

    write_beside(cache_path(db_path), payload)
    patch_path(db_path).unlink(missing_ok=True)


def advance(db_path: Path, old: BookKey, new: BookKey, tasks: dict[int, Task]) -> bool:
    """Make the cache of version ``old`` (itself, or with its patch) one of version ``new``,
    which differs from it only in ``tasks`` (by id): a patch of the changed rows, folded
    into the cache once it holds more than PATCH_LIMIT rows. False (and nothing written)
    if there is no cache of version ``old``."""
    cached = _cached_key(db_path)
    if cached is None:
        return False
    changed: dict[int, tuple[Any, ...]] = {}
    if cached != old:
        patch = _read_patch(db_path, cached)
        if patch is None or patch.new != old:
            return False
        changed = {row[4]: row for row in patch.rows}
    changed.update((task_id, row_of(task)) for task_id, task in tasks.items())
    if len(changed) <= PATCH_LIMIT:
        head = _PATCH_HEADER.pack(
            _PATCH_MAGIC, CACHE_VERSION, cached[0].encode("ascii"), cached[1],
            new[0].encode("ascii"), new[1],
        )  # fmt: skip
        write_beside(patch_path(db_path), lambda: head + marshal.dumps(list(changed.values())))
        return True
    try:
        loaded = _load_rows(db_path, cached)
        if loaded is None:
            return False
        rows, tables = loaded
        rows = _with_changes(rows, tables, changed, new[0])
    except (OSError, EOFError, ValueError, TypeError, IndexError, struct.error):
        return False
    write_beside(cache_path(db_path), lambda: _header(new) + marshal.dumps((rows, tables)))
    patch_path(db_path).unlink(missing_ok=True)
    return True
