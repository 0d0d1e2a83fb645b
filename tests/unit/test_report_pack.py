"""The report pack (DESIGN section 13), read back as a person's spreadsheet or word
processor would read it.

Every figure in the .xlsx and the .docx is compared with what ``summary --json`` prints at
the same cut-off, and the overdue list with ``list --status overdue --json``: both run
through the command line, not through the report's own code. Percentages are computed
here with decimal arithmetic from the counts. Dates are explicit (30/11/2026), so nothing
depends on the day the suite runs.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import orjson
import pytest
from openpyxl import load_workbook

from deadline_tui.demo.generate import generate_tasks
from deadline_tui.domain.task import Extension, TaskState
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task

AS_OF = "30/11/2026"
CUT_OFF = date(2026, 11, 30)
FORMULA_TITLE = '=HYPERLINK("http://example.com","bấm vào")'

Cli = Callable[..., CliResult]


def special_tasks() -> list[Any]:
    """Tasks the generator may not make: every corner a report must get right."""
    day = date
    return [
        # overdue, a title a spreadsheet would take for a formula, a control character
        make_task(title=FORMULA_TITLE, lead_unit="Sở Tư pháp", assigned_on=day(2026, 3, 1),
                  due_on=day(2026, 4, 30), source="=Công văn 1/UBND", leader="=PCT"),
        make_task(title="Báo cáo\x0c quý [/] III", lead_unit="Sở Tư pháp",
                  assigned_on=day(2026, 7, 2), due_on=day(2026, 9, 30)),
        # extended after the cut-off: at D the old deadline is in force, so it is overdue
        make_task(title="Gia hạn sau ngày báo cáo", lead_unit="Sở Y tế",
                  assigned_on=day(2026, 8, 1), due_on=day(2026, 12, 31),
                  original_due_on=day(2026, 10, 31),
                  extensions=(Extension(day(2026, 10, 31), day(2026, 12, 31), "chờ ý kiến",
                                        "CV 5/UBND", day(2026, 12, 5)),)),
        # done late, done on the deadline day, suspended, cancelled, no deadline
        make_task(title="Xong muộn", lead_unit="Sở Y tế", assigned_on=day(2026, 8, 1),
                  due_on=day(2026, 9, 1), done_on=day(2026, 9, 3)),
        make_task(title="Xong đúng ngày hạn", lead_unit="Sở Y tế", assigned_on=day(2026, 8, 1),
                  due_on=day(2026, 9, 1), done_on=day(2026, 9, 1)),
        make_task(title="Tạm dừng", lead_unit="Sở Y tế", assigned_on=day(2026, 8, 1),
                  due_on=day(2026, 9, 1), state=TaskState.SUSPENDED),
        make_task(title="Đã hủy", lead_unit="Sở Tư pháp", assigned_on=day(2026, 8, 1),
                  due_on=day(2026, 9, 1), state=TaskState.CANCELLED),
        make_task(title="Thường xuyên", lead_unit="Sở Y tế", assigned_on=day(2026, 8, 1)),
        # assigned after the cut-off: not in the report
        make_task(title="Giao sau ngày báo cáo", lead_unit="Sở Y tế",
                  assigned_on=day(2026, 12, 1), due_on=day(2026, 12, 2)),
    ]  # fmt: skip


@pytest.fixture
def book(db_path: Path) -> Path:
    """About 400 generated tasks (every status, many units) and the special ones."""
    tasks = generate_tasks(400, seed=20261130, today=CUT_OFF) + special_tasks()
    repo = DeskBook.open_or_create(db_path)
    try:
        repo.add_many(tasks)
    finally:
        repo.close()
    return db_path


def summary_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("summary", "--as-of", AS_OF, "--json", *args)
    assert result.code == 0, result.err
    data: dict[str, Any] = orjson.loads(result.out)
    return data


def overdue_json(cli: Cli) -> list[dict[str, Any]]:
    """``list --status overdue`` at the cut-off, each task with ``due_at_cut_off``: the
    deadline in force at D, worked out here from the extensions' history (an extension
    recorded after D had not happened yet at D)."""
    result = cli("list", "--as-of", AS_OF, "--status", "overdue", "--json")
    assert result.code == 0, result.err
    data: list[dict[str, Any]] = orjson.loads(result.out)
    for task in data:
        due = task.get("current_due_on") or task["due_on"]
        for extension in task["extensions"]:
            if date.fromisoformat(extension["recorded_on"]) > CUT_OFF:
                due = extension["old_due"]
                break
        task["due_at_cut_off"] = date.fromisoformat(due)
        task["title_shown"] = task["title"].replace("\x0c", "")  # XML cannot hold a form feed
    return data


def write_report(cli: Cli, path: Path, *args: str) -> CliResult:
    result = cli("report", "--as-of", AS_OF, "-o", str(path), *args)
    assert result.code == 0, result.err
    assert str(path.resolve()) in result.out  # it says where it wrote
    return result


def rate(part: int, base: int, decimals: int = 1, mode: str = ROUND_HALF_UP) -> Decimal | None:
    """part/base as a fraction (0.308 for 30,8%), rounded as the report must show it."""
    if base == 0:
        return None
    quantum = Decimal(1).scaleb(-(decimals + 2))
    return (Decimal(part) / Decimal(base)).quantize(quantum, rounding=mode)


def vi_percent(part: int, base: int, decimals: int = 1) -> str:
    value = rate(part, base, decimals)
    if value is None:
        return "–"
    return f"{value * 100:.{decimals}f}".replace(".", ",") + "%"


def vi_int(text: str) -> int:
    return int(text.replace(".", ""))


COUNT_COLUMNS = {
    "C": "total",
    "D": "due",
    "E": "due_done",
    "G": "done",
    "H": "done_on_time",
    "I": "done_late",
    "J": "open_in_term",
    "K": "open_overdue",
    "L": "no_deadline",
}


def group_rows(sheet: Any) -> tuple[int, int, int]:
    """(first group row, last group row, totals row) of the report sheet's table."""
    head = next(row for row in range(1, 40) if sheet[f"A{row}"].value == "STT")
    first = head + 2
    totals = next(
        row for row in range(first, first + 10_000) if sheet[f"A{row}"].value == "Tổng cộng"
    )
    return first, totals - 1, totals


