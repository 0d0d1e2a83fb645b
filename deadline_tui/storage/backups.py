"""Rotating backups of a desk book, and putting one back.

A backup is a new file holding a copy of the book's bytes as they were before a change
(never a hard link: the live book must share nothing with its backups). Backups are
ordered by a sequence number in their name (``tasks-000042.json``), not by a clock: a
change of time zone or a clock that jumped cannot reorder them or stop their rotation.
The interval between backups is measured against the newest backup's mtime; a clock
that went back (now before that mtime) takes a fresh backup rather than none.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from deadline_tui.storage.bookfile import read_book, write_durably

_NAME = re.compile(r"-(\d{6,})\.json$")


class BackupPolicy(NamedTuple):
    """How many backups to keep and how often to take one."""

    keep: int = 10
    interval_seconds: float = 3600.0


class Backup(NamedTuple):
    """One backup file: its place in the sequence and where it is."""

    sequence: int
    path: Path

    def taken_at(self) -> datetime:
        """When it was written (its mtime, local time: for display only)."""
        return datetime.fromtimestamp(self.path.stat().st_mtime)


def backup_dir(book: Path) -> Path:
    """Where backups of ``book`` live: ``backups/`` beside it."""
    return book.parent / "backups"


def list_backups(book: Path) -> list[Backup]:
    """Backups of ``book``, newest (highest sequence) first."""
    folder = backup_dir(book)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _NAME.search(name)
        if match and name[: match.start()] == book.stem:
            found.append(Backup(int(match.group(1)), folder / name))
    return sorted(found, reverse=True)


def task_count(path: Path) -> int | None:
    """How many tasks a book file holds; None if it does not read back as a book."""
    import orjson

    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None
    return len(data.get("tasks", {}))


def newest_good_backup(book: Path) -> Path | None:
    """The newest backup that reads back as a book, if any."""
    return next((b.path for b in list_backups(book) if task_count(b.path) is not None), None)


def take_backup(book: Path, policy: BackupPolicy, *, force: bool = False) -> Path | None:
    """Copy the current version of ``book`` into a new backup if the newest one is older
    than the policy's interval (or there is none yet: the book's first change is covered,
    or ``force``); prune to ``policy.keep``. Call under the book's lock."""
    if policy.keep <= 0:
        return None
    existing = list_backups(book)
    if existing and not force:
        try:
            age = time.time() - existing[0].path.stat().st_mtime
        except FileNotFoundError:
            age = policy.interval_seconds
        if 0 <= age < policy.interval_seconds:
            return None
    read = read_book(book)
    if read is None:
        return None
    folder = backup_dir(book)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    sequence = existing[0].sequence + 1 if existing else 1
    target = folder / f"{book.stem}-{sequence:06d}.json"
    write_durably(target, read[1], mode=0o600)
    for old in list_backups(book)[policy.keep :]:
        old.path.unlink(missing_ok=True)
    return target
