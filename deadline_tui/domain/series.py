"""Recurring tasks: a series is a template plus a rule; each occurrence is its own task.

Occurrences are created ahead of time. Each occurrence is assigned at the start of its own
cycle (the April occurrence of "trước ngày 20 hàng tháng" on 01/04, never on 21/03, so an
April report counts it and a first-quarter report does not); the first one no earlier
than the series' start. Until that day it "does not exist yet" for every status and
figure, and needs no special case anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.domain.task import Task, new_uid

# How far ahead occurrences are materialised; topped up by every reminder run and TUI start.
HORIZON_DAYS = 400


@dataclass(frozen=True, slots=True)
class Series:
    """A recurring task: the fields every occurrence copies, and its rule."""

    uid: str
    template: Task
    recurrence: Recurrence
    start: date
    until: date | None = None
    last_due: date | None = None  # the deadline of the newest occurrence created
    created_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


def plan_occurrences(series: Series, horizon_end: date, now: datetime) -> tuple[Series, list[Task]]:
    """The occurrences to create so the series reaches ``horizon_end`` (or its end).

    Returns the series with ``last_due`` advanced and the new tasks (without ids).
    """
    end = min(horizon_end, series.until) if series.until else horizon_end
    if series.last_due is None:
        first_start = series.start
        dues = series.recurrence.occurrences(series.start, end)
    else:
        first_start = series.last_due + timedelta(days=1)
        dues = series.recurrence.occurrences(first_start, end)
    if series.last_due is None and not dues:
        # Always at least one occurrence, even when the horizon is short.
        dues = [series.recurrence.first_on_or_after(series.start)]
    tasks: list[Task] = []
    for due in dues:
        assigned = max(first_start, series.recurrence.cycle_start(due))
        tasks.append(
            series.template._replace(
                uid=new_uid(),
                id=0,
                assigned_on=assigned,
                due_on=due,
                original_due_on=None,
                extensions=(),
                state_history=(),
                recurrence=series.recurrence,
                series_uid=series.uid,
                created_at=now,
                updated_at=now,
            )
        )
    last_due = dues[-1] if dues else series.last_due
    return replace(series, last_due=last_due), tasks