def read_overdue_sheet(sheet: Any) -> list[tuple[str, int, date, int, str]]:
    """(unit heading, id, deadline, days overdue, title) for every task row, checking
    that each unit heading counts the rows under it."""
    found: list[tuple[str, int, date, int, str]] = []
    unit, expected, seen = "", 0, 0
    for row in sheet.iter_rows(min_row=5, values_only=True):
        number, title, _source, due, days, _leader, task_id = row
        if isinstance(number, str):  # a unit heading: "II", "Sở Y tế (3 đầu việc)"
            assert seen == expected
            unit, _, count = str(title).rpartition(" (")
            expected, seen = int(count.split()[0].replace(".", "")), 0
            continue
        seen += 1
        assert isinstance(due, datetime)
        found.append((unit, task_id, due.date(), days, title))
    assert seen == expected
    return found


# --- XLSX ------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["unit", "leader", "source", "follower"])
def test_xlsx_holds_every_figure_of_summary_json(
    cli: Cli, book: Path, tmp_path: Path, by: str
) -> None:
    path = tmp_path / f"bao-cao-{by}.xlsx"
    write_report(cli, path, "--by", by)
    expected = summary_json(cli, "--by", by)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Báo cáo", "Quá hạn", "Biểu đồ"]
    sheet = workbook["Báo cáo"]
    texts = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row if cell]
    assert expected["sentence"] in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND TỈNH GIAO" in texts
    assert "(Tính đến ngày 30/11/2026)" in texts
    first, last, totals = group_rows(sheet)
    groups = expected["groups"]
    assert last - first + 1 == len(groups)
    for offset, group in enumerate(groups):
        r = first + offset
        assert sheet[f"A{r}"].value == offset + 1
        assert sheet[f"B{r}"].value == (group["name"] or "(chưa ghi)")
        assert sheet[f"B{r}"].data_type == "s"  # a name is text, whatever it starts with
        for letter, key in COUNT_COLUMNS.items():
            cell = sheet[f"{letter}{r}"]
            assert cell.data_type == "n", (letter, cell.value)  # numbers, not text
            assert cell.value == group[key], (group["name"], key)
        # rates: formulas over the row's own cells, shown as percentages
        assert sheet[f"F{r}"].value == f'=IF(D{r}=0,"–",ROUND(E{r}/D{r},3))'
        assert sheet[f"M{r}"].value == f'=IF(C{r}=0,"–",ROUND((H{r}+J{r}+L{r})/C{r},3))'
        assert sheet[f"N{r}"].value == f'=IF(C{r}=0,"–",ROUND((I{r}+K{r})/C{r},3))'
        for letter in "FMN":
            assert sheet[f"{letter}{r}"].number_format == "0.0%"
    for letter in COUNT_COLUMNS:
        assert sheet[f"{letter}{totals}"].value == f"=SUM({letter}{first}:{letter}{last})"
    assert sheet[f"F{totals}"].value == f'=IF(D{totals}=0,"–",ROUND(E{totals}/D{totals},3))'
    # The groups add up to the whole, so the totals row's sums are the overall figures.
    for key in COUNT_COLUMNS.values():
        assert sum(group[key] for group in groups) == expected[key]


