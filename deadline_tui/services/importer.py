"""Importing tasks from CSV or XLSX (DESIGN section 8): all or nothing.

Every row is checked first. If any row is bad, nothing is written and every bad row is
reported with its row number, column, value and reason. Rows already in the book (same
uid, or same title, lead unit, source and deadline) are skipped, so importing a file
twice adds nothing the second time unless duplicates are asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from deadline_tui.domain.deadlines import parse_date
from deadline_tui.domain.history_text import read_extensions, read_state_history
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import clean, fold
from deadline_tui.errors import InputError
from deadline_tui.i18n import t
from deadline_tui.services.drafts import TaskDraft, split_units
from deadline_tui.services.tabular import REQUIRED_FIELDS, Table, read_table
from deadline_tui.services.tasks import Prepared, TaskService
from deadline_tui.storage.book import bulk_change

# Which draft field each problem belongs to, for naming the file's column.
_PROBLEM_COLUMN = {
    "title": "title",
    "lead_unit": "lead_unit",
    "assigned": "assigned",
    "deadline": "deadline",
    "done": "done",
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell: where it is, what it holds, and why it cannot be used."""

    row: int
    column: str
    value: str
    message: str

    def describe(self) -> str:
        """ "Dòng 7, cột "Thời hạn", giá trị "31/02/2021": ..." in the user's language."""
        return t(
            "import_row_error",
            row=self.row,
            column=self.column,
            value=self.value,
            message=self.message,
        )


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until :func:`apply_import`."""

    path: Path
    rows_read: int = 0
    prepared: list[tuple[int, Prepared]] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    allow_duplicates: bool = False
    # Each prepared row's duplicate key, checked again under the lock when storing.
    keys: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)

    @property
    def task_count(self) -> int:
        """Tasks that would be stored (a recurring row stores several occurrences)."""
        return sum(len(item.tasks) for _, item in self.prepared)


def identity(task: Task) -> tuple[str, str, str, str]:
    """What makes two tasks "the same" for re-imports: title, lead unit, source, deadline."""
    deadline = task.due_on.isoformat() if task.due_on else fold(task.deadline_text)
    return fold(task.title), fold(task.lead_unit), fold(task.source), deadline


def _cell(columns: dict[str, int], cells: list[str], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def _draft(table: Table, columns: dict[str, int], cells: list[str]) -> TaskDraft:
    def cell(name: str) -> str:
        return _cell(columns, cells, name)

    # An export's "Hạn xử lý" is the deadline in force; "Thời hạn" then stays as written.
    deadline = cell("due_on") or cell("deadline")
    return TaskDraft(
        title=cell("title"),
        lead_unit=cell("lead_unit"),
        deadline=deadline,
        source=cell("source"),
        support_units=split_units(cell("support_units")),
        leader=cell("leader"),
        follower=cell("follower"),
        assigned=cell("assigned"),
        done=cell("done"),
        result=cell("result"),
        note=cell("note"),
        status=cell("status"),
    )


_UID = re.compile(r"[a-z0-9]{6,24}")
# Columns only an export of this program writes: rows then carry their whole history.
_EXPORT_COLUMNS = ("due_on", "original_due_on", "extensions", "state_history")


class _HistoryProblem(Exception):
    def __init__(self, column: str, value: str, error: InputError) -> None:
        super().__init__(column)
        self.column, self.value, self.error = column, value, error


def _with_history(task: Task, columns: dict[str, int], cells: list[str]) -> Task:
    """The task with what an export carries beyond a draft: the deadline as written, the
    original deadline, the extensions and the state history."""
    changes: dict[str, object] = {}
    uid = _cell(columns, cells, "uid").strip()
    if _UID.fullmatch(uid):
        changes["uid"] = uid  # the same task: a second import of the file finds it
    if _cell(columns, cells, "due_on"):
        changes["deadline_text"] = clean(_cell(columns, cells, "deadline"))
        changes["recurrence"] = None  # one row is one task, never a new series
    original = _cell(columns, cells, "original_due_on")
    if original:
        try:
            changes["original_due_on"] = parse_date(original)
        except InputError as error:
            raise _HistoryProblem("original_due_on", original, error) from None
    for name, reader in (("extensions", read_extensions), ("state_history", read_state_history)):
        text = _cell(columns, cells, name)
        try:
            changes[name] = reader(text)
        except InputError as error:
            raise _HistoryProblem(name, text, error) from None
    history = changes.get("state_history")
    if isinstance(history, tuple) and history:
        state, done_on = task._replace(state_history=history).state_at(date.max)
        changes["state"], changes["done_on"] = state, done_on
    return task._replace(**changes)  # type: ignore[arg-type]


def plan_import(
    service: TaskService,
    path: Path,
    *,
    allow_duplicates: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and check every row of ``path``; report, do not write."""
    table = read_table(path)
    columns = table.columns()
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        raise InputError(
            "import_missing_columns",
            path=str(path),
            columns=", ".join(t(f"field.{name}") for name in missing),
            found=", ".join(h for h in table.headers if h) or "–",
        )
    existing = service.repo.tasks()
    known_uids = {task.uid for task in existing}
    seen = {identity(task) for task in existing}
    plan = ImportPlan(path, allow_duplicates=allow_duplicates)
    for position, (row_number, cells) in enumerate(table.rows, start=1):
        if progress is not None:
            progress(position, len(table.rows))
        if not any(cell.strip() for cell in cells):
            continue
        plan.rows_read += 1
        uid_index = columns.get("uid")
        uid = cells[uid_index].strip() if uid_index is not None and uid_index < len(cells) else ""
        if uid and uid in known_uids and not allow_duplicates:
            plan.duplicates.append(row_number)
            continue
        checked = service.check(_draft(table, columns, cells))
        if not checked.ok:
            for problem in checked.problems:
                field_name = _PROBLEM_COLUMN.get(problem.field, problem.field)
                if field_name == "deadline" and "deadline" not in columns:
                    field_name = "due_on"
                index = columns.get(field_name)
                header = table.headers[index] if index is not None else t(f"field.{problem.field}")
                plan.errors.append(
                    RowError(row_number, header, problem.value, problem.error.message())
                )
            continue
        prepared = service.prepare(checked)
        if len(prepared.tasks) == 1 and any(name in columns for name in _EXPORT_COLUMNS):
            try:
                restored = _with_history(prepared.tasks[0], columns, cells)
            except _HistoryProblem as problem:
                index = columns[problem.column]
                plan.errors.append(
                    RowError(
                        row_number, table.headers[index], problem.value, problem.error.message()
                    )
                )
                continue
            prepared = Prepared([restored], None)
        key = ("uid", uid, "", "") if uid else identity(prepared.tasks[0])
        if key in seen and not allow_duplicates:
            plan.duplicates.append(row_number)
            continue
        seen.add(key)
        plan.keys[row_number] = key
        plan.prepared.append((row_number, prepared))
    return plan


def apply_import(service: TaskService, plan: ImportPlan) -> list[Task]:
    """Store a plan with no errors in one durable write (backups before and after it)."""
    if plan.errors:
        raise InputError("import_has_errors", count=len(plan.errors))
    if not plan.prepared:
        return []
    with bulk_change(service.repo), service.repo.batch():
        # The plan was checked without the lock: another import of the same file may
        # have stored these rows since. Under the lock, they become duplicates, as in
        # an import run after it.
        if not plan.allow_duplicates:
            stored = service.repo.tasks()
            uids = {task.uid for task in stored}
            identities = {identity(task) for task in stored}
            late = {
                row
                for row, _ in plan.prepared
                if plan.keys[row] in identities
                or (plan.keys[row][0] == "uid" and plan.keys[row][1] in uids)
            }
            if late:
                plan.duplicates = sorted({*plan.duplicates, *late})
                plan.prepared = [(row, item) for row, item in plan.prepared if row not in late]
        if not plan.prepared:
            return []
        return service.store([item for _, item in plan.prepared])


def describe_errors(errors: Sequence[RowError]) -> list[str]:
    """Every bad row, one line each, in file order."""
    return [error.describe() for error in sorted(errors, key=lambda e: e.row)]
