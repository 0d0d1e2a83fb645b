"""``restore``: the way back from a damaged or lost database, and ``backups`` to list them."""

from __future__ import annotations

import argparse
from pathlib import Path

from deadline_tui.commands.context import Context
from deadline_tui.i18n import t
from deadline_tui.storage.backups import is_readable, list_backups
from deadline_tui.storage.recovery import restore_backup


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    """List the backups, newest first, and whether each reads back."""
    path = ctx.settings.database.path
    found = list_backups(path)
    if not found:
        ctx.say(t("cli_no_backups", path=str(path)))
        return 0
    for backup in found:
        state = t("backup_ok") if is_readable(backup) else t("backup_bad")
        ctx.say(f"{backup}\t{state}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Put a backup (default: the newest good one) in place; the current file is kept aside."""
    path = ctx.settings.database.path
    chosen = Path(args.backup) if args.backup else None
    restored, kept = restore_backup(path, chosen)
    ctx.say(
        t("cli_restored", path=str(path), backup=str(restored), kept=str(kept) if kept else "–")
    )
    return 0
