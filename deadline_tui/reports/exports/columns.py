"""The columns of the CSV and XLSX exports. Their headers are the import headers, so an
exported file imports back (rows already in the book are recognised by their uid) with
the deadline as written, the deadline in force, the original deadline, every extension
and the state history: the same figures at every past cut-off (DESIGN section 7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from deadline_tui.domain.history_text import extension_lines, state_lines
from deadline_tui.domain.status import Assessment
from deadline_tui.domain.task import Task
from deadline_tui.i18n import current_language, t
from deadline_tui.reports.labels import days_text, status_label

Cell = str | int | date | None


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
    Column("field.deadline", lambda task, _: task.deadline_text, 22),
    Column("field.due_on", lambda task, _: task.due_on, 12),
    Column("field.original_due_on", lambda task, _: task.original_due_on, 12),
    Column(
        "field.extensions",
        lambda task, _: extension_lines(task.extensions, current_language()),
        40,
    ),
    Column("field.done_on", lambda task, _: task.done_on, 14),
    Column(
        "field.status",
        lambda _, found: status_label(found.status) if found else t("not_assigned_yet"),
        24,
    ),
    Column("field.days", lambda _, found: days_text(found) if found else "", 14),
    Column("field.result", lambda task, _: task.result, 30),
    Column("field.note", lambda task, _: task.note, 30),
    Column(
        "field.state_history",
        lambda task, _: state_lines(task.state_history, current_language()),
        40,
    ),
)

# A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")


def csv_safe(text: str) -> str:
    """Text a spreadsheet opening the CSV shows as text: a leading apostrophe before a
    formula character (the import removes it again)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
