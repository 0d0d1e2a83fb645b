"""Every action of the main screen, by key, checked on screen and in the stored data."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from deadline_tui.domain.task import TaskState
from deadline_tui.i18n import Language, set_language
from deadline_tui.storage.desk import DeskBook
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.small_forms import (
    ConfirmScreen,
    CorrectDoneScreen,
    DoneDateScreen,
    ExtendScreen,
)
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import (
    detail_text,
    idle,
    loaded,
    main_screen,
    read_book,
    screen_text,
    settings_for,
    shown_uids,
    table,
    wait_for,
)

TODAY = date(2026, 11, 23)


def book() -> list:
    """Two open tasks and a done one."""
    return [
        make_task(
            uid="first00001",
            title="Báo cáo quá hạn",
            lead_unit="Sở Tài chính",
            due_on=date(2026, 11, 1),
            deadline_text="01/11/2026",
            assigned_on=date(2026, 10, 1),
        ),
        make_task(
            uid="second0001",
            title="Việc trong hạn",
            lead_unit="Sở Y tế",
            due_on=date(2026, 12, 15),
            deadline_text="15/12/2026",
            assigned_on=date(2026, 10, 1),
        ),
        make_task(
            uid="done000001",
            title="Việc đã xong",
            due_on=date(2026, 6, 1),
            done_on=date(2026, 5, 20),
        ),
    ]


def field(app: DeadlineApp, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


async def test_new_task_form_checks_as_you_type_and_saves(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press(*"Tham mưu [sơ kết] 6 tháng")
        field(app, "lead_unit").value = "so tai chinh"
        field(app, "deadline").value = "đầu năm 2027"  # vague: refused with the phrase named
        await pilot.pause()
        problem = app.screen.query_one("#problem-deadline", Static)
        assert "đầu năm 2027" in str(problem.render())
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TaskFormScreen)  # not saved
        field(app, "deadline").value = "quý I/2027"
        await pilot.pause()
        preview = str(app.screen.query_one("#deadline-preview", Static).render())
        assert "31/03/2027" in preview
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(read_book(db_path)) == 4)
        added = next(
            t for t in read_book(db_path).values() if t.title == "Tham mưu [sơ kết] 6 tháng"
        )
        assert added.lead_unit == "so tai chinh"  # kept as typed; reports group it (DESIGN 2)
        assert added.due_on == date(2027, 3, 31)
        assert added.deadline_text == "quý I/2027"
        assert added.assigned_on == TODAY
        await wait_for(
            pilot,
            lambda: table(pilot).current is not None and table(pilot).current.task.uid == added.uid,
        )
        await wait_for(pilot, lambda: f"Đã thêm đầu việc số {added.id}." in screen_text(pilot))


async def test_new_task_requires_title_and_lead_unit(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Chưa nhập nội dung đầu việc." in text
        assert "Chưa nhập đơn vị chủ trì." in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, TaskFormScreen))
        assert len(read_book(db_path)) == 3


async def test_edit_keeps_identity(make_app: Callable[..., DeadlineApp], db_path: Path) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        assert field(app, "title").value == "Báo cáo quá hạn"
        field(app, "title").value = "Báo cáo quá hạn (đã sửa)"
        field(app, "note").value = "Đã đôn đốc qua điện thoại"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].title.endswith("(đã sửa)"))
        stored = read_book(db_path)["first00001"]
        assert stored.note == "Đã đôn đốc qua điện thoại"
        assert stored.id == 1


async def test_mark_done_defaults_to_today_then_undo(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        assert table(pilot).current.task.uid == "first00001"
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        assert field(app, "done").value == "23/11/2026"
        await pilot.press("enter")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.DONE)
        assert read_book(db_path)["first00001"].done_on == TODAY
        await wait_for(
            pilot, lambda: table(pilot).current.task.uid == "first00001"
        )  # selection follows
        await pilot.press("u")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.OPEN)
        assert read_book(db_path)["first00001"].done_on is None


async def test_mark_done_with_a_past_date_and_bad_dates(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        field(app, "done").value = "30/11/2026"  # in the future
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoneDateScreen)
        assert "chưa tới" in screen_text(pilot)
        field(app, "done").value = "30/10/2026"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: read_book(db_path)["first00001"].done_on == date(2026, 10, 30)
        )


async def test_extend_requires_a_reason_and_keeps_history(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, ExtendScreen))
        field(app, "new_due").value = "31/12/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExtendScreen)
        assert "Gia hạn cần ghi lý do." in screen_text(pilot)
        field(app, "reason").value = "Chờ ý kiến của Bộ Tài chính"
        field(app, "document").value = "Công văn 123/STC"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].due_on == date(2026, 12, 31))
        stored = read_book(db_path)["first00001"]
        assert stored.original_due_on == date(2026, 11, 1)
        assert [(e.old_due, e.new_due, e.reason, e.document) for e in stored.extensions] == [
            (
                date(2026, 11, 1),
                date(2026, 12, 31),
                "Chờ ý kiến của Bộ Tài chính",
                "Công văn 123/STC",
            )
        ]
        await wait_for(pilot, lambda: "01/11/2026 → 31/12/2026 — Chờ ý kiến" in detail_text(pilot))
        # The message says the new deadline, day first.
        await wait_for(pilot, lambda: "Đã gia hạn đầu việc số 1 đến 31/12/2026." in _said(app))


async def test_suspend_cancel_and_reopen(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.SUSPENDED)
        await wait_for(pilot, lambda: table(pilot).current.task.uid == "first00001")
        await pilot.press("x")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.CANCELLED)
        await pilot.press("r")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.OPEN)


async def test_delete_asks_first_and_undo_brings_it_back(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert "first00001" in read_book(db_path)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "first00001" not in read_book(db_path))
        await wait_for(pilot, lambda: "first00001" not in shown_uids(pilot))
        await pilot.press("u")
        await wait_for(pilot, lambda: "first00001" in read_book(db_path))
        assert read_book(db_path)["first00001"].id == 1  # same number, same identity


async def test_actions_that_do_not_apply_are_hidden(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert screen.check_action("undo", ()) is False  # nothing to undo yet
        assert screen.check_action("reopen_task", ()) is False  # the task is open
        table(pilot).cursor = shown_uids(pilot).index("done000001")
        await pilot.pause()
        assert screen.check_action("mark_done", ()) is True  # offers the correction
        assert screen.check_action("extend_deadline", ()) is False
        assert screen.check_action("reopen_task", ()) is True


async def test_every_action_is_in_the_command_palette(make_app: Callable[..., DeadlineApp]) -> None:
    from deadline_tui.tui.commands import DeadlineCommands

    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        provider = DeadlineCommands(app.screen)
        texts = [text for text, _, _ in provider._commands()]
        for label in (
            "Đầu việc: Thêm",
            "Đầu việc: Hoàn thành",
            "Đầu việc: Gia hạn",
            "Xem: Tổng hợp",
            "Lọc: Quá hạn",
            "Lọc: Tìm",
        ):
            assert label in texts
        hits = [hit async for hit in provider.search("gia han")]  # no diacritics needed
        assert any(hit.text == "Đầu việc: Gia hạn" for hit in hits)


@pytest.mark.parametrize(
    ("language", "words"), [("vi", "Không tìm thấy kết quả phù hợp"), ("en", "No matches found")]
)
async def test_the_palette_says_nothing_matches_in_the_user_s_language(
    db_path: Path, make_app: Callable[..., DeadlineApp], language: Language, words: str
) -> None:
    from textual.command import CommandList

    set_language(language)
    app = make_app(book(), settings=settings_for(db_path, language=language))
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: bool(app.screen.query(CommandList)))
        await pilot.press(*"zzqxw")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count == 1)
        assert words in screen_text(pilot)
        if language == "vi":
            assert "No matches" not in screen_text(pilot)


async def test_summary_screen_sentence_and_units(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: "Tính đến ngày 23/11/2026" in screen_text(pilot))
        text = screen_text(pilot)
        assert "có 2 đầu việc đến hạn, đã hoàn thành 1 đầu việc, đạt 50,0% (1/2)" in text
        assert "1 đầu việc quá hạn chưa hoàn thành" in text
        lines = [line for line in text.splitlines() if "Sở Tài chính" in line or "Sở Y tế" in line]
        assert "Sở Tài chính" in lines[0]  # the unit with an overdue task comes first
        app.screen.query_one("#summary-as-of", Input).value = "01/06/2026"
        await wait_for(pilot, lambda: "Tính đến ngày 01/06/2026" in screen_text(pilot))
        app.screen.query_one("#summary-period", Input).value = "quý IV/2026"
        await wait_for(pilot, lambda: "đầu việc giao quý IV/2026" in screen_text(pilot))
        app.screen.query_one("#summary-period", Input).value = "2026-Q5"
        await wait_for(pilot, lambda: "Không hiểu kỳ báo cáo" in screen_text(pilot))
        # A bad period shows no figures at all (never the whole book's).
        assert "Tính đến ngày" not in screen_text(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MainScreen")


async def test_d_on_a_done_task_says_so_and_offers_the_correction(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        table(pilot).cursor = shown_uids(pilot).index("done000001")
        await pilot.pause()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, CorrectDoneScreen))
        assert "đã hoàn thành ngày 20/05/2026" in screen_text(pilot)
        field(app, "done").value = "18/05/2026"
        await pilot.press("enter")  # no reason yet: refused
        await pilot.pause()
        assert isinstance(app.screen, CorrectDoneScreen)
        # It names the dialog's field, not the command line's option.
        assert "(ô “Lý do sửa”)" in screen_text(pilot)
        assert "--reason" not in screen_text(pilot)
        assert read_book(db_path)["done000001"].done_on == date(2026, 5, 20)
        field(app, "reason").value = "ghi nhầm ngày"
        await pilot.press("enter")
        await wait_for(pilot, lambda: read_book(db_path)["done000001"].done_on == date(2026, 5, 18))
        history = read_book(db_path)["done000001"].state_history
        assert history[-1].corrects == date(2026, 5, 20)
        assert history[-1].reason == "ghi nhầm ngày"


@pytest.mark.parametrize(("keymap", "key"), [({}, "d"), ({"mark-done": "f4"}, "f4")])
async def test_a_refused_completion_date_change_names_the_correction_key(
    make_app: Callable[..., DeadlineApp], db_path: Path, keymap: dict[str, str], key: str
) -> None:
    settings = settings_for(db_path)
    app = make_app(book(), settings=settings._replace(keys=keymap))
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        table(pilot).cursor = shown_uids(pilot).index("done000001")
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        field(app, "done").value = "18/05/2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")  # (the task has no deadline written: keep it so)
        await wait_for(pilot, lambda: any("20/05/2026" in said for said in _said(app)))
        (said,) = [said for said in _said(app) if "20/05/2026" in said]
        assert f"nhấn {key} " in said
        assert "--reason" not in said and "done ID" not in said
        assert read_book(db_path)["done000001"].done_on == date(2026, 5, 20)


def test_a_completion_refused_in_the_tui_names_the_key_not_the_option() -> None:
    from deadline_tui.errors import InputError
    from deadline_tui.tui.screens.task_actions import refusal_text

    refused = InputError("already_done", id=3, done="20/05/2026")
    said = refusal_text(refused, "d")
    assert said.startswith("Đầu việc số 3 đã hoàn thành ngày 20/05/2026.")
    assert "nhấn d " in said and "--reason" not in said
    assert "--reason" in refused.message()  # the command line keeps its own words


def _completed_elsewhere(db_path: Path, uid: str) -> None:
    """Another program (the command line) marks the task done with a result."""
    repo = DeskBook(db_path)
    try:
        repo.update(
            uid,
            lambda t: t._replace(state=TaskState.DONE, done_on=TODAY, result="BC 12/BC-SYT"),
        )
    finally:
        repo.close()


def _said(app: DeadlineApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_an_edit_never_overwrites_a_completion_made_while_the_form_was_open(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        _completed_elsewhere(db_path, "first00001")
        field(app, "note").value = "Đã đôn đốc"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("ở nơi khác" in said for said in _said(app)))
        stored = read_book(db_path)["first00001"]
        assert (stored.state, stored.done_on, stored.result) == (
            TaskState.DONE,
            TODAY,
            "BC 12/BC-SYT",
        )
        assert stored.note != "Đã đôn đốc"
        # The screen now shows the task as it is, so the edit can be made again on it.
        await wait_for(pilot, lambda: table(pilot).current.task.state is TaskState.DONE)


def _changed_elsewhere(db_path: Path, uid: str, **fields: object) -> None:
    """Another program changes fields of the task."""
    repo = DeskBook(db_path)
    try:
        repo.update(uid, lambda t: t._replace(**fields))
    finally:
        repo.close()


def _extended_elsewhere(db_path: Path, uid: str, to: date) -> None:
    """Another program extends the task's deadline (its text stays as written)."""
    from deadline_tui.services.clock import FixedClock
    from deadline_tui.services.tasks import TaskService

    repo = DeskBook(db_path)
    try:
        TaskService(repo, FixedClock(datetime(2026, 11, 23, 9, 0))).extend(uid, to, "Xin gia hạn")
    finally:
        repo.close()


