"""``import FILE`` (CSV, XLSX, or a JSON backup) and ``export FILE`` (by extension)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from deadline_tui.commands.context import Context
from deadline_tui.domain.names import NameMatcher
from deadline_tui.errors import InputError
from deadline_tui.i18n import t
from deadline_tui.reports.figures import summarise
from deadline_tui.reports.numbers import number
from deadline_tui.reports.sentence import summary_sentence
from deadline_tui.services.backup_file import (
    is_backup,
    read_backup,
    restore_from_backup,
    write_backup,
)
from deadline_tui.services.importer import apply_import, describe_errors, plan_import

if TYPE_CHECKING:
    from deadline_tui.domain.task import Task
    from deadline_tui.reports.exports.xlsx_file import SummarySheet

# Show a progress bar on a terminal from this many rows on.
_PROGRESS_FROM_ROWS = 500


def _progress(ctx: Context) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    if not ctx.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress, TaskID

    bar = Progress(console=Console(file=ctx.stderr), transient=True)
    state: dict[str, TaskID] = {}

    def update(done: int, total: int) -> None:
        if total < _PROGRESS_FROM_ROWS:
            return
        if "task" not in state:
            bar.start()
            state["task"] = bar.add_task(t("import_progress"), total=total)
        if done % 50 == 0 or done == total:
            bar.update(state["task"], completed=done)

    return update, bar.stop


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    """Check every row, then store all of them or none."""
    path = Path(args.file)
    if path.suffix.lower() in (".txt", ".docx", ".pdf"):
        from deadline_tui.commands.extracting import cmd_import_document

        return cmd_import_document(ctx, args)
    if is_backup(path):
        if args.dry_run:
            tables = read_backup(path)
            ctx.say(
                t("import_backup_dry", count=number(len(tables.get("tasks", {}))), path=str(path))
            )
            return 0
        added, present = restore_from_backup(ctx.repo, path)
        ctx.say(t("import_backup_done", added=number(added), present=number(present)))
        return 0
    update, stop = _progress(ctx)
    try:
        plan = plan_import(
            ctx.service(), path, allow_duplicates=args.allow_duplicates, progress=update
        )
    finally:
        stop()
    if plan.errors:
        for line in describe_errors(plan.errors):
            ctx.warn(line)
        ctx.warn(
            t(
                "import_rejected",
                bad=number(len({e.row for e in plan.errors})),
                rows=number(plan.rows_read),
                path=str(path),
            )
        )
        return 1
    if args.dry_run:
        _warn_duplicates(ctx, plan.duplicates)
        ctx.say(
            t(
                "import_dry_run",
                count=number(plan.task_count),
                rows=number(plan.rows_read),  # every row read, the skipped ones too
                path=str(path),
            )
        )
        for row, item in plan.prepared[:50]:
            first = item.tasks[0]
            ctx.say(f"  {t('row')} {row}: {first.title[:80]} — {first.lead_unit}")
        return 0
    stored = apply_import(ctx.service(), plan)  # (finds the rows stored meanwhile too)
    _warn_duplicates(ctx, plan.duplicates)
    ctx.say(t("import_done", count=number(len(stored)), path=str(path)))
    return 0


def _warn_duplicates(ctx: Context, rows: list[int]) -> None:
    if rows:
        listed = ", ".join(str(row) for row in rows[:20]) + ("…" if len(rows) > 20 else "")
        ctx.warn(t("import_duplicates", count=number(len(rows)), rows=listed))


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    """Write the whole book in the format the file's extension names, atomically: a kill
    or a full disk leaves the previous file whole, and the book itself is never a target."""
    from deadline_tui.reports.exports.atomic import atomic_output, refuse_the_book

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv", ".xlsx", ".ics"):
        raise InputError("export_format", path=str(path))
    refuse_the_book(path, ctx.settings.database.path)
    repo, today = ctx.repo, ctx.today()
    if suffix == ".json":  # already written to a new file and renamed, mode 0600
        count = write_backup(repo, path, ctx.clock.now())
        ctx.say(t("export_done", count=number(count), path=str(path)))
        return 0
    tasks = repo.tasks()
    warning_days = ctx.settings.ui.warning_days
    with atomic_output(path) as temp:
        if suffix == ".csv":
            from deadline_tui.reports.exports.csv_file import write_csv

            count = write_csv(tasks, temp, today, warning_days)
        elif suffix == ".xlsx":
            from deadline_tui.reports.exports.xlsx_file import write_xlsx

            count = write_xlsx(tasks, temp, today, warning_days, _summary_sheet(ctx, tasks))
        else:
            from deadline_tui.reports.exports.ics_file import write_ics

            count = write_ics(tasks, temp, ctx.clock.now())
    ctx.say(t("export_done", count=number(count), path=str(path)))
    return 0


def _summary_sheet(ctx: Context, tasks: Sequence[Task]) -> SummarySheet:
    from deadline_tui.reports.exports.xlsx_file import SummarySheet

    figures = ctx.settings.figures
    summary = summarise(
        tasks,
        ctx.today(),
        warning_days=ctx.settings.ui.warning_days,
        by="unit",
        matcher=NameMatcher(ctx.settings.aliases),
    )
    sentence = summary_sentence(
        summary.overall, decimals=figures.decimals, rounding=figures.rounding
    )
    return SummarySheet(sentence, summary, figures.decimals, figures.rounding)
