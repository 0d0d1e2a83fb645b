"""Undoing the addition of a recurring task, on every book (DESIGN sections 2 and 9):
the series goes only when nobody changed it or any of its occurrences since; an edited
or completed occurrence is recorded work, and the undo is refused instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from deadline_tui.domain.task import Task
from deadline_tui.errors import ConflictError
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import Change, TaskService
from deadline_tui.storage.book import TaskBook
from tests.contract.conftest import Books

NOW = datetime(2026, 11, 23, 9, 0)
LATER = datetime(2027, 2, 5, 10, 0)  # the third occurrence is assigned on 01/02/2027


def add_series(book: TaskBook) -> tuple[TaskService, Change]:
    service = TaskService(book, clock=FixedClock(NOW))
    change = service.add(TaskDraft(title="BC", lead_unit="U", deadline="trước ngày 20 hàng tháng"))
    return service, change


def occurrences(book: TaskBook, series_uid: str) -> list[Task]:
    return [task for task in book.tasks() if task.series_uid == series_uid]


def test_undo_of_an_untouched_series_removes_it(book: TaskBook) -> None:
    service, change = add_series(book)
    assert len(occurrences(book, change.task.series_uid or "")) > 2
    service.undo(change)
    assert book.tasks() == () and book.series() == []


@pytest.mark.parametrize(
    "meddle",
    [
        lambda s, n: s.edit(
            n,
            TaskDraft(
                title="BC", lead_unit="U", deadline="trước ngày 20 hàng tháng", note="đã sửa"
            ),
        ),
        lambda s, n: s.complete(n, date(2027, 2, 4)),
        lambda s, n: s.stop_series(n),
    ],
    ids=["edited", "completed", "stopped"],
)
def test_undo_refuses_when_a_later_occurrence_changed_elsewhere(
    books: Books, book: TaskBook, meddle: Callable[[TaskService, int], object]
) -> None:
    service, change = add_series(book)
    series_uid = change.task.series_uid or ""
    third = occurrences(book, series_uid)[2]
    other = books.open()  # another program (the TUI, another CLI path) on the same book
    try:
        meddle(TaskService(other, clock=FixedClock(LATER)), third.id)
    finally:
        other.close()
    kept = book.tasks(), book.series()
    with pytest.raises(ConflictError):
        service.undo(change)
    assert (book.tasks(), book.series()) == kept
