"""The TUI beside other programs, its reminders, its language, its scale, and its exit code."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from deadline_tui.demo.generate import generate_tasks
from deadline_tui.domain.delivery import DeliveryState
from deadline_tui.i18n import set_language
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.query import SearchIndex
from deadline_tui.storage.desk import DeskBook
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.digest import DigestScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import (
    idle,
    loaded,
    main_screen,
    screen_text,
    settings_for,
    shown_uids,
    table,
    wait_for,
    write_book,
)

TODAY = date(2026, 11, 23)


def book() -> list:
    return [
        make_task(uid="aaaa000001", title="Việc một", due_on=date(2026, 11, 10)),
        make_task(uid="aaaa000002", title="Việc hai", due_on=date(2026, 11, 30)),
        make_task(uid="aaaa000003", title="Việc ba", due_on=date(2026, 12, 30)),
    ]


async def test_changes_by_another_process_appear_and_keep_the_selection(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    app = make_app(book(), settings=settings_for(db_path, refresh_seconds=0.5))
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        table(pilot).cursor = 1
        await pilot.pause()
        assert table(pilot).current.task.uid == "aaaa000002"
        other = DeskBook.open_or_create(db_path)  # another program on the same file
        try:
            other.add(
                make_task(uid="zzzz000001", title="Thêm từ dòng lệnh", due_on=date(2026, 11, 1))
            )
            other.update("aaaa000003", lambda t: t._replace(title="Việc ba (đã sửa ở nơi khác)"))
        finally:
            other.close()
        await wait_for(pilot, lambda: "zzzz000001" in shown_uids(pilot))
        assert shown_uids(pilot)[0] == "zzzz000001"  # the most overdue goes on top
        assert table(pilot).current.task.uid == "aaaa000002"  # the user's selection stays
        await wait_for(pilot, lambda: "Việc ba (đã sửa ở nơi khác)" in screen_text(pilot))


async def test_reminders_at_start_show_the_digest_and_are_logged_once(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    app = make_app(book(), reminders=True, clock=clock)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, DigestScreen))
        text = screen_text(pilot)
        assert "Bản tin đầu việc ngày 23/11/2026" in text
        # Task one (due 10/11) was overdue before any run: counted under its unit.
        assert "Sở Tài chính: 1 đầu việc, lâu nhất quá 13 ngày" in text
        assert {"periodic-check", "next-reminder"} <= set(app.schedule.jobs())
        await pilot.press("escape")
    repo = DeskBook.open_or_create(db_path)
    try:
        log = repo.deliveries()
    finally:
        repo.close()
    assert {record.state for record in log.values()} == {DeliveryState.DELIVERED}
    assert any(key.startswith("aaaa000001|overdue-13|") for key in log)
    assert any(key.startswith("digest|2026-11-23") for key in log)
    # A second start the same morning delivers nothing again and shows no digest.
    app2 = make_app(reminders=True, clock=clock)
    async with app2.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        await idle(pilot)
        assert not isinstance(app2.screen, DigestScreen)
        assert app2.last_reminders is not None and not app2.last_reminders.delivered


def _app_with_reminders_held(
    make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> tuple[DeadlineApp, threading.Event]:
    """The app on book(), its reminders at start held until the event is set (the test
    puts the user where it wants first)."""
    from deadline_tui.reminders.runner import ReminderRunner, RunResult

    may_run = threading.Event()
    real_run = ReminderRunner.run

    def held_run(self: ReminderRunner, now: datetime) -> RunResult:
        may_run.wait(30)
        return real_run(self, now)

    monkeypatch.setattr(ReminderRunner, "run", held_run)
    app = make_app(book(), reminders=True, clock=FixedClock(datetime(2026, 11, 23, 9, 0)))
    return app, may_run


async def test_the_digest_waits_for_the_form_being_typed_in(
    db_path: Path, make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reminders found at start while the user types in a form: the keys stay in the
    form, a toast names the key that shows the digest, and no digest pops up later to
    take keys typed ahead."""
    app, may_run = _app_with_reminders_held(make_app, monkeypatch)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: main_screen(pilot).loaded)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press(*"Tham mưu ")
        may_run.set()
        await wait_for(pilot, lambda: app.last_reminders is not None)
        assert app.last_reminders.delivered  # (the digest is due)
        await pilot.pause()
        await pilot.press(*"báo cáo quý")
        form = app.screen
        assert isinstance(form, TaskFormScreen)
        assert form.value("title") == "Tham mưu báo cáo quý"
        assert not any(isinstance(s, DigestScreen) for s in app.screen_stack)
        await wait_for(pilot, lambda: "nhấn b trên danh sách" in screen_text(pilot))
        await pilot.press("escape", "y")  # drop the form: back on the main screen
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))
        await pilot.press("n")  # typed ahead after the form: no digest takes it
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))
        await pilot.press("b")  # the key the toast named
        await wait_for(pilot, lambda: isinstance(app.screen, DigestScreen))
        await wait_for(pilot, lambda: "Bản tin đầu việc ngày 23/11/2026" in screen_text(pilot))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))


