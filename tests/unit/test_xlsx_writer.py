"""The task export's own .xlsx writer (reports/exports/sheetml.py), read back with openpyxl:
what a spreadsheet sees must be the values written, typed and formatted."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from deadline_tui.reports.exports.sheetml import (
    BOLD,
    HEADER,
    Sheet,
    Styled,
    column_letter,
    percent_style,
    write_workbook,
)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 18, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "S", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip


def test_values_come_back_typed_and_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    odd = [
        "=SUM(A1:A3)",  # a formula to a spreadsheet if written as one
        "-5 ngày",
        "Gia hạn\n01/02/2026 → 15/03/2026: chờ số liệu",
        "A & B <Sở> \"trích\" 'nháy'",
        "  khoảng trắng  ",
        "ký tự\x01điều khiển",
    ]
    rows = [
        [Styled("Số", HEADER), Styled("Nội dung", HEADER), Styled("Ngày", HEADER)],
        *([7, text, date(2026, 2, 28)] for text in odd),
        [8, None, None],
        [9, "", date(1900, 3, 1)],
    ]
    tasks = Sheet("Đầu việc 'A'", [6, 60, 12], iter(rows), header=True, row_count=len(rows))
    summary = Sheet(
        "Tổng hợp",
        [40, 14],
        [
            ["Tính đến ngày 23/11/2026"],
            [],
            [Styled("Tỉ lệ", BOLD), Styled(131 / 189, percent_style(1))],
            ["Đúng hạn", Styled(199 / 200, percent_style(0))],
        ],
    )
    write_workbook(path, [tasks, summary])

    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Đầu việc 'A'", "Tổng hợp"]
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Số", "Nội dung", "Ngày"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:C{len(rows)}"
    assert [sheet.column_dimensions[k].width for k in "ABC"] == [6, 60, 12]
    expected_texts = [*odd[:5], "ký tựđiều khiển"]
    for row, text in enumerate(expected_texts, start=2):
        number, title, day = sheet[row]
        assert (number.value, number.data_type) == (7, "n")
        assert (title.value, title.data_type) == (text, "s")
        assert day.value == datetime(2026, 2, 28)
        assert day.number_format == "DD/MM/YYYY"
    assert [c.value for c in sheet[8]] == [8, None, None]
    assert [c.value for c in sheet[9]] == [9, None, datetime(1900, 3, 1)]
    assert sheet.max_row == len(rows)

    figures = workbook.worksheets[1]
    assert figures["A1"].value == "Tính đến ngày 23/11/2026"
    assert figures["A3"].font.b
    assert figures["B3"].value == 131 / 189
    assert figures["B3"].number_format == "0.0%"
    assert figures["B4"].number_format == "0%"
    assert figures.column_dimensions["A"].width == 40
