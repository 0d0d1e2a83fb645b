"""Changing the server book's tasks: add, update, put back, delete.

- Each change is one transaction (:meth:`~.core.ServerCore.batch`) that locks the rows it
  reads (``SELECT … FOR UPDATE``) and bumps their ``version``.
- ``update(..., expected=task)`` refuses to overwrite a task that differs from what the
  caller's screen showed, naming who changed it and when (:class:`ConflictError`).
- New ids count up from ``book_state.last_id``: an id is never given out twice.
- Each change to a task adds a line to ``change_log`` naming the fields it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from deadline_tui.errors import NotFoundError
from deadline_tui.storage.book import refuse_if_changed
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.server.core import ServerCore, task_key, to_json

if TYPE_CHECKING:
    from deadline_tui.domain.task import Task
    from deadline_tui.storage.book import TaskRef


def _changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """The document fields that differ (``updated_at`` is implied by any change)."""
    old, new = before or {}, after or {}
    return sorted(
        k for k in old.keys() | new.keys() if k != "updated_at" and old.get(k) != new.get(k)
    )


class TaskWrites(ServerCore):
    """The task-changing methods of :class:`~deadline_tui.storage.server.book.ServerBook`
    (see the module docstring)."""

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one transaction; a uid already stored refuses them all."""
        if not tasks:
            return []
        import psycopg

        try:
            with self.batch():
                clash = self._sql(
                    "SELECT uid FROM tasks WHERE uid = ANY(%s) LIMIT 1", ([t.uid for t in tasks],)
                ).fetchone()
                if clash is not None:
                    raise ValueError(f"uid {clash[0]} is already stored")
                last = self._write(
                    "UPDATE book_state SET last_id = last_id + %s RETURNING last_id",
                    (len(tasks),),
                )
                first = int(last[0][0]) - len(tasks) + 1
                stored = [task._replace(id=first + n) for n, task in enumerate(tasks)]
                self._insert(stored, "add")
        except psycopg.errors.UniqueViolation as error:  # a concurrent add of the same uid
            raise ValueError(f"uid already stored: {error.diag.message_detail}") from None
        return stored

    def add(self, task: Task) -> Task:
        """Store one new task; returns it with its id."""
        return self.add_many([task])[0]

    def update(
        self, ref: TaskRef, change: Callable[[Task], Task], *, expected: Task | None = None
    ) -> tuple[Task, Task]:
        """Apply ``change`` to the row-locked stored task; with ``expected``, a stored task
        that differs from it is a :class:`ConflictError` naming who changed it and when."""
        with self.batch():
            before, doc, changed_by, changed_at = self._locked_row(ref)
            refuse_if_changed(before, expected, changed_by, changed_at)
            after = change(before)._replace(id=before.id, uid=before.uid)
            self._replace(after, doc, "update")
        return before, after

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id and uid (undo of a change or a deletion)."""
        with self.batch():
            column, value = task_key(task.id)
            row = self._sql(
                f"SELECT doc::text FROM tasks WHERE {column} = %s FOR UPDATE", (value,)
            ).fetchone()
            self._replace(task, orjson.loads(row[0]) if row else None, "put")
        return task

    def delete(self, ref: TaskRef, *, expected: Task | None = None) -> Task:
        """Remove a task for good (ids count up from ``book_state.last_id``: never reused);
        ``expected`` as for :meth:`update`, checked on the locked row."""
        with self.batch():
            task, _doc, changed_by, changed_at = self._locked_row(ref)
            refuse_if_changed(task, expected, changed_by, changed_at)
            self._write("DELETE FROM tasks WHERE id = %s", (task.id,))
            self._log(task.id, task.uid, "delete", [])
        return task

    def _insert(self, tasks: Sequence[Task], action: str) -> None:
        """Insert tasks (ids set) with one change-log line each, by COPY."""
        self._dirty = True
        with self._conn.cursor() as cursor:
            with cursor.copy(
                "COPY tasks (id, uid, changed_by, series_uid, doc) FROM STDIN"
            ) as copy:
                for task in tasks:
                    copy.write_row(
                        (task.id, task.uid, self._user, task.series_uid, to_json(encode_task(task)))
                    )
            with cursor.copy(
                "COPY change_log (task_id, uid, action, fields, by_name) FROM STDIN"
            ) as copy:
                for task in tasks:
                    copy.write_row((task.id, task.uid, action, [], self._user))

    def _locked_row(self, ref: TaskRef) -> tuple[Task, dict[str, Any], str, datetime]:
        """The stored task, its document, who changed it last and when, under a row lock."""
        column, value = task_key(ref)
        row = self._sql(
            f"SELECT id, doc::text, changed_by, changed_at FROM tasks WHERE {column} = %s"
            " FOR UPDATE",
            (value,),
        ).fetchone()
        if row is None:
            raise NotFoundError("task_not_found", ref=ref)
        task = self._decode(row[1], int(row[0]))
        return task, orjson.loads(row[1]), str(row[2]), row[3]

    def _replace(self, task: Task, old_doc: dict[str, Any] | None, action: str) -> None:
        new_doc = encode_task(task)
        self._write(
            "INSERT INTO tasks (id, uid, changed_by, series_uid, doc)"
            " VALUES (%s, %s, %s, %s, %s::jsonb)"
            " ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, uid = EXCLUDED.uid,"
            " series_uid = EXCLUDED.series_uid, changed_by = EXCLUDED.changed_by,"
            " changed_at = now(), version = tasks.version + 1",
            (task.id, task.uid, self._user, task.series_uid, to_json(new_doc)),
        )
        self._log(task.id, task.uid, action, _changed_fields(old_doc, new_doc))
