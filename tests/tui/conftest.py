"""TUI test support: a book on disk, an app with a frozen clock, and waiting helpers.

Tests wait for conditions (polling with a timeout), never for a fixed time.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rich.console import Console
from textual.css.query import NoMatches
from textual.pilot import Pilot

from deadline_tui.config import ReminderSettings, Settings, UiSettings
from deadline_tui.domain.task import Task
from deadline_tui.services.clock import FixedClock
from deadline_tui.storage.desk import DeskBook
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.widgets.task_table import TaskTable
from tests.conftest import NOW

BRACKET_TITLE = "Báo cáo [/] [bold]x[/bold] [footnoteRef:2]"


def write_book(path: Path, tasks: Iterable[Task]) -> Path:
    """Store ``tasks`` in a new database at ``path``."""
    repo = DeskBook.open_or_create(path)
    try:
        repo.add_many(list(tasks))
    finally:
        repo.close()
    return path


def read_book(path: Path) -> dict[str, Task]:
    """The tasks on disk by uid, read as another process would."""
    repo = DeskBook.open_or_create(path)
    try:
        return {task.uid: task for task in repo.tasks()}
    finally:
        repo.close()


def settings_for(db: Path, **ui: object) -> Settings:
    """Settings on ``db``; reminders through the in-app channels only (no D-Bus in tests)."""
    base = Settings()
    return base._replace(
        ui=UiSettings()._replace(**ui),
        database=base.database._replace(path=db),
        reminders=ReminderSettings()._replace(channels=("toast", "bell")),
    )


@pytest.fixture
def make_app(db_path: Path) -> Callable[..., DeadlineApp]:
    """Build the app on a book of the given tasks, at 23/11/2026 09:00."""

    def build(
        tasks: Iterable[Task] = (),
        *,
        settings: Settings | None = None,
        reminders: bool = False,
        clock: FixedClock | None = None,
    ) -> DeadlineApp:
        if not db_path.exists():
            write_book(db_path, tasks)
        return DeadlineApp(
            settings or settings_for(db_path), clock=clock or FixedClock(NOW), reminders=reminders
        )

    return build


async def wait_for(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the app run until ``condition`` holds; fail after ``timeout`` seconds. A
    condition that queries a widget not mounted yet (a screen just pushed is composed a
    moment later, longer on a loaded machine) is "not yet", not an error."""
    deadline = time.monotonic() + timeout
    while not _holds(condition):
        if time.monotonic() > deadline:
            raise AssertionError("the app did not reach the expected state in time")
        await pilot.pause(0.01)


def _holds(condition: Callable[[], bool]) -> bool:
    try:
        return condition()
    except NoMatches:
        return False


def main_screen(pilot: Pilot[int]) -> MainScreen:
    """The main screen (under any dialog)."""
    return next(s for s in pilot.app.screen_stack if isinstance(s, MainScreen))


def table(pilot: Pilot[int]) -> TaskTable:
    """The task table."""
    return main_screen(pilot).query_one(TaskTable)


async def idle(pilot: Pilot[int]) -> None:
    """Wait until no worker is pending or running (a superseded exclusive worker ends
    cancelled by design, so ``workers.wait_for_complete()`` would raise)."""
    await wait_for(pilot, lambda: all(worker.is_finished for worker in pilot.app.workers))
    await pilot.pause()


async def loaded(pilot: Pilot[int]) -> None:
    """Wait until the book is on screen and the work it started is done."""
    await wait_for(
        pilot, lambda: any(isinstance(s, MainScreen) and s.loaded for s in pilot.app.screen_stack)
    )
    await idle(pilot)


def shown_uids(pilot: Pilot[int]) -> list[str]:
    """Uids of the rows in the table, in order."""
    return [row.task.uid for row in table(pilot).rows]


def screen_text(pilot: Pilot[int]) -> str:
    """The plain text on screen now, line by line, as a person would read it."""
    app = pilot.app
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    # The same rendering export_screenshot() uses, exported as text instead of SVG.
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def detail_text(pilot: Pilot[int]) -> str:
    """Everything in the detail pane, including lines scrolled out of view."""
    from textual.widgets import Static

    body = main_screen(pilot).query_one("#detail-body", Static)
    return str(body.render())
