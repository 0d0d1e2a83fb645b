"""No key typed is lost or lands in another field, however fast it comes (issue 14.7).

The keys are queued at once, as a terminal delivers a burst of typing, without waiting
for the app between them: the strictest case of "Abc" Tab "xyz" at 50 ms intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.widgets import Input

from deadline_tui.domain.task import TaskState
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.screens.summary import SummaryScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import idle, loaded, read_book, wait_for


def burst(app: DeadlineApp, keys: str) -> None:
    """Queue ``keys`` (one character each, "\\t" for Tab) without waiting."""
    for key in keys:
        if key == "\t":
            app.post_message(events.Key("tab", None))
        else:
            app.post_message(events.Key(key, key))


async def test_typing_across_tab_in_a_new_form_fills_each_field(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app([make_task(uid="one0000001", title="Việc có sẵn")])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        burst(app, "nAbc\txyz")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await idle(pilot)
        form = app.screen
        assert form.query_one("#field-title", Input).value == "Abc"
        assert form.query_one("#field-lead_unit", Input).value == "xyz"


async def test_a_key_pressed_while_the_summary_closes_reaches_the_main_screen(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app([make_task(uid="one0000001", title="Việc có sẵn")])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        app.post_message(events.Key("escape", None))
        burst(app, "n")  # "new task", pressed right after Escape
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        assert isinstance(app.screen_stack[0], MainScreen)


async def test_d_then_enter_typed_at_once_marks_the_task_done(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app([make_task(uid="one0000001", title="Việc có sẵn")])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.post_message(events.Key("d", "d"))
        app.post_message(events.Key("enter", "\r"))  # accepts today's date in the dialog
        await wait_for(pilot, lambda: read_book(db_path)["one0000001"].state is TaskState.DONE)
        assert not isinstance(app.screen, TaskFormScreen)  # Enter did not open the editor
