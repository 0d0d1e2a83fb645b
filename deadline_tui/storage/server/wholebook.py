"""The server book as a whole: out to the tables of a ``.json`` backup and back in.

- :meth:`WholeBook.export_tables` reads every table in one consistent snapshot
  (``deadline-tui export FILE.json``).
- :meth:`WholeBook.merge` adds what a backup holds and the book lacks, all or nothing
  (``deadline-tui db push``, ``import`` of a backup); it never gives out again an id
  this book gave out before.
- Backups of the server book are the IT unit's ``pg_dump``: :meth:`WholeBook.backup_now`
  takes none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from deadline_tui.storage import schema as book_layout
from deadline_tui.storage.codec import decode_task
from deadline_tui.storage.records import decode_delivery, decode_series
from deadline_tui.storage.server.serieslog import SeriesAndLog
from deadline_tui.storage.server.writing import TaskWrites

if TYPE_CHECKING:
    from deadline_tui.storage.book import Tables


class WholeBook(TaskWrites, SeriesAndLog):
    """The whole-book methods of :class:`~deadline_tui.storage.server.book.ServerBook`
    (see the module docstring); a merge inserts with the task and log writers' helpers."""

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup (one consistent snapshot)."""
        with self._read_only():
            tasks = self._sql("SELECT id, doc::text FROM tasks ORDER BY id").fetchall()
            series = self._sql("SELECT doc::text FROM series ORDER BY uid").fetchall()
            log = self._sql("SELECT doc::text FROM reminder_log ORDER BY key").fetchall()
            last_id = self._number("SELECT last_id FROM book_state")
        return {
            # The documents are stored in the desk book's current record layout (db push
            # migrates them first), so a backup of them says that version.
            "meta": {"1": {"schema": book_layout.SCHEMA_VERSION, "last_id": last_id}},
            "tasks": {str(task_id): orjson.loads(doc) for task_id, doc in tasks},
            "series": {str(n): orjson.loads(row[0]) for n, row in enumerate(series, 1)},
            "reminder_log": {str(n): orjson.loads(row[0]) for n, row in enumerate(log, 1)},
        }

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what ``tables`` holds and the book lacks (tasks and series by uid, log
        records by key), keeping ids where free; all or nothing."""
        from deadline_tui.storage.validate import check_tables

        check_tables(tables)  # a bad record refuses the whole call, naming it
        incoming = tables.get("tasks", {})
        decoded = [decode_task(doc, int(doc_id)) for doc_id, doc in incoming.items()]
        series = [decode_series(doc) for doc in tables.get("series", {}).values()]
        log = [decode_delivery(doc) for doc in tables.get("reminder_log", {}).values()]
        with self.batch():
            # New ids are chosen from what is stored: no other writer may add meanwhile.
            self._lock_tasks()
            rows = self._sql("SELECT id, uid FROM tasks").fetchall()
            ids = {int(r[0]) for r in rows}
            uids = {str(r[1]) for r in rows}
            fresh = [t for t in decoded if t.uid not in uids]
            last_id = self._number("SELECT last_id FROM book_state FOR UPDATE")
            # An incoming id keeps its number only if this book never gave it out: a
            # deleted task's id is never reused (undo of that deletion relies on it).
            given_out = max([last_id, *ids])
            keep = [t for t in fresh if t.id > given_out]
            meta = tables.get("meta", {}).get("1", {})
            highest = max([given_out, int(meta.get("last_id", 0) or 0), *(t.id for t in keep)])
            renumbered = []
            for task in fresh:
                if task.id > given_out:
                    continue
                highest += 1
                renumbered.append(task._replace(id=highest))
            added = keep + renumbered
            if added:
                self._insert(added, "import")
            self._write("UPDATE book_state SET last_id = %s", (highest,))
            if series:
                self._store_series(series, "DO NOTHING")
            if log:
                self._log_deliveries(log, "DO NOTHING")
        return len(added), len(decoded) - len(fresh)

    def backup_now(self) -> Path | None:
        """The server book's backups are the IT unit's ``pg_dump``: none taken here."""
        return None

    def back_up_next_change(self) -> None:
        """None taken here either (see :meth:`backup_now`)."""
