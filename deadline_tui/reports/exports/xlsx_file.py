"""XLSX export: a task sheet (real date cells, readable widths, frozen header, filters)
and a "Tổng hợp" sheet with the report sentence and the figures as numbers.

Written by reports/exports/sheetml.py, rows streamed into the zip (openpyxl's per-cell
objects made 20.000 tasks take over the 3 s budget). Counts are numbers and rates are
fractions with a percentage format, so a spreadsheet can sum and chart them; text is
always text (inline strings), even when it starts like a formula.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import Rounding, shown_decimals
from deadline_tui.i18n import t
from deadline_tui.reports.exports.columns import COLUMNS
from deadline_tui.reports.figures import Figures, Summary
from deadline_tui.reports.tables import group_columns


class SummarySheet(NamedTuple):
    """What the "Tổng hợp" sheet shows."""

    sentence: str
    summary: Summary
    decimals: int
    rounding: Rounding


def write_xlsx(
    tasks: Sequence[Task],
    path: Path,
    as_of: date,
    warning_days: int,
    summary: SummarySheet | None = None,
) -> int:
    """Write the workbook to ``path`` (the caller makes the write atomic)."""
    from deadline_tui.reports.exports import sheetml

    def task_rows() -> Iterator[list[Any]]:
        yield [sheetml.Styled(column.header, sheetml.HEADER) for column in COLUMNS]
        values = [column.value for column in COLUMNS]
        for task in tasks:
            found = assess(task, as_of, warning_days)
            yield [value(task, found) for value in values]

    sheets = [
        sheetml.Sheet(
            t("sheet_tasks"),
            [column.width for column in COLUMNS],
            task_rows(),
            header=True,
            row_count=len(tasks) + 1,
        )
    ]
    if summary is not None:
        sheets.append(_summary_sheet(summary))
    sheetml.write_workbook(path, sheets)
    return len(tasks)


def _summary_sheet(sheet_data: SummarySheet) -> Any:
    from deadline_tui.reports.exports.sheetml import BOLD, Sheet, Styled, percent_style

    decimals, rounding = sheet_data.decimals, sheet_data.rounding

    def heading(*texts: str) -> list[Any]:
        return [Styled(text, BOLD) for text in texts]

    def rate(part: int, base: int) -> Any:
        if base <= 0:
            return None
        return Styled(part / base, percent_style(shown_decimals(part, base, decimals, rounding)))

    overall = sheet_data.summary.overall
    rows: list[list[Any]] = [[sheet_data.sentence], []]
    rows.append(heading("", t("xlsx_count"), t("xlsx_rate"), t("xlsx_base")))
    for label, part, base in _figure_lines(overall):
        rows.append([label, part, rate(part, base) if base is not None else None, base])
    groups = sheet_data.summary.groups
    if groups:
        rows.append([])
        names = group_columns()
        rows.append(heading(*names[:4], names[4], t("xlsx_rate"), *names[5:]))
        rows.extend(
            [
                group.name or t("not_recorded"),
                group.open_overdue,
                group.total,
                group.due,
                group.due_done,
                rate(group.due_done, group.due),
                group.done_on_time,
                group.done_late,
                group.open_in_term,
                group.no_deadline,
            ]
            for group in groups
        )
    return Sheet(t("sheet_summary"), [40] + [14] * 9, rows)


def _figure_lines(figures: Figures) -> list[tuple[str, int, int | None]]:
    """(label, count, base of its rate or None), in the order of the summary's table."""
    total = figures.total
    return [
        (t("fig.total"), total, None),
        (t("fig.due"), figures.due, None),
        (t("fig.due_done"), figures.due_done, figures.due),
        (t("fig.done"), figures.done, total),
        (t("fig.done_on_time"), figures.done_on_time, total),
        (t("fig.done_late"), figures.done_late, total),
        (t("fig.open_in_term"), figures.open_in_term, total),
        (t("fig.due_soon"), figures.due_soon, None),
        (t("fig.open_overdue"), figures.open_overdue, total),
        (t("fig.no_deadline"), figures.no_deadline, total),
        (t("fig.suspended"), figures.suspended, None),
        (t("fig.cancelled"), figures.cancelled, None),
    ]