async def _edit_refused(
    pilot: Pilot[int], typed: dict[str, str], elsewhere: Callable[[], None]
) -> None:
    """``e`` on the task under the cursor, ``typed`` into the form, another program's
    change (``elsewhere``), then Ctrl+S: refused, and the toast says what was typed is kept."""
    app = pilot.app
    assert isinstance(app, DeadlineApp)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
    for name, value in typed.items():
        field(app, name).value = value
    elsewhere()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: any("vẫn được giữ" in s for s in _said(app)))


async def _edit_kept(pilot: Pilot[int], uid: str) -> None:
    """The cursor on task ``uid`` (where it is after the refusal's re-read), then ``e``."""
    rows = table(pilot).rows
    table(pilot).cursor = next(i for i, row in enumerate(rows) if row.task.uid == uid)
    await wait_for(pilot, lambda: table(pilot).current.task.uid == uid)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TaskFormScreen))


async def test_an_edit_refused_as_a_conflict_keeps_what_was_typed_to_save_again(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await _edit_refused(
            pilot,
            {"note": "Đã đôn đốc qua điện thoại", "result": "Đang tổng hợp"},
            lambda: _completed_elsewhere(db_path, "first00001"),
        )  # done, result "BC 12/BC-SYT"
        assert any("ở nơi khác" in said for said in _said(app))
        assert app.screen is main_screen(pilot)  # no form pops up by itself
        await _edit_kept(pilot, "first00001")
        # What the user typed is still there; what they did not touch is as it is now.
        assert field(app, "note").value == "Đã đôn đốc qua điện thoại"
        assert field(app, "result").value == "Đang tổng hợp"
        assert field(app, "done").value == "23/11/2026"
        text = " ".join(screen_text(pilot).split())
        assert "Đầu việc số 1 vừa được thay đổi ở nơi khác nên chưa lưu gì" in text
        assert "Đã lấy theo bản mới nhất: Ngày hoàn thành." in text
        assert "Kết quả: ở nơi khác đã sửa thành “BC 12/BC-SYT”" in text
        assert read_book(db_path)["first00001"].note == ""
        # Changed once more before this save: checked against the version now shown.
        _changed_elsewhere(db_path, "first00001", leader="Phó Chủ tịch Lê Văn B")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: sum("vẫn được giữ" in s for s in _said(app)) == 2)
        await _edit_kept(pilot, "first00001")
        assert field(app, "leader").value == "Phó Chủ tịch Lê Văn B"
        assert field(app, "note").value == "Đã đôn đốc qua điện thoại"
        assert read_book(db_path)["first00001"].note == ""
        await pilot.press("ctrl+s")  # nothing changed elsewhere since: saved
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].note != "")
        stored = read_book(db_path)["first00001"]
        assert (stored.note, stored.result) == ("Đã đôn đốc qua điện thoại", "Đang tổng hợp")
        assert (stored.state, stored.done_on) == (TaskState.DONE, TODAY)  # not undone
        assert stored.leader == "Phó Chủ tịch Lê Văn B"
        assert not isinstance(app.screen, TaskFormScreen)


