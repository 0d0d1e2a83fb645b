"""Rotating backups of the database file and the way back from a damaged one.

A backup is a hard link to the file version about to be replaced: since every write
makes a new file (``os.replace``), the old version is never modified again and linking
it costs nothing. Where links are not possible, the file is copied.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

_STAMP = "%Y%m%dT%H%M%S"


class BackupPolicy(NamedTuple):
    """How many backups to keep and how often to take one."""

    keep: int = 10
    interval_seconds: float = 3600.0


def backup_dir(db_path: Path) -> Path:
    """Where backups of ``db_path`` live: ``backups/`` beside it."""
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    prefix = db_path.stem + "-"
    found = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.suffix == ".json"]
    return sorted(found, key=lambda p: _order(p, prefix), reverse=True)


def _order(path: Path, prefix: str) -> tuple[str, int]:
    """(stamp, counter) of a backup name: "tasks-20261123T080552-2.json" sorts after
    "tasks-20261123T080552.json" (plain names would not: "-" < "." and "-10" < "-2")."""
    stamp, _, counter = path.stem[len(prefix) :].partition("-")
    return stamp, int(counter) if counter.isdigit() else 0


def is_readable(path: Path) -> bool:
    """True when ``path`` parses as a TinyDB file (an object of tables)."""
    import orjson  # only when a backup is checked, not on every start

    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(data, dict) and all(isinstance(table, dict) for table in data.values())


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that reads back cleanly, if any."""
    return next((path for path in list_backups(db_path) if is_readable(path)), None)


def take_backup(db_path: Path, policy: BackupPolicy, *, force: bool = False) -> Path | None:
    """Preserve the current version of ``db_path`` if the newest backup is older than the
    policy's interval (or ``force``); prune to ``policy.keep``. Call under the lock."""
    if policy.keep <= 0 or not db_path.exists():
        return None
    existing = list_backups(db_path)
    if existing and not force:
        age = time.time() - existing[0].stat().st_mtime
        if age < policy.interval_seconds:
            return None
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime(_STAMP)
    target = folder / f"{db_path.stem}-{stamp}.json"
    # Within one second, count on from the highest counter taken (a pruned name must
    # not come back, or the newest backup would sort as the oldest).
    prefix = db_path.stem + "-"
    same_second = [_order(p, prefix)[1] for p in existing if _order(p, prefix)[0] == stamp]
    counter = max(same_second) + 1 if same_second else 1
    if same_second:
        target = folder / f"{db_path.stem}-{stamp}-{counter}.json"
    while target.exists():
        target = folder / f"{db_path.stem}-{stamp}-{counter}.json"
        counter += 1
    try:
        os.link(db_path, target)
        # A link keeps the file's old mtime; stamp it so the interval counts from now.
        os.utime(target)
    except OSError:
        import shutil  # only where hard links are not possible

        shutil.copy2(db_path, target)
        os.utime(target)
    for old in list_backups(db_path)[policy.keep :]:
        old.unlink(missing_ok=True)
    return target
