"""The first screen worked out in a forked child (tui.firstview): the same rows and figures
as the store works out itself, the same message for a bad book, and a child that fails
leaves the reading to the program."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

import pytest

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.errors import DamagedDatabaseError, UserError
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.view import ViewResult
from deadline_tui.storage.desk import DeskBook
from deadline_tui.tui import firstview
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.store import BookStore, Query, preload
from tests.conftest import NOW
from tests.factories import make_task
from tests.tui.conftest import (
    loaded,
    main_screen,
    screen_text,
    settings_for,
    table,
    wait_for,
    write_book,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")

SIZE = firstview.FIRST_ROWS + 57


def tasks() -> list[Task]:
    """Deadlines spread around NOW, some done, some late: every status and many rows."""
    found = []
    for number in range(SIZE):
        due = date(2026, 9, 1) + timedelta(days=number % 150)
        done = due + timedelta(days=number % 7 - 3) if number % 3 == 0 else None
        found.append(
            make_task(
                title=f"Đầu việc số {number}",
                lead_unit=("Sở Tài chính", "Sở Nội vụ", "UBND huyện Kỳ Anh")[number % 3],
                due_on=due,
                done_on=done if done is None or done <= NOW.date() else None,
                state=TaskState.SUSPENDED if number % 41 == 0 else TaskState.OPEN,
            )
        )
    return found


def opened(store: BookStore) -> ViewResult:
    """The store's first view (what the main screen shows first)."""
    return asyncio.run(store.opened())


def in_process(db: Path) -> ViewResult:
    """The first view as the store works it out in this process."""
    store = BookStore(settings_for(db), FixedClock(NOW))
    try:
        return store.query(Query(as_of=NOW.date()))
    finally:
        store.close()


def test_the_child_sends_the_first_rows_and_figures_of_the_same_view(tmp_path: Path) -> None:
    db = write_book(tmp_path / "tasks.json", tasks())
    whole = in_process(db)
    assert whole.shown == SIZE and whole.more == 0

    store = preload(settings_for(db), FixedClock(NOW), in_child=True)
    try:
        first = opened(store)
        assert first.rows == whole.rows[: firstview.FIRST_ROWS]
        assert first.more == SIZE - firstview.FIRST_ROWS and first.shown == SIZE
        assert first.figures == whole.figures
        assert (first.total_rows, first.due_today) == (whole.total_rows, whole.due_today)
        # The store then reads the whole book itself.
        every = store.submit(store.query, Query(as_of=NOW.date())).result(timeout=30)
        assert every.rows == whole.rows and every.more == 0
    finally:
        store.close()


def test_a_damaged_book_gets_the_same_message_through_the_child(tmp_path: Path) -> None:
    db = write_book(tmp_path / "tasks.json", tasks()[:3])
    db.write_bytes(db.read_bytes()[:-20])
    with pytest.raises(DamagedDatabaseError) as here:
        in_process(db)
    store = preload(settings_for(db), FixedClock(NOW), in_child=True)
    try:
        with pytest.raises(DamagedDatabaseError) as through_child:
            opened(store)
    finally:
        store.close()
    assert through_child.value.message() == here.value.message()
    assert str(db) in through_child.value.message()


def test_a_missing_book_is_refused_through_the_child_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "tasks.json"
    store = preload(settings_for(db), FixedClock(NOW), in_child=True)
    try:
        with pytest.raises(UserError) as refused:
            opened(store)
    finally:
        store.close()
    assert str(db) in refused.value.message()
    assert not db.parent.exists()


def _killed() -> NoReturn:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("not reached")


def _fails() -> ViewResult:
    raise RuntimeError("an unexpected failure")


@pytest.mark.parametrize("work", [_killed, _fails], ids=["killed", "raises"])
def test_a_child_that_fails_sends_nothing_and_is_reaped(work: Callable[[], ViewResult]) -> None:
    child = firstview.fork(work)
    assert child is not None
    assert firstview.result(child) is None  # the store then reads the book itself
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)


def test_the_work_runs_in_another_process() -> None:
    from deadline_tui.reports.figures import Figures

    def pid_as_rows() -> ViewResult:
        return ViewResult([], Figures(NOW.date()).finish(), os.getpid(), 0)

    child = firstview.fork(pid_as_rows)
    assert child is not None
    found = firstview.result(child)
    assert found is not None and found.total_rows == child.pid != os.getpid()


