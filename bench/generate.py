"""The benchmark's task books: the same tasks in our database and in Taskwarrior.

Why relative to today: every status depends on the day (a deadline passes at midnight),
and the measured programs read today from the system clock. Generating with a fixed
seed relative to the day of the run gives the same mix of statuses (overdue, due soon,
done, ...) whichever day the benchmark runs, so runs on different days stay comparable.
A book generated on an earlier day is therefore made again; one made today is reused
(generating 100.000 tasks and importing them into Taskwarrior takes a while).

``python -m bench.generate [SIZE ...]`` makes the books without measuring anything.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from bench.layout import (
    DATA_DIR,
    PROJECT_DIR,
    Programs,
    book_file,
    find_programs,
    manifest_file,
)
from bench.taskwarrior import Taskwarrior, is_pending
from deadline_tui.demo.generate import generate_tasks
from deadline_tui.domain.status import Status, assess
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.storage.desk import DeskBook

SIZES = (2231, 20000, 100000)
SEED = 20261123
FORMAT = 2  # bump when what the generator writes changes: older books are then remade
DONE_TARGETS = 40  # open tasks set aside for `done` runs: one per run, plus warm-ups


@dataclass(frozen=True, slots=True)
class Book:
    """What was generated for one size, as recorded in its manifest."""

    size: int
    today: str
    seed: int
    format: int
    statuses: dict[str, int]
    done_targets: list[tuple[int, int]]
    """(our id, Taskwarrior id) of open tasks spread over the book, one per ``done`` run."""

    @property
    def open_overdue(self) -> int:
        """Open overdue tasks: what `list --status overdue` and `+OVERDUE -suspended` count."""
        return self.statuses.get(Status.OPEN_OVERDUE.value, 0)


def _done_targets(tasks: list[Task]) -> list[tuple[int, int]]:
    # Taskwarrior numbers its pending tasks 1, 2, ... in the order they were imported,
    # which is our id order; open (not suspended) tasks can be marked done on both sides.
    pending_rank = {t.id: rank for rank, t in enumerate(filter(is_pending, tasks), start=1)}
    open_ids = [t.id for t in tasks if t.state is TaskState.OPEN]
    step = max(1, len(open_ids) // DONE_TARGETS)
    chosen = open_ids[step // 2 :: step][:DONE_TARGETS]
    return [(task_id, pending_rank[task_id]) for task_id in chosen]


def _write_database(tasks: list[Task], target: Path) -> list[Task]:
    """Store ``tasks`` through the real repository (one write), in a scratch directory so
    the lock file and the backup the repository makes do not end up beside the book."""
    scratch = DATA_DIR / f"scratch-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        repo = DeskBook.open_or_create(scratch / "tasks.json")
        try:
            stored = repo.add_many(tasks)
        finally:
            repo.close()
        os.replace(scratch / "tasks.json", target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return stored


def generate(size: int, today: date, task_program: Path) -> Book:
    """Generate the book of ``size`` tasks for ``today`` in both formats."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    manifest_file(size).unlink(missing_ok=True)  # half-made books are never reused
    tasks = generate_tasks(size, seed=SEED, today=today)
    stored = _write_database(tasks, book_file(size))
    Taskwarrior(size, task_program).build(stored)
    statuses = Counter(
        found.status.value for t in stored if (found := assess(t, today)) is not None
    )
    book = Book(
        size=size,
        today=today.isoformat(),
        seed=SEED,
        format=FORMAT,
        statuses=dict(sorted(statuses.items())),
        done_targets=_done_targets(stored),
    )
    manifest_file(size).write_text(json.dumps(asdict(book), indent=1), encoding="utf-8")
    return book


def load(size: int, today: date, task_program: Path) -> Book | None:
    """The book generated today for ``size``, if it is complete; None otherwise."""
    try:
        data = json.loads(manifest_file(size).read_text(encoding="utf-8"))
        book = Book(**{**data, "done_targets": [tuple(pair) for pair in data["done_targets"]]})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    fresh = book.today == today.isoformat() and book.format == FORMAT and book.seed == SEED
    complete = book_file(size).is_file() and Taskwarrior(size, task_program).is_built()
    return book if fresh and complete and book.size == size else None


def ensure(size: int, today: date, programs: Programs, *, force: bool = False) -> tuple[Book, bool]:
    """The book for ``size``: reused if generated today, else generated now in a child
    process. Returns (book, whether it was generated now).

    Why a child: generating 100.000 tasks grows a process by hundreds of MiB, and the
    benchmark forks every measured TUI from its own process; a lean parent keeps fork
    cost out of the figures.
    """
    book = None if force else load(size, today, programs.task)
    if book is not None:
        return book, False
    command = [str(programs.python), "-m", "bench.generate", str(size), "--force"]
    command += ["--today", today.isoformat()]
    subprocess.run(command, cwd=PROJECT_DIR, check=True, stdout=subprocess.DEVNULL)
    book = load(size, today, programs.task)
    if book is None:
        raise RuntimeError(f"generating {size} tasks left no usable book")
    return book, True


def main() -> None:
    """Generate books without measuring (``python -m bench.generate``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--force", action="store_true", help="regenerate even if made today")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="the day")
    args = parser.parse_args()
    task_program = find_programs().task
    for size in args.sizes:
        book = None if args.force else load(size, args.today, task_program)
        made = book is None
        if book is None:
            book = generate(size, args.today, task_program)
        print(f"{size}: {'generated' if made else 'reused'} {book.statuses}")


if __name__ == "__main__":
    main()
