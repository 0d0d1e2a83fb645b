"""The figures of DESIGN section 4, counted from the one status function.

The invariant done_on_time + done_late + open_in_term + open_overdue + no_deadline =
total is checked on every result; figures that break it are never returned.

For other reports (the report pack): :func:`summarise` with ``by`` (unit, leader, source,
follower), ``period`` (:func:`deadline_tui.reports.period.parse_period` reads codes and the
report's words), ``period_by`` ("assigned" or "due") and ``matcher``
(``NameMatcher(settings.aliases)``); each group's ``name`` is already its display
spelling. :func:`group_key` and :func:`in_period` put a single task in its group / period
the same way (e.g. for a list of overdue tasks by unit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from deadline_tui.domain.names import NameMatcher, display_name
from deadline_tui.domain.status import Assessment, Status, assess
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import sort_key
from deadline_tui.reports.period import Period, PeriodBy

GroupBy = Literal["unit", "leader", "source", "follower"]
GROUPINGS: tuple[GroupBy, ...] = ("unit", "leader", "source", "follower")

# The keys of `summary --json` (DESIGN section 7), in order.
FIGURE_KEYS = (
    "total",
    "due",
    "due_done",
    "done",
    "done_on_time",
    "done_late",
    "open_in_term",
    "open_overdue",
    "no_deadline",
)


class FiguresDoNotAddUp(AssertionError):
    """Raised instead of printing figures that contradict each other."""


Kind = tuple[Status, bool, bool]
"""What a task adds to the figures: its status, due soon, and due ("đến hạn") at the cut-off."""


def kind_of(found: Assessment, as_of: date) -> Kind:
    """The figures' view of one assessment."""
    due_on = found.due_on
    return found.status, found.due_soon, due_on is not None and due_on <= as_of


@dataclass(slots=True)
class Figures:
    """Counts at one cut-off, for all tasks or one group (``name``)."""

    as_of: date
    name: str = ""
    total: int = 0
    due: int = 0
    due_done: int = 0
    done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_in_term: int = 0
    open_overdue: int = 0
    no_deadline: int = 0
    due_soon: int = 0
    suspended: int = 0
    cancelled: int = 0

    def count_all(self, found: Iterable[Assessment]) -> Figures:
        """Add many assessments (tallied first: far fewer attribute updates)."""
        as_of = self.as_of
        tally: dict[Kind, int] = {}
        for one in found:
            kind = kind_of(one, as_of)
            tally[kind] = tally.get(kind, 0) + 1
        return self.add_tally(tally)

    def add_tally(self, tally: dict[Kind, int]) -> Figures:
        """Add a count of tasks per kind; returns self."""
        for kind, times in tally.items():
            self.add(kind, times)
        return self

    def add(self, kind: Kind, times: int = 1) -> None:
        """Add ``times`` tasks of one kind (see :func:`kind_of`)."""
        status, due_soon, is_due = kind
        if status is Status.SUSPENDED:
            self.suspended += times
            return
        if status is Status.CANCELLED:
            self.cancelled += times
            return
        self.total += times
        if status is Status.DONE_ON_TIME:
            self.done_on_time += times
        elif status is Status.DONE_LATE:
            self.done_late += times
        elif status is Status.OPEN_IN_TERM:
            self.open_in_term += times
            if due_soon:
                self.due_soon += times
        elif status is Status.OPEN_OVERDUE:
            self.open_overdue += times
        else:
            self.no_deadline += times
        if is_due:
            self.due += times
            if status.is_done:
                self.due_done += times

    def finish(self) -> Figures:
        """Derive ``done`` and check the invariant."""
        self.done = self.done_on_time + self.done_late
        parts = (
            self.done_on_time
            + self.done_late
            + self.open_in_term
            + self.open_overdue
            + self.no_deadline
        )
        if parts != self.total or self.due_done > self.due or self.due > self.total:
            raise FiguresDoNotAddUp(f"figures do not add up for {self.name or 'all'}: {self}")
        return self

    @property
    def on_time(self) -> int:
        """Not late: done on time, open in term, or without deadline ("đúng hạn")."""
        return self.done_on_time + self.open_in_term + self.no_deadline

    @property
    def late(self) -> int:
        """Late: done late or open overdue ("quá hạn")."""
        return self.done_late + self.open_overdue

    def as_json(self, *, with_name: bool = False) -> dict[str, object]:
        """Exactly the keys of DESIGN section 7 (plus ``name`` for a group)."""
        data: dict[str, object] = {"name": self.name} if with_name else {}
        data["as_of"] = self.as_of.isoformat()
        for key in FIGURE_KEYS:
            data[key] = getattr(self, key)
        return data


