"""A filtered, sorted view of the book at a cut-off, cheap to recompute as the user types.

Assessing and sorting 100.000 tasks is the expensive part; it depends only on the data
version, the cut-off and the order, so it is cached on those. Filters then keep the
cached order (a filter never re-sorts), and the figures come from the same assessments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from deadline_tui.domain.status import Assessment, Status, assess, urgency_key
from deadline_tui.domain.task import Task
from deadline_tui.reports.figures import Figures
from deadline_tui.services.query import (
    Row,
    SearchIndex,
    SortKey,
    TaskFilter,
    assess_all,
    select,
    sort_rows,
)


@dataclass(frozen=True, slots=True)
class ViewResult:
    """What a screen shows: the rows passing the filter, the figures of all rows, how many
    rows there are in all and how many open tasks are due on the cut-off day."""

    rows: list[Row]
    figures: Figures
    total_rows: int
    due_today: int
    more: int = 0
    """Rows passing the filter after ``rows``, not in this result (the first screen of a
    large book sends only its first rows: tui.firstview)."""

    @property
    def shown(self) -> int:
        """How many rows pass the filter."""
        return len(self.rows) + self.more

    def first(self, count: int) -> ViewResult:
        """This result with only its first ``count`` rows (the others counted in ``more``)."""
        kept = self.rows[:count]
        return replace(self, rows=kept, more=self.shown - len(kept))


class DayDeadlines(NamedTuple):
    """The deadlines of one day in the month view."""

    tasks: int
    worst: Assessment
    """The most urgent of them (overdue before due soon before in term before done)."""


class TaskView:
    """Holds one snapshot of the tasks and answers "what to show" for filters and orders."""

    def __init__(self, warning_days: int) -> None:
        self.warning_days = warning_days
        self._tasks: Sequence[Task] = ()
        self._version: object = None
        self._assessed: dict[date, list[Row]] = {}
        self._sorted: dict[tuple[date, SortKey, bool], list[Row]] = {}
        self._figures: dict[date, Figures] = {}
        self._due_today: dict[date, int] = {}
        self._by_uid: dict[date, dict[str, Assessment]] = {}
        # Folded search text of each sorted row, in the same order: built at the first
        # search of a view, it turns a search keystroke into one `in` per row.
        self._texts: dict[tuple[date, SortKey, bool], list[str]] = {}
        self._index = SearchIndex()

    @property
    def tasks(self) -> Sequence[Task]:
        """The current snapshot."""
        return self._tasks

    def load(self, tasks: Sequence[Task], version: object) -> None:
        """Replace the snapshot (``version`` identifies it, e.g. the file signature)."""
        if version == self._version and version is not None:
            return
        self._tasks = tasks
        self._version = version
        self._assessed.clear()
        self._sorted.clear()
        self._figures.clear()
        self._due_today.clear()
        self._by_uid.clear()
        self._texts.clear()

    def _assess(self, as_of: date) -> list[Row]:
        assessed = self._assessed.get(as_of)
        if assessed is None:
            assessed = self._assessed[as_of] = assess_all(self._tasks, as_of, self.warning_days)
        return assessed

    def _rows(self, as_of: date, order: SortKey, reverse: bool) -> list[Row]:
        key = (as_of, order, reverse)
        rows = self._sorted.get(key)
        if rows is None:
            rows = self._sorted[key] = sort_rows(self._assess(as_of), order, reverse=reverse)
        return rows

    def figures(self, as_of: date) -> Figures:
        """Section 4's figures at ``as_of`` over the whole book (the summary bar)."""
        found = self._figures.get(as_of)
        if found is None:
            found = Figures(as_of).count_all(row.found for row in self._assess(as_of)).finish()
            self._figures[as_of] = found
        return found

    def _search_texts(self, as_of: date, order: SortKey, reverse: bool) -> list[str]:
        key = (as_of, order, reverse)
        texts = self._texts.get(key)
        if texts is None:
            text = self._index.text
            texts = self._texts[key] = [text(row.task) for row in self._rows(*key)]
        return texts

    def prepare_search(
        self, as_of: date, order: SortKey = "urgency", reverse: bool = False
    ) -> None:
        """Fold every task's text now (seconds at 100.000 tasks, once), so that the first
        search keystroke does not (run on the storage thread after the first frame)."""
        self._search_texts(as_of, order, reverse)

    def assessor(self, as_of: date) -> Callable[[Task, date, int], Assessment | None]:
        """``assess`` answered from this view's assessments at ``as_of`` (for summarise:
        -40 % of its time at 100.000 tasks); other dates are assessed afresh."""
        found = self._by_uid.get(as_of)
        if found is None:
            found = self._by_uid[as_of] = {row.task.uid: row.found for row in self._assess(as_of)}

        def cached(task: Task, day: date, warning_days: int) -> Assessment | None:
            if day != as_of or warning_days != self.warning_days:
                return assess(task, day, warning_days)
            return found.get(task.uid)

        return cached

    def month(self, as_of: date, first: date, last: date) -> dict[date, DayDeadlines]:
        """The deadlines (in force at ``as_of``) falling on each day from ``first`` to
        ``last``: how many, and the most urgent one (whose status colours the day)."""
        days: dict[date, DayDeadlines] = {}
        for row in self._assess(as_of):
            due_on = row.found.due_on
            if due_on is None or not first <= due_on <= last:
                continue
            known = days.get(due_on)
            if known is None:
                days[due_on] = DayDeadlines(1, row.found)
            else:
                worst = known.worst
                if urgency_key(row.found) < urgency_key(worst):
                    worst = row.found
                days[due_on] = DayDeadlines(known.tasks + 1, worst)
        return days

    def due_today(self, as_of: date) -> int:
        """Open tasks due on ``as_of`` itself (part of the figures' "due soon")."""
        found = self._due_today.get(as_of)
        if found is None:
            in_term = Status.OPEN_IN_TERM
            found = sum(
                1
                for row in self._assess(as_of)
                if row.found.status is in_term and row.found.due_on == as_of
            )
            self._due_today[as_of] = found
        return found

    def query(
        self,
        as_of: date,
        task_filter: TaskFilter,
        order: SortKey = "urgency",
        reverse: bool = False,
    ) -> ViewResult:
        """The rows to show, in order, and the figures at the cut-off."""
        rows = self._rows(as_of, order, reverse)
        if task_filter.is_empty:
            chosen = rows
        else:
            texts = self._search_texts(as_of, order, reverse) if task_filter.search else None
            chosen = select(rows, task_filter, self._index, texts=texts)
        return ViewResult(chosen, self.figures(as_of), len(rows), due_today=self.due_today(as_of))
