"""What the screen says is what is true (issue 14, points 1-5): after a change on a row
that keeps its place, for a bad cut-off date, for a task due today, for undo and forms,
and in Textual's own prompts."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input

from deadline_tui.domain.task import TaskState
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.small_forms import ConfirmScreen, DoneDateScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import (
    detail_text,
    idle,
    loaded,
    main_screen,
    read_book,
    screen_text,
    shown_uids,
    table,
    wait_for,
)

TODAY = date(2026, 11, 23)


def book() -> list:
    return [
        make_task(
            uid="first00001",
            title="Báo cáo sơ kết",
            lead_unit="Sở Tài chính",
            due_on=date(2026, 12, 15),
            deadline_text="15/12/2026",
            assigned_on=date(2026, 10, 1),
        ),
        make_task(
            uid="today00001",
            title="Việc đến hạn hôm nay",
            lead_unit="Sở Y tế",
            due_on=TODAY,
            deadline_text="23/11/2026",
            assigned_on=date(2026, 10, 1),
        ),
        make_task(
            uid="late000001",
            title="Việc quá hạn",
            lead_unit="Sở Y tế",
            due_on=date(2026, 11, 1),
            deadline_text="01/11/2026",
            assigned_on=date(2026, 10, 1),
        ),
    ]


def key_bar(pilot: object) -> str:
    return screen_text(pilot).splitlines()[-1]  # type: ignore[arg-type]


async def test_suspend_on_a_row_that_keeps_its_place_updates_detail_and_keys(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        main_screen(pilot)._sort_by("id", False)  # sorted by number: a change moves nothing
        await wait_for(pilot, lambda: shown_uids(pilot)[0] == "first00001")
        await pilot.press("home")
        await wait_for(pilot, lambda: "Đang thực hiện trong hạn" in detail_text(pilot))
        assert "g Gia hạn" in key_bar(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.SUSPENDED)
        await wait_for(pilot, lambda: "Tình trạng: Tạm dừng" in detail_text(pilot))
        await idle(pilot)
        assert table(pilot).current.task.uid == "first00001"
        assert "g Gia hạn" not in key_bar(pilot)  # extending applies to open tasks only
        await pilot.press("r")
        await wait_for(pilot, lambda: "Đang thực hiện trong hạn" in detail_text(pilot))
        await idle(pilot)
        assert "g Gia hạn" in key_bar(pilot)


async def test_done_on_the_only_row_a_search_left_updates_the_detail(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"so ket", "enter")
        await wait_for(pilot, lambda: shown_uids(pilot) == ["first00001"])
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Hoàn thành đúng hạn" in detail_text(pilot))
        await idle(pilot)
        assert "g Gia hạn" not in key_bar(pilot)  # a done task is not extended
        assert "r Mở lại" in key_bar(pilot)


async def test_an_unreadable_cut_off_is_an_error_and_keeps_the_focus(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        before = screen_text(pilot).splitlines()[1]  # the figures
        await pilot.press("a", *"31/06/2026", "enter")
        await wait_for(pilot, lambda: "31/06/2026" in screen_text(pilot).split("\n", 3)[-1])
        await idle(pilot)
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "filter-as-of"
        assert "31/06/2026" in "".join(screen_text(pilot).splitlines()[5:])  # the message
        assert screen_text(pilot).splitlines()[1] == before  # figures unchanged
        await pilot.press("n")  # typed into the field, not run as "new task"
        assert focused.value == "31/06/2026n"
        assert not isinstance(app.screen, TaskFormScreen)


async def test_a_task_due_today_is_called_so_and_the_totals_say_what_they_count(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        text = screen_text(pilot)
        row = next(line for line in text.splitlines() if "Việc đến hạn hôm nay" in line)
        assert "Đến hạn hôm nay" in row
        columns = row.split("Sở Y tế")[0]  # number, status, date, days (the title says it too)
        assert columns.lower().count("đến hạn hôm nay") == 1  # once, in the status column
        assert "Sắp đến hạn" not in row
        bar = text.splitlines()[1]
        assert "Tính tỷ lệ: 3 đầu việc" in bar
        assert "đến hạn hôm nay 1" in bar
        assert "sắp đến hạn 0" in bar  # the one due today is not counted twice
        await pilot.press("slash", *"viec", "enter")
        await wait_for(pilot, lambda: "bảng: 2/3 dòng" in screen_text(pilot))


async def test_undo_says_what_it_undid(make_app: Callable[..., DeadlineApp], db_path: Path) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        uid = table(pilot).current.task.uid
        number = table(pilot).current.task.id
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: read_book(db_path)[uid].state is TaskState.DONE)
        await pilot.press("u")
        await wait_for(pilot, lambda: read_book(db_path)[uid].state is TaskState.OPEN)
        await wait_for(
            pilot,
            lambda: f"Đã hoàn tác: ghi hoàn thành đầu việc số {number}." in screen_text(pilot),
        )


async def test_an_unchanged_edit_is_no_change(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        before = read_book(db_path)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Không có gì thay đổi." in screen_text(pilot))
        assert read_book(db_path) == before
        assert main_screen(pilot).check_action("undo", ()) is False


async def test_escape_asks_before_throwing_away_a_typed_form(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press(*"Việc mới")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # no: keep typing
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        assert app.screen.query_one("#field-title", Input).value == "Việc mới"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))
        assert len(read_book(db_path)) == 3
        await pilot.press("n")  # an untouched form closes at once
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main_screen(pilot))


async def test_an_empty_deadline_is_shown_and_asked_about(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        form = app.screen
        form.query_one("#field-title", Input).value = "Theo dõi thường xuyên"
        form.query_one("#field-lead_unit", Input).value = "Sở Y tế"
        await pilot.pause()
        assert "không thời hạn / thường xuyên" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "lưu là thường xuyên / không thời hạn?" in screen_text(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        assert len(read_book(db_path)) == 3  # nothing saved without the answer
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(read_book(db_path)) == 4)
        added = next(t for t in read_book(db_path).values() if t.title == "Theo dõi thường xuyên")
        assert added.due_on is None


async def test_textual_prompts_speak_vietnamese(make_app: Callable[..., DeadlineApp]) -> None:
    from textual.command import CommandInput, CommandPalette

    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: "Nhấn q (hoặc Ctrl+Q) để thoát." in screen_text(pilot))
        assert "Bảng lệnh" in key_bar(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        prompt = app.screen.query_one(CommandInput)
        assert prompt.placeholder.startswith("Tìm lệnh")
        titles = [command.title for command in app.get_system_commands(main_screen(pilot))]
        assert titles == ["Hệ thống: Giao diện màu", "Hệ thống: Thoát", "Hệ thống: Chụp màn hình"]


async def test_the_screenshot_says_where_it_saved_in_vietnamese(
    make_app: Callable[..., DeadlineApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        app.save_screenshot_and_say_where()
        await wait_for(pilot, lambda: "Đã lưu ảnh màn hình:" in screen_text(pilot))
    saved = list(tmp_path.glob("*.svg"))
    assert len(saved) == 1


def test_a_quarter_in_english_is_written_q3() -> None:
    from deadline_tui.i18n import set_language
    from deadline_tui.reports.period import parse_period

    try:
        set_language("en")
        assert parse_period("2026-Q3").label() == "Q3 2026"
    finally:
        set_language("vi")
    assert parse_period("2026-Q3").label() == "quý III/2026"


async def test_escape_codes_in_user_text_never_reach_the_screen(
    make_app: Callable[..., DeadlineApp],
) -> None:
    """A title can hold a clipboard write (OSC 52), a window title (OSC 0) and a screen
    clear: the table, the detail pane, the delete confirmation and the summary's overdue
    list show the text without them (DESIGN 9)."""
    hostile = "EVIL\x1b]52;c;SGVsbG8=\x07X\x1b[2JY\x00Z"
    app = make_app(
        [
            make_task(
                title=hostile,
                lead_unit="U\x1b]0;PWNED\x07nit",
                assigned_on=date(2026, 7, 1),
                due_on=date(2026, 7, 31),
            )
        ]
    )
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        shown = screen_text(pilot)
        # The control characters are dropped; what they introduced is harmless text.
        assert "EVIL]52;c;SGVsbG8=X[2JYZ" in shown and "U]0;PWNEDnit" in shown
        for text in (shown, *_rendered_cells(pilot)):
            assert not any(ch in text for ch in "\x1b\x07\x00"), repr(text)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert not any(ch in "".join(_rendered_cells(pilot)) for ch in "\x1b\x07\x00")


def _rendered_cells(pilot: object) -> list[str]:
    """Every segment's text the compositor would send to the terminal now."""
    app = pilot.app  # type: ignore[attr-defined]
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(file=io.StringIO(), width=app.size.width, force_terminal=True)
    return [segment.text for segment in console.render(update) if not segment.control]
