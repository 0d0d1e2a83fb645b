"""The summary screen's report key: asks for a file name, writes the report pack of what
the screen shows, and says where it wrote; a bad destination keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import orjson
from openpyxl import load_workbook
from textual.widgets import Input, Static

from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.report_file import ReportFileScreen
from deadline_tui.tui.screens.summary import SummaryScreen
from tests.conftest import CliResult
from tests.factories import make_task
from tests.tui.conftest import idle, loaded, screen_text, settings_for, wait_for


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


async def test_the_report_key_writes_the_period_and_grouping_on_screen(
    make_app: Callable[..., DeadlineApp],
    db_path: Path,
    tmp_path: Path,
    cli: Callable[..., CliResult],
) -> None:
    """A period typed in the report's words and units gathered with the config's
    [aliases]: the file holds the screen's groups, and the figures `summary --json` prints
    for the same options on the command line."""
    aliases = {"SKHĐT": "Sở Kế hoạch và Đầu tư"}
    config = tmp_path / "config.toml"
    config.write_text('[aliases]\n"SKHĐT" = "Sở Kế hoạch và Đầu tư"\n', encoding="utf-8")
    day = date
    tasks = [
        make_task(title="Một", lead_unit="SKHĐT", assigned_on=day(2026, 7, 10),
                  due_on=day(2026, 8, 1)),
        make_task(title="Hai", lead_unit="Sở Kế hoạch và Đầu tư", assigned_on=day(2026, 8, 10),
                  due_on=day(2026, 12, 31)),
        make_task(title="Ba", lead_unit="Sở Kế hoạch và Đầu tư", assigned_on=day(2026, 9, 1),
                  due_on=day(2026, 10, 1), done_on=day(2026, 9, 20)),
        make_task(title="Bốn", lead_unit="Sở Tài chính", assigned_on=day(2026, 7, 1),
                  due_on=day(2026, 10, 1)),
        make_task(title="Quý II", lead_unit="Sở Tài chính", assigned_on=day(2026, 4, 1),
                  due_on=day(2026, 5, 1)),
    ]  # fmt: skip
    app = make_app(tasks, settings=settings_for(db_path)._replace(aliases=aliases))
    target = tmp_path / "bao-cao-quy-3.xlsx"
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        app.screen.query_one("#summary-period", Input).value = "quý III/2026"

        def sentence() -> str:
            return str(app.screen.query_one("#summary-sentence", Static).render())

        await wait_for(pilot, lambda: "quý III/2026" in sentence())
        await idle(pilot)
        chart = str(app.screen.query_one("#summary-chart", Static).render())
        assert "Sở Kế hoạch và Đầu tư" in chart and "SKHĐT" not in chart  # one unit on screen
        shown = sentence()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFileScreen))
        app.screen.query_one("#report-file", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    result = cli("summary", "--as-of", "23/11/2026", "--period", "2026-Q3", "--by", "unit",
                 "--json", "--config", str(config))  # fmt: skip
    assert result.code == 0, result.err
    expected = orjson.loads(result.out)
    assert expected["sentence"] == shown
    assert [(g["name"], g["total"], g["open_overdue"]) for g in expected["groups"]] == [
        ("Sở Kế hoạch và Đầu tư", 3, 1),
        ("Sở Tài chính", 1, 1),
    ]
    workbook = load_workbook(target)
    sheet = workbook["Báo cáo"]
    cells = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row]
    assert shown in cells
    assert "(Các đầu việc giao quý III/2026, tính đến ngày 23/11/2026)" in cells
    head = next(row for row in range(1, 40) if sheet[f"A{row}"].value == "STT")
    table = [
        (sheet[f"B{row}"].value or sheet[f"A{row}"].value, sheet[f"C{row}"].value,
         sheet[f"K{row}"].value)
        for row in range(head + 2, head + 2 + len(expected["groups"]) + 1)
    ]  # fmt: skip
    assert table == [
        *((g["name"], g["total"], g["open_overdue"]) for g in expected["groups"]),
        ("Tổng cộng", f"=SUM(C{head + 2}:C{head + 3})", f"=SUM(K{head + 2}:K{head + 3})"),
    ]
    overdue = [row[1] for row in workbook["Quá hạn"].iter_rows(min_row=5, values_only=True)]
    assert overdue == ["Sở Kế hoạch và Đầu tư (1 đầu việc)", "Một", "Sở Tài chính (1 đầu việc)",
                       "Bốn"]  # fmt: skip
