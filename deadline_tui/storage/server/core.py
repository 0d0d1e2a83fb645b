"""The ground every part of the server book stands on: its connection and transactions.

:class:`ServerCore` holds all of a book's state (set in one ``__init__``) and the few
helpers each part writes with:

- :meth:`~ServerCore.batch`: one explicit transaction around everything inside (the
  connection runs in autocommit, so nothing is ever left "idle in transaction"); a
  transaction that wrote ends by bumping ``book_state.generation`` with a new stamp and a
  ``NOTIFY`` carrying it, both delivered only at commit.
- ``_sql`` runs one statement, ``_write``/``_write_many`` a changing one (the batch then
  bumps), ``_log`` adds a ``change_log`` line (who, what, when). A lost connection, a
  missing right or a deadlock becomes a message naming the book and the server's reason.
- ``_decode`` turns a stored document into a task, naming a damaged one;
  :func:`task_key` says which column a task reference names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import orjson

from deadline_tui.errors import DataError, NotFoundError
from deadline_tui.storage.codec import RecordError, decode_task
from deadline_tui.storage.server import redact, schema

if TYPE_CHECKING:
    import psycopg

    from deadline_tui.domain.task import Task
    from deadline_tui.storage.book import TaskRef
    from deadline_tui.storage.server.localcopy import Copy
    from deadline_tui.storage.server.reading import Snapshot


def _trouble() -> tuple[type[Exception], ...]:
    """The server's failures that are the user's to hear about: a lost connection, a
    missing right, a deadlock."""
    import psycopg

    return (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege)


def to_json(value: Any) -> str:
    """``value`` as JSON text, for a ``%s::jsonb`` parameter."""
    return orjson.dumps(value).decode()


def task_key(ref: TaskRef) -> tuple[str, Any]:
    """The column (``id`` or ``uid``) and the value by which ``ref`` names a task."""
    if isinstance(ref, int) or ref.isdigit():
        if not 0 < int(ref) < 2**63:  # (not a bigint: no such task)
            raise NotFoundError("task_not_found", ref=ref)
        return "id", int(ref)
    return "uid", ref


class ServerCore:
    """A connection to the book, its state and its transactions. Not thread-safe: one
    thread per book (the listener of ``wait_for_change`` has its own connection)."""

    def __init__(self, url: str, conn: psycopg.Connection[tuple[Any, ...]], user: str) -> None:
        self._url = url
        self._conn = conn
        self._user = user  # whom the change log names
        self._depth = 0  # how many batches are open
        self._dirty = False  # has the open batch written?
        self._snapshot: Snapshot | None = None  # the last whole read (reading.py)
        self._listener: psycopg.Connection[tuple[Any, ...]] | None = None
        self._copy_left = False  # has this handle left a copy of the tasks (localcopy.py)?
        self._last_read: Copy | None = None  # the last whole read outside a batch
        # One channel per schema, so books in different schemas never wake each other;
        # the tables' own schema, as the trigger on them names it (schema.py).
        self._channel = f"deadline_tui_{schema.home_schema(conn)}"

    @property
    def location(self) -> str:
        """The server URL without its password."""
        return redact(self._url)

    def version(self) -> object:
        """The book's generation and stamp: both drawn anew at the commit of every change
        (the stamp too, so a restored older dump written to the same generation again is
        not taken for the state a view last read)."""
        row = self._sql("SELECT generation, stamp::text FROM book_state").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, "")

    def close(self) -> None:
        """Close the connections."""
        for conn in (self._listener, self._conn):
            if conn is not None:
                conn.close()
        self._listener = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around everything inside; only the outermost batch commits."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._server_errors(), self._conn.transaction():
                # (the tasks' trigger leaves the stamp to this transaction's end: schema.py)
                self._sql("SELECT set_config('deadline_tui.writing', 'on', true)")
                yield
                if self._dirty:
                    self._sql("SELECT pg_notify(%s, %s)", (self._channel, str(self._bump())))
        finally:
            self._depth = 0
            if self._dirty:
                self._snapshot = None
            self._dirty = False

    @contextmanager
    def _read_only(self) -> Iterator[None]:
        """One transaction whose statements all see the same snapshot of the database
        (a connection lost at its start or end is named as any statement's failure)."""
        with self._server_errors(), self._conn.transaction():
            self._sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    def _lock_tasks(self) -> None:
        """Hold the whole tasks table, inside a batch, under a lock no other writer shares
        until this one commits (as the desk book's file lock does). The statements after
        it see every change committed before it was granted."""
        self._sql("LOCK TABLE tasks IN SHARE ROW EXCLUSIVE MODE")

    # -- statements --------------------------------------------------------------------

    def _sql(self, query: str, params: Sequence[Any] = ()) -> psycopg.Cursor[tuple[Any, ...]]:
        """Run one statement; a lost connection, a missing right or a deadlock becomes a
        message naming the book and the server's reason (a broken rule such as a uid
        stored twice stays an IntegrityError for the caller)."""
        with self._server_errors():
            return self._conn.execute(query, params)

    def _number(self, query: str, params: Sequence[Any] = ()) -> int:
        """The first column of the one row ``query`` returns, as an int (0 for no row)."""
        row = self._sql(query, params).fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _server_errors(self) -> Iterator[None]:
        try:
            yield
        except _trouble() as error:
            raise self._failed(error) from None

    def _failed(self, error: Exception) -> DataError:
        reason = " ".join(str(error).split())
        return DataError("server_failed", location=self.location, reason=reason)

    def _bump(self) -> int:
        return self._number(
            "UPDATE book_state SET generation = generation + 1, stamp = gen_random_uuid()"
            " RETURNING generation"
        )

    def _write(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a changing statement (inside a batch); returns its rows."""
        self._dirty = True
        cursor = self._sql(sql, params)
        return cursor.fetchall() if cursor.description else []

    def _write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run a changing statement once for each of ``rows`` (inside a batch)."""
        self._dirty = True
        with self._server_errors(), self._conn.cursor() as cursor:
            cursor.executemany(sql, rows)

    def _log(self, task_id: int, uid: str, action: str, fields: Sequence[str]) -> None:
        self._write(
            "INSERT INTO change_log (task_id, uid, action, fields, by_name)"
            " VALUES (%s, %s, %s, %s, %s)",
            (task_id, uid, action, list(fields), self._user),
        )

    def _decode(self, doc_text: str, task_id: int) -> Task:
        try:
            return decode_task(orjson.loads(doc_text), task_id)
        except (RecordError, orjson.JSONDecodeError) as error:
            raise DataError(
                "record_damaged", path=self.location, id=task_id, detail=str(error)
            ) from error
