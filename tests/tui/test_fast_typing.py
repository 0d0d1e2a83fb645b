"""No key typed is lost or lands in another field, however fast it comes (issue 14.7).

The keys are queued at once, as a terminal delivers a burst of typing, without waiting
for the app between them: the strictest case of "Abc" Tab "xyz" at 50 ms intervals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from deadline_tui.domain.task import TaskState
from deadline_tui.services.view import ViewResult
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.screens.small_forms import DoneDateScreen
from deadline_tui.tui.screens.summary import SummaryScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from deadline_tui.tui.store import Query
from tests.factories import make_task
from tests.tui.conftest import (
    idle,
    loaded,
    main_screen,
    read_book,
    shown_uids,
    table,
    wait_for,
)

# Textual's names of the keys typed that are not their own character.
_KEY_NAMES = {"\t": "tab", "\r": "enter", "\x1b": "escape", " ": "space", "/": "slash"}


def burst(app: DeadlineApp, keys: str) -> None:
    """Queue ``keys`` without waiting: one character each, "\\t" for Tab, "\\r" for Enter,
    "\\x1b" for Escape.

    Pilot's ``press`` waits for the app to be idle after each key, so it never types
    ahead of the app as a terminal delivering a burst does."""
    for key in keys:
        name = _KEY_NAMES.get(key, key)
        app.post_message(events.Key(name, None if key == "\t" else key))


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


@pytest.mark.parametrize("leave", ["\r", "\x1b"], ids=["enter", "escape"])
async def test_a_key_typed_right_after_leaving_the_search_acts_on_the_found_task(
    make_app: Callable[..., DeadlineApp], leave: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The task first in the table (due soonest) is not the one searched for: "d" on the
    # table before the search is applied would ask to close the wrong task.
    app = make_app(
        [
            make_task(uid="first00001", title="Báo cáo quý", due_on=date(2026, 11, 24)),
            make_task(uid="found00001", title="Trình Sở Nội vụ", due_on=date(2026, 12, 15)),
        ]
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        assert shown_uids(pilot) == ["first00001", "found00001"]
        # The rows come a moment after they are asked for, as from a big book.
        store_query = app.store.query

        def slow_query(query: Query) -> ViewResult:
            time.sleep(0.2)  # on the storage thread
            return store_query(query)

        monkeypatch.setattr(app.store, "query", slow_query)
        burst(app, f"/so noi vu{leave}d")
        search = main_screen(pilot).query_one("#filter-search", Input)
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen) or "d" in search.value)
        assert search.value == "so noi vu"
        assert shown_uids(pilot) == ["found00001"]
        assert isinstance(app.screen, DoneDateScreen)
        assert app.screen.subject.uid == "found00001"
        await pilot.press("escape")  # no to the dialog (and the test ends on a quiet app)
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


@pytest.mark.parametrize("selected", ["cooperates", "elsewhere"])
async def test_after_a_search_the_cursor_is_on_the_first_task_found(
    make_app: Callable[..., DeadlineApp], selected: str
) -> None:
    """The cursor was on a task that matches only through a cooperating unit (it stays in
    the results, second), or on the last task, which the search drops (the cursor kept its
    row, cut to the last found): either way "d" right after the search must close the
    first task found."""
    app = make_app(
        [
            make_task(uid="first00001", title="Báo cáo quý", due_on=date(2026, 11, 24)),
            make_task(uid="found00001", title="Trình Sở Nội vụ", due_on=date(2026, 12, 1)),
            make_task(
                uid="cooper0001",
                title="Rà soát biên chế",
                support_units=("Sở Nội vụ",),
                due_on=date(2026, 12, 15),
            ),
            make_task(uid="later00001", title="Tổng kết năm", due_on=date(2026, 12, 30)),
        ]
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        start = "cooper0001" if selected == "cooperates" else "later00001"
        table(pilot).cursor = shown_uids(pilot).index(start)
        await wait_for(pilot, lambda: table(pilot).current.task.uid == start)
        burst(app, "/so noi vu\rd")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        assert shown_uids(pilot) == ["found00001", "cooper0001"]
        assert app.screen.subject.uid == "found00001"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_key_typed_right_after_enter_in_the_cut_off_uses_that_date(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app([make_task(uid="one0000001", title="Việc có sẵn")])
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        burst(app, "a30/06/2026\rs")
        as_of = main_screen(pilot).query_one("#filter-as-of", Input)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen) or "s" in as_of.value)
        assert as_of.value == "30/06/2026"
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.as_of == date(2026, 6, 30)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
