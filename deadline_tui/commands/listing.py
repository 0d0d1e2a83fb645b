"""``list``: tasks with their status at a cut-off, most urgent first."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date

import orjson

from deadline_tui.commands.context import Context, date_argument
from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.printable import one_line
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reports.jsonout import task_json
from deadline_tui.reports.labels import days_text, short_label, status_style
from deadline_tui.reports.numbers import number
from deadline_tui.services.query import (
    Row,
    TaskFilter,
    assess_all,
    select,
    sort_rows,
)

# Rich styles for the semantic status styles of reports.labels.
RICH_STYLES = {
    "overdue": "bold red",
    "due-soon": "yellow",
    "in-term": "",
    "done": "green",
    "no-deadline": "cyan",
    "set-aside": "dim",
}


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    """Filter, sort and print."""
    as_of = date_argument(args.as_of, "--as-of") if args.as_of is not None else ctx.today()
    task_filter = TaskFilter(
        status=args.status,
        unit=args.unit or "",
        source=args.source or "",
        leader=args.leader or "",
        search=args.search or "",
    )
    rows = assess_all(ctx.repo.tasks(), as_of, ctx.settings.ui.warning_days)
    matcher = NameMatcher(ctx.settings.aliases) if ctx.settings.aliases else None
    rows = sort_rows(select(rows, task_filter, matcher=matcher), args.sort, reverse=args.reverse)
    if args.limit:
        rows = rows[: args.limit]
    if args.json:
        payload = [task_json(row.task, row.found, as_of) for row in rows]
        ctx.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif ctx.is_terminal:
        _print_table(ctx, rows, as_of)
    else:
        _print_plain(ctx, rows)
    return 0


def _columns() -> list[str]:
    return [
        t("col.id"),
        t("col.status"),
        t("col.due"),
        t("col.days"),
        t("col.unit"),
        t("col.title"),
    ]


def _cells(row: Row) -> list[str]:
    return [
        str(row.task.id),
        short_label(row.found),
        format_date(row.found.due_on),
        days_text(row.found),
        row.task.lead_unit,
        row.task.title,
    ]


def _print_plain(ctx: Context, rows: Sequence[Row]) -> None:
    # Tab-separated, one task per line: easy to cut, grep and paste into a spreadsheet.
    lines = ["\t".join(_columns())]
    for row in rows:
        lines.append("\t".join(one_line(cell) for cell in _cells(row)))
    ctx.say("\n".join(lines))


def _print_table(ctx: Context, rows: Sequence[Row], as_of: date) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(
        caption=t("cli_list_caption", count=number(len(rows)), date=format_date(as_of)),
        show_lines=False,
        header_style="bold",
    )
    for index, name in enumerate(_columns()):
        table.add_column(name, no_wrap=index < 4, overflow="fold", ratio=3 if index == 5 else None)
    for row in rows:
        style = RICH_STYLES[status_style(row.found)]
        table.add_row(*(Text(one_line(cell)) for cell in _cells(row)), style=style)
    ctx.console().print(table)
