"""Every field of one task as (label, value) lines: the CLI's ``show`` and the TUI's detail pane."""

from __future__ import annotations

from datetime import date

from deadline_tui.domain.delivery import Delivery
from deadline_tui.domain.history_text import state_lines
from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import current_language, t
from deadline_tui.reports.labels import days_text, status_label


def recurrence_text(rule: Recurrence | None) -> str:
    """How a task recurs, in words ("hàng tháng"), or empty."""
    if rule is None:
        return ""
    return t(f"recurs.{rule.frequency.value}")


def task_fields(task: Task, as_of: date, warning_days: int) -> list[tuple[str, str]]:
    """The task's fields in the order of DESIGN section 2, with its status at ``as_of``."""
    found = assess(task, as_of, warning_days)
    if found is None:
        status = t("not_assigned_yet")
    else:
        status = status_label(found.status)
        extra = days_text(found)
        if extra:
            status += f" ({extra})"
    lines = [
        (t("field.id"), f"{task.id} · {task.uid}"),
        (t("field.status"), status),
        (t("field.title"), task.title),
        (t("field.source"), task.source),
        (t("field.lead_unit"), task.lead_unit),
        (t("field.support_units"), "; ".join(task.support_units)),
        (t("field.leader"), task.leader),
        (t("field.follower"), task.follower),
        (t("field.assigned_on"), format_date(task.assigned_on)),
        (t("field.deadline_text"), task.deadline_text),
        (t("field.due_on"), format_date(task.due_on)),
        (t("field.original_due_on"), format_date(task.original_due_on)),
        (t("field.recurrence"), recurrence_text(task.recurrence)),
        (t("field.done_on"), format_date(task.done_on)),
        # Every change of state, dated (corrections of the completion date included).
        (
            t("field.state_history"),
            "; ".join(state_lines(task.state_history, current_language()).splitlines()),
        ),
        (t("field.result"), task.result),
        (t("field.note"), task.note),
        (t("field.updated_at"), task.updated_at.strftime("%d/%m/%Y %H:%M")),
    ]
    return lines


def extension_lines(task: Task) -> list[str]:
    """One line per extension: "15/03/2021: 31/03/2021 → 30/06/2021 — reason (document)"."""
    lines = []
    for extension in task.extensions:
        line = t(
            "extension_line",
            recorded=format_date(extension.recorded_on),
            old=format_date(extension.old_due) or "–",
            new=format_date(extension.new_due),
            reason=extension.reason,
        )
        if extension.document:
            line += f" ({extension.document})"
        lines.append(line)
    return lines


def delivery_lines(records: list[Delivery]) -> list[str]:
    """One line per reminder delivered for the task."""
    return [
        t(
            "delivery_line",
            at=record.at.strftime("%d/%m/%Y %H:%M"),
            kind=kind_label(record.kind),
            state=t(f"delivery.{record.state.value}"),
            channel=record.channel or "–",
        )
        for record in records
    ]


def kind_label(kind: str) -> str:
    """A reminder kind in words: before-3 -> "trước hạn 3 ngày"."""
    name, _, number = kind.partition("-")
    if name == "before":
        return t("kind.before", days=number)
    if name == "overdue":
        return t("kind.overdue", days=number)
    return t(f"kind.{name}")