async def test_keys_typed_after_a_refused_save_stay_with_the_screen_they_were_typed_on(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow book: the conflict comes back while the done dialog of the next task is
    open. Its Enter marks that task done; no form pops up to take it."""
    from deadline_tui.services.tasks import TaskService

    real_edit = TaskService.edit

    def slow_edit(self: TaskService, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return real_edit(self, *args, **kwargs)

    monkeypatch.setattr(TaskService, "edit", slow_edit)
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        field(app, "note").value = "Đã đôn đốc"
        _completed_elsewhere(db_path, "first00001")
        await pilot.press("ctrl+s", "down", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        await wait_for(pilot, lambda: any("vẫn được giữ" in s for s in _said(app)))
        assert isinstance(app.screen, DoneDateScreen)
        second = table(pilot).current.task.uid
        await pilot.press("enter")
        await wait_for(pilot, lambda: read_book(db_path)[second].done_on is not None)
        assert read_book(db_path)["first00001"].note == ""


async def test_an_extension_made_elsewhere_is_named_when_the_deadline_was_retyped(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await _edit_refused(
            pilot,
            {"deadline": "30/11/2026"},
            lambda: _extended_elsewhere(db_path, "first00001", date(2026, 12, 31)),
        )
        await _edit_kept(pilot, "first00001")
        text = " ".join(screen_text(pilot).split())
        assert "ở nơi khác đã sửa thành" in text and "→ 31/12/2026" in text
        assert field(app, "deadline").value == "30/11/2026"  # kept as typed, but named


async def test_an_edit_refused_for_another_reason_is_kept_too(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    """A completion date typed while the task was completed elsewhere on another day: the
    second save is refused (a date is corrected with d), and what was typed stays."""
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await _edit_refused(
            pilot,
            {"note": "Đã đôn đốc", "done": "20/11/2026"},
            lambda: _completed_elsewhere(db_path, "first00001"),
        )  # on 23/11/2026
        await _edit_kept(pilot, "first00001")
        assert field(app, "done").value == "20/11/2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: sum("vẫn được giữ" in s for s in _said(app)) == 2)
        await _edit_kept(pilot, "first00001")
        assert field(app, "note").value == "Đã đôn đốc"
        assert "Chưa lưu được đầu việc số 1" in " ".join(screen_text(pilot).split())
        assert read_book(db_path)["first00001"].done_on == TODAY


async def test_enter_twice_on_a_kept_edit_saves_nothing_unread(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    """ "Enter to open, Enter to close" saves nothing on a normal form; on one opened again
    after a refusal it must not save the old typed values unread either."""
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await _edit_refused(
            pilot,
            {"title": "Tiêu đề gõ nhầm"},
            lambda: _changed_elsewhere(db_path, "first00001", note="ghi chú nơi khác"),
        )
        await idle(pilot)
        await wait_for(pilot, lambda: table(pilot).current.task.uid == "first00001")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await idle(pilot)
        assert isinstance(app.screen, TaskFormScreen)  # still open: Ctrl+S saves
        assert read_book(db_path)["first00001"].title != "Tiêu đề gõ nhầm"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].title == "Tiêu đề gõ nhầm")
        assert read_book(db_path)["first00001"].note == "ghi chú nơi khác"


async def test_escape_on_an_edit_kept_after_a_conflict_asks_before_dropping_it(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 50), notifications=True) as pilot:
        await loaded(pilot)
        await _edit_refused(
            pilot, {"note": "Đã đôn đốc"}, lambda: _completed_elsewhere(db_path, "first00001")
        )
        await _edit_kept(pilot, "first00001")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (ConfirmScreen, TaskFormScreen)))
        await idle(pilot)
        assert read_book(db_path)["first00001"].note == ""


@pytest.mark.parametrize(
    "keys",
    [
        ["t"],
        ["x"],
        [
            "g",
            "3",
            "1",
            "/",
            "1",
            "2",
            "/",
            "2",
            "0",
            "2",
            "6",
            "tab",
            "L",
            "ý",
            " ",
            "d",
            "o",
            "enter",
        ],
        ["delete", "y"],
    ],
)
async def test_a_change_to_a_task_changed_elsewhere_since_it_was_shown_is_refused(
    make_app: Callable[..., DeadlineApp], db_path: Path, keys: list[str]
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        _completed_elsewhere(db_path, "first00001")  # (the screen has not looked yet)
        await pilot.press(*keys)
        await wait_for(pilot, lambda: any("ở nơi khác" in said for said in _said(app)))
        stored = read_book(db_path)["first00001"]
        assert (stored.state, stored.result) == (TaskState.DONE, "BC 12/BC-SYT")


def _slowed(monkeypatch: pytest.MonkeyPatch, name: str, seconds: float) -> None:
    """Make the service's ``name`` take ``seconds`` longer (a slow disk or server)."""
    import time

    from deadline_tui.services.tasks import TaskService

    real = getattr(TaskService, name)

    def slow(self: TaskService, *args: object, **kwargs: object) -> object:
        time.sleep(seconds)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(TaskService, name, slow)


async def test_a_second_key_on_the_row_while_the_first_change_runs_is_no_conflict(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "suspend", 0.4)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await pilot.pause(0.1)
        await pilot.press("x")  # (replaces the suspend's worker: the suspend still ends)
        await wait_for(pilot, lambda: read_book(db_path)["first00001"].state is TaskState.CANCELLED)
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 2)
        assert not any("ở nơi khác" in said for said in _said(app))


