"""Turning due reminders into the notices people read: a few stand alone, many (or the
morning's digest) become one digest notice, never a flood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reminders.engine import DIGEST, DayCounts, Reminder
from deadline_tui.reports.numbers import number

_LIST_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Notice:
    """One message to send; it carries the reminders it delivers."""

    title: str
    body: str
    reminders: tuple[Reminder, ...]
    urgent: bool = False

    @property
    def text(self) -> str:
        """Title and body as one plain text."""
        return f"{self.title}\n{self.body}" if self.body else self.title


def _is_overdue(reminder: Reminder) -> bool:
    return reminder.overdue or reminder.kind.startswith("overdue")


def reminder_headline(reminder: Reminder) -> str:
    """ "Quá hạn 5 ngày", "Còn 3 ngày", "Đến hạn hôm nay"."""
    if _is_overdue(reminder):
        return t("notice_overdue", days=reminder.days)
    if reminder.days == 0:
        return t("notice_due_today")
    return t("notice_before", days=reminder.days)


def _line(reminder: Reminder) -> str:
    task = reminder.task
    assert task is not None
    return t(
        "notice_line",
        head=reminder_headline(reminder),
        id=task.id,
        unit=task.lead_unit,
        title=task.title,
    )


def _single(reminder: Reminder) -> Notice:
    task = reminder.task
    assert task is not None
    title = t("notice_single_title", head=reminder_headline(reminder), id=task.id)
    body = t(
        "notice_single_body",
        title=task.title,
        unit=task.lead_unit,
        due=format_date(reminder.due_on),
    )
    return Notice(title, body, (reminder,), urgent=_is_overdue(reminder))


def compose(
    due: Sequence[Reminder], counts: DayCounts, today: date, group_above: int
) -> list[Notice]:
    """The notices for the reminders due now (see the module docstring)."""
    if not due:
        return []
    task_reminders = [r for r in due if r.kind != DIGEST]
    has_digest = len(task_reminders) < len(due)
    if not has_digest and len(task_reminders) <= group_above:
        return [_single(reminder) for reminder in task_reminders]
    title = t("notice_digest_title", date=format_date(today))
    lines = [
        t(
            "notice_digest_counts",
            overdue=number(counts.overdue),
            due_today=number(counts.due_today),
            due_soon=number(counts.due_soon),
        )
    ]
    lines += [f"• {_line(r)}" for r in task_reminders[:_LIST_LIMIT]]
    if len(task_reminders) > _LIST_LIMIT:
        lines.append(t("notice_more", count=number(len(task_reminders) - _LIST_LIMIT)))
    urgent = counts.overdue > 0 or any(_is_overdue(r) for r in task_reminders)
    return [Notice(title, "\n".join(lines), tuple(due), urgent)]
