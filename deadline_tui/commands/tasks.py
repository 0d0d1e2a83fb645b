"""``add``, ``edit``, ``show``, ``done``, ``reopen``, ``extend``, ``suspend``, ``cancel``,
``delete`` and ``undo``.

Every change is recorded in the book's undo history (services.journal) under the same
lock as the change itself, so ``undo`` in the next command takes back exactly that.
Drafts (add, edit) and the detail view (show) are imported by the commands that use
them, so ``done`` and the other state changes do not pay for importing them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from deadline_tui.commands.context import Context, date_argument
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import ConflictError, DataError, InputError, NotFoundError
from deadline_tui.i18n import t
from deadline_tui.services.journal import UndoJournal
from deadline_tui.services.tasks import Change

# ``edit``'s options: option dest -> the draft's field (and the label naming it).
EDITABLE = {
    "title": ("title", "field.title"),
    "unit": ("lead_unit", "field.lead_unit"),
    "due": ("deadline", "field.deadline_text"),
    "source": ("source", "field.source"),
    "support": ("support_units", "field.support_units"),
    "leader": ("leader", "field.leader"),
    "follower": ("follower", "field.follower"),
    "note": ("note", "field.note"),
    "assigned": ("assigned", "field.assigned_on"),
}


def _task_ref(text: str) -> int | str:
    """A task's number ("12") or uid. Only ASCII digits make a number: "²" and "١٢" are
    digits to str.isdigit() but not to int(); no task has such a number or uid."""
    if text.isdigit() and not text.isascii():
        raise NotFoundError("task_not_found", ref=text)
    return int(text) if text.isdigit() else text


def _journal(ctx: Context) -> UndoJournal:
    """The undo history of this run's book: beside a desk book; for a server book, in the
    user's data folder under a name made from its URL (without the password), since the
    history is this desk's own and the configured file path is not the book."""
    database = ctx.settings.database
    if not database.url:
        return UndoJournal(database.path)
    import hashlib

    from deadline_tui.paths import user_data_dir
    from deadline_tui.storage.server import redact

    folder = user_data_dir() / "server-books"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = hashlib.sha256(redact(database.url).encode()).hexdigest()[:16]
    return UndoJournal(folder / f"book-{name}")


@contextmanager
def _recorded(ctx: Context) -> Iterator[Callable[[Change], Change]]:
    """Hold the book's lock for a change and its entry in the undo history; yields the
    function that records the change."""
    journal = _journal(ctx)
    unsaved: list[DataError] = []

    def record(change: Change) -> Change:
        try:
            journal.push(change)
        except DataError as error:
            unsaved.append(error)  # the change itself still goes ahead (or fails on its own)
        return change

    with ctx.repo.batch():
        yield record
    for error in unsaved:
        ctx.warn(error.message())


def _supports(values: list[str] | None) -> tuple[str, ...]:
    from deadline_tui.services.drafts import split_units

    support: list[str] = []
    for value in values or []:
        support.extend(split_units(value))
    return tuple(support)


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


def _change(ctx: Context, make: Callable[[], Change]) -> Change:
    """Run one service change and record it for ``undo``."""
    with _recorded(ctx) as record:
        return record(make())


def _refuse_blank_dates(args: argparse.Namespace) -> None:
    """A blank ``--due`` or ``--assigned`` is refused rather than read as "no deadline" or
    "today" (a shell variable that came out empty must not file a task as "thường xuyên"
    or change when it was assigned)."""
    if args.due is not None and not args.due.strip():
        raise InputError("due_blank")
    if args.assigned is not None and not args.assigned.strip():
        raise InputError("cli_option_value", option="--assigned", problem=t("date_blank"))


@contextmanager
def _problems_by_option(*, positional: tuple[str, ...] = ()) -> Iterator[None]:
    """A draft refused in the block names each bad field by its option ("--assigned: Ngày
    “31/13/2026” không có trong lịch."); a field given as a ``positional`` argument or by
    no option (a completion date already stored) is not prefixed."""
    from deadline_tui.services.drafts import InvalidDraft

    options = {field: f"--{dest}" for dest, (field, _label) in EDITABLE.items()}
    try:
        yield
    except InvalidDraft as error:
        lines = [
            t("cli_option_value", option=options[p.field], problem=p.error.message())
            if p.field in options and p.field not in positional
            else p.error.message()
            for p in error.problems
        ]
        raise InputError(
            "draft_invalid", details="".join(f"\n  - {line}" for line in lines)
        ) from None


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    """Add a task; its id goes to stdout (for scripts), the confirmation to stderr."""
    from deadline_tui.domain.deadlines import says_only_the_date
    from deadline_tui.services.drafts import TaskDraft

    _refuse_blank_dates(args)
    draft = TaskDraft(
        title=args.title,
        lead_unit=args.unit,
        deadline=args.due,
        source=args.source or "",
        support_units=_supports(args.support),
        leader=args.leader or "",
        follower=args.follower or "",
        assigned=args.assigned or "",
        note=args.note or "",
    )
    with _recorded(ctx) as record, _problems_by_option(positional=("title",)):
        change = record(ctx.service().add(draft))
    task = change.task
    ctx.say(str(task.id))
    due = format_date(task.due_on) or t("no_due")
    written = task.deadline_text
    if not written or says_only_the_date(written, task.due_on):
        # "hạn xử lý: 31/12/2030 (31/12/2030)" would only repeat the date.
        ctx.warn(t("cli_added_dated", id=task.id, uid=task.uid, due=due))
    else:
        ctx.warn(t("cli_added", id=task.id, uid=task.uid, due=due, text=written))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    """Every field of one task, its extensions and its reminder log."""
    from deadline_tui.commands.detail import print_detail

    task = ctx.repo.get(_task_ref(args.id))
    as_of = ctx.today()
    print_detail(ctx, task, as_of, ctx.repo.deliveries_of(task.uid))
    return 0


