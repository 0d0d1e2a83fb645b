"""Rotating backups of a desk book.

A backup is a new file holding a copy of the book's bytes from before a change, never a
hard link (the live book shares nothing with its backups). Backups are ordered by the
sequence number in their name (``tasks-000042.json``), not by a clock: a change of time
zone or a clock that jumped cannot reorder them or stop their rotation. The interval is
measured from the newest backup's mtime, stamped by the process's clock; a clock that went
back (now before that mtime) takes a backup rather than none.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path
from typing import NamedTuple

from deadline_tui import errors
from deadline_tui.storage.bookfile import parse_tables, read_book, write_durably
from deadline_tui.storage.codec import RecordError
from deadline_tui.storage.validate import check_tables

_NAME = re.compile(r"-(\d{6,})\.json$")


class BackupPolicy(NamedTuple):
    """How many backups to keep and how often to take one."""

    keep: int = 10
    interval_seconds: float = 3600.0


class Backup(NamedTuple):
    """One backup file and its place in the sequence."""

    sequence: int
    path: Path


def backup_dir(book: Path) -> Path:
    """Where backups of ``book`` live: ``backups/`` beside it."""
    return book.parent / "backups"


def list_backups(book: Path) -> list[Backup]:
    """Backups of ``book``, newest (highest sequence) first. A symlinked book's backups
    are beside the file the link points to, where the book writes them."""
    book = Path(os.path.realpath(book))
    try:
        names = os.listdir(backup_dir(book))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [(_NAME.search(name), name) for name in names]
    return sorted(
        (Backup(int(m.group(1)), backup_dir(book) / name) for m, name in found
         if m and name[: m.start()] == book.stem),
        reverse=True,
    )  # fmt: skip


def task_count(path: Path) -> int | None:
    """How many tasks a book file holds; None if it does not read back as a book."""
    import orjson

    try:
        read = read_book(path)
        data = orjson.loads(read[1]) if read else None
    except (OSError, ValueError):  # (DataError, JSONDecodeError are ValueErrors)
        return None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None
    return len(data.get("tasks", {}))


def newest_good_backup(book: Path) -> Path | None:
    """The newest backup that reads back as a book, if any."""
    return next((b.path for b in list_backups(book) if task_count(b.path) is not None), None)


def take_backup(book: Path, policy: BackupPolicy, *, force: bool = False) -> Path | None:
    """Copy the book into a new backup (0600) if there is none yet (so the book's first
    change is covered), the newest is older than the interval, a bulk change was written
    since it (:func:`back_up_next_change`), or ``force``; then prune to ``policy.keep``.
    Call under the book's lock."""
    existing = list_backups(book)
    if policy.keep <= 0:
        return None
    bulk = bool(existing) and _bulk_since(book, existing[0].path)
    if existing and not force and not bulk:
        try:
            age = time.time() - existing[0].path.stat().st_mtime
        except FileNotFoundError:
            age = policy.interval_seconds
        if 0 <= age < policy.interval_seconds:
            return None
    read = read_book(book)
    if read is None:
        return None
    backup_dir(book).mkdir(mode=0o700, exist_ok=True)
    sequence = existing[0].sequence + 1 if existing else 1
    target = backup_dir(book) / f"{book.stem}-{sequence:06d}.json"
    write_durably(target, read[1], mode=0o600)
    now = time.time()  # the interval is measured on this clock, not the file system's
    os.utime(target, (now, now))
    for old in list_backups(book)[max(policy.keep, 2 * bulk) :]:  # (both sides of a bulk one)
        old.path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        _note(book).unlink(missing_ok=True)
    return target


def _note(book: Path) -> Path:
    """Names the book's newest backup when a bulk change was written after it."""
    return backup_dir(book) / f".{book.stem}.bulk-since"


def back_up_next_change(book: Path) -> None:
    """The change just written changed the book in bulk (an import, a merge, a restore):
    the next change takes a backup first, whatever the interval, so what it brought is
    kept before anyone changes it, and that backup keeps the one before it too. A note in
    ``backups/`` naming the newest backup, gone with the next backup; call under the
    book's lock; best-effort: unwritten, the interval rules as before."""
    existing = list_backups(book)
    if existing:
        with contextlib.suppress(OSError):
            _write_note(_note(book), existing[0].path.name)


def _write_note(path: Path, text: str) -> None:
    note = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(note, text.encode())
    finally:
        os.close(note)


def _bulk_since(book: Path, newest: Path) -> bool:
    """Does the book's note name ``newest``? (Only a regular file is read.)"""
    try:
        note = os.open(_note(book), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(note).st_mode) and os.read(note, 256) == newest.name.encode()
    except OSError:
        return False
    finally:
        os.close(note)


def read_backup(backup: Path) -> bytearray:
    """The bytes of ``backup``, to restore: refused (naming it) unless every table and
    record reads back."""
    read = read_book(backup)
    try:
        check_tables(parse_tables(read[1] if read else b"", backup))
    except (RecordError, errors.DamagedDatabaseError) as error:
        raise errors.DataError("backup_unreadable", path=str(backup), detail=str(error)) from None
    return read[1] if read else bytearray()


def missing(book: Path, shown: str) -> errors.DataError:
    """The error for no book at ``book`` (``shown`` as given): with backups of it, it was
    lost, and a writer must never start it empty then."""
    if not list_backups(book):
        return errors.DataError("book_missing", path=shown)
    backup = str(newest_good_backup(book) or "-")
    return errors.DamagedDatabaseError("database_missing", path=shown, backup=backup)