async def test_an_edit_form_opened_before_the_screens_own_change_ended_never_undoes_it(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "complete", 0.4)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        await pilot.press("enter", "e")  # the form opens on the task as it was shown
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 1)  # done ended
        field(app, "note").value = "Đã đôn đốc"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("ở nơi khác" in said for said in _said(app)))
        stored = read_book(db_path)["first00001"]
        assert (stored.state, stored.done_on) == (TaskState.DONE, TODAY)


async def test_changes_asked_for_while_one_is_written_are_all_made_in_order(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "suspend", 0.4)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")  # row 1 suspended, slowly
        await pilot.pause(0.05)
        await pilot.press("down", "t")  # row 2: waits its turn, never dropped
        await pilot.pause(0.05)
        await pilot.press("up", "x")  # row 1 cancelled after its suspension
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 3)
        stored = read_book(db_path)
        assert stored["first00001"].state is TaskState.CANCELLED
        assert stored["second0001"].state is TaskState.SUSPENDED
        assert [c.action for c in main_screen(pilot).undo_stack] == [
            "suspend",
            "suspend",
            "cancel",
        ]
        assert not any("ở nơi khác" in said for said in _said(app))


async def test_undo_typed_while_a_change_is_written_undoes_that_change(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 1)
        await idle(pilot)
        _slowed(monkeypatch, "reopen", 0.4)
        await pilot.press("r")
        await pilot.pause(0.05)
        await pilot.press("u")  # meant: undo the reopen, which is still being written
        await wait_for(pilot, lambda: any("Đã hoàn tác" in said for said in _said(app)))
        assert read_book(db_path)["first00001"].state is TaskState.SUSPENDED
        assert [c.action for c in main_screen(pilot).undo_stack] == ["suspend"]


