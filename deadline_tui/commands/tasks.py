"""``add``, ``show``, ``done``, ``reopen``, ``extend``, ``suspend``, ``cancel``, ``delete``."""

from __future__ import annotations

import argparse

from deadline_tui.commands.context import Context
from deadline_tui.commands.detail import print_detail
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import InputError
from deadline_tui.i18n import t
from deadline_tui.services.drafts import TaskDraft, split_units
from deadline_tui.services.tasks import Change


def _task_ref(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _confirm(ctx: Context, key: str, change: Change) -> None:
    task = change.task
    ctx.say(
        t(
            key,
            id=task.id,
            title=task.title,
            due=format_date(task.due_on) or t("no_due"),
            done=format_date(task.done_on),
        )
    )


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    """Add a task; its id goes to stdout (for scripts), the confirmation to stderr."""
    if not args.due.strip():
        raise InputError("due_blank")  # --due is required: blank is not "no deadline"
    support: list[str] = []
    for value in args.support or []:
        support.extend(split_units(value))
    draft = TaskDraft(
        title=args.title,
        lead_unit=args.unit,
        deadline=args.due,
        source=args.source or "",
        support_units=tuple(support),
        leader=args.leader or "",
        follower=args.follower or "",
        assigned=args.assigned or "",
        note=args.note or "",
    )
    change = ctx.service().add(draft)
    task = change.task
    ctx.say(str(task.id))
    ctx.warn(
        t(
            "cli_added",
            id=task.id,
            uid=task.uid,
            due=format_date(task.due_on) or t("no_due"),
            text=task.deadline_text or "–",
        )
    )
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    """Every field of one task, its extensions and its reminder log."""
    task = ctx.repo.get(_task_ref(args.id))
    as_of = ctx.today()
    print_detail(ctx, task, as_of, ctx.repo.deliveries_of(task.uid))
    return 0


def cmd_done(ctx: Context, args: argparse.Namespace) -> int:
    """Mark a task done on its real completion date, or (``--correct``) correct that date."""
    if getattr(args, "correct", False):
        if not args.on:
            raise InputError("correct_needs_date")
        change = ctx.service().correct_done(_task_ref(args.id), args.on, args.reason)
        _confirm(ctx, "cli_done_corrected", change)
        return 0
    _confirm(ctx, "cli_done", ctx.service().complete(_task_ref(args.id), args.on))
    return 0


def cmd_reopen(ctx: Context, args: argparse.Namespace) -> int:
    """Back to open."""
    _confirm(ctx, "cli_reopened", ctx.service().reopen(_task_ref(args.id)))
    return 0


def cmd_extend(ctx: Context, args: argparse.Namespace) -> int:
    """Move the deadline, with a reason; the history is kept."""
    change = ctx.service().extend(_task_ref(args.id), args.to, args.reason, args.document or "")
    _confirm(ctx, "cli_extended", change)
    return 0


def cmd_suspend(ctx: Context, args: argparse.Namespace) -> int:
    """Set a task aside."""
    _confirm(ctx, "cli_suspended", ctx.service().suspend(_task_ref(args.id)))
    return 0


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    """Withdraw a task."""
    _confirm(ctx, "cli_cancelled", ctx.service().cancel(_task_ref(args.id)))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    """Remove a task for good (asks for --yes)."""
    task = ctx.repo.get(_task_ref(args.id))
    if not args.yes:
        ctx.warn(t("cli_delete_needs_yes", id=task.id, title=task.title))
        return 1
    _confirm(ctx, "cli_deleted", ctx.service().delete(task.uid))
    return 0
