"""The desk book: a :class:`~deadline_tui.storage.book.TaskBook` in one TinyDB-format JSON file.

How it works, in full:

- The file is TinyDB's JSON layout (``{"table": {"doc id": record}}``), with a ``meta``
  table first whose record holds the schema version, the id high-water mark and the
  generation id of this version of the file (see storage.bookfile).
- A process keeps one parsed copy of the file, keyed on its exact :class:`Version`; every
  read first compares the version on disk (a stat and 256 bytes) and parses again when
  it moved, so no view is ever stale. Tasks are decoded once per record: a record object
  that is the same as in the last version (our own writes replace only the records they
  change) keeps its decoded task.
- Every change runs in :meth:`batch`: take the lock, read the file as it is now, change
  copies of the tables at the JSON level (only the records touched are encoded),
  then one durable write (storage.bookfile) after a backup (storage.backups). An
  exception inside leaves the file and the parsed copy as they were.
- A file that does not parse, or holds a record that does not decode, is refused by
  reads and writes alike, naming the newest good backup; nothing writes over it.

TinyDB itself is not imported: its file format is all we use of it, read and written
with orjson, so no private TinyDB state (query cache, next-id counter) can go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.task import Task
from deadline_tui.errors import (
    BusyError,
    ConflictError,
    DamagedDatabaseError,
    DataError,
    NotFoundError,
)
from deadline_tui.storage import bookfile, schema
from deadline_tui.storage.backups import BackupPolicy, list_backups, newest_good_backup, take_backup
from deadline_tui.storage.book import Tables, TaskRef
from deadline_tui.storage.bookfile import Version
from deadline_tui.storage.codec import RecordError, decode_task, encode_task
from deadline_tui.storage.lock import FileLock, LockTimeout
from deadline_tui.storage.validate import check_tables

if TYPE_CHECKING:
    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.domain.series import Series


def damaged(path: Path, reason: str) -> DamagedDatabaseError:
    """The error for an unreadable book: names it and the newest good backup."""
    backup = newest_good_backup(path)
    if backup is None:
        return DamagedDatabaseError("database_damaged_no_backup", path=str(path), reason=reason)
    return DamagedDatabaseError(
        "database_damaged", path=str(path), reason=reason, backup=str(backup)
    )


def parse_tables(raw: bytes, path: Path) -> Tables:
    """The tables of a book file's bytes; anything else is a damaged book."""
    if not raw.strip():
        raise damaged(path, "empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise damaged(path, f"JSON: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise damaged(path, "not a TinyDB file")
    return data


class DeskBook:
    """The desk book at ``path`` (see the module docstring). Use it from one thread."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 15.0,
        backups: BackupPolicy | None = None,
        create: bool = False,
    ) -> None:
        self.shown_path = Path(path)
        # A symlinked book is written through its link: the target is replaced.
        self.path = Path(path).resolve()
        self._lock = FileLock(self.path.parent, timeout=lock_timeout)  # see storage.lock
        self._policy = backups or BackupPolicy()
        self._may_create = create
        self.created = False  # did this object create the book? (the caller says so)
        self._copy: tuple[Version, Tables] | None = None  # the one parsed copy
        self._decoded: dict[str, tuple[dict[str, Any], Task]] = {}
        self._snapshot: tuple[Tables, tuple[Task, ...]] | None = None
        self._pending: Tables | None = None  # the tables being changed inside a batch
        self._dirty = False
        self._cleaned = False
        self.writes = 0  # durable writes made (tests and benchmarks)

    @classmethod
    def open_or_create(cls, path: Path, **options: Any) -> DeskBook:
        """The book at ``path``, made empty first if missing (tests, demo, benchmarks)."""
        book = cls(path, create=True, **options)
        if not book.path.exists():
            with book.batch():
                pass
        return book

    @property
    def location(self) -> str:
        """The book's path as given, for messages."""
        return str(self.shown_path)

    def close(self) -> None:
        """Drop the parsed copy (a desk book holds no file or lock between calls)."""
        self._copy, self._snapshot, self._decoded = None, None, {}

    # -- which version, and reading it -----------------------------------------------------

    def version(self) -> Version:
        """The version on disk now (see storage.bookfile.Version)."""
        found = bookfile.version_on_disk(self.path)
        if found is None:
            raise self._missing()
        return found

    def _tables(self) -> Tables:
        """The book's tables: the batch's own while it changes them, else the parsed copy
        of the version on disk now (an older schema is first migrated, see batch)."""
        if self._pending is not None:
            return self._pending
        tables = self._parsed()
        if schema.needs_migration(tables, self.location):
            with self.batch():
                pass  # _current_for_change migrates, after a forced backup
            tables = self._parsed()
        return tables

    def _parsed(self) -> Tables:
        """The parsed copy of the version on disk now, parsed again if that moved."""
        on_disk = bookfile.version_on_disk(self.path)
        if self._copy is not None and self._copy[0] == on_disk:
            return self._copy[1]
        read = bookfile.read_book(self.path)
        if read is None:
            if self._may_create and not list_backups(self.path):
                return schema.empty_tables()  # a command that makes the book sees it empty
            raise self._missing()
        with bulk_objects():
            tables = parse_tables(read[1], self.path)
        self._copy = (read[0], tables)
        return tables

    def _missing(self) -> DataError:
        """No book at the path: with backups of it, it was lost (never start empty then)."""
        if list_backups(self.path):
            backup = newest_good_backup(self.path)
            return DamagedDatabaseError(
                "database_missing", path=self.location, backup=str(backup or "-")
            )
        return DataError("book_missing", path=self.location)

    def _decode(self, doc_id: str, doc: Any) -> Task:
        known = self._decoded.get(doc_id)
        if known is not None and known[0] is doc:
            return known[1]
        try:
            if not isinstance(doc, dict):
                raise RecordError(int(doc_id), "not an object")
            task = decode_task(doc, int(doc_id))
        except (RecordError, ValueError) as error:
            detail = error.detail if isinstance(error, RecordError) else str(error)
            raise DamagedDatabaseError(
                "record_damaged", path=self.location, id=doc_id, detail=detail
            ) from None
        self._decoded[doc_id] = (doc, task)
        return task

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order (decoded once per record, see the module docstring)."""
        tables = self._tables()
        if self._snapshot is not None and self._snapshot[0] is tables:
            return self._snapshot[1]
        docs = tables.get(schema.TASKS, {})
        with bulk_objects():  # 20.000 tasks: 164 ms instead of 255 ms with the GC on (TUI)
            tasks = tuple(self._decode(key, docs[key]) for key in sorted(docs, key=int))
        if len(self._decoded) > len(docs):  # forget tasks deleted since
            self._decoded = {key: self._decoded[key] for key in docs if key in self._decoded}
        if len({task.uid for task in tasks}) != len(tasks):
            raise damaged(self.path, "two tasks share one uid")
        self._snapshot = (tables, tasks)
        return tasks

    def get(self, ref: TaskRef) -> Task:
        """The task with this id (a number, or its digits) or uid; only it is decoded."""
        return self._find(ref)[1]

    def _find(self, ref: TaskRef) -> tuple[str, Task]:
        docs = self._tables().get(schema.TASKS, {})
        if _is_number(ref):
            key: str | None = str(int(ref))
        else:
            key = next((k for k, doc in docs.items() if doc.get("uid") == ref), None)
        if key is None or key not in docs:
            raise NotFoundError("task_not_found", ref=ref)
        return key, self._decode(key, docs[key])

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One locked, durable, all-or-nothing write of the changes made inside."""
        if self._pending is not None:  # nested: the outermost batch writes
            yield
            return
        if not self._may_create and not self.path.exists():
            raise self._missing()
        if self._may_create and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True)
        bookfile.check_writable(self.path)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise BusyError("database_busy", path=self.location) from None
        try:
            if not self._cleaned:
                bookfile.remove_leftover_temp_files(self.path)
                self._cleaned = True
            self._dirty = False
            self._pending = self._current_for_change()
            try:
                yield
                if self._dirty:
                    self._commit(self._pending)
            finally:
                self._pending = None
        finally:
            self._lock.release()

    def _current_for_change(self) -> Tables:
        """Copies of the tables as on disk now (under the lock), for a batch to change."""
        if self._may_create and not self.path.exists() and not list_backups(self.path):
            self.created = self._dirty = True
            return schema.empty_tables()
        current = self._parsed()
        if schema.needs_migration(current, self.location):
            take_backup(self.path, BackupPolicy(keep=1000), force=True)
            migrated = schema.migrate(current)
            self._dirty = True
            return {name: dict(table) for name, table in migrated.items()}
        return {name: dict(table) for name, table in current.items()}

    def _commit(self, tables: Tables) -> None:
        meta = dict(tables[schema.META][schema.META_DOC_ID])
        meta["generation"] = bookfile.new_generation()
        tables[schema.META] = {schema.META_DOC_ID: {"generation": meta.pop("generation"), **meta}}
        # meta goes first: the version is read from the file's first bytes
        ordered = {schema.META: tables[schema.META]}
        ordered.update((name, table) for name, table in tables.items() if name != schema.META)
        take_backup(self.path, self._policy)
        bookfile.write_durably(self.path, orjson.dumps(ordered))
        self.writes += 1
        version = bookfile.version_on_disk(self.path)  # exact: we still hold the lock
        self._copy = (version, ordered) if version is not None else None

    def _table(self, name: str) -> dict[str, Any]:
        """A table of the batch's tables, to change (inside :meth:`batch` only)."""
        assert self._pending is not None, "changes happen inside batch()"
        self._dirty = True
        return self._pending.setdefault(name, {})

    def _next_ids(self, count: int) -> list[int]:
        meta = self._table(schema.META)
        record = dict(meta.get(schema.META_DOC_ID, {}))
        tasks = self._table(schema.TASKS)
        highest = max(int(record.get("last_id", 0)), max(map(int, tasks), default=0))
        record["last_id"] = highest + count
        meta[schema.META_DOC_ID] = record
        return list(range(highest + 1, highest + 1 + count))

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one write; returns them with their ids."""
        if not tasks:
            return []
        with self.batch():
            known = {doc.get("uid") for doc in self._table(schema.TASKS).values()}
            uids = [task.uid for task in tasks]
            clash = next((uid for uid in uids if uid in known), None)
            if clash is not None or len(set(uids)) != len(uids):
                raise ValueError(f"uid {clash or 'twice in one call'} is already stored")
            stored = [
                t._replace(id=i) for t, i in zip(tasks, self._next_ids(len(tasks)), strict=True)
            ]
            table = self._table(schema.TASKS)
            for task in stored:
                table[str(task.id)] = encode_task(task)
        return stored

    def add(self, task: Task) -> Task:
        """Store one new task; returns it with its id."""
        return self.add_many([task])[0]

    def update(
        self, ref: TaskRef, change: Callable[[Task], Task], *, expected: Task | None = None
    ) -> tuple[Task, Task]:
        """Apply ``change`` to the task as stored now; (before, after). See TaskBook."""
        with self.batch():
            key, before = self._find(ref)
            if expected is not None and expected != before:
                raise ConflictError("task_changed_meanwhile", ref=ref)
            after = change(before)._replace(id=before.id, uid=before.uid)
            self._table(schema.TASKS)[key] = encode_task(after)
        return before, after

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id (undo of a change or a deletion)."""
        with self.batch():
            tasks = self._table(schema.TASKS)
            other = next(
                (k for k, doc in tasks.items() if doc.get("uid") == task.uid and k != str(task.id)),
                None,
            )
            if other is not None:
                raise ValueError(f"uid {task.uid} is stored under id {other}")
            tasks[str(task.id)] = encode_task(task)
        return task

    def delete(self, ref: TaskRef) -> Task:
        """Remove a task for good; its id is never given out again."""
        with self.batch():
            key, task = self._find(ref)
            self._next_ids(0)  # keeps the high-water mark at least this id
            del self._table(schema.TASKS)[key]
        return task

    # -- series and the reminder log ---------------------------------------------------------

    def series(self) -> list[Series]:
        """Every recurring series."""
        from deadline_tui.storage.records import decode_series

        return [decode_series(doc) for doc in self._tables().get(schema.SERIES, {}).values()]

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid)."""
        from deadline_tui.storage.records import encode_series

        with self.batch():
            table = self._table(schema.SERIES)
            key = next((k for k, doc in table.items() if doc.get("uid") == series.uid), None)
            table[key or str(max(map(int, table), default=0) + 1)] = encode_series(series)

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; how many tasks went."""
        with self.batch():
            for name, field in ((schema.SERIES, "uid"), (schema.TASKS, "series_uid")):
                table = self._table(name)
                gone = [k for k, doc in table.items() if doc.get(field) == series_uid]
                for key in gone:
                    del table[key]
        return len(gone)

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        from deadline_tui.storage.records import decode_delivery

        log = self._tables().get(schema.REMINDER_LOG, {})
        return {doc["key"]: decode_delivery(doc) for doc in log.values()}

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """One task's log records, oldest first."""
        found = [d for d in self.deliveries().values() if d.uid == uid]
        return sorted(found, key=lambda record: record.at)

    def claim_deliveries(
        self, claims: Sequence[Delivery], may_take: Callable[[Delivery | None], bool]
    ) -> list[Delivery]:
        """Record each claim the log lets ``may_take`` have, atomically under the lock."""
        with self.batch():
            log = self.deliveries()
            taken = [claim for claim in claims if may_take(log.get(claim.key))]
            if taken:
                self.record_deliveries(taken)
        return taken

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records by key."""
        from deadline_tui.storage.records import encode_delivery

        if not records:
            return
        with self.batch():
            table = self._table(schema.REMINDER_LOG)
            by_key = {doc["key"]: k for k, doc in table.items()}
            next_id = max(map(int, table), default=0)
            for record in records:
                key = by_key.get(record.key)
                if key is None:
                    next_id += 1
                    key = by_key[record.key] = str(next_id)
                table[key] = encode_delivery(record)

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim that no channel could carry)."""
        wanted = set(keys)
        with self.batch():
            table = self._table(schema.REMINDER_LOG)
            for key in [k for k, doc in table.items() if doc.get("key") in wanted]:
                del table[key]

    # -- the whole book ---------------------------------------------------------------------

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup (do not change them)."""
        return self._tables()

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what ``tables`` holds and the book lacks; refuses bad records whole."""
        check_tables(tables)  # raises RecordError naming the record and field
        with self.batch():
            mine = self._table(schema.TASKS)
            uids = {doc.get("uid") for doc in mine.values()}
            incoming = tables.get(schema.TASKS, {})
            fresh = [(k, doc) for k, doc in incoming.items() if doc["uid"] not in uids]
            keep = [(k, doc) for k, doc in fresh if k not in mine]
            renumber = [doc for k, doc in fresh if k in mine]
            for key, doc in keep:
                mine[str(int(key))] = doc
            their_meta = tables.get(schema.META, {}).get(schema.META_DOC_ID, {})
            self._next_ids(0)
            meta = self._table(schema.META)[schema.META_DOC_ID]
            meta["last_id"] = max(meta["last_id"], int(their_meta.get("last_id") or 0))
            for doc, new_id in zip(renumber, self._next_ids(len(renumber)), strict=True):
                mine[str(new_id)] = doc
            for name, field in ((schema.SERIES, "uid"), (schema.REMINDER_LOG, "key")):
                table = self._table(name)
                have = {doc.get(field) for doc in table.values()}
                next_id = max(map(int, table), default=0)
                for doc in tables.get(name, {}).values():
                    if doc.get(field) not in have:
                        next_id += 1
                        table[str(next_id)] = doc
        return len(fresh), len(incoming) - len(fresh)

    def restore(self, backup: Path) -> Path | None:
        """Put the bytes of ``backup`` in place of the book (damaged or not), under the
        lock; the current file is first kept as the newest backup. Returns where."""
        raw = backup.read_bytes()
        try:
            check_tables(parse_tables(raw, backup))
        except RecordError as error:
            raise DataError("backup_unreadable", path=str(backup), detail=str(error)) from None
        except DamagedDatabaseError as error:
            raise DataError(
                "backup_unreadable", path=str(backup), detail=error.params["reason"]
            ) from None
        bookfile.check_writable(self.path)
        with self._lock:
            kept = take_backup(
                self.path, self._policy._replace(keep=max(self._policy.keep, 2)), force=True
            )
            bookfile.write_durably(self.path, raw)
        self.close()
        return kept

    def backup_now(self) -> Path | None:
        """Take a backup now, whatever the interval (before imports and restores)."""
        with self.batch():
            return take_backup(self.path, self._policy, force=True)


def _is_number(ref: TaskRef) -> bool:
    return isinstance(ref, int) or (ref.isascii() and ref.isdigit())
