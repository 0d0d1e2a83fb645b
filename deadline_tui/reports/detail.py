"""Every field of one task as (label, value) lines: the CLI's ``show`` and the TUI's detail pane."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from deadline_tui.domain.delivery import Delivery
from deadline_tui.domain.history_text import state_lines
from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import current_language, t
from deadline_tui.reports.labels import days_text, status_label

# The most days each month can have (a yearly rule on 29/02 falls on the 28th in other
# years, as Recurrence expands it).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _day_month(day: int | None, month: int) -> str:
    """ "20/06"; no day, or one the month lacks, is the month's last ("30/06")."""
    last = _MONTH_DAYS[month - 1]
    return f"{min(day or last, last):02d}/{month:02d}"


def recurrence_text(rule: Recurrence | None) -> str:
    """How a task recurs, in words, or empty: "hàng tháng, ngày 20", "hàng tuần, thứ Hai",
    "hàng quý, ngày cuối quý", "hàng năm, ngày 15/12". The one wording every screen, the
    CLI's ``show`` and the review of a document's drafts use."""
    if rule is None:
        return ""
    if rule.frequency is Frequency.WEEKLY:
        return t("recurs.weekly_on", weekday=t(f"recurs.weekday.{rule.weekday or 0}"))
    if rule.frequency is Frequency.MONTHLY:
        if rule.day is None:
            return t("recurs.monthly_last")
        return t("recurs.monthly_on", day=rule.day)
    if rule.frequency is Frequency.QUARTERLY:
        if rule.day is None:
            return t("recurs.quarterly_last")
        return t("recurs.quarterly_on", day=rule.day)
    if rule.frequency is Frequency.HALF_YEARLY:
        return t(
            "recurs.half_yearly_on", first=_day_month(rule.day, 6), second=_day_month(rule.day, 12)
        )
    return t("recurs.yearly_on", date=_day_month(rule.day, rule.month or 12))


def rules_text(rules: Iterable[Recurrence]) -> str:
    """The rules of one deadline ("hàng tháng, quý và năm" has three), each in
    :func:`recurrence_text`'s words, joined by "; "; empty for none."""
    return "; ".join(recurrence_text(rule) for rule in rules)


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
            channel=channel_names(record.channel),
        )
        for record in records
    ]


def channel_names(channels: str) -> str:
    """The channels that carried a reminder, as the log keeps them ("desktop,bell"), in
    words ("thông báo trên màn hình, chuông"); a name this version does not know as is."""
    names = []
    for name in filter(None, channels.split(",")):
        try:
            names.append(t(f"channel.{name}"))
        except KeyError:
            names.append(name)
    return ", ".join(names) or "–"


def kind_label(kind: str) -> str:
    """A reminder kind in words: before-3 -> "trước hạn 3 ngày"."""
    name, _, number = kind.partition("-")
    if name == "before":
        return t("kind.before", days=number)
    if name == "overdue":
        return t("kind.overdue", days=number)
    return t(f"kind.{name}")
