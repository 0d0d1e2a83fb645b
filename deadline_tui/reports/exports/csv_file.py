"""CSV export: UTF-8 with a BOM (Excel then reads Vietnamese correctly), dates day-first."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from deadline_tui.domain.status import assess
from deadline_tui.domain.task import Task
from deadline_tui.reports.exports.columns import COLUMNS, Cell, csv_safe


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return csv_safe(value)
    return str(value)


def write_csv(tasks: Sequence[Task], path: Path, as_of: date, warning_days: int) -> int:
    """Write one row per task; returns the number of rows."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.header for column in COLUMNS])
        for task in tasks:
            found = assess(task, as_of, warning_days)
            writer.writerow([_text(column.value(task, found)) for column in COLUMNS])
    return len(tasks)
