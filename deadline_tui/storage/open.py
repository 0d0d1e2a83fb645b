"""The one way to open the configured book: ``open_book(settings)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadline_tui.storage.book import TaskBook

if TYPE_CHECKING:
    from deadline_tui.config import Settings


def open_book(settings: Settings, *, create: bool = False) -> TaskBook:
    """The book the settings name. ``create``: a missing desk book is made at the first
    write (``add``, ``import``, ``init``); otherwise a missing book is an error."""
    from deadline_tui.storage.backups import BackupPolicy
    from deadline_tui.storage.desk import DeskBook

    db = settings.database
    return DeskBook(
        db.path,
        lock_timeout=db.lock_timeout_seconds,
        backups=BackupPolicy(keep=db.backups, interval_seconds=db.backup_interval_minutes * 60),
        create=create,
    )
