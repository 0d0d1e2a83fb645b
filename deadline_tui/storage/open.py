"""The one way to open the configured book: ``open_book(settings)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadline_tui.storage.book import TaskBook

if TYPE_CHECKING:
    from deadline_tui.config import Settings


def open_book(settings: Settings, *, create: bool = False) -> TaskBook:
    """The book the settings name: the server book for a ``[database] url``, else the desk
    book. ``create``: a missing desk book is made at the first write (``add``, ``import``,
    ``init``); otherwise a missing book is an error. (A server book is never created here:
    its tables come from ``deadline-tui db upgrade``.)"""
    db = settings.database
    if db.url:  # a postgresql:// URL: the office server book (DESIGN section 11)
        from deadline_tui.storage.server import open_server_book

        return open_server_book(settings)
    from deadline_tui.storage.backups import BackupPolicy
    from deadline_tui.storage.desk import DeskBook

    return DeskBook(
        db.path,
        lock_timeout=db.lock_timeout_seconds,
        backups=BackupPolicy(keep=db.backups, interval_seconds=db.backup_interval_minutes * 60),
        create=create,
    )
