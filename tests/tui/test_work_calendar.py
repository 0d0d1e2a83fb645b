"""The TUI counts "N ngày làm việc" on the office's [calendar], as the command line does:
a configured day off is skipped in the form's preview and in the stored deadline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from deadline_tui.config import CalendarSettings
from deadline_tui.services.clock import FixedClock
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import loaded, read_book, settings_for, wait_for

TODAY = date(2026, 12, 7)  # a Monday with no national holiday or make-up day that week
DAY_OFF = date(2026, 12, 9)  # the Wednesday, a day off decided by the province


def third_working_day(days_off: set[date]) -> date:
    """Counted here by hand: Monday to Friday, minus the days off, after the assignment."""
    day, counted = TODAY, 0
    while counted < 3:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in days_off:
            counted += 1
    return day


@pytest.mark.parametrize("days_off", [(DAY_OFF,), ()])
async def test_a_configured_day_off_is_skipped_in_the_preview_and_the_book(
    make_app: Callable[..., DeadlineApp], db_path: Path, days_off: tuple[date, ...]
) -> None:
    settings = settings_for(db_path)._replace(calendar=CalendarSettings(days_off=days_off))
    expected = third_working_day(set(days_off))
    assert expected == (date(2026, 12, 11) if days_off else date(2026, 12, 10))
    app = make_app(
        [make_task(title="Việc cũ", assigned_on=date(2026, 11, 1))],
        settings=settings,
        clock=FixedClock(datetime.combine(TODAY, time(9))),
    )
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        app.screen.query_one("#field-title", Input).value = "Báo cáo nhanh"
        app.screen.query_one("#field-lead_unit", Input).value = "Sở Y tế"
        app.screen.query_one("#field-deadline", Input).value = "3 ngày làm việc"

        def preview() -> str:
            return str(app.screen.query_one("#deadline-preview", Static).render())

        await wait_for(pilot, lambda: expected.strftime("%d/%m/%Y") in preview())
        # the day skipped is named as the province's day off, from the configured calendar
        assert ("Ngày nghỉ của tỉnh 09/12/2026" in preview()) == bool(days_off)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(read_book(db_path)) == 2)
    added = next(task for task in read_book(db_path).values() if task.title == "Báo cáo nhanh")
    assert added.assigned_on == TODAY
    assert added.due_on == expected
    assert added.deadline_text == "3 ngày làm việc"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "; bỏ qua 2 ngày cuối tuần, Ngày nghỉ của tỉnh 01/12/2026"),
        ("en", "; skipping 2 weekend days, Province's day off 01/12/2026"),
    ],
)
def test_the_preview_names_a_configured_day_off_in_the_users_language(
    language: str, expected: str
) -> None:
    from deadline_tui.domain.deadlines import read_deadline
    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.i18n import set_language
    from deadline_tui.tui.screens.task_form import skipped_days_text

    # Mon 30/11/2026 + 5 working days with 01/12 off: 02, 03, 04, (05, 06 weekend), 07, 08.
    calendar = WorkCalendar(days_off=[date(2026, 12, 1)])
    deadline = read_deadline("5 ngày làm việc", date(2026, 11, 30), calendar)
    assert deadline.due_on == date(2026, 12, 8)
    set_language(language)
    try:
        text = skipped_days_text(deadline.skipped)
    finally:
        set_language("vi")
    assert text == expected  # weekend days counted first, then the day off by name
