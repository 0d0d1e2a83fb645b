"""The opening view kept beside the book: exactly what a full read shows first, used only
for the version, day and settings it was made for, and harmless when damaged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from deadline_tui.config import Settings, UiSettings
from deadline_tui.domain.task import TaskState
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.opening import (
    OPENING_ROWS,
    opening_of,
    opening_view,
    prepare_opening,
    read_opening,
)
from deadline_tui.services.query import TaskFilter
from deadline_tui.services.view import TaskView, ViewResult
from deadline_tui.storage import opening
from deadline_tui.storage.repository import TaskRepository
from deadline_tui.tui.store import BookStore, Query
from tests.conftest import NOW, CliResult
from tests.factories import make_task

TODAY = NOW.date()


def mixed_book(count: int) -> list:
    """Tasks of every status at TODAY, many more than the opening view keeps."""
    tasks = []
    for number in range(count):
        due = TODAY + timedelta(days=number % 40 - 20)
        kind = number % 6
        fields: dict[str, object] = {"uid": f"op{number:08d}", "due_on": due}
        if kind == 1:
            fields.update(state=TaskState.DONE, done_on=due - timedelta(days=1))
        elif kind == 2:
            fields.update(state=TaskState.DONE, done_on=due + timedelta(days=3))
        elif kind == 3:
            fields["due_on"] = None
        elif kind == 4 and number % 12 == 4:
            fields["state"] = TaskState.SUSPENDED
        elif kind == 5 and number % 12 == 5:
            fields["assigned_on"] = TODAY + timedelta(days=5)  # not assigned yet at TODAY
        tasks.append(make_task(**fields))
    return tasks


def settings_on(db_path: Path, warning_days: int = 3) -> Settings:
    base = Settings()
    return base._replace(
        ui=UiSettings()._replace(warning_days=warning_days),
        database=base.database._replace(path=db_path),
    )


def opened(store: BookStore) -> ViewResult:
    """What opening showed first (the storage thread runs calls in order)."""
    store.start()
    store.submit(lambda: None).result()
    result = store.opened_already()
    assert result is not None
    return result


def write(db_path: Path, tasks: list) -> None:
    repo = TaskRepository.open(db_path)
    repo.add_many(tasks)
    repo.close()


def test_the_opening_view_is_the_first_rows_and_the_figures_of_the_full_view() -> None:
    tasks = mixed_book(OPENING_ROWS + 150)
    full = TaskView(3)
    full.load(tasks, "v1")
    complete = full.query(TODAY, TaskFilter())
    kept_tasks, kept = opening_of(complete)
    assert len(kept_tasks) == OPENING_ROWS
    found = opening_view(kept_tasks, kept, TODAY, 3)
    assert found is not None
    assert not found.complete
    assert found.rows == complete.rows[:OPENING_ROWS]
    assert found.figures == complete.figures
    assert found.total_rows == complete.total_rows
    assert found.shown == complete.total_rows


@pytest.mark.parametrize(
    "kept",
    [None, (), (1, 2, 3), tuple(range(13)), (5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7)],
)
def test_kept_figures_that_do_not_fit_are_refused(kept: object) -> None:
    # the last one: a total of 5 made of nothing breaks the figures' invariant
    assert opening_view([], kept, TODAY, 3) is None


def test_a_task_not_yet_assigned_at_the_day_makes_the_kept_view_unusable() -> None:
    later = make_task(assigned_on=TODAY + timedelta(days=1))
    full = TaskView(3)
    full.load([make_task()], "v1")
    _, kept = opening_of(full.query(TODAY, TaskFilter()))
    assert opening_view([later], kept, TODAY, 3) is None


def test_the_file_is_used_only_for_its_version_day_and_settings(db_path: Path) -> None:
    write(db_path, [make_task(uid="keep000001")])
    repo = TaskRepository.open(db_path)
    version = repo.version()
    task = repo.tasks()[0]
    repo.keep_opening(version, TODAY, 3, [task], ("extra",))
    assert repo.opening(TODAY, 3) == ([task], ("extra",))
    assert repo.opening(TODAY + timedelta(days=1), 3) is None  # another day
    assert repo.opening(TODAY, 5) is None  # another warning window
    repo.add(make_task(uid="keep000002"))  # another version of the book
    assert repo.opening(TODAY, 3) is None
    repo.close()


@pytest.mark.parametrize("damage", [b"", b"DTOV", b"\x00" * 80, b"garbage" * 20])
def test_a_damaged_file_means_no_opening_view(db_path: Path, damage: bytes) -> None:
    write(db_path, [make_task()])
    repo = TaskRepository.open(db_path)
    repo.keep_opening(repo.version(), TODAY, 3, list(repo.tasks()), ())
    path = opening.opening_path(db_path)
    path.write_bytes(path.read_bytes()[: len(damage)] + damage if damage else b"")
    assert repo.opening(TODAY, 3) is None
    repo.close()


def test_the_store_keeps_the_view_then_opens_with_it_and_reads_the_rest_on_demand(
    db_path: Path,
) -> None:
    write(db_path, mixed_book(OPENING_ROWS + 150))
    first = BookStore(settings_on(db_path), FixedClock(NOW))
    complete = opened(first)
    first.close()
    assert complete.complete
    assert opening.opening_path(db_path).exists()

    second = BookStore(settings_on(db_path), FixedClock(NOW))
    preview = opened(second)
    assert not preview.complete
    assert preview.rows == complete.rows[:OPENING_ROWS]
    assert preview.figures == complete.figures
    # The first query reads the whole book (on the storage thread, like every call).
    again = second.submit(second.query, Query(as_of=TODAY)).result()
    assert again.complete
    assert again.rows == complete.rows
    second.close()


def test_other_settings_or_another_day_open_the_whole_book(db_path: Path) -> None:
    write(db_path, mixed_book(40))
    for settings, clock in (
        (settings_on(db_path), FixedClock(NOW)),  # keeps the view for (today, 3 days)
        (settings_on(db_path, warning_days=7), FixedClock(NOW)),
        (settings_on(db_path), FixedClock(NOW + timedelta(days=1))),
    ):
        store = BookStore(settings, clock)
        assert opened(store).complete
        store.close()
    # Each replaced the kept view with its own: the last one's is used next time.
    again = BookStore(settings_on(db_path), FixedClock(NOW + timedelta(days=1)))
    assert not opened(again).complete
    again.close()


def test_a_day_other_than_today_does_not_replace_the_kept_view(db_path: Path) -> None:
    write(db_path, mixed_book(40))
    store = BookStore(settings_on(db_path), FixedClock(NOW))
    opened(store)
    before = opening.opening_path(db_path).read_bytes()
    store.submit(store.query, Query(as_of=date(2026, 6, 30))).result()
    store.submit(store.query, Query(as_of=TODAY, task_filter=TaskFilter(status="done"))).result()
    assert opening.opening_path(db_path).read_bytes() == before
    store.close()


def test_prepare_opening_computes_once_per_version_and_day(db_path: Path) -> None:
    write(db_path, mixed_book(OPENING_ROWS + 20))
    repo = TaskRepository.open(db_path)
    assert prepare_opening(repo, TODAY, 3)
    assert not prepare_opening(repo, TODAY, 3)  # kept already: only the headers were read
    full = TaskView(3)
    full.load(repo.tasks(), "v")
    kept = read_opening(repo, TODAY, 3)
    assert kept is not None
    assert kept.rows == full.query(TODAY, TaskFilter()).rows[:OPENING_ROWS]
    assert prepare_opening(repo, TODAY + timedelta(days=1), 3)  # a new day
    repo.add(make_task(uid="late000001"))
    assert read_opening(repo, TODAY + timedelta(days=1), 3) is None  # a new version
    assert prepare_opening(repo, TODAY + timedelta(days=1), 3)
    repo.close()


def test_a_reminder_run_keeps_the_opening_view_for_the_first_start_of_the_day(
    db_path: Path, cli: Callable[..., CliResult]
) -> None:
    write(db_path, mixed_book(60))
    assert cli("remind", "--dry-run", "--now", "23/11/2026 07:00").code == 0
    assert not opening.opening_path(db_path).exists()  # a dry run writes nothing
    assert cli("remind", "--now", "23/11/2026 07:00").code in (0, 1)
    store = BookStore(settings_on(db_path), FixedClock(NOW))
    first = opened(store)
    assert not first.complete  # the TUI starts from what the run kept
    assert first.figures == store.submit(store.query, Query(as_of=TODAY)).result().figures
    store.close()
