"""Importing a document from the TUI: ``i``, the review, and one batch at the end."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.screens.review import DocumentPathScreen, ReviewScreen
from deadline_tui.tui.screens.small_forms import ConfirmScreen
from deadline_tui.tui.screens.task_form import TaskFormScreen
from tests.factories import make_task
from tests.tui.conftest import idle, loaded, read_book, screen_text, wait_for

NOTICE = Path(__file__).resolve().parents[1] / "data" / "documents" / "notice_conclusion.txt"


def review(app: DeadlineApp) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def open_review(pilot: object, app: DeadlineApp, path: Path) -> ReviewScreen:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("i")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, DocumentPathScreen))  # type: ignore[arg-type]
    app.screen.query_one("#field-path", Input).value = str(path)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))  # type: ignore[arg-type]
    await pilot.pause()  # type: ignore[attr-defined]
    return review(app)


async def test_review_edits_nothing_until_confirmed_then_adds_one_batch(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app([make_task(uid="old0000001", title="Việc cũ", lead_unit="Sở Y tế")])
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await open_review(pilot, app, NOTICE)
        assert len(screen.drafts) == 14
        text = screen_text(pilot)
        assert "312/TB-UBND" in text  # the header's number and date, editable
        assert "Sở Kế hoạch và Đầu tư" in text
        # drop the first draft (the collective exhortation)
        await pilot.press("space")
        assert screen.accepted[0] is False
        # split the second in two, then merge the halves back
        await pilot.press("down", "s")
        assert len(screen.drafts) == 15
        assert screen.drafts[1].section.endswith("-1")
        await pilot.press("m")
        assert len(screen.drafts) == 14
        # edit the highlighted draft's lead unit
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        app.screen.query_one("#field-lead_unit", Input).value = "Sở Tài chính"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert screen.drafts[1].lead_unit == "Sở Tài chính"
        # nothing is written while reviewing
        assert len(read_book(db_path)) == 1
        # "trước 16 giờ hằng ngày" cannot be read: the confirmation stops on that draft
        await pilot.press("ctrl+s")
        await pilot.pause()
        daily = next(i for i, d in enumerate(screen.drafts) if d.deadline_problem)
        assert app.screen.query_one(OptionList).highlighted == daily
        assert "16 giờ hằng ngày" in screen_text(pilot)
        assert len(read_book(db_path)) == 1
        await pilot.press("space", "ctrl+s")  # drop it, confirm the rest
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen))
        await idle(pilot)
        await wait_for(pilot, lambda: len(read_book(db_path)) > 1)
        tasks = list(read_book(db_path).values())
        imported = [t for t in tasks if t.source == "Thông báo 312/TB-UBND ngày 12/07/2021"]
        assert len({t.title for t in imported}) == 12
        assert not any(t.title.startswith("Bám sát Nghị quyết") for t in imported)
        merged = next(t for t in imported if t.title.startswith("Rà soát tiến độ giải ngân"))
        assert merged.lead_unit == "Sở Tài chính"


async def test_cancelled_review_writes_nothing(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50)) as pilot:
        await open_review(pilot, app, NOTICE)
        await pilot.press("escape")  # nothing reviewed yet: closed at once, no question
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await idle(pilot)
        assert len(read_book(db_path)) == 1


async def test_escape_asks_before_dropping_drafts_reviewed(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_review(pilot, app, NOTICE)
        await pilot.press("down", "e")  # edit the second draft
        await wait_for(pilot, lambda: isinstance(app.screen, TaskFormScreen))
        app.screen.query_one("#field-lead_unit", Input).value = "Sở Tài chính"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("up", "space")  # drop the first
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "13/14 đầu việc đã nhận" in screen_text(pilot)
        await pilot.press("n")  # no: back to the review as it was
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.drafts[1].lead_unit == "Sở Tài chính"
        assert screen.accepted[0] is False
        await pilot.press("escape", "escape")  # Escape on the question too: still here
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await idle(pilot)
        assert len(read_book(db_path)) == 1


async def test_review_shows_markup_like_text_as_written_and_refuses_a_draft_without_lead(
    make_app: Callable[..., DeadlineApp], db_path: Path, tmp_path: Path
) -> None:
    document = tmp_path / "ct.txt"
    document.write_text(
        "1. Nhiệm vụ chung\n\n- Tăng cường kiểm tra [/] [bold]x[/bold].\n\n"
        "2. Sở Tài chính chủ trì bố trí kinh phí [footnoteRef:2], "
        "hoàn thành trước ngày 30/9/2030.\n",
        encoding="utf-8",
    )
    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50)) as pilot:
        await open_review(pilot, app, document)
        assert "Tăng cường kiểm tra [/] [bold]x[/bold]" in screen_text(pilot)
        await pilot.press("ctrl+s")  # the first draft has no lead unit: refused
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one(OptionList).highlighted == 0
        assert len(read_book(db_path)) == 1
        await pilot.press("space", "ctrl+s")  # drop it, confirm the rest
        await wait_for(pilot, lambda: len(read_book(db_path)) == 2)
        added = next(t for t in read_book(db_path).values() if t.uid != "old0000001")
        assert added.lead_unit == "Sở Tài chính"
        assert added.due_on is not None and added.due_on.isoformat() == "2030-09-30"


async def test_review_describes_a_recurring_deadline_in_words(
    make_app: Callable[..., DeadlineApp], tmp_path: Path
) -> None:
    document = tmp_path / "kh.txt"
    document.write_text(
        "1. Sở Tài chính tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 20 hàng tháng.\n",
        encoding="utf-8",
    )
    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50)) as pilot:
        await open_review(pilot, app, document)
        text = screen_text(pilot)
        assert "trước ngày 20 hàng tháng → hàng tháng, ngày 20" in text
        assert "monthly" not in text


async def test_the_command_line_review_returns_what_was_accepted(tmp_path: Path) -> None:
    from datetime import date

    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.extract.document import extract_file
    from deadline_tui.tui.screens.review import _ReviewApp

    document = extract_file(NOTICE)
    app = _ReviewApp(document, date(2026, 11, 23), ["Sở Tài chính"], WorkCalendar())
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        app.screen.query_one("#field-source", Input).value = "Thông báo 312/TB-UBND"
        await pilot.press("space")
        daily = next(i for i, d in enumerate(review(app).drafts) if d.deadline_problem)
        app.screen.query_one(OptionList).highlighted = daily
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
    result = app.return_value
    assert result is not None
    assert result.source == "Thông báo 312/TB-UBND"
    assert result.assigned == "12/07/2021"
    assert len(result.drafts) == 12


async def test_the_command_line_review_checks_drafts_on_the_configured_calendar() -> None:
    from datetime import date

    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.extract.document import extract_file
    from deadline_tui.services.drafts import TaskDraft
    from deadline_tui.tui.screens.review import _ReviewApp

    document = extract_file(NOTICE)
    # Mon 07/12/2026 + 3 working days: 08, 10, 11 with the province's day off on the
    # Wednesday 09/12 (counted by hand; no national holiday that week).
    calendar = WorkCalendar(days_off=[date(2026, 12, 9)])
    app = _ReviewApp(document, date(2026, 11, 23), ["Sở Tài chính"], calendar)
    draft = TaskDraft(
        title="Báo cáo nhanh",
        lead_unit="Sở Y tế",
        deadline="3 ngày làm việc",
        assigned="07/12/2026",
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.check(draft).deadline.due_on == date(2026, 12, 11)


async def test_the_palette_offers_the_import(make_app: Callable[..., DeadlineApp]) -> None:
    from deadline_tui.tui.commands import DeadlineCommands

    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        provider = DeadlineCommands(app.screen)
        labels = [text for text, _, _ in provider._commands()]
        assert "Đầu việc: Nhập từ văn bản" in labels


async def test_i_while_a_document_is_read_starts_no_second_import(
    make_app: Callable[..., DeadlineApp], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deadline_tui.extract import document as extract

    release = threading.Event()
    read = extract.extract_file

    def slow(path: Path, **options: Any) -> Any:
        release.wait(10)
        return read(path, **options)

    monkeypatch.setattr(extract, "extract_file", slow)
    app = make_app([make_task(uid="old0000001", title="Việc cũ")])
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentPathScreen))
        app.screen.query_one("#field-path", Input).value = str(NOTICE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, DocumentPathScreen))
        await pilot.press("i")  # the document is still being read
        await pilot.pause()
        assert not isinstance(app.screen, DocumentPathScreen)
        assert "Đang nhập một văn bản" in " ".join(str(n.message) for n in app._notifications)
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await wait_for(pilot, lambda: bool(app.screen.query("#review-drafts")))  # (mounted)
        await pilot.press("escape")  # the one import ends (nothing reviewed: closes at once)
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen))
        await idle(pilot)
        assert len(read_book(db_path)) == 1
        await pilot.press("i")  # once it ended, i imports again
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentPathScreen))
