"""The server book: a :class:`~deadline_tui.storage.book.TaskBook` kept in PostgreSQL.

How it keeps the book's promises on a shared server:

- The connection runs in autocommit; every change is one explicit transaction
  (:meth:`ServerBook.batch`), so nothing is ever left "idle in transaction".
- A change locks the rows it reads (``SELECT … FOR UPDATE``) and bumps their ``version``;
  ``update(..., expected=task)`` refuses to overwrite a task that differs from what the
  caller's screen showed, naming who changed it and when.
- Every write transaction ends by bumping ``book_state.generation`` (the book's version
  token) and a ``NOTIFY`` carrying it, both delivered only at commit.
- Reminder claims insert with ``ON CONFLICT DO NOTHING`` and re-read existing records
  under row locks: two runners can never both take one key.
- Each change to a task adds a line to ``change_log`` (who, what, when).
- A whole read is kept in memory and in a copy on this machine (localcopy.py), taken
  whole while the book's stamp is unchanged and otherwise brought up to date by reading
  only the rows that changed; any write, by this program or another, draws a new stamp.

SQL only narrows what is read; every status and figure is computed in Python from the
decoded tasks (domain/status.py), exactly as for the desk book.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.change import ChangeRecord
from deadline_tui.errors import ConflictError, DataError, NotFoundError
from deadline_tui.storage import schema as book_layout
from deadline_tui.storage.codec import RecordError, decode_task, encode_task
from deadline_tui.storage.records import (
    decode_delivery,
    decode_series,
    encode_delivery,
    encode_series,
)
from deadline_tui.storage.server import redact, schema
from deadline_tui.storage.server.connect import connect

if TYPE_CHECKING:
    import psycopg

    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.domain.series import Series
    from deadline_tui.domain.task import Task
    from deadline_tui.storage.book import Tables, TaskRef
    from deadline_tui.storage.server.localcopy import Copy


def _trouble() -> tuple[type[Exception], ...]:
    """The server's failures that are the user's to hear about: a lost connection, a
    missing right, a deadlock."""
    import psycopg

    return (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege)


class _Snapshot:
    """The tasks as of one generation; their indexes are made at the first ``get`` (~40 ms
    at 100.000 tasks that a summary or the TUI's first frame never needs)."""

    def __init__(self, generation: int, tasks: tuple[Task, ...]) -> None:
        self.generation = generation
        self.tasks = tasks

    @functools.cached_property
    def by_id(self) -> dict[int, Task]:
        return {t.id: t for t in self.tasks}

    @functools.cached_property
    def by_uid(self) -> dict[str, Task]:
        return {t.uid: t for t in self.tasks}


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """The document fields that differ (``updated_at`` is implied by any change)."""
    old, new = before or {}, after or {}
    return sorted(
        k for k in old.keys() | new.keys() if k != "updated_at" and old.get(k) != new.get(k)
    )


class ServerBook:
    """The book in a PostgreSQL database. Not thread-safe: one thread per book (the
    listener of :meth:`wait_for_change` has its own connection)."""

    def __init__(self, url: str, conn: psycopg.Connection[tuple[Any, ...]], user: str) -> None:
        self._url = url
        self._conn = conn
        self._user = user
        self._depth = 0
        self._dirty = False
        self._snapshot: _Snapshot | None = None
        self._listener: psycopg.Connection[tuple[Any, ...]] | None = None
        self._copy_left = False  # has this handle left a copy of the tasks (localcopy.py)?
        self._last_read: Copy | None = None  # the last whole read outside a batch
        row = conn.execute("SELECT current_schema()").fetchone()
        # One channel per schema, so books in different schemas never wake each other.
        self._channel = f"deadline_tui_{row[0] if row else 'public'}"

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

    @property
    def location(self) -> str:
        """The server URL without its password."""
        return redact(self._url)

    def version(self) -> object:
        """The book's generation: bumped at the commit of every change."""
        row = self._sql("SELECT generation FROM book_state").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Close the connections."""
        for conn in (self._listener, self._conn):
            if conn is not None:
                conn.close()
        self._listener = None

    # -- transactions ------------------------------------------------------------------

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

    def _sql(self, query: str, params: Sequence[Any] = ()) -> psycopg.Cursor[tuple[Any, ...]]:
        """Run one statement; a lost connection, a missing right or a deadlock becomes a
        message naming the book and the server's reason (a broken rule such as a uid
        stored twice stays an IntegrityError for the caller)."""
        try:
            return self._conn.execute(query, params)
        except _trouble() as error:
            raise self._failed(error) from None

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
        row = self._sql(
            "UPDATE book_state SET generation = generation + 1, stamp = gen_random_uuid()"
            " RETURNING generation"
        ).fetchone()
        return int(row[0]) if row else 0

    def _write(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a changing statement (inside a batch); returns its rows."""
        self._dirty = True
        cursor = self._sql(sql, params)
        return cursor.fetchall() if cursor.description else []

    def _log(self, task_id: int, uid: str, action: str, fields: Sequence[str]) -> None:
        self._write(
            "INSERT INTO change_log (task_id, uid, action, fields, by_name)"
            " VALUES (%s, %s, %s, %s, %s)",
            (task_id, uid, action, list(fields), self._user),
        )

    # -- reading tasks -----------------------------------------------------------------

    def _decode(self, doc_text: str, task_id: int) -> Task:
        try:
            return decode_task(orjson.loads(doc_text), task_id)
        except (RecordError, orjson.JSONDecodeError) as error:
            raise DataError(
                "record_damaged", path=self.location, id=task_id, detail=str(error)
            ) from error

    def _read_all(self) -> _Snapshot:
        if self._depth:
            # Inside a batch (a check before a write: an undo, an import's duplicates):
            # the whole book under a lock no other writer shares until this one commits,
            # as the desk book's file lock does. The statement after the lock sees every
            # change committed before it was granted.
            self._sql("LOCK TABLE tasks IN SHARE ROW EXCLUSIVE MODE")
            generation = int(self.version())  # type: ignore[call-overload]
            rows = self._sql("SELECT id, doc::text FROM tasks ORDER BY id").fetchall()
            return _Snapshot(generation, self._decode_rows(rows))
        # Everything from one snapshot of the database. What this handle read last, or
        # else the copy this machine keeps (localcopy.py), is used whole if its stamp is
        # the book's, and otherwise brought up to date reading only what changed.
        from deadline_tui.storage.server import localcopy

        with self._conn.transaction():
            self._sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            # (The role too: a copy one role made is never taken whole by another, who
            # may be allowed to see fewer rows; brought up to date, it keeps only the
            # rows this role's own query returns.)
            row = self._sql(
                "SELECT generation, stamp::text || ' ' || current_user FROM book_state"
            ).fetchone()
            generation, stamp = (int(row[0]), str(row[1])) if row else (0, "")
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
        return _Snapshot(generation, copy.tasks)

    def _fetch(self, ids: list[int]) -> list[Task]:
        rows = self._sql("SELECT id, doc::text FROM tasks WHERE id = ANY(%s)", (ids,))
        return list(self._decode_rows(rows.fetchall()))

    def _decode_rows(self, rows: list[tuple[Any, ...]]) -> tuple[Task, ...]:
        with bulk_objects():  # (the TUI: 100.000s of long-lived objects, no cycles)
            return tuple(self._decode(doc, int(task_id)) for task_id, doc in rows)

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if self._depth == 0 and snapshot is not None and snapshot.generation == self.version():
            return snapshot
        snapshot = self._read_all()
        # Inside a batch the reads may include this transaction's own uncommitted
        # changes: never keep them.
        self._snapshot = snapshot if self._depth == 0 else None
        return snapshot

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order."""
        return self._current().tasks

    @staticmethod
    def _where(ref: TaskRef) -> tuple[str, Any]:
        if isinstance(ref, int) or ref.isdigit():
            if not 0 < int(ref) < 2**63:  # (not a bigint: no such task)
                raise NotFoundError("task_not_found", ref=ref)
            return "id = %s", int(ref)
        return "uid = %s", ref

    def get(self, ref: TaskRef) -> Task:
        """The task with this id or uid; one row read, or the kept snapshot if current."""
        snapshot = self._snapshot
        if self._depth == 0 and snapshot is not None and snapshot.generation == self.version():
            found = (
                snapshot.by_id.get(int(ref))
                if isinstance(ref, int) or ref.isdigit()
                else snapshot.by_uid.get(ref)
            )
            if found is None:
                raise NotFoundError("task_not_found", ref=ref)
            return found
        where, value = self._where(ref)
        row = self._sql(f"SELECT id, doc::text FROM tasks WHERE {where}", (value,))
        found_row = row.fetchone()
        if found_row is None:
            raise NotFoundError("task_not_found", ref=ref)
        return self._decode(found_row[1], int(found_row[0]))

    # -- changing tasks ----------------------------------------------------------------

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

    def _insert(self, tasks: Sequence[Task], action: str) -> None:
        """Insert tasks (ids set) with one change-log line each, by COPY."""
        self._dirty = True
        with self._conn.cursor() as cursor:
            with cursor.copy(
                "COPY tasks (id, uid, changed_by, series_uid, doc) FROM STDIN"
            ) as copy:
                for task in tasks:
                    copy.write_row(
                        (task.id, task.uid, self._user, task.series_uid, _json(encode_task(task)))
                    )
            with cursor.copy(
                "COPY change_log (task_id, uid, action, fields, by_name) FROM STDIN"
            ) as copy:
                for task in tasks:
                    copy.write_row((task.id, task.uid, action, [], self._user))

    def add(self, task: Task) -> Task:
        """Store one new task; returns it with its id."""
        return self.add_many([task])[0]

    def _locked_row(self, ref: TaskRef) -> tuple[Task, dict[str, Any], str, datetime]:
        """The stored task, its document, who changed it last and when, under a row lock."""
        where, value = self._where(ref)
        row = self._sql(
            f"SELECT id, doc::text, changed_by, changed_at FROM tasks WHERE {where} FOR UPDATE",
            (value,),
        ).fetchone()
        if row is None:
            raise NotFoundError("task_not_found", ref=ref)
        task = self._decode(row[1], int(row[0]))
        return task, orjson.loads(row[1]), str(row[2]), row[3]

    def update(
        self, ref: TaskRef, change: Callable[[Task], Task], *, expected: Task | None = None
    ) -> tuple[Task, Task]:
        """Apply ``change`` to the row-locked stored task; with ``expected``, a stored task
        that differs from it is a :class:`ConflictError` naming who changed it and when."""
        with self.batch():
            before, doc, changed_by, changed_at = self._locked_row(ref)
            if expected is not None and before != expected._replace(id=before.id):
                raise ConflictError(
                    "server_conflict",
                    id=before.id,
                    who=changed_by,
                    at=changed_at.astimezone().strftime("%H:%M %d/%m/%Y"),
                )
            after = change(before)._replace(id=before.id, uid=before.uid)
            self._replace(after, doc, "update")
        return before, after

    def _replace(self, task: Task, old_doc: dict[str, Any] | None, action: str) -> None:
        new_doc = encode_task(task)
        self._write(
            "INSERT INTO tasks (id, uid, changed_by, series_uid, doc)"
            " VALUES (%s, %s, %s, %s, %s::jsonb)"
            " ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, uid = EXCLUDED.uid,"
            " series_uid = EXCLUDED.series_uid, changed_by = EXCLUDED.changed_by,"
            " changed_at = now(), version = tasks.version + 1",
            (task.id, task.uid, self._user, task.series_uid, _json(new_doc)),
        )
        self._log(task.id, task.uid, action, _changed_fields(old_doc, new_doc))

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id and uid (undo of a change or a deletion)."""
        with self.batch():
            where, value = self._where(task.id)
            row = self._sql(
                f"SELECT doc::text FROM tasks WHERE {where} FOR UPDATE", (value,)
            ).fetchone()
            self._replace(task, orjson.loads(row[0]) if row else None, "put")
        return task

    def delete(self, ref: TaskRef) -> Task:
        """Remove a task for good (ids count up from ``book_state.last_id``: never reused)."""
        with self.batch():
            task, _doc, _by, _at = self._locked_row(ref)
            self._write("DELETE FROM tasks WHERE id = %s", (task.id,))
            self._log(task.id, task.uid, "delete", [])
        return task

    # -- recurring series --------------------------------------------------------------

    def series(self) -> list[Series]:
        """Every recurring series."""
        rows = self._sql("SELECT doc::text FROM series ORDER BY uid").fetchall()
        return [decode_series(orjson.loads(row[0])) for row in rows]

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid)."""
        with self.batch():
            self._write(
                "INSERT INTO series (uid, doc) VALUES (%s, %s::jsonb)"
                " ON CONFLICT (uid) DO UPDATE SET doc = EXCLUDED.doc",
                (series.uid, _json(encode_series(series))),
            )

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; returns how many tasks went."""
        with self.batch():
            self._write("DELETE FROM series WHERE uid = %s", (series_uid,))
            gone = self._write(
                "DELETE FROM tasks WHERE series_uid = %s RETURNING id, uid", (series_uid,)
            )
            for task_id, uid in gone:
                self._log(int(task_id), str(uid), "delete", [])
        return len(gone)

    # -- reminder log ------------------------------------------------------------------

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        rows = self._sql("SELECT doc::text FROM reminder_log").fetchall()
        records = (decode_delivery(orjson.loads(row[0])) for row in rows)
        return {record.key: record for record in records}

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """One task's log records, oldest first."""
        rows = self._sql("SELECT doc::text FROM reminder_log WHERE uid = %s", (uid,)).fetchall()
        return sorted((decode_delivery(orjson.loads(r[0])) for r in rows), key=lambda d: d.at)

    def claim_deliveries(
        self, claims: Sequence[Delivery], may_take: Callable[[Delivery | None], bool]
    ) -> list[Delivery]:
        """Take each claim exactly once across every runner: a new key by ``INSERT … ON
        CONFLICT DO NOTHING`` (a concurrent insert of the same key waits, then loses), a
        logged one by re-reading it under a row lock and asking ``may_take``."""
        if not claims:
            return []
        taken: list[Delivery] = []
        # Keys are locked in one order by every runner, so two runners claiming
        # overlapping sets wait for each other instead of deadlocking.
        claims = sorted(claims, key=lambda claim: claim.key)
        with self.batch():
            fresh = [claim for claim in claims if may_take(None)]
            inserted: set[str] = set()
            for claim in fresh:
                rows = self._write(
                    "INSERT INTO reminder_log (key, uid, doc) VALUES (%s, %s, %s::jsonb)"
                    " ON CONFLICT (key) DO NOTHING RETURNING key",
                    (claim.key, claim.uid, _json(encode_delivery(claim))),
                )
                if rows:
                    inserted.add(claim.key)
                    taken.append(claim)
            rest = [claim for claim in claims if claim.key not in inserted]
            if rest:
                rows = self._sql(
                    "SELECT key, doc::text FROM reminder_log WHERE key = ANY(%s)"
                    " ORDER BY key FOR UPDATE",
                    ([claim.key for claim in rest],),
                ).fetchall()
                logged = {str(key): decode_delivery(orjson.loads(doc)) for key, doc in rows}
                for claim in rest:
                    if claim.key in logged and may_take(logged[claim.key]):
                        self._write(
                            "UPDATE reminder_log SET doc = %s::jsonb WHERE key = %s",
                            (_json(encode_delivery(claim)), claim.key),
                        )
                        taken.append(claim)
        return taken

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records by key."""
        if not records:
            return
        with self.batch():
            self._log_deliveries(records, "DO UPDATE SET doc = EXCLUDED.doc, uid = EXCLUDED.uid")

    def _log_deliveries(self, records: Sequence[Delivery], on_conflict: str) -> None:
        """Insert reminder-log records; ``on_conflict`` says what a key already logged gets."""
        self._dirty = True
        with self._server_errors(), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO reminder_log (key, uid, doc) VALUES (%s, %s, %s::jsonb)"
                f" ON CONFLICT (key) {on_conflict}",
                [(r.key, r.uid, _json(encode_delivery(r))) for r in records],
            )

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim that no channel could carry)."""
        if keys:
            with self.batch():
                self._write("DELETE FROM reminder_log WHERE key = ANY(%s)", (list(keys),))

    # -- the whole book ----------------------------------------------------------------

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup (one consistent snapshot)."""
        with self._conn.transaction():
            self._sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            tasks = self._sql("SELECT id, doc::text FROM tasks ORDER BY id").fetchall()
            series = self._sql("SELECT doc::text FROM series ORDER BY uid").fetchall()
            log = self._sql("SELECT doc::text FROM reminder_log ORDER BY key").fetchall()
            last = self._sql("SELECT last_id FROM book_state").fetchone()
        last_id = int(last[0]) if last else 0
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
            self._sql("LOCK TABLE tasks IN SHARE ROW EXCLUSIVE MODE")
            rows = self._sql("SELECT id, uid FROM tasks").fetchall()
            ids = {int(r[0]) for r in rows}
            uids = {str(r[1]) for r in rows}
            fresh = [t for t in decoded if t.uid not in uids]
            last = self._sql("SELECT last_id FROM book_state FOR UPDATE").fetchone()
            # An incoming id keeps its number only if this book never gave it out: a
            # deleted task's id is never reused (undo of that deletion relies on it).
            given_out = max([int(last[0]) if last else 0, *ids], default=0)
            keep = [t for t in fresh if t.id > given_out]
            meta = tables.get("meta", {}).get("1", {})
            highest = max(
                [given_out, int(meta.get("last_id", 0) or 0), *(t.id for t in keep)], default=0
            )
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
            for one in series:
                self._write(
                    "INSERT INTO series (uid, doc) VALUES (%s, %s::jsonb)"
                    " ON CONFLICT (uid) DO NOTHING",
                    (one.uid, _json(encode_series(one))),
                )
            if log:
                self._log_deliveries(log, "DO NOTHING")
        return len(added), len(decoded) - len(fresh)

    def backup_now(self) -> Path | None:
        """The server book's backups are the IT unit's ``pg_dump``: none taken here."""
        return None

    # -- server-only: the change log and live refresh ----------------------------------

    def history(self, ref: TaskRef) -> list[ChangeRecord]:
        """Who changed the task, what and when, oldest first (also after its deletion,
        by id)."""
        where, value = self._where(ref)
        rows = self._sql(
            "SELECT task_id, action, fields, at, by_name FROM change_log"
            f" WHERE {'task_' if where.startswith('id') else ''}{where} ORDER BY seq",
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
