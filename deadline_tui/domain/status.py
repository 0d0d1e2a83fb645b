"""A task's status at a cut-off date: the one rule every screen, list, reminder and export uses.

DESIGN section 3. The cut-off D is a date and a deadline runs to the end of its day: the
deadline day itself is on time, the task is overdue from the next day. A task assigned
after D does not exist at D, and a completion after D has not happened yet at D.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from deadline_tui.domain.task import Task, TaskState

DEFAULT_WARNING_DAYS = 3
_OPEN, _DONE, _SUSPENDED = TaskState.OPEN, TaskState.DONE, TaskState.SUSPENDED


class Status(StrEnum):
    """Section 3's statuses; the values are the names used in JSON output."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TERM = "open_in_term"
    OPEN_OVERDUE = "open_overdue"
    NO_DEADLINE = "no_deadline"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"

    @property
    def is_done(self) -> bool:
        """Completed (on time or late) at the cut-off."""
        return self in (Status.DONE_ON_TIME, Status.DONE_LATE)

    @property
    def is_counted(self) -> bool:
        """Inside the figures' denominators (suspended and cancelled are listed apart)."""
        return self not in (Status.SUSPENDED, Status.CANCELLED)


class Assessment(NamedTuple):
    """Where a task stands at a cut-off.

    ``days`` is the days overdue (open overdue), days left (open in term, 0 on the
    deadline day) or days late (done late); None otherwise. ``due_soon`` flags open
    in-term tasks within the warning window. (A NamedTuple: one is made per task on
    every read, and a tuple is several times cheaper to build than a frozen dataclass.)
    """

    status: Status
    due_on: date | None
    days: int | None = None
    due_soon: bool = False


def assess(task: Task, as_of: date, warning_days: int = DEFAULT_WARNING_DAYS) -> Assessment | None:
    """The status of ``task`` at the end of day ``as_of``; None if it was not assigned yet."""
    if task.assigned_on > as_of:
        return None
    # due_at(), inlined for the common case: this runs once per task on every read.
    due = task.due_at(as_of) if task.extensions else task.due_on
    if task.state_history:
        state, done_on = task.state_at(as_of)
        if state is _DONE:
            return _assess_open_or_done(done_on, due, as_of, warning_days)
    else:
        state = task.state
    if state is _OPEN:
        done_on = None
    elif state is _DONE:
        done_on = task.done_on
    elif state is _SUSPENDED:
        return Assessment(Status.SUSPENDED, due)
    else:  # the fourth state, cancelled
        return Assessment(Status.CANCELLED, due)
    return _assess_open_or_done(done_on, due, as_of, warning_days)


def _assess_open_or_done(
    done_on: date | None, due: date | None, as_of: date, warning_days: int
) -> Assessment:
    if done_on is not None and done_on <= as_of:
        if due is None or done_on <= due:
            return Assessment(Status.DONE_ON_TIME, due)
        return Assessment(Status.DONE_LATE, due, (done_on - due).days)
    if due is None:
        return Assessment(Status.NO_DEADLINE, None)
    if due >= as_of:
        left = (due - as_of).days
        return Assessment(Status.OPEN_IN_TERM, due, left, left <= warning_days)
    return Assessment(Status.OPEN_OVERDUE, due, (as_of - due).days)


def status_at(task: Task, as_of: date) -> Status | None:
    """Just the status of :func:`assess`."""
    found = assess(task, as_of)
    return found.status if found else None


def is_due(task: Task, as_of: date) -> bool:
    """ "Đến hạn" at D: the task exists, counts, has a deadline in force and it is not after D."""
    found = assess(task, as_of)
    return (
        found is not None
        and found.status.is_counted
        and found.due_on is not None
        and found.due_on <= as_of
    )


# Urgency: overdue first (longest overdue on top), then due soon, in term, no deadline,
# done, and the tasks set aside.
# Groups of the urgency order, most urgent first (open in term and due soon is 1).
URGENCY_RANK = {
    Status.OPEN_OVERDUE: 0,
    Status.OPEN_IN_TERM: 2,
    Status.NO_DEADLINE: 3,
    Status.DONE_LATE: 4,
    Status.DONE_ON_TIME: 4,
    Status.SUSPENDED: 5,
    Status.CANCELLED: 6,
}


def urgency_key(found: Assessment) -> tuple[int, int]:
    """Sort key: most urgent first. Within a group, the nearest (or oldest) deadline first."""
    rank = URGENCY_RANK[found.status]
    if found.status is Status.OPEN_IN_TERM and found.due_soon:
        rank = 1
    ordinal = found.due_on.toordinal() if found.due_on else 10**7
    if found.status.is_done:
        ordinal = -ordinal  # recently due first among completed tasks
    return rank, ordinal
