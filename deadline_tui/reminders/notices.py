"""Turning due reminders into the notices people read: a few stand alone, many (or the
morning's digest) become one digest notice, never a flood.

The digest leads with what is new since the last one (DESIGN section 6): tasks that
became overdue, those due today, those reaching a lead time; then the rest of the
overdue tasks grouped by lead unit with their counts and the longest delay, so the same
old list does not open every morning. ``remind``, the desktop notification and the
TUI's digest screen all show this text, in this order. User text in it (titles, unit
names) has its control characters removed: it goes to terminals and program arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from deadline_tui.domain.names import NameMatcher, display_name
from deadline_tui.domain.printable import one_line
from deadline_tui.domain.vntext import format_date, sort_key
from deadline_tui.i18n import t
from deadline_tui.reminders.engine import DIGEST, DayCounts, OverdueTask, Reminder
from deadline_tui.reports.numbers import number

# Lines per part of the digest; a desktop notification shows a dozen lines at most.
_LIST_LIMIT = 5
_UNIT_LIMIT = 5


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
        unit=one_line(task.lead_unit),
        title=one_line(task.title),
    )


class UnitOverdue(NamedTuple):
    """Overdue tasks of one lead unit: how many, and the longest delay in days."""

    unit: str
    tasks: int
    longest: int


def overdue_by_unit(
    tasks: Iterable[OverdueTask], matcher: NameMatcher | None = None
) -> list[UnitOverdue]:
    """Overdue tasks grouped by lead unit as ``summary --by unit`` groups them (DESIGN
    section 2: the matching key with the office's aliases, so "UBND" = "Ủy ban nhân
    dân"; shown in :func:`display_name`'s spelling), most tasks first."""
    matcher = matcher or NameMatcher()
    # First by the exact spelling (one dict lookup per task: a book has thousands of
    # overdue tasks and tens of units), then the spellings merged by their key.
    by_spelling: dict[str, list[int]] = {}  # spelling -> [count, longest]
    for task in tasks:
        entry = by_spelling.get(task.unit)
        if entry is None:
            by_spelling[task.unit] = [1, task.days]
        else:
            entry[0] += 1
            entry[1] = max(entry[1], task.days)
    merged: dict[str, dict[str, list[int]]] = {}  # key -> spelling -> [count, longest]
    for spelling, entry in by_spelling.items():
        merged.setdefault(matcher.key(spelling), {})[spelling] = entry
    groups = [
        UnitOverdue(
            one_line(display_name({name: count for name, (count, _) in forms.items()})),
            sum(count for count, _ in forms.values()),
            max(longest for _, longest in forms.values()),
        )
        for forms in merged.values()
    ]
    groups.sort(key=lambda g: (-g.tasks, -g.longest, sort_key(g.unit)))
    return groups


def unit_line(group: UnitOverdue) -> str:
    """ "Sở Tài chính: 12 đầu việc, lâu nhất quá 230 ngày"."""
    return t(
        "notice_unit_line",
        unit=group.unit,
        count=number(group.tasks),
        longest=number(group.longest),
    )


def _listed(heading: str, reminders: list[Reminder]) -> list[str]:
    if not reminders:
        return []
    lines = [t(heading, count=number(len(reminders)))]
    lines += [f"• {_line(r)}" for r in reminders[:_LIST_LIMIT]]
    if len(reminders) > _LIST_LIMIT:
        lines.append(t("notice_more", count=number(len(reminders) - _LIST_LIMIT)))
    return lines


def _grouped(groups: list[UnitOverdue]) -> list[str]:
    if not groups:
        return []
    total = sum(g.tasks for g in groups)
    lines = [t("notice_old_overdue", count=number(total))]
    lines += [f"• {unit_line(g)}" for g in groups[:_UNIT_LIMIT]]
    rest = groups[_UNIT_LIMIT:]
    if rest:
        lines.append(
            t(
                "notice_more_units",
                units=number(len(rest)),
                count=number(sum(g.tasks for g in rest)),
            )
        )
    return lines


def _single(reminder: Reminder) -> Notice:
    task = reminder.task
    assert task is not None
    title = t("notice_single_title", head=reminder_headline(reminder), id=task.id)
    body = t(
        "notice_single_body",
        title=one_line(task.title),
        unit=one_line(task.lead_unit),
        due=format_date(reminder.due_on),
    )
    return Notice(title, body, (reminder,), urgent=_is_overdue(reminder))


def compose(
    due: Sequence[Reminder],
    counts: DayCounts,
    today: date,
    group_above: int,
    matcher: NameMatcher | None = None,
) -> list[Notice]:
    """The notices for the reminders due now (see the module docstring); ``matcher``
    carries the office's ``[aliases]`` for grouping units."""
    if not due:
        return []
    task_reminders = [r for r in due if r.kind != DIGEST]
    has_digest = len(task_reminders) < len(due)
    if not has_digest and len(task_reminders) <= group_above:
        return [_single(reminder) for reminder in task_reminders]
    title = t("notice_digest_title", date=format_date(today))
    news = [r for r in task_reminders if not r.repeat]
    became_overdue = sorted(
        (r for r in news if _is_overdue(r)), key=lambda r: (r.days, r.task.id if r.task else 0)
    )
    due_today = [r for r in news if not _is_overdue(r) and r.days == 0]
    lead_time = [r for r in news if not _is_overdue(r) and r.days > 0]
    if counts.first_digest:  # no digest before this one: nothing to be "new since"
        headline = "notice_first_news" if news else "notice_first_no_news"
    else:
        headline = "notice_news" if news else "notice_no_news"
    lines = [
        t(
            headline,
            overdue=number(len(became_overdue)),
            due_today=number(len(due_today)),
            lead=number(len(lead_time)),
        )
    ]
    lines += _listed("notice_became_overdue", became_overdue)
    lines += _listed("notice_due_today_list", due_today)
    lines += _listed("notice_lead_time", lead_time)
    new_uids = {r.uid for r in became_overdue}
    old_overdue = (o for o in counts.overdue_tasks if o.uid not in new_uids)
    lines += _grouped(overdue_by_unit(old_overdue, matcher))
    lines.append(
        t(
            "notice_digest_counts",
            overdue=number(counts.overdue),
            due_today=number(counts.due_today),
            due_soon=number(counts.due_soon),
        )
    )
    urgent = counts.overdue > 0 or any(_is_overdue(r) for r in task_reminders)
    return [Notice(title, "\n".join(lines), tuple(due), urgent)]
