"""The summary screen's report key: asks for a file name, writes the report pack of what
the screen shows, and says where it wrote; a bad destination keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
from openpyxl import load_workbook
from textual.widgets import Input, Static

from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.report_file import ReportFileScreen
from deadline_tui.tui.screens.summary import SummaryScreen
from tests.factories import make_task
from tests.tui.conftest import idle, loaded, screen_text, wait_for


def book() -> list[object]:
    return [
        make_task(title="Quá hạn", lead_unit="Sở Tài chính", assigned_on=date(2026, 7, 1),
                  due_on=date(2026, 10, 1)),
        make_task(title="Xong đúng hạn", lead_unit="Sở Y tế", assigned_on=date(2026, 7, 1),
                  due_on=date(2026, 10, 1), done_on=date(2026, 9, 20)),
        make_task(title="Trong hạn", lead_unit="Sở Y tế", assigned_on=date(2026, 7, 1),
                  due_on=date(2026, 12, 31)),
    ]  # fmt: skip


def problem_text(dialog: ReportFileScreen) -> str:
    return str(dialog.query_one("#report-problem", Static).render())


async def open_dialog(pilot: object, app: DeadlineApp) -> ReportFileScreen:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("s")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))  # type: ignore[arg-type]
    await idle(pilot)  # type: ignore[arg-type]
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFileScreen))  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, ReportFileScreen)
    return screen


async def test_the_report_key_writes_the_figures_on_screen(
    make_app: Callable[..., DeadlineApp], tmp_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        dialog = await open_dialog(pilot, app)
        field = dialog.query_one("#report-file", Input)
        assert field.value.endswith("bao-cao-2026-11-23.xlsx")  # the cut-off on screen
        target = tmp_path / "bao-cao.xlsx"
        field.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        said = [notification.message for notification in app._notifications]
        assert said == [
            f"Đã ghi báo cáo tính đến ngày 23/11/2026 (3 đầu việc, 1 quá hạn) vào {target}."
        ]
        sentence = str(app.screen.query_one("#summary-sentence", Static).render())
    sheet = load_workbook(target)["Báo cáo"]
    cells = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row]
    assert sentence in cells
    names = [sheet[f"B{r}"].value for r in range(1, 30)]
    assert names.index("Sở Tài chính") < names.index("Sở Y tế")  # as the screen orders them


async def test_the_report_key_follows_the_cut_off_typed_and_writes_docx(
    make_app: Callable[..., DeadlineApp], tmp_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        app.screen.query_one("#summary-as-of", Input).value = "30/09/2026"
        await wait_for(pilot, lambda: "Tính đến ngày 30/09/2026" in screen_text(pilot))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFileScreen))
        target = tmp_path / "bao-cao.docx"
        app.screen.query_one("#report-file", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "(Tính đến ngày 30/09/2026)" in paragraphs


async def test_a_bad_destination_keeps_the_dialog_open_and_writes_nothing(
    make_app: Callable[..., DeadlineApp], tmp_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        dialog = await open_dialog(pilot, app)
        field = dialog.query_one("#report-file", Input)
        for bad, words in (
            (tmp_path / "khong-co" / "bao-cao.xlsx", "không tồn tại"),
            (tmp_path / "bao-cao.pdf", "dùng đuôi .xlsx hoặc .docx"),
        ):
            field.value = str(bad)
            await pilot.press("enter")
            await wait_for(pilot, lambda words=words: words in problem_text(dialog))
            assert str(bad) in problem_text(dialog)
            assert app.screen is dialog
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "home", "work"]
