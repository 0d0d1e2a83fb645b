"""A few pictures of the TUI with a frozen date (23/11/2026 09:00) and fixed data.

Update them on purpose after a visual change: `pytest tests/snapshots --snapshot-update`,
then look at the SVGs in __snapshots__ before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from deadline_tui.demo.generate import generate_tasks
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.month import MonthScreen
from deadline_tui.tui.screens.summary import SummaryScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import BRACKET_TITLE, detail_text, loaded, screen_text, wait_for

TODAY = date(2026, 11, 23)
SIZE = (150, 40)
# The smallest terminal it must work in, and a wide one (the detail pane at the side).
SIZES = pytest.mark.parametrize("size", [(80, 24), (250, 60)], ids=["80x24", "250x60"])


def book() -> list:
    """Thirty generated tasks (fixed seed) and one with a markup-like title."""
    tasks = generate_tasks(30, seed=5, today=TODAY)
    tasks.append(
        make_task(
            uid="bracket001",
            title=BRACKET_TITLE,
            lead_unit="Sở Nội vụ",
            due_on=date(2026, 11, 20),
            assigned_on=date(2026, 10, 1),
        )
    )
    return tasks


async def ready(pilot: Pilot[Any]) -> None:
    """Wait for the book and the detail of the first task, then stop cursors blinking."""
    await loaded(pilot)
    await wait_for(pilot, lambda: "Số / mã" in detail_text(pilot))
    for field in pilot.app.query(Input):
        field.cursor_blink = False


@SIZES
def test_main_screen(
    snap_compare: Callable[..., bool],
    make_app: Callable[..., DeadlineApp],
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(book()), terminal_size=size, run_before=ready)


def test_new_task_form_with_problems(
    snap_compare: Callable[..., bool], make_app: Callable[..., DeadlineApp]
) -> None:
    async def open_form(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, TaskFormScreen))
        await pilot.pause()
        pilot.app.screen.query_one("#field-deadline", Input).value = "đầu năm 2027"
        await pilot.press("ctrl+s")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(make_app(book()), terminal_size=SIZE, run_before=open_form)


@SIZES
def test_summary_screen(
    snap_compare: Callable[..., bool],
    make_app: Callable[..., DeadlineApp],
    db_path: Path,
    size: tuple[int, int],
) -> None:
    async def open_summary(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))
        await wait_for(
            pilot,
            lambda: (
                "Tính đến ngày"
                in str(pilot.app.screen.query_one("#summary-sentence", Static).render())
            ),
        )
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(make_app(book()), terminal_size=size, run_before=open_summary)


@SIZES
def test_month_view(
    snap_compare: Callable[..., bool],
    make_app: Callable[..., DeadlineApp],
    size: tuple[int, int],
) -> None:
    async def open_month(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("m")
        await wait_for(
            pilot, lambda: isinstance(pilot.app.screen, MonthScreen) and pilot.app.screen.ready
        )
        await pilot.press("right", "right")  # the cursor on 25/11, today (23/11) marked
        await wait_for(pilot, lambda: "25/11/2026" in screen_text(pilot))

    assert snap_compare(make_app(book()), terminal_size=size, run_before=open_month)
