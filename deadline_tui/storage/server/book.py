"""The server book: a :class:`~deadline_tui.storage.book.TaskBook` kept in PostgreSQL.

:class:`ServerBook` is made of one part a file, each read in one sitting:

- core.py       the connection and its transactions (``batch``), the statement helpers
- reading.py    ``tasks``, ``get``: the kept snapshot and the copy on this machine
- writing.py    ``add``, ``update``, ``put``, ``delete``: row locks, conflicts, change log
- serieslog.py  recurring series and the reminder log (claims taken exactly once)
- wholebook.py  ``export_tables``, ``merge``, ``backup_now``: the book as backup tables
- here          opening a book, and what only the server has: ``history`` (the change
  log) and ``wait_for_change`` (``LISTEN``, the TUI's live refresh)

How it keeps the book's promises on a shared server: every change is one transaction
that locks the rows it reads and ends by bumping ``book_state.generation`` (the book's
version token, with a new stamp) and a ``NOTIFY`` carrying it, both delivered only at
commit; each change to a task adds a line to ``change_log`` (who, what, when).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadline_tui.domain.change import ChangeRecord
from deadline_tui.storage.server import redact, schema
from deadline_tui.storage.server.connect import connect
from deadline_tui.storage.server.core import task_key
from deadline_tui.storage.server.reading import TaskReads
from deadline_tui.storage.server.wholebook import WholeBook

if TYPE_CHECKING:
    from deadline_tui.storage.book import TaskRef


class ServerBook(WholeBook, TaskReads):
    """The book in a PostgreSQL database. Not thread-safe: one thread per book (the
    listener of :meth:`wait_for_change` has its own connection)."""

    @classmethod
    def open(cls, url: str, *, user: str = "") -> ServerBook:
        """Connect and check the schema; ``user`` is who the change log names (default:
        the database role)."""
        conn = connect(url, autocommit=True)
        try:
            schema.check(conn, redact(url))
            if not user:
                row = conn.execute("SELECT current_user").fetchone()
                user = str(row[0]) if row else ""
        except BaseException:
            conn.close()
            raise
        return cls(url, conn, user)

    def history(self, ref: TaskRef) -> list[ChangeRecord]:
        """Who changed the task, what and when, oldest first (also after its deletion,
        by id)."""
        column, value = task_key(ref)
        rows = self._sql(
            "SELECT task_id, action, fields, at, by_name FROM change_log"
            f" WHERE {'task_id' if column == 'id' else 'uid'} = %s ORDER BY seq",
            (value,),
        ).fetchall()
        return [
            ChangeRecord(
                task_id=int(r[0]), action=str(r[1]), fields=tuple(r[2]), at=r[3], by=str(r[4])
            )
            for r in rows
        ]

    @property
    def is_listening(self) -> bool:
        """Has :meth:`wait_for_change` started listening? (changes committed from then on
        are announced)"""
        return self._listener is not None

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds for another change to the book (``LISTEN``);
        True when one was committed (by anyone, this process included). Call it from
        one thread: it has its own connection."""
        listener = self._listener
        if listener is None:
            listener = connect(self._url, autocommit=True)
            listener.execute(f'LISTEN "{self._channel}"')
            self._listener = listener
        for _notice in listener.notifies(timeout=timeout, stop_after=1):
            return True
        return False
