"""Restoring a backup over a damaged (or missing) database, under the lock."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from deadline_tui.errors import DataError
from deadline_tui.storage.backups import is_readable, newest_good_backup
from deadline_tui.storage.jsonstore import fsync_directory
from deadline_tui.storage.lock import FileLock


def restore_backup(db_path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Copy ``backup`` (default: the newest readable one) over ``db_path``.

    The current file, damaged or not, is renamed aside first (``tasks.json.damaged-…``),
    never deleted. Returns the backup used and where the old file was kept.
    """
    chosen = backup or newest_good_backup(db_path)
    if chosen is None:
        raise DataError("no_good_backup", path=str(db_path))
    if not is_readable(chosen):
        raise DataError("backup_unreadable", path=str(chosen))
    with FileLock(str(db_path) + ".lock", timeout=15):
        kept: Path | None = None
        if db_path.exists():
            kept = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%dT%H%M%S}")
            os.replace(db_path, kept)
        temp = db_path.with_name(f".{db_path.name}.tmp-restore-{os.getpid()}")
        shutil.copyfile(chosen, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, db_path)
        fsync_directory(db_path.parent)
    return chosen, kept