async def test_the_table_gets_every_row_once_the_first_screen_is_up(tmp_path: Path) -> None:
    db = write_book(tmp_path / "tasks.json", tasks())
    whole = in_process(db)
    clock = FixedClock(NOW)
    settings = settings_for(db)
    app = DeadlineApp(
        settings, preload(settings, clock, in_child=True), clock=clock, reminders=False
    )
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        assert [row.task.uid for row in table(pilot).rows] == [row.task.uid for row in whole.rows]
        figures = whole.figures
        assert f" {figures.total} đầu việc · đến hạn {figures.due} ·" in screen_text(pilot)
    app.store.close()


def _colleague_adds(db: Path, title: str) -> str:
    """Another process's add: its uid."""
    repo = DeskBook(db)
    try:
        return repo.add(make_task(title=title)).uid
    finally:
        repo.close()


async def test_a_change_made_after_the_childs_read_is_on_screen_once_loaded(
    tmp_path: Path,
) -> None:
    db = write_book(tmp_path / "tasks.json", tasks()[:20])  # all rows in the first view
    clock = FixedClock(NOW)
    settings = settings_for(db)
    store = preload(settings, clock, in_child=True)
    await store.opened()  # the child has read the book
    uid = _colleague_adds(db, "Thêm bởi đồng nghiệp trong lúc mở")
    app = DeadlineApp(settings, store, clock=clock, reminders=False)
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        assert uid in [row.task.uid for row in table(pilot).rows]
    app.store.close()


async def test_a_book_damaged_after_the_childs_read_stops_with_its_name(tmp_path: Path) -> None:
    db = write_book(tmp_path / "tasks.json", tasks())
    clock = FixedClock(NOW)
    settings = settings_for(db)
    store = preload(settings, clock, in_child=True)
    await store.opened()
    damaged = db.read_bytes()[:-20]
    db.write_bytes(damaged)
    app = DeadlineApp(settings, store, clock=clock, reminders=False)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(pilot, lambda: not app.is_running or app.return_code is not None)
    assert app.return_code == 1
    assert db.read_bytes() == damaged  # untouched
    app.store.close()


def held_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[DeadlineApp, threading.Event]:
    """An app whose first view comes from the child and whose own read of the whole book
    waits until the event is set (patched after the fork: the child reads as ever)."""
    db = write_book(tmp_path / "tasks.json", tasks())
    clock = FixedClock(NOW)
    settings = settings_for(db)
    store = preload(settings, clock, in_child=True)
    go_on = threading.Event()
    reload = BookStore.reload

    def held_reload(self: BookStore) -> bool:
        assert go_on.wait(30)
        return reload(self)

    monkeypatch.setattr(BookStore, "reload", held_reload)
    return DeadlineApp(settings, store, clock=clock, reminders=False), go_on


async def test_keys_typed_while_only_the_first_rows_are_in_wait_for_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, go_on = held_app(tmp_path, monkeypatch)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(pilot, lambda: len(table(pilot).rows) == firstview.FIRST_ROWS)
        assert main_screen(pilot).check_action("new_task", ()) is False  # no change yet
        await pilot.press("end")
        await pilot.pause(0.8)  # longer than any wait for a screen to take keys
        go_on.set()
        await loaded(pilot)
        assert len(table(pilot).rows) == SIZE
        assert table(pilot).current == table(pilot).rows[-1]  # End reached every row's last
    app.store.close()


async def test_a_new_task_typed_during_a_slow_load_opens_the_form_with_its_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from deadline_tui.tui.screens.task_form import TaskFormScreen

    app, go_on = held_app(tmp_path, monkeypatch)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(pilot, lambda: len(table(pilot).rows) == firstview.FIRST_ROWS)
        await pilot.press("n", "x", "u", "d")  # (x cancels, u undoes, d completes: no)
        await pilot.pause(0.8)
        go_on.set()
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        form = app.screen
        await wait_for(pilot, lambda: form.query_one("#field-title", Input).value == "xud")
        assert main_screen(pilot).undo_stack == []  # x, u and d went into the title
    app.store.close()


async def test_quit_during_a_slow_load_does_not_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, go_on = held_app(tmp_path, monkeypatch)
    try:
        async with app.run_test(size=(150, 40)) as pilot:
            await wait_for(pilot, lambda: len(table(pilot).rows) == firstview.FIRST_ROWS)
            await pilot.press("down", "down", "q")
            await wait_for(pilot, lambda: app.return_code is not None)
        assert app.return_code == 0
    finally:
        go_on.set()
        app.store.close()
