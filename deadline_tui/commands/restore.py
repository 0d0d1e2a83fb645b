"""The commands that manage the book file itself: ``init``, ``backups`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from deadline_tui.commands.context import Context
from deadline_tui.commands.server import backups_are_pg_dump
from deadline_tui.errors import DataError, InputError
from deadline_tui.i18n import t
from deadline_tui.storage.backups import list_backups, newest_good_backup, task_count
from deadline_tui.storage.desk import DeskBook


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    """Create an empty book at PATH (an existing book is left alone)."""
    book = DeskBook(Path(args.path), create=True)
    if book.path.exists():  # (a damaged or odd file raises here, naming it)
        ctx.warn(t("book_exists", path=book.location, count=len(book.tasks())))
        return 1
    with book.batch():
        pass  # a missing book is created by its first write
    ctx.say(t("book_created", path=book.location))
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    """List the backups, newest first: number, date taken and how many tasks each holds."""
    if backups_are_pg_dump(ctx):
        return 0
    path = ctx.settings.database.path
    found = list_backups(path)
    if not found:
        ctx.say(t("cli_no_backups", path=str(path)))
        return 0
    for backup in found:
        count = task_count(backup.path)
        taken = f"{datetime.fromtimestamp(backup.path.stat().st_mtime):%d/%m/%Y %H:%M}"
        key = "backup_line" if count is not None else "backup_line_bad"
        ctx.say(t(key, number=backup.sequence, date=taken, count=count, path=str(backup.path)))
    return 0


def _chosen_backup(book: Path, given: str) -> Path:
    """The backup ``restore`` was given: a number as ``backups`` prints it in its first
    column ("4"), or a file's path. Plain digits are always a number; a file named so
    is given as a path ("./4")."""
    if not (given.isascii() and given.isdigit()):
        return Path(given)
    sequence = int(given)
    for backup in list_backups(book):
        if backup.sequence == sequence:
            return backup.path
    raise InputError("no_backup_numbered", number=sequence, path=str(book))


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Put a backup (default: the newest good one) in place of the book, after showing
    what changes and asking (``--yes`` for scripts). The current book is kept as a
    backup first and the restored one is the newest backup after; the book is replaced in
    one rename, never left half-written."""
    if backups_are_pg_dump(ctx):
        return 1  # nothing was restored
    path = ctx.settings.database.path
    chosen = _chosen_backup(path, args.backup) if args.backup else newest_good_backup(path)
    if chosen is None:
        raise DataError("no_good_backup", path=str(path))
    then = task_count(chosen)
    if then is None:
        raise InputError("backup_unreadable", path=str(chosen))
    book = DeskBook(path, create=True)
    try:
        shown_now: object = len(book.tasks())
    except DataError as error:
        shown_now = 0 if error.key == "book_missing" else t("restore_now_unreadable")
    ctx.say(t("restore_compare", path=str(path), backup=str(chosen), now=shown_now, then=then))
    if not args.yes:
        answer = ""
        if sys.stdin.isatty():
            print(t("restore_ask"), end="", file=ctx.stdout, flush=True)
            answer = sys.stdin.readline().strip().casefold()
        if answer not in ("c", "có", "y", "yes"):
            ctx.warn(t("restore_cancelled"))
            return 1
    kept = book.restore(chosen)
    ctx.say(t("restore_done", path=str(path), backup=str(chosen), kept=str(kept or "-")))
    from deadline_tui.services.journal import UndoJournal

    try:
        # The undo history's steps were taken on the book just replaced: taking them
        # back on the restored one would mix two books (and undo refuses most anyway).
        UndoJournal(path).clear()
    except DataError as error:
        ctx.warn(error.message())
    return 0
