"""Reading the server book's tasks: the whole book kept in memory and on this machine.

- A whole read (:meth:`TaskReads.tasks`) is kept as a :class:`Snapshot` of one
  generation, used again while ``book_state.generation`` is unchanged; a change by this
  handle drops it.
- Outside a batch, everything comes from one snapshot of the database. What this handle
  read last, or else the copy this machine keeps (localcopy.py), is used whole if its
  stamp is the book's, and otherwise brought up to date reading only the rows that
  changed; any write, by this program or another, draws a new stamp.
- Inside a batch (a check before a write), the whole book is read under a lock no other
  writer shares, and never kept: it may hold the transaction's own uncommitted changes.
- :meth:`TaskReads.get` reads one row, or finds the task in the kept snapshot if current.

SQL only narrows what is read; every status and figure is computed in Python from the
decoded tasks (domain/status.py), exactly as for the desk book.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.errors import NotFoundError
from deadline_tui.storage.server.core import ServerCore, task_key

if TYPE_CHECKING:
    from deadline_tui.domain.task import Task
    from deadline_tui.storage.book import TaskRef


class Snapshot:
    """The tasks as of one version of the book (``ServerCore.version``: generation and
    stamp); their indexes are made at the first ``get`` (~40 ms at 100.000 tasks that a
    summary or the TUI's first frame never needs)."""

    def __init__(self, version: object, tasks: tuple[Task, ...]) -> None:
        self.version = version
        self.tasks = tasks

    @functools.cached_property
    def by_id(self) -> dict[int, Task]:
        return {t.id: t for t in self.tasks}

    @functools.cached_property
    def by_uid(self) -> dict[str, Task]:
        return {t.uid: t for t in self.tasks}


class TaskReads(ServerCore):
    """The reading methods of :class:`~deadline_tui.storage.server.book.ServerBook` (see
    the module docstring)."""

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order."""
        return self._current().tasks

    def get(self, ref: TaskRef) -> Task:
        """The task with this id or uid; one row read, or the kept snapshot if current."""
        column, value = task_key(ref)
        snapshot = self._kept()
        if snapshot is not None:
            found = (snapshot.by_id if column == "id" else snapshot.by_uid).get(value)
        else:
            row = self._sql(f"SELECT id, doc::text FROM tasks WHERE {column} = %s", (value,))
            found_row = row.fetchone()
            found = None if found_row is None else self._decode(found_row[1], int(found_row[0]))
        if found is None:
            raise NotFoundError("task_not_found", ref=ref)
        return found

    def _kept(self) -> Snapshot | None:
        """The kept snapshot, if there is one and the book is still at its version
        (inside a batch: never)."""
        snapshot = self._snapshot
        if self._depth == 0 and snapshot is not None and snapshot.version == self.version():
            return snapshot
        return None

    def _current(self) -> Snapshot:
        snapshot = self._kept()
        if snapshot is None:
            snapshot = self._read_all()
            # Inside a batch the reads may include this transaction's own uncommitted
            # changes: never keep them.
            self._snapshot = snapshot if self._depth == 0 else None
        return snapshot

    def _read_all(self) -> Snapshot:
        if self._depth:
            # Inside a batch (a check before a write: an undo, an import's duplicates).
            self._lock_tasks()
            version = self.version()
            rows = self._sql("SELECT id, doc::text FROM tasks ORDER BY id").fetchall()
            return Snapshot(version, self._decode_rows(rows))
        from deadline_tui.storage.server import localcopy

        with self._read_only():
            # (The role too: a copy one role made is never taken whole by another, who
            # may be allowed to see fewer rows; brought up to date, it keeps only the
            # rows this role's own query returns.)
            row = self._sql("SELECT generation, stamp::text, current_user FROM book_state")
            found = row.fetchone()
            version = (int(found[0]), str(found[1])) if found else (0, "")
            stamp = f"{version[1]} {found[2] if found else ''}"
            base = self._last_read
            if base is None:
                with bulk_objects():
                    base = localcopy.load(self._url)
            if base is not None and base.stamp == stamp:
                copy, read = base, 0
            elif base is not None:
                marks = self._sql(f"SELECT id, {localcopy.MARK} FROM tasks ORDER BY id")
                copy, read = localcopy.refreshed(base, stamp, marks.fetchall(), self._fetch)
            else:
                rows = self._sql(
                    f"SELECT id, doc::text, {localcopy.MARK} FROM tasks ORDER BY id"
                ).fetchall()
                tasks = self._decode_rows([(task_id, doc) for task_id, doc, _mark in rows])
                copy, read = localcopy.Copy(stamp, tasks, tuple(r[2] for r in rows)), len(rows)
        # A copy is left when more than a few tasks had to be read, once per handle: a
        # long-lived reader (the TUI) reads again after every change, and a save costs
        # ~0,7 s at 100.000 tasks.
        if read > len(copy.tasks) // 50 and not self._copy_left:
            localcopy.save(self._url, copy)
            self._copy_left = True
        self._last_read = copy
        return Snapshot(version, copy.tasks)

    def _fetch(self, ids: list[int]) -> list[Task]:
        rows = self._sql("SELECT id, doc::text FROM tasks WHERE id = ANY(%s)", (ids,))
        return list(self._decode_rows(rows.fetchall()))

    def _decode_rows(self, rows: list[tuple[Any, ...]]) -> tuple[Task, ...]:
        with bulk_objects():  # (the TUI: 100.000s of long-lived objects, no cycles)
            return tuple(self._decode(doc, int(task_id)) for task_id, doc in rows)
