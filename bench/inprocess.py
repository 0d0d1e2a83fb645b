"""In-process timings: the parts of a command that DESIGN section 10 budgets on their own.

Why in-process: "storage time" of ``done`` excludes interpreter start-up and imports,
and the status and figure functions are what every screen and report runs over the
whole book, so their cost per size shows where whole-process time goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bench.measure import timed_calls
from bench.workspace import SavedState
from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.reports.figures import summarise
from deadline_tui.storage.backups import BackupPolicy
from deadline_tui.storage.desk import DeskBook


@dataclass(slots=True)
class InProcess:
    """Seconds per call, one entry per repeat."""

    storage: list[float]
    opening: list[float]
    """``DeskBook.open`` in the warm state, before each update."""
    closing: list[float]
    """``DeskBook.close`` after each update (reported apart)."""
    assess_all: list[float]
    summarise_unit: list[float]


def _open(db: Path) -> DeskBook:
    # The backup policy of the default config (10 backups, at most one an hour), as the
    # CLI opens the database.
    return DeskBook.open_or_create(db, backups=BackupPolicy())


def storage_times(
    state: SavedState, db: Path, targets: list[int], repeats: int
) -> tuple[list[float], list[float], list[float]]:
    """Time ``repo.update`` marking one open task done: one locked, durable write.

    Each repeat starts from the saved (warm) state with a freshly opened repository, as
    the ``done`` command does, and changes a different task; the first call is a warm-up
    (it imports the lock module, which is not storage time). Returns the update times
    and, apart, the times to open and to close the repository.
    """
    import time

    if len(targets) < repeats + 1:
        raise ValueError("not enough open tasks set aside for the storage timing")
    now = datetime.now().replace(microsecond=0)

    def complete(task: Task) -> Task:
        return task.with_changes(now, state=TaskState.DONE, done_on=now.date())

    updates: list[float] = []
    openings: list[float] = []
    closings: list[float] = []
    for index in range(repeats + 1):
        state.restore()
        start = time.perf_counter()
        repo = _open(db)
        opened = time.perf_counter()
        try:
            repo.update(targets[index], complete)
            updated = time.perf_counter()
        finally:
            repo.close()
        closed = time.perf_counter()
        if index > 0:
            openings.append(opened - start)
            updates.append(updated - opened)
            closings.append(closed - updated)
    state.restore()
    return updates, openings, closings


def measure(
    state: SavedState, db: Path, targets: list[int], today: date, repeats: int
) -> InProcess:
    """All in-process timings for one size (the working copy is left as saved)."""
    storage, opening, closing = storage_times(state, db, targets, repeats)
    repo = _open(db)
    try:
        tasks = repo.tasks()
    finally:
        repo.close()
    assess_all = timed_calls(lambda: [assess(task, today) for task in tasks], repeats)
    summarise_unit = timed_calls(
        lambda: summarise(tasks, today, warning_days=3, by="unit"), repeats
    )
    return InProcess(storage, opening, closing, assess_all, summarise_unit)
