"""XLSX export: a task sheet (real date cells, readable widths, frozen header, filters)
and a summary sheet with the report sentence and the figures by unit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.i18n import t
from deadline_tui.reports.exports.columns import COLUMNS

DATE_FORMAT = "DD/MM/YYYY"


def write_xlsx(
    tasks: Sequence[Task],
    path: Path,
    as_of: date,
    warning_days: int,
    summary_lines: Sequence[Sequence[object]] = (),
) -> int:
    """Write the workbook; ``summary_lines`` (rows of cells) fill the second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("sheet_tasks")
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for task in tasks:
        found = assess(task, as_of, warning_days)
        sheet.append([column.value(task, found) for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        is_date = column.key in (
            "field.assigned_on",
            "field.due_on",
            "field.original_due_on",
            "field.done_on",
        )
        if is_date:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if summary_lines:
        summary = workbook.create_sheet(t("sheet_summary"))
        for line in summary_lines:
            summary.append(list(line))
        summary.column_dimensions["A"].width = 60
        for letter in "BCDEFGHI":
            summary.column_dimensions[letter].width = 16
    workbook.save(path)
    return len(tasks)