async def test_undo_right_after_the_first_change_is_not_lost(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "suspend", 0.3)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await pilot.pause(0.05)
        await pilot.press("u")
        await wait_for(pilot, lambda: any("Đã hoàn tác" in said for said in _said(app)))
        assert read_book(db_path)["first00001"].state is TaskState.OPEN


async def test_a_refusal_is_said_even_when_another_change_follows_at_once(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "cancel", 0.3)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        _completed_elsewhere(db_path, "first00001")
        await pilot.press("x")  # refused (changed elsewhere), slowly
        await pilot.pause(0.05)
        await pilot.press("down", "t")
        await wait_for(pilot, lambda: read_book(db_path)["second0001"].state is TaskState.SUSPENDED)
        await wait_for(pilot, lambda: any("ở nơi khác" in said for said in _said(app)))
        assert read_book(db_path)["first00001"].state is TaskState.DONE


async def test_the_cursor_stays_where_the_user_moved_it_while_changes_waited(
    make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "suspend", 0.4)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")  # row 1 suspended, slowly
        await pilot.pause(0.05)
        await pilot.press("x", "down")  # row 1 cancelled in its turn; the user moves on
        moved_to = table(pilot).current.task.uid
        assert moved_to != "first00001"
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 2)
        await idle(pilot)
        assert table(pilot).current.task.uid == moved_to


