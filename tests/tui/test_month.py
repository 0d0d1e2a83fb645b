"""The month view (issue 14.14): deadlines per day coloured by the most urgent one's
status at the cut-off, today marked, days off shaded, Enter filters the table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from deadline_tui.domain.status import Status
from deadline_tui.domain.workdays import WorkCalendar
from deadline_tui.services.view import DayDeadlines
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.month import MonthScreen, days_off_calendar, month_grid
from tests.factories import make_task
from tests.tui.conftest import loaded, main_screen, screen_text, shown_uids, wait_for

TODAY = date(2026, 11, 23)  # a Monday


def book() -> list:
    due = {  # uid: (due_on, done_on)
        "a": (date(2026, 11, 10), None),  # overdue at the cut-off
        "b": (date(2026, 11, 10), date(2026, 11, 9)),  # done on time, same day
        "c": (date(2026, 11, 25), None),  # due soon
        "d": (date(2026, 11, 25), None),
        "e": (date(2026, 12, 3), None),  # next month
    }
    return [
        make_task(
            uid=f"task{uid}00000",
            title=f"Việc {uid}",
            due_on=due_on,
            deadline_text=due_on.strftime("%d/%m/%Y"),
            assigned_on=date(2026, 10, 1),
            done_on=done_on,
        )
        for uid, (due_on, done_on) in due.items()
    ]


def test_the_grid_counts_marks_today_and_shades_days_off() -> None:
    from deadline_tui.domain.status import assess

    tasks = {task.uid: task for task in book()}
    overdue = assess(tasks["taska00000"], TODAY)
    soon = assess(tasks["taskc00000"], TODAY)
    assert overdue is not None and overdue.status is Status.OPEN_OVERDUE
    assert soon is not None and soon.due_soon
    days = {date(2026, 11, 10): DayDeadlines(2, overdue), date(2026, 11, 25): DayDeadlines(2, soon)}
    grid = month_grid(TODAY, TODAY, days, WorkCalendar())
    lines = grid.plain.splitlines()
    assert "Tháng 11/2026" in lines[0]
    assert lines[1].split() == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    week = next(i for i, line in enumerate(lines) if "•23" in line)  # today marked
    assert lines[week + 1][20:30].strip() == "2 việc"  # 25/11 is a Wednesday, third column
    styles = {str(span.style) for span in grid.spans}
    assert any("$text-error" in style for style in styles)  # 10/11: its worst is overdue
    assert any("$text-warning" in style for style in styles)  # 25/11: due soon
    assert any("on $boost" in style for style in styles)  # weekends shaded


def test_days_off_come_from_the_working_day_calendar() -> None:
    from deadline_tui.config import Settings

    days_off = days_off_calendar(Settings())
    assert days_off.day_off_name(date(2026, 11, 22)) is not None  # a Sunday
    assert days_off.day_off_name(date(2026, 9, 2)) is not None  # Quốc khánh
    assert days_off.day_off_name(date(2026, 11, 23)) is None  # a Monday
    assert days_off.day_off_name(date(2027, 2, 8)) is not None  # Tết (lunar), from WorkCalendar


async def test_month_view_moves_and_enter_filters_the_table(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MonthScreen) and app.screen.ready)
        assert "Tháng 11/2026" in screen_text(pilot)
        await pilot.press("right", "right")  # 25/11
        await wait_for(pilot, lambda: "25/11/2026  ·  2 đầu việc đến hạn" in screen_text(pilot))
        for right, weekday in ((3, "Thứ Bảy"), (1, "Chủ Nhật")):  # a weekend day: named once
            await pilot.press(*["right"] * right)
            await wait_for(pilot, lambda: f"{weekday}, " in screen_text(pilot))  # noqa: B023
            assert "đến hạn  ·  " + weekday.split()[0] not in screen_text(pilot)
        await pilot.press("left", "left", "left", "left")
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: "Tháng 12/2026" in screen_text(pilot))
        await pilot.press("left_square_bracket", "enter")
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))
        await wait_for(pilot, lambda: sorted(shown_uids(pilot)) == ["taskc00000", "taskd00000"])
        await pilot.press("c")
        await wait_for(pilot, lambda: len(shown_uids(pilot)) == 5)


async def test_the_month_view_is_in_the_command_palette(
    make_app: Callable[..., DeadlineApp],
) -> None:
    from deadline_tui.tui.commands import DeadlineCommands

    app = make_app(book())
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        texts = [text for text, _, _ in DeadlineCommands(app.screen)._commands()]
        assert "Xem: Lịch tháng" in texts