@dataclass(slots=True)
class Summary:
    """Figures for all tasks and, when grouped, per group (most overdue first)."""

    overall: Figures
    groups: list[Figures] = field(default_factory=list)
    period: Period | None = None
    by: GroupBy | None = None
    period_by: PeriodBy = "assigned"


def group_name(task: Task, by: GroupBy) -> str:
    """The name a task gives its group, as typed; empty fields form the group "" (shown
    as "not recorded")."""
    if by == "unit":
        return task.lead_unit
    if by == "leader":
        return task.leader
    if by == "follower":
        return task.follower
    return task.source


def group_key(task: Task, by: GroupBy, matcher: NameMatcher) -> str:
    """The group a task belongs to: names that match (DESIGN section 2) share one key;
    source documents are one when their number and symbol are."""
    name = group_name(task, by)
    return matcher.document_key(name) if by == "source" else matcher.key(name)


def in_period(
    task: Task, found: Assessment, period: Period | None, period_by: PeriodBy = "assigned"
) -> bool:
    """Whether the task is selected by ``period``: assigned in it, or (``due``) with the
    deadline in force at the cut-off falling in it."""
    if period is None:
        return True
    if period_by == "due":
        return found.due_on is not None and period.contains(found.due_on)
    return period.contains(task.assigned_on)


def summarise(
    tasks: Iterable[Task],
    as_of: date,
    *,
    warning_days: int,
    period: Period | None = None,
    by: GroupBy | None = None,
    period_by: PeriodBy = "assigned",
    matcher: NameMatcher | None = None,
    assessor: Callable[[Task, date, int], Assessment | None] = assess,
) -> Summary:
    """Count every task assigned by ``as_of`` (and selected by ``period``), overall and by
    group. Groups gather names that match (``matcher``, with the office's aliases) and are
    named by :func:`display_name`."""
    overall: dict[Kind, int] = {}
    tallies: dict[str, dict[Kind, int]] = {}
    spellings: dict[str, dict[str, int]] = {}
    matcher = matcher or NameMatcher()
    for task in tasks:
        if period is not None and period_by == "assigned" and not period.contains(task.assigned_on):
            continue
        found = assessor(task, as_of, warning_days)
        if found is None or not in_period(task, found, period, period_by):
            continue
        kind = kind_of(found, as_of)
        overall[kind] = overall.get(kind, 0) + 1
        if by is not None:
            key = group_key(task, by, matcher)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = {}
                spellings[key] = {}
            tally[kind] = tally.get(kind, 0) + 1
            names = spellings[key]
            name = group_name(task, by)
            names[name] = names.get(name, 0) + 1
    finished = [
        Figures(as_of, name=display_name(spellings[key])).add_tally(tally).finish()
        for key, tally in tallies.items()
    ]
    finished.sort(key=lambda g: (-g.open_overdue, sort_key(g.name)))
    summary = Summary(Figures(as_of).add_tally(overall).finish(), finished, period, by, period_by)
    if by is not None and sum(g.total for g in finished) != summary.overall.total:
        raise FiguresDoNotAddUp("groups do not add up to the overall total")
    return summary
