"""The opening view: what the TUI shows before the whole book is read.

It is the unfiltered, urgency-ordered view at a day, cut to its most urgent rows, with
the whole book's figures. It changes only when the data or the day does, so whoever
has the whole book in hand at a day keeps it beside the database (storage.opening,
keyed by the data version): the TUI whenever it shows that view, and every reminder
run, which reads the whole book anyway, so the first TUI start of the morning does
not wait for 100.000 tasks to be read and sorted.

Statuses are assessed again by the one rule when the view is read back; the figures
are rebuilt and checked to add up; anything that does not fit is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date

from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.reports.figures import Figures, FiguresDoNotAddUp
from deadline_tui.services.query import Row, TaskFilter
from deadline_tui.services.view import TaskView, ViewResult
from deadline_tui.storage.repository import TaskRepository

OPENING_ROWS = 300
"""How many of the most urgent rows the opening view keeps: more than any screen shows."""

# The counts that define a Figures (``done`` is derived by ``finish``).
_COUNTED = tuple(f.name for f in fields(Figures) if f.name not in ("as_of", "name", "done"))


def opening_of(result: ViewResult) -> tuple[list[Task], tuple[int, ...]]:
    """What to keep of the unfiltered, urgency-ordered view at a day: the tasks of its
    first rows, then the figures' counts and the number of rows."""
    figures = result.figures
    counts = tuple(getattr(figures, name) for name in _COUNTED)
    return [row.task for row in result.rows[:OPENING_ROWS]], (*counts, result.total_rows)


def opening_view(
    tasks: Sequence[Task], kept: object, as_of: date, warning_days: int
) -> ViewResult | None:
    """The view :func:`opening_of` kept, with every status assessed again by the one rule;
    None if what was kept does not fit (an older format, figures that do not add up)."""
    if not isinstance(kept, tuple) or len(kept) != len(_COUNTED) + 1:
        return None
    *counts, total_rows = kept
    try:
        figures = Figures(as_of, **dict(zip(_COUNTED, counts, strict=True))).finish()
    except (TypeError, FiguresDoNotAddUp):
        return None
    rows = []
    for task in tasks:
        found = assess(task, as_of, warning_days)
        if found is None:
            return None
        rows.append(Row(task, found))
    return ViewResult(rows, figures, total_rows, complete=False)


def keep_opening(
    repo: TaskRepository, version: object, day: date, warning_days: int, result: ViewResult
) -> None:
    """Keep ``result`` (the unfiltered urgency view of snapshot ``version`` at ``day``)."""
    tasks, kept = opening_of(result)
    repo.keep_opening(version, day, warning_days, tasks, kept)


def read_opening(repo: TaskRepository, day: date, warning_days: int) -> ViewResult | None:
    """The opening view kept for the data on disk now at ``day``, or None."""
    kept = repo.opening(day, warning_days)
    if kept is None:
        return None
    return opening_view(kept[0], kept[1], day, warning_days)


def prepare_opening(repo: TaskRepository, day: date, warning_days: int) -> bool:
    """Make sure the opening view at ``day`` is kept for the data on disk now; True if
    it had to be computed (reads the whole book), False if it was kept already."""
    if repo.has_opening(day, warning_days):
        return False
    snapshot = repo.snapshot()
    view = TaskView(warning_days)
    view.load(snapshot.tasks, snapshot.version)
    keep_opening(repo, snapshot.version, day, warning_days, view.query(day, TaskFilter()))
    return True