async def test_the_cursor_stays_where_the_user_moved_it_while_the_rows_were_read(
    make_app: Callable[..., DeadlineApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from deadline_tui.tui.store import BookStore

    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        reload = BookStore.reload

        def slow_reload(self: BookStore) -> bool:
            time.sleep(0.5)
            return reload(self)

        monkeypatch.setattr(BookStore, "reload", slow_reload)
        await pilot.press("x")  # written at once, the rows re-read slowly
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 1)
        await pilot.press("down")
        moved_to = table(pilot).current.task.uid
        await idle(pilot)
        assert table(pilot).current.task.uid == moved_to


async def test_quit_makes_the_changes_typed_ahead_first(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    _slowed(monkeypatch, "suspend", 0.4)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await pilot.pause(0.05)
        await pilot.press("down", "t", "q")
        await wait_for(pilot, lambda: app.return_code is not None)
    stored = read_book(db_path)
    assert stored["first00001"].state is TaskState.SUSPENDED
    assert stored["second0001"].state is TaskState.SUSPENDED


async def test_undo_right_after_a_refused_change_undoes_nothing_older(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("down", "t")  # row 2 suspended: the change undo would take back
        await wait_for(pilot, lambda: len(main_screen(pilot).undo_stack) == 1)
        await idle(pilot)
        while table(pilot).current.task.uid != "first00001":
            await pilot.press("up")
        _slowed(monkeypatch, "cancel", 0.4)
        _completed_elsewhere(db_path, "first00001")
        await pilot.press("x")  # refused, slowly
        await pilot.pause(0.05)
        await pilot.press("u")  # meant: undo that x
        await wait_for(pilot, lambda: any("không có gì để hoàn tác" in s for s in _said(app)))
        assert read_book(db_path)["second0001"].state is TaskState.SUSPENDED


async def test_the_task_form_completes_names_of_the_book(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    """README: "so ke" → "Sở Kế hoạch và Đầu tư" (here "so ta" → "Sở Tài chính"). The
    book's names reach the form's fields whenever they arrive (collected after it opens)."""
    app = make_app(book())
    async with app.run_test(size=(150, 50)) as pilot:
        await loaded(pilot)
        for opener in ("n", "e"):
            await pilot.press(opener)
            await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
            unit = field(app, "lead_unit")
            unit.focus()
            unit.value = ""
            await pilot.press(*"so ta")
            await wait_for(pilot, lambda: unit._suggestion == "Sở Tài chính")  # noqa: B023
            await pilot.press("escape")
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("y")
            await wait_for(pilot, lambda: app.screen is main_screen(pilot))


async def test_the_edit_form_previews_the_extended_deadline_in_force(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    """An extension keeps the phrase and moves the date; saving the form with the phrase
    unchanged keeps the extended date, and its preview says so."""
    app = make_app(book())
    _extended_elsewhere(db_path, "first00001", date(2027, 3, 31))
    async with app.run_test(size=(150, 50)) as pilot:
        await loaded(pilot)
        table(pilot).cursor = shown_uids(pilot).index("first00001")
        await wait_for(pilot, lambda: table(pilot).current.task.uid == "first00001")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        await wait_for(pilot, lambda: "31/03/2027" in screen_text(pilot))
        assert "đã gia hạn" in screen_text(pilot)
        field(app, "deadline").value = "15/12/2026"  # a new phrase: its own date
        await wait_for(pilot, lambda: "15/12/2026 (" in screen_text(pilot))
        assert "đã gia hạn" not in screen_text(pilot)
