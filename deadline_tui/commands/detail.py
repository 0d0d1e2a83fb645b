"""Printing one task in full (``show``), as a Rich panel on a terminal or plain lines."""

from __future__ import annotations

from datetime import date

from deadline_tui.commands.context import Context
from deadline_tui.domain.delivery import Delivery
from deadline_tui.domain.printable import printable
from deadline_tui.domain.task import Task
from deadline_tui.i18n import t
from deadline_tui.reports.detail import delivery_lines, extension_lines, task_fields


def print_detail(ctx: Context, task: Task, as_of: date, deliveries: list[Delivery]) -> None:
    """Every field, then the extension history and the reminder log."""
    fields = task_fields(task, as_of, ctx.settings.ui.warning_days)
    sections = [
        (t("field.extensions"), extension_lines(task)),
        (t("field.reminders"), delivery_lines(deliveries)),
    ]
    if not ctx.is_terminal:
        for label, value in fields:
            ctx.say(f"{label}: {value}")
        for heading, lines in sections:
            ctx.say(f"{heading}:")
            for line in lines or ["–"]:
                ctx.say(f"  {line}")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in fields:
        table.add_row(Text(label), Text(printable(value)))
    for heading, lines in sections:
        table.add_row(Text(heading), Text(printable("\n".join(lines)) or "–"))
    ctx.console().print(table)
