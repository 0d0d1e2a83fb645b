"""The columns of the CSV and XLSX exports. Their headers are the import headers, so an
exported file imports back (rows already in the book are recognised by their uid)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from deadline_tui.domain.deadlines import read_deadline
from deadline_tui.domain.status import Assessment
from deadline_tui.domain.task import Task
from deadline_tui.errors import UserError
from deadline_tui.i18n import t
from deadline_tui.reports.labels import days_text, status_label

Cell = str | int | date | None


def deadline_cell(task: Task) -> str:
    """The "Thời hạn" cell: the phrase as written when it still gives the deadline in force,
    otherwise the date (occurrences of a series and extended deadlines carry their own date)."""
    if task.deadline_text and task.series_uid is None and not task.extensions:
        try:
            if read_deadline(task.deadline_text, task.assigned_on).due_on == task.due_on:
                return task.deadline_text
        except UserError:
            pass
    return task.due_on.strftime("%d/%m/%Y") if task.due_on else task.deadline_text


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: header message id, cell value, width in characters."""

    key: str
    value: Callable[[Task, Assessment | None], Cell]
    width: int

    @property
    def header(self) -> str:
        """The header in the current language."""
        return t(self.key)


COLUMNS: tuple[Column, ...] = (
    Column("field.number", lambda task, _: task.id, 6),
    Column("field.uid", lambda task, _: task.uid, 12),
    Column("field.title", lambda task, _: task.title, 60),
    Column("field.lead_unit", lambda task, _: task.lead_unit, 30),
    Column("field.support_units", lambda task, _: "; ".join(task.support_units), 30),
    Column("field.source", lambda task, _: task.source, 30),
    Column("field.leader", lambda task, _: task.leader, 20),
    Column("field.follower", lambda task, _: task.follower, 20),
    Column("field.assigned_on", lambda task, _: task.assigned_on, 12),
    Column("field.deadline", lambda task, _: deadline_cell(task), 22),
    Column("field.due_on", lambda task, _: task.due_on, 12),
    Column("field.original_due_on", lambda task, _: task.original_due_on, 12),
    Column("field.done_on", lambda task, _: task.done_on, 14),
    Column(
        "field.status",
        lambda _, found: status_label(found.status) if found else t("not_assigned_yet"),
        24,
    ),
    Column("field.days", lambda _, found: days_text(found) if found else "", 14),
    Column("field.result", lambda task, _: task.result, 30),
    Column("field.note", lambda task, _: task.note, 30),
)