async def test_a_change_in_the_tui_triggers_a_reminder_check(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    """Adding a task due today delivers its reminder without waiting for tomorrow."""
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    app = make_app(
        [
            make_task(
                uid="bbbb000001",
                title="Đã xong",
                done_on=date(2026, 11, 1),
                due_on=date(2026, 11, 5),
            )
        ],
        reminders=True,
        clock=clock,
    )
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await loaded(pilot)
        await idle(pilot)
        other = DeskBook.open_or_create(db_path)
        try:
            other.add(
                make_task(uid="cccc000001", title="Hạn hôm nay", due_on=TODAY, assigned_on=TODAY)
            )
        finally:
            other.close()
        app.book_changed()
        await wait_for(pilot, lambda: "Đến hạn hôm nay: đầu việc số 2" in screen_text(pilot))


async def test_english_interface(db_path: Path, make_app: Callable[..., DeadlineApp]) -> None:
    set_language("en")
    app = make_app(book(), settings=settings_for(db_path, language="en"))
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        text = screen_text(pilot)
        assert "3 tasks" in text and "1 overdue" in text
        assert "Lead unit" in text and "13 days overdue" in text
        assert "Monday, 23/11/2026" in text


async def test_twenty_thousand_tasks_open_and_scroll(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    write_book(db_path, generate_tasks(20_000, seed=11, today=TODAY))
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        rows = table(pilot).rows
        assert len(rows) > 19_000
        await pilot.press("end")
        assert table(pilot).cursor == len(rows) - 1
        assert screen_text(pilot).count("\n") >= 30
        for _ in range(5):
            await pilot.press("pageup")
        await pilot.press("home", "down", "down")
        assert table(pilot).cursor == 2
        await pilot.press("slash", *"thanh tra")
        index = SearchIndex()

        def searched() -> bool:
            # Typing may show the rows of "thanh" first: wait for the whole search's rows.
            shown = table(pilot).rows
            return 0 < len(shown) < len(rows) and all(
                "thanh" in index.text(row.task) and "tra" in index.text(row.task) for row in shown
            )

        await wait_for(pilot, searched)


async def test_a_crash_exits_non_zero(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())

    def explode() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):  # run_test re-raises what crashed the app
        async with app.run_test(size=(150, 40)) as pilot:
            await loaded(pilot)
            main_screen(pilot).action_focus_table = explode  # type: ignore[method-assign]
            await pilot.press("escape")
            await pilot.pause()
    assert app.return_code == 1


async def test_a_damaged_database_stops_with_its_name(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text('{"tasks": {"1": {"uid": ')
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(pilot, lambda: not app.is_running or app.return_code is not None)
    assert app.return_code == 1
    assert db_path.read_text() == '{"tasks": {"1": {"uid": '  # untouched


async def test_the_digest_chosen_in_the_palette_while_one_waits_shows_once(
    db_path: Path, make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.command import CommandList

    app, may_run = _app_with_reminders_held(make_app, monkeypatch)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: main_screen(pilot).loaded)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: bool(app.screen.query(CommandList)))
        may_run.set()
        await wait_for(pilot, lambda: app.last_reminders is not None)
        assert app.last_reminders.delivered
        await pilot.press(*"ban tin nhac")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count >= 1)
        await pilot.pause(0.2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DigestScreen))
        await pilot.pause(0.5)
        digests = [s for s in app.screen_stack if isinstance(s, DigestScreen)]
        assert len(digests) == 1, app.screen_stack


async def test_keys_typed_in_a_form_opened_right_after_closing_one_stay_in_it(
    db_path: Path, make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, may_run = _app_with_reminders_held(make_app, monkeypatch)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: main_screen(pilot).loaded)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        may_run.set()
        await wait_for(pilot, lambda: app.last_reminders is not None)
        await pilot.pause()
        await pilot.press("escape", "n", *"Tham mưu")  # untouched form: closes at once
        await pilot.pause(0.5)
        # The new form is on top with its title typed (not a digest that ate the keys).
        assert isinstance(app.screen, TaskFormScreen), app.screen_stack
        assert app.screen.value("title") == "Tham mưu"


async def test_the_digest_waits_for_the_search_being_typed_on_the_main_screen(
    db_path: Path, make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    app, may_run = _app_with_reminders_held(make_app, monkeypatch)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: main_screen(pilot).loaded)
        await pilot.press("slash", *"viec ")
        may_run.set()
        await wait_for(pilot, lambda: app.last_reminders is not None)
        await pilot.pause()
        await pilot.press(*"mot")
        search = main_screen(pilot).query_one("#filter-search", Input)
        assert search.value == "viec mot", (search.value, app.screen_stack)


async def test_the_digest_does_not_take_keys_held_for_the_table(
    db_path: Path, make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Just after Enter in a filter field the keys typed ahead wait for the filtered rows
    (MainScreen.holds_keys): reminders found then give a toast, not a digest taking them."""
    app, may_run = _app_with_reminders_held(make_app, monkeypatch)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: main_screen(pilot).loaded)
        main = main_screen(pilot)
        main.applying_filters = True  # (the moment after Enter in the search field)
        await pilot.press("d")  # typed ahead, meant for the filtered table
        assert list(app._typed)
        may_run.set()
        await wait_for(pilot, lambda: app.last_reminders is not None)
        await pilot.pause(0.3)
        assert not isinstance(app.screen, DigestScreen), app.screen_stack
        assert "nhấn b trên danh sách" in screen_text(pilot)
        # (The hold was made by hand: drop the held d rather than deliver it at shutdown.)
        app._typed.clear()
        main.applying_filters = False
        await idle(pilot)