def cmd_done(ctx: Context, args: argparse.Namespace) -> int:
    """Mark a task done on its real completion date (with ``--result``), or
    (``--correct``) correct that date."""
    if getattr(args, "correct", False):
        if not args.on:
            raise InputError("correct_needs_date")
        ref = _task_ref(args.id)
        right = date_argument(args.on, "--on")
        change = _change(ctx, lambda: ctx.service().correct_done(ref, right, args.reason))
        _confirm(ctx, "cli_done_corrected", change)
        return 0
    on = date_argument(args.on, "--on") if args.on is not None else None
    change = _change(ctx, lambda: ctx.service().complete(_task_ref(args.id), on, args.result))
    _confirm(ctx, "cli_done", change)
    return 0


def cmd_reopen(ctx: Context, args: argparse.Namespace) -> int:
    """Back to open."""
    _confirm(ctx, "cli_reopened", _change(ctx, lambda: ctx.service().reopen(_task_ref(args.id))))
    return 0


def cmd_extend(ctx: Context, args: argparse.Namespace) -> int:
    """Move the deadline, with a reason; the history is kept."""
    to = date_argument(args.to, "--to")
    change = _change(
        ctx, lambda: ctx.service().extend(_task_ref(args.id), to, args.reason, args.document or "")
    )
    _confirm(ctx, "cli_extended", change)
    return 0


def cmd_suspend(ctx: Context, args: argparse.Namespace) -> int:
    """Set a task aside."""
    _confirm(ctx, "cli_suspended", _change(ctx, lambda: ctx.service().suspend(_task_ref(args.id))))
    return 0


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    """Withdraw a task."""
    _confirm(ctx, "cli_cancelled", _change(ctx, lambda: ctx.service().cancel(_task_ref(args.id))))
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    """Remove a task for good (asks for --yes)."""
    task = ctx.repo.get(_task_ref(args.id))
    if not args.yes:
        ctx.warn(t("cli_delete_needs_yes", id=task.id, title=task.title))
        return 1
    _confirm(ctx, "cli_deleted", _change(ctx, lambda: ctx.service().delete(task.uid)))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    """Change the fields given as options; the same checks as the TUI's form. An edit
    that changes nothing writes nothing (and takes no undo step)."""
    from deadline_tui.services.drafts import draft_of

    _refuse_blank_dates(args)
    given = {
        field: _supports(value) if dest == "support" else value
        for dest, (field, _label) in EDITABLE.items()
        if (value := getattr(args, dest)) is not None
    }
    if not given:
        raise InputError("edit_nothing_given", options=", ".join(f"--{d}" for d in EDITABLE))
    ref = _task_ref(args.id)
    with _recorded(ctx) as record:
        task = ctx.repo.get(ref)
        before = draft_of(task)
        draft = replace(before, **given)  # type: ignore[arg-type]  # fields of mixed types
        if draft == before:
            ctx.warn(t("cli_edit_unchanged", id=task.id, title=task.title))
            return 0
        with _problems_by_option():
            change = record(ctx.service().edit(task.uid, draft))
    changed = [
        t(label)
        for dest, (field, label) in EDITABLE.items()
        if getattr(draft, field) != getattr(before, field)
    ]
    ctx.say(t("cli_edited", id=change.task.id, fields=", ".join(changed), title=change.task.title))
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    """Take back the newest change made from the command line, and say which."""
    journal = _journal(ctx)
    with ctx.repo.batch():
        change = journal.newest()
        if change is None:
            raise InputError("nothing_to_undo")
        try:
            ctx.service().undo(change)
        except ConflictError:
            journal.drop_newest()  # the task changed since: this step can never apply
            raise
        except NotFoundError:
            journal.drop_newest()
            raise InputError("cli_undo_gone", id=change.task.id) from None
        journal.drop_newest()
    task = change.task
    try:
        what = t(f"cli_undo.{change.action}")
    except KeyError:  # a kind of change this version does not name
        what = change.action
    ctx.say(t("cli_undone", what=what, id=task.id, title=task.title))
    return 0