def test_xlsx_overdue_sheet_is_the_overdue_list_grouped_by_unit(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_report(cli, path)
    listed = overdue_json(cli)
    expected = summary_json(cli, "--by", "unit")
    rows = read_overdue_sheet(load_workbook(path)["Quá hạn"])
    assert len(rows) == expected["open_overdue"] == len(listed)
    by_id = {task["id"]: task for task in listed}
    assert sorted(task_id for _, task_id, *_ in rows) == sorted(by_id)
    for unit, task_id, due, days, title in rows:
        task = by_id[task_id]
        assert unit == task["lead_unit"]
        assert title == task["title_shown"]
        assert due == task["due_at_cut_off"]
        assert days == (CUT_OFF - due).days > 0
    per_unit = Counter(unit for unit, *_ in rows)
    for group in expected["groups"]:
        assert per_unit.get(group["name"], 0) == group["open_overdue"]
    # Units with most overdue first; in a unit, the longest overdue first.
    units = list(dict.fromkeys(unit for unit, *_ in rows))
    assert [per_unit[u] for u in units] == sorted(per_unit.values(), reverse=True)
    for unit in units:
        days = [d for u, _, _, d, _ in rows if u == unit]
        assert days == sorted(days, reverse=True)


def test_xlsx_user_text_that_looks_like_a_formula_stays_text(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_report(cli, path)
    sheet = load_workbook(path)["Quá hạn"]
    cells = [cell for row in sheet.iter_rows(min_row=5) for cell in row]
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert {cell.value for cell in risky} == {FORMULA_TITLE, "=Công văn 1/UBND", "=PCT"}
    assert all(cell.data_type == "s" for cell in risky)


def test_xlsx_prints_on_a4_landscape_one_page_wide_with_repeated_headers(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_report(cli, path)
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert int(setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.fitToWidth) == 1
        assert "&P" in (sheet.oddFooter.center.text or "")
    report, overdue = workbook["Báo cáo"], workbook["Quá hạn"]
    first, _, _ = group_rows(report)
    assert report.print_title_rows == f"${first - 2}:${first - 1}"
    assert overdue.print_title_rows == "$4:$4"
    assert overdue["B4"].value == "Nội dung nhiệm vụ"
    # Columns fit the Vietnamese headers and names rather than Excel's 8.43 default.
    assert report.column_dimensions["B"].width >= 30
    assert overdue.column_dimensions["B"].width >= 50


def test_xlsx_has_a_native_bar_chart_of_the_statuses_by_group(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_report(cli, path)
    chart_sheet = load_workbook(path)["Biểu đồ"]
    # openpyxl does not read charts back; the drawing part of the file holds it.
    import zipfile

    with zipfile.ZipFile(path) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<barChart>" in xml and '<grouping val="stacked"/>' in xml
    for label in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
                  "Đang thực hiện quá hạn"):  # fmt: skip
        assert label in xml
    assert "'Báo cáo'!$H$" in xml and "'Báo cáo'!$B$" in xml
    assert str(chart_sheet["A1"].value).startswith("Tình hình thực hiện theo đơn vị chủ trì")


def test_xlsx_period_selects_the_same_tasks_as_summary(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "quy-3.xlsx"
    write_report(cli, path, "--period", "2026-Q3")
    expected = summary_json(cli, "--period", "2026-Q3", "--by", "unit")
    workbook = load_workbook(path)
    sheet = workbook["Báo cáo"]
    texts = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row if cell]
    assert expected["sentence"] in texts
    assert "(Các đầu việc giao quý III/2026, tính đến ngày 30/11/2026)" in texts
    first, last, _ = group_rows(sheet)
    for offset, group in enumerate(expected["groups"]):
        for letter, key in COUNT_COLUMNS.items():
            assert sheet[f"{letter}{first + offset}"].value == group[key]
    assert last - first + 1 == len(expected["groups"])
    in_q3 = {
        task["id"]
        for task in overdue_json(cli)
        if date(2026, 7, 1) <= date.fromisoformat(task["assigned_on"]) <= date(2026, 9, 30)
    }
    rows = read_overdue_sheet(workbook["Quá hạn"])
    assert {task_id for _, task_id, *_ in rows} == in_q3
    assert len(in_q3) == expected["open_overdue"]


def test_xlsx_place_and_office_come_from_config(
    cli: Cli, book: Path, tmp_path: Path, isolated: Path
) -> None:
    (isolated / "config.toml").write_text(
        '[office]\nname = "Văn phòng UBND tỉnh Hà Tĩnh"\nplace = "Hà Tĩnh"\n', encoding="utf-8"
    )
    path = tmp_path / "bao-cao.xlsx"
    write_report(cli, path)
    sheet = load_workbook(path)["Báo cáo"]
    assert sheet["A1"].value == "VĂN PHÒNG UBND TỈNH HÀ TĨNH"
    assert str(sheet["H3"].value).startswith("Hà Tĩnh, ngày ")


# --- computed by LibreOffice -----------------------------------------------------------


def test_libreoffice_computes_the_formulas_to_the_figures_of_summary_json(
    cli: Cli, book: Path, tmp_path: Path, isolated: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the computed formulas are not checked")
    # The default rounding, and truncation to 2 decimals (ROUNDDOWN), in one LibreOffice run.
    half_up, down = tmp_path / "half-up.xlsx", tmp_path / "down.xlsx"
    write_report(cli, half_up)
    expected = summary_json(cli, "--by", "unit")
    (isolated / "config.toml").write_text(
        '[figures]\nrounding = "down"\ndecimals = 2\n', encoding="utf-8"
    )
    write_report(cli, down)
    assert summary_json(cli, "--by", "unit")["groups"] == expected["groups"]
    computed = tmp_path / "computed"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(computed), str(half_up), str(down)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name, decimals, mode in (("half-up", 1, ROUND_HALF_UP), ("down", 2, ROUND_DOWN)):
        sheet = load_workbook(computed / f"{name}.xlsx", data_only=True)["Báo cáo"]
        first, _, totals = group_rows(sheet)
        rows = [(first + i, group) for i, group in enumerate(expected["groups"])]
        rows.append((totals, expected))
        for r, figures in rows:
            for letter, key in COUNT_COLUMNS.items():
                assert sheet[f"{letter}{r}"].value == figures[key], (name, r, key)
            on_time = figures["done_on_time"] + figures["open_in_term"] + figures["no_deadline"]
            late = figures["done_late"] + figures["open_overdue"]
            for letter, part, base in (
                ("F", figures["due_done"], figures["due"]),
                ("M", on_time, figures["total"]),
                ("N", late, figures["total"]),
            ):
                value = sheet[f"{letter}{r}"].value
                wanted = rate(part, base, decimals, mode)
                if wanted is None:
                    assert value == "–"
                else:
                    assert abs(Decimal(str(value)) - wanted) < Decimal("1e-9"), (name, r, letter)


# --- DOCX ------------------------------------------------------------------------------


def docx_rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_holds_every_figure_of_summary_json(cli: Cli, book: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    write_report(cli, path)
    expected = summary_json(cli, "--by", "unit")
    document = docx.Document(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert expected["sentence"] in paragraphs
    assert "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND TỈNH GIAO" in paragraphs
    header_block, groups_table, overdue_table = document.tables
    header_text = [cell.text for cell in header_block.rows[0].cells]
    assert header_text[0] == "VĂN PHÒNG UBND TỈNH"
    assert header_text[1].startswith(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    )
    rows = docx_rows(groups_table)
    assert rows[0][6] == "Đã hoàn thành" and rows[1][6] == "Tổng"
    keys = ("total", "due", "due_done", None, "done", "done_on_time", "done_late",
            "open_in_term", "open_overdue", "no_deadline")  # fmt: skip
    body = rows[2:]
    assert len(body) == len(expected["groups"]) + 1
    for (order, *cells), figures in zip(body, [*expected["groups"], expected], strict=True):
        name, *values = cells
        if figures is expected:
            assert order == name == "Tổng cộng"
        else:
            assert name == (figures["name"] or "(chưa ghi)")
        for key, text in zip(keys, values, strict=True):
            if key is None:
                assert text == vi_percent(figures["due_done"], figures["due"])
            else:
                assert vi_int(text) == figures[key], (name, key)
    # The overdue list: a heading per unit, then its tasks with the days overdue.
    listed = {(task["title_shown"], task["due_at_cut_off"]): task for task in overdue_json(cli)}
    seen = 0
    for order, title, _source, due, days, _leader in docx_rows(overdue_table)[1:]:
        if not order.isdigit():
            assert title.endswith(" đầu việc)")
            continue
        seen += 1
        day, month, year = (int(part) for part in due.split("/"))
        task = listed[(title, date(year, month, day))]
        assert vi_int(days) == (CUT_OFF - task["due_at_cut_off"]).days
    assert seen == expected["open_overdue"] == len(listed)


def test_docx_is_laid_out_as_an_administrative_document(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.docx"
    write_report(cli, path)
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(docx.oxml.ns.qn(f"w:{script}")) == "Times New Roman"
    assert document.styles["Report Table Text"].font.size.pt == 13
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size}
    assert sizes <= {13, 14}
    portrait, landscape = document.sections
    for section in (portrait, landscape):
        assert round(section.top_margin.mm) == round(section.bottom_margin.mm) == 20
        assert round(section.left_margin.mm) == 30
        assert round(section.right_margin.mm) == 15
    assert (round(portrait.page_width.mm), round(portrait.page_height.mm)) == (210, 297)
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)
    # Page numbers: a PAGE field at the top, not on the first page (Decree 30/2020).
    assert portrait.different_first_page_header_footer
    header_xml = portrait.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert landscape.header.is_linked_to_previous
    # The table headings repeat on every page; a row never breaks across two, and a
    # unit's heading stays with its first task.
    for table in document.tables[1:]:
        assert "w:tblHeader" in table.rows[0]._tr.xml
        assert "w:cantSplit" in table.rows[-1]._tr.xml
    unit_heading = document.tables[2].rows[1]._tr.xml
    assert "đầu việc)" in unit_heading and "w:keepNext" in unit_heading


def test_docx_keeps_user_text_as_written(cli: Cli, book: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    write_report(cli, path)
    texts = [cell.text for row in docx.Document(str(path)).tables[2].rows for cell in row.cells]
    assert FORMULA_TITLE in texts
    assert "Báo cáo quý [/] III" in texts  # the form feed XML cannot hold is dropped


def test_report_in_english(cli: Cli, book: Path, tmp_path: Path, isolated: Path) -> None:
    (isolated / "config.toml").write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    path = tmp_path / "report.docx"
    result = write_report(cli, path)
    assert result.out.startswith("Wrote the report as of 30/11/2026")
    expected = summary_json(cli, "--by", "unit")
    paragraphs = [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]
    assert expected["sentence"] in paragraphs
    assert (
        "SOCIALIST REPUBLIC OF VIETNAM" in docx.Document(str(path)).tables[0].rows[0].cells[1].text
    )


# --- bad input -------------------------------------------------------------------------


def only_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_missing_folder_unknown_extension_and_a_folder_are_refused(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "thu-muc.xlsx").mkdir()
    cases = (
        (out / "khong-co" / "bao-cao.xlsx", "không tồn tại"),
        (out / "bao-cao.pdf", "dùng đuôi .xlsx hoặc .docx"),
        (out / "bao-cao", "dùng đuôi .xlsx hoặc .docx"),
        (out / "thu-muc.xlsx", "đó là một thư mục"),
    )
    for path, words in cases:
        result = cli("report", "--as-of", AS_OF, "-o", str(path))
        assert result.code == 1, path
        assert words in result.err and str(path) in result.err
        assert "Traceback" not in result.err
    assert only_files(out) == ["thu-muc.xlsx"]


def test_bad_cut_off_or_period_writes_nothing(cli: Cli, book: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    for args in (("--as-of", "31/02/2026"), ("--period", "2026-Q5")):
        result = cli("report", *args, "-o", str(path))
        assert result.code == 1
        assert args[1] in result.err
    assert not path.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_is_refused_and_kept(cli: Cli, book: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"old report")
    path.chmod(0o444)
    result = cli("report", "--as-of", AS_OF, "-o", str(path))
    assert result.code == 1
    assert "không có quyền ghi" in result.err
    assert path.read_bytes() == b"old report"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_file_locked_by_another_program_is_refused_and_kept(
    cli: Cli, book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Windows refuses to replace a file Excel or Word has open: PermissionError."""
    path = tmp_path / f"bao-cao{suffix}"
    path.write_bytes(b"the report sent last month")

    def locked(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file", str(target))

    monkeypatch.setattr("deadline_tui.reports.pack.output.os.replace", locked)
    result = cli("report", "--as-of", AS_OF, "-o", str(path))
    assert result.code == 1
    assert f"Không ghi được báo cáo {path}: không có quyền ghi" in result.err
    assert path.read_bytes() == b"the report sent last month"
    assert only_files(tmp_path) == sorted(["bao-cao" + suffix, "db", "home", "work"])


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left"), KeyboardInterrupt()])
def test_a_write_that_fails_half_way_leaves_no_partial_file(
    cli: Cli, book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    from deadline_tui.reports.pack import xlsx_pack

    def half_then_fail(pack: object, stream: Any) -> None:
        stream.write(b"PK\x03\x04 half a workbook")
        raise failure

    monkeypatch.setattr(xlsx_pack, "write_xlsx", half_then_fail)
    out = tmp_path / "out"
    out.mkdir()
    result = cli("report", "--as-of", AS_OF, "-o", str(out / "bao-cao.xlsx"))
    if isinstance(failure, OSError):
        assert result.code == 1
        assert "đĩa đã đầy" in result.err
    else:
        assert result.code == 130
    assert only_files(out) == []


# --- words of the pack -----------------------------------------------------------------


def pack_of(tasks: list[Any], *, written_on: date, place: str = "") -> Any:
    from deadline_tui.config import Settings
    from deadline_tui.reports.pack.content import make_pack

    base = Settings()
    settings = base._replace(office=base.office._replace(place=place))
    return make_pack(
        tasks, CUT_OFF, settings=settings, period=None, by="unit", written_on=written_on
    )


def test_the_date_line_is_written_as_decree_30_writes_it() -> None:
    """Days below 10 and the months January and February take a leading zero."""
    assert pack_of([], written_on=date(2026, 2, 5), place="Hà Tĩnh").place_and_date() == (
        "Hà Tĩnh, ngày 05 tháng 02 năm 2026"
    )
    assert pack_of([], written_on=date(2026, 11, 30), place="Hà Tĩnh").place_and_date() == (
        "Hà Tĩnh, ngày 30 tháng 11 năm 2026"
    )
    assert pack_of([], written_on=date(2026, 3, 9)).place_and_date() == (
        "……, ngày 09 tháng 3 năm 2026"
    )


def test_tasks_set_aside_are_named_only_when_there_are_some() -> None:
    suspended = make_task(assigned_on=date(2026, 1, 1), state=TaskState.SUSPENDED)
    cancelled = make_task(assigned_on=date(2026, 1, 1), state=TaskState.CANCELLED)
    day = CUT_OFF
    assert pack_of([], written_on=day).set_aside() == ""
    assert pack_of([suspended], written_on=day).set_aside() == (
        "Ngoài ra có 1 đầu việc tạm dừng, không tính vào các tỷ lệ trên."
    )
    assert pack_of([cancelled], written_on=day).set_aside() == (
        "Ngoài ra có 1 đầu việc đã hủy, không tính vào các tỷ lệ trên."
    )
    assert (
        "1 đầu việc tạm dừng và 1 đầu việc đã hủy"
        in pack_of([suspended, cancelled], written_on=day).set_aside()
    )


def test_an_empty_book_gives_a_report_with_an_empty_table(cli: Cli, tmp_path: Path) -> None:
    DeskBook.open_or_create(tmp_path / "db" / "tasks.json").close()
    for name in ("trong.xlsx", "trong.docx"):
        write_report(cli, tmp_path / name)
    sheet = load_workbook(tmp_path / "trong.xlsx")["Báo cáo"]
    first, last, totals = group_rows(sheet)
    assert last == first - 1
    assert sheet[f"C{totals}"].value == 0
    document = docx.Document(str(tmp_path / "trong.docx"))
    assert "Không có đầu việc quá hạn." in [p.text for p in document.paragraphs]


def test_overdue_list_names_a_unit_as_the_table_groups_it() -> None:
    """Spellings that match (tone placement, "UBND") are one unit in the table and in the
    overdue list, under the same display name."""
    from tests.factories import make_task as task_of

    tasks = [
        task_of(lead_unit=unit, assigned_on=date(2026, 1, 5), due_on=date(2026, 2, 1))
        for unit in (
            "Ủy ban nhân dân huyện Cẩm Xuyên",
            "UBND huyện Cẩm Xuyên",
            "Uỷ ban nhân dân huyện Cẩm Xuyên",
        )
    ]
    pack = pack_of(tasks, written_on=CUT_OFF)
    assert [g.name for g in pack.summary.groups] == ["Ủy ban nhân dân huyện Cẩm Xuyên"]
    assert [(u.unit, len(u.tasks)) for u in pack.overdue] == [
        ("Ủy ban nhân dân huyện Cẩm Xuyên", 3)
    ]


# --- the selection and grouping of `summary` ---------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        (("--period", "2026-Q3", "--period-by", "due"), "unit", date(2026, 7, 1),
         date(2026, 9, 30), "due"),
        (("--from", "15/06/2026", "--to", "15/10/2026"), "leader", date(2026, 6, 15),
         date(2026, 10, 15), "assigned"),
        (("--period", "9 tháng năm 2026"), "follower", date(2026, 1, 1), date(2026, 9, 30),
         "assigned"),
        (("--from", "01/10/2026", "--to", "31/12/2026", "--period-by", "due"), "source",
         date(2026, 10, 1), date(2026, 12, 31), "due"),
    ],
)  # fmt: skip
def test_the_report_selects_and_groups_as_summary_does(
    cli: Cli, book: Path, tmp_path: Path, case: tuple[tuple[str, ...], str, date, date, str]
) -> None:
    """Each selection of `summary` (a period by its deadline, from/to, a period in words)
    gives the report the figures `summary --json` prints with the same options, and an
    overdue list of exactly the overdue tasks the selection holds (worked out here from
    `list --json`: the period's first and last day, by assignment or deadline)."""
    selection, by, first, last, period_by = case
    xlsx, docx_path = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.docx"
    write_report(cli, xlsx, "--by", by, *selection)
    write_report(cli, docx_path, "--by", by, *selection)
    expected = summary_json(cli, "--by", by, *selection)
    workbook = load_workbook(xlsx)
    sheet = workbook["Báo cáo"]
    texts = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row if cell]
    assert expected["sentence"] in texts
    assert expected["sentence"] in [p.text for p in docx.Document(str(docx_path)).paragraphs]
    top, bottom, totals = group_rows(sheet)
    assert bottom - top + 1 == len(expected["groups"]) > 1
    for offset, group in enumerate(expected["groups"]):
        assert sheet[f"B{top + offset}"].value == (group["name"] or "(chưa ghi)")
        for letter, key in COUNT_COLUMNS.items():
            assert sheet[f"{letter}{top + offset}"].value == group[key], (group["name"], key)
    assert sheet[f"C{totals}"].value == f"=SUM(C{top}:C{bottom})"

    def selected(task: dict[str, Any]) -> bool:
        day = task["due_at_cut_off"] if period_by == "due" else task["assigned_on"]
        return first <= date.fromisoformat(str(day)) <= last

    in_selection = {task["id"] for task in overdue_json(cli) if selected(task)}
    rows = read_overdue_sheet(workbook["Quá hạn"])
    assert {task_id for _, task_id, *_ in rows} == in_selection
    assert len(rows) == expected["open_overdue"] > 0


def test_the_period_by_deadline_selects_other_tasks_and_says_so(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    by_assignment = summary_json(cli, "--period", "2026-Q3")
    by_deadline = summary_json(cli, "--period", "2026-Q3", "--period-by", "due")
    assert by_assignment["total"] != by_deadline["total"]  # the choice matters in this book
    path = tmp_path / "bao-cao.docx"
    write_report(cli, path, "--period", "quý III/2026", "--period-by", "due")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "(Các đầu việc có hạn xử lý quý III/2026, tính đến ngày 30/11/2026)" in paragraphs
    assert by_deadline["sentence"] in paragraphs
    write_report(cli, tmp_path / "bao-cao.xlsx", "--from", "01/07/2026", "--to", "30/09/2026")
    sheet = load_workbook(tmp_path / "bao-cao.xlsx")["Báo cáo"]
    texts = [cell for row in sheet.iter_rows(max_row=12, values_only=True) for cell in row if cell]
    assert "(Các đầu việc giao từ 01/07/2026 đến 30/09/2026, tính đến ngày 30/11/2026)" in texts
    assert by_assignment["sentence"].replace("quý III/2026", "từ 01/07/2026 đến 30/09/2026") in (
        texts
    )


def test_a_half_given_or_reversed_period_writes_nothing(
    cli: Cli, book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    cases = (
        (("--from", "01/07/2026"), "Ghi cả --from và --to"),
        (("--to", "30/09/2026"), "Ghi cả --from và --to"),
        (("--period", "2026-Q3", "--from", "01/07/2026", "--to", "30/09/2026"), "--period"),
        (("--from", "30/09/2026", "--to", "01/07/2026"), "ngày bắt đầu sau ngày kết thúc"),
    )
    for args, words in cases:
        result = cli("report", "--as-of", AS_OF, "-o", str(out / "bao-cao.xlsx"), *args)
        assert result.code == 1, (args, result)
        assert words in result.err and "Traceback" not in result.err
    assert only_files(out) == []


def test_one_unit_typed_many_ways_is_one_unit_in_the_table_and_the_overdue_list(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    """Spellings that differ in case, tone placement and an abbreviation from the
    config's [aliases] are one unit, shown under its most used spelling, in both lists
    of both files."""
    config = tmp_path / "config.toml"
    config.write_text('[aliases]\n"SKHĐT" = "Sở Kế hoạch và Đầu tư"\n', encoding="utf-8")
    spellings = ("Sở Kế hoạch và Đầu tư", "SKHĐT", "sở kế hoạch và đầu tư",
                 "Sở Kế hoạch và Đầu tư", "Sở Kế Hoạch Và Đầu Tư")  # fmt: skip
    tasks = [
        make_task(title=f"Việc {n}", lead_unit=unit, assigned_on=date(2026, 1, 5),
                  due_on=date(2026, 3, 1) + timedelta(days=n))
        for n, unit in enumerate(spellings)
    ] + [make_task(title="Việc khác", lead_unit="Sở Tài chính", assigned_on=date(2026, 1, 5),
                   due_on=date(2026, 2, 1))]  # fmt: skip
    repo = DeskBook.open_or_create(db_path)
    repo.add_many(tasks)
    repo.close()
    expected = summary_json(cli, "--by", "unit", "--config", str(config))
    assert [(g["name"], g["open_overdue"]) for g in expected["groups"]] == [
        ("Sở Kế hoạch và Đầu tư", 5),
        ("Sở Tài chính", 1),
    ]
    assert len(summary_json(cli, "--by", "unit")["groups"]) == 3  # the alias is the config's
    xlsx, docx_path = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.docx"
    for path in (xlsx, docx_path):
        write_report(cli, path, "--config", str(config))
    workbook = load_workbook(xlsx)
    sheet = workbook["Báo cáo"]
    top, bottom, _ = group_rows(sheet)
    assert [(sheet[f"B{row}"].value, sheet[f"K{row}"].value) for row in range(top, bottom + 1)] == [
        ("Sở Kế hoạch và Đầu tư", 5),
        ("Sở Tài chính", 1),
    ]
    rows = read_overdue_sheet(workbook["Quá hạn"])
    assert Counter(unit for unit, *_ in rows) == {"Sở Kế hoạch và Đầu tư": 5, "Sở Tài chính": 1}
    _, groups_table, overdue_table = docx.Document(str(docx_path)).tables
    assert [row[1] for row in docx_rows(groups_table)[2:-1]] == [
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
    ]
    headings = [row[1] for row in docx_rows(overdue_table)[1:] if not row[0].isdigit()]
    assert headings == ["Sở Kế hoạch và Đầu tư (5 đầu việc)", "Sở Tài chính (1 đầu việc)"]


@pytest.mark.parametrize("name", ["bao-cao.xlsx", "bao-cao.docx"])
def test_a_new_report_is_private(cli: Cli, book: Path, tmp_path: Path, name: str) -> None:
    """A report names units and tasks: a new file is 0600 whatever the umask."""
    old_umask = os.umask(0o022)
    try:
        write_report(cli, tmp_path / name)
    finally:
        os.umask(old_umask)
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
