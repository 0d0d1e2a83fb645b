"""Words for statuses and day counts, shared by the command line, the TUI and exports."""

from __future__ import annotations

from deadline_tui.domain.status import Assessment, Status
from deadline_tui.i18n import t


def status_label(status: Status) -> str:
    """Section 3's full label: "Đang thực hiện quá hạn"."""
    return t(f"status.{status.value}")


def short_label(found: Assessment) -> str:
    """A short label for table columns; due-soon tasks say so."""
    if found.status is Status.OPEN_IN_TERM and found.due_soon:
        return t("short.due_today") if found.days == 0 else t("short.due_soon")
    return t(f"short.{found.status.value}")


def days_text(found: Assessment) -> str:
    """ "quá 5 ngày", "còn 3 ngày", "đến hạn hôm nay", "trễ 2 ngày", or nothing."""
    if found.days is None:
        return ""
    if found.status is Status.OPEN_OVERDUE:
        return t("days_overdue", days=found.days)
    if found.status is Status.OPEN_IN_TERM:
        return t("due_today") if found.days == 0 else t("days_left", days=found.days)
    if found.status is Status.DONE_LATE:
        return t("days_late", days=found.days)
    return ""


def status_style(found: Assessment) -> str:
    """A semantic style name: overdue, due-soon, in-term, done, no-deadline, set-aside."""
    status = found.status
    if status is Status.OPEN_OVERDUE:
        return "overdue"
    if status is Status.OPEN_IN_TERM:
        return "due-soon" if found.due_soon else "in-term"
    if status.is_done:
        return "done"
    if status is Status.NO_DEADLINE:
        return "no-deadline"
    return "set-aside"
