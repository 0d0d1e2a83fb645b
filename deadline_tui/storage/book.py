"""The one door to a task book: what every front end and service may ask of storage.

Two implementations stand behind it: the desk book (a JSON file managed with TinyDB, the
default) and the office server book (PostgreSQL, DESIGN section 11). Services, reminders,
the CLI and the TUI hold a :class:`TaskBook` and nothing else from storage; the contract
tests in ``tests/contract`` pin the behaviour both must share.

Rules every implementation keeps:

- Reads return immutable domain objects (:class:`Task`, :class:`Series`,
  :class:`Delivery`); the caller never sees a storage record.
- Every change is one durable, all-or-nothing write made under the book's lock (a file
  lock or row locks); ``change`` callbacks see the task as it is stored *now*, not as the
  caller last read it.
- ``version()`` changes whenever anyone (this process or another) changes the book, so
  a view can tell it is stale by comparing two values; it never needs a full read.
- A task's id is never reused; a uid is unique in the book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from deadline_tui.errors import ConflictError

if TYPE_CHECKING:
    from datetime import datetime

    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.domain.series import Series
    from deadline_tui.domain.task import Task

TaskRef = int | str
"""A task's number (or its digits as text) or its uid."""

Tables = dict[str, dict[str, dict[str, Any]]]
"""The whole book as JSON-ready tables (``tasks``, ``series``, ``reminder_log``, ``meta``),
the form of a ``.json`` backup: what :meth:`TaskBook.export_tables` gives and
:meth:`TaskBook.merge` takes, whichever implementation holds the book."""


class TaskBook(Protocol):
    """A book of tasks, their recurring series and the reminder log."""

    @property
    def location(self) -> str:
        """Where the book is, for messages: a file path, or a server URL without password."""
        ...

    def version(self) -> object:
        """An opaque token of the book's current state; equal tokens mean nothing changed."""
        ...

    def close(self) -> None:
        """Release files, locks and connections."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Group the changes made inside into one locked, durable, all-or-nothing write.
        Reads inside see the book as it is under the lock (another writer may have been
        first). Batches nest: only the outermost one writes."""
        ...

    # -- tasks -------------------------------------------------------------------------

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order."""
        ...

    def get(self, ref: TaskRef) -> Task:
        """The task with this id or uid; ``NotFoundError`` otherwise."""
        ...

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one write; returns them with their new ids. A uid already
        in the book refuses the whole call (``ValueError``)."""
        ...

    def add(self, task: Task) -> Task:
        """Store one new task; returns it with its id."""
        ...

    def update(
        self,
        ref: TaskRef,
        change: Callable[[Task], Task],
        *,
        expected: Task | None = None,
    ) -> tuple[Task, Task]:
        """Apply ``change`` to the stored task under the lock; returns (before, after).
        With ``expected`` (the task as the caller's screen showed it), a stored task that
        differs from it means someone else changed it meanwhile: ``ConflictError``, and
        nothing is written. The id and uid never change."""
        ...

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id and uid (undo of a change or a deletion)."""
        ...

    def delete(self, ref: TaskRef, *, expected: Task | None = None) -> Task:
        """Remove a task for good; returns it. Its id is never given out again. With
        ``expected``, as for :meth:`update`: a stored task that differs from it is a
        ``ConflictError``, and nothing is removed."""
        ...

    # -- recurring series --------------------------------------------------------------

    def series(self) -> list[Series]:
        """Every recurring series."""
        ...

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid)."""
        ...

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; returns how many tasks went."""
        ...

    # -- reminder log ------------------------------------------------------------------

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        ...

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """One task's log records, oldest first."""
        ...

    def claim_deliveries(
        self, claims: Sequence[Delivery], may_take: Callable[[Delivery | None], bool]
    ) -> list[Delivery]:
        """Record ``claims`` atomically, each only if ``may_take`` says yes to the record
        already logged under its key (None: nothing logged). Returns the claims taken.
        Several runners on several machines claiming the same keys at once: each key is
        taken by exactly one."""
        ...

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records by key."""
        ...

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim that no channel could carry)."""
        ...

    # -- the whole book ----------------------------------------------------------------

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup."""
        ...

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what ``tables`` holds and the book lacks (tasks and series by uid, log
        records by key), keeping ids where free. Refuses the whole call, changing nothing,
        when any record is not a valid one. Returns (added, skipped)."""
        ...

    def backup_now(self) -> Path | None:
        """Take a backup now if this kind of book keeps its own (else None)."""
        ...

    def back_up_next_change(self) -> None:
        """In a batch: it is a bulk change, so the change after it takes a backup first,
        whatever the interval (a book that keeps no backups of its own: nothing)."""
        ...


@contextmanager
def bulk_change(book: TaskBook) -> Iterator[None]:
    """Around a change of many tasks at once (an import, a merge): a backup of the book
    before it and, before the next change, of the book as it left it, whatever the
    interval between backups. Without the second, a mistake made within the interval
    after it could be undone only back to the book before it (DESIGN section 9)."""
    book.backup_now()
    with book.batch():
        book.back_up_next_change()
        yield


def refuse_if_changed(
    stored: Task, expected: Task | None, by: str = "", at: datetime | None = None
) -> None:
    """``expected`` (TaskBook.update and delete): a change made from a screen that showed
    it applies only to ``stored`` unchanged; else a ConflictError naming the task's number,
    and who changed it and when where the book knows (``by``, ``at``: the server's log)."""
    if expected is None or expected._replace(id=stored.id) == stored:
        return
    if at is None:
        raise ConflictError("task_changed_meanwhile", id=stored.id)
    when = at.astimezone().strftime("%H:%M %d/%m/%Y")
    raise ConflictError("server_conflict", id=stored.id, who=by, at=when)
