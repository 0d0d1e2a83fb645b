"""Task tables in a document (TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời
gian hoàn thành), read by the same header matching as CSV import."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from deadline_tui.extract import timing
from deadline_tui.extract.loading import TableRow, TaskTable
from deadline_tui.extract.model import Draft
from deadline_tui.extract.units import Catalogue, Mention, fold_aligned
from deadline_tui.services.tabular import REQUIRED_FIELDS, Table


def is_task_header(cells: Sequence[str]) -> bool:
    """True when a table's first row names a title and a lead-unit column."""
    columns = Table(list(cells), []).columns()
    return all(name in columns for name in REQUIRED_FIELDS)


def _units(cell: str, catalogue: Catalogue) -> list[Mention]:
    """The units of a cell, separated by ";" or ","; a collective keeps its commas."""
    folded = fold_aligned(cell)
    found: list[Mention] = []
    position = 0
    while position < len(cell):
        while position < len(cell) and cell[position] in " ,;\n":
            position += 1
        if position >= len(cell):
            break
        mention = catalogue.find_at(folded, cell, position)
        if mention is None:
            stop = re.search(r"[,;\n]", cell[position:])
            end = position + stop.start() if stop else len(cell)
            piece = cell[position:end].strip()
            mention = Mention(position, position + len(piece), piece, "unknown")
        found.append(mention)
        position = max(mention.end, position + 1)
    return found


def _deadline(cell: str, anchor: date | None) -> timing.Found | None:
    found = timing.find_deadlines(cell, anchor)
    if found:
        return found[0]
    # A deadline column holds the phrase alone ("Tháng 8/2021", "Quý III/2021").
    return timing.read_phrase(cell, anchor)


def _is_group_row(row: TableRow) -> bool:
    """A row naming a group of tasks ("II | Lĩnh vực văn hóa - xã hội", merged across)."""
    return len(set(row.cells)) == 1 or bool(re.fullmatch(r"[IVX]+\.?|[A-ZĐ]\.?", row.cells[0]))


def _cell(row: TableRow, columns: dict[str, int], name: str) -> tuple[str, int]:
    """The text of column ``name`` in ``row`` and its offset in the document's text."""
    index = columns.get(name)
    if index is None or index >= len(row.cells):
        return "", -1
    return row.cells[index], row.offsets[index]


def table_drafts(table: TaskTable, catalogue: Catalogue, anchor: date | None) -> list[Draft]:
    """One draft per row that has a title; the span covers the row."""
    columns = Table(list(table.headers), []).columns()
    drafts: list[Draft] = []
    for number, row in enumerate(table.rows, start=1):
        title, _ = _cell(row, columns, "title")
        lead_text, lead_at = _cell(row, columns, "lead_unit")
        if not title or (not lead_text and _is_group_row(row)):
            continue
        leads = _units(lead_text, catalogue)
        partners = leads[1:] + _units(_cell(row, columns, "support_units")[0], catalogue)
        lead = leads[0] if leads else None
        deadline_text, deadline_at = _cell(row, columns, "deadline")
        deadline = _deadline(deadline_text, anchor) if deadline_text else None
        label = row.cells[0].strip() or str(number)
        drafts.append(
            Draft(
                section=f"T{label}",
                title=title.rstrip(" .;"),
                text=" | ".join(row.cells),
                span=(row.offsets[0], row.offsets[-1] + len(row.cells[-1])),
                lead_unit=lead.name if lead else None,
                support_units=tuple(p.name for p in partners),
                collective=bool(lead and lead.collective),
                deadline_text=deadline.text if deadline else deadline_text,
                due_on=deadline.due_on if deadline else None,
                rules=deadline.rules if deadline else (),
                deadline_span=(
                    (deadline_at + deadline.start, deadline_at + deadline.end) if deadline else None
                ),
                lead_span=(lead_at + lead.start, lead_at + lead.end) if lead else None,
                unknown_units=tuple(m.name for m in [*leads, *partners] if m.kind == "unknown"),
            )
        )
    return drafts
