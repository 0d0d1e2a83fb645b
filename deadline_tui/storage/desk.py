"""The desk book: a :class:`~deadline_tui.storage.book.TaskBook` in one TinyDB-format JSON file.

- TinyDB's layout (``{"table": {"doc id": record}}``), the ``meta`` table first (its
  record: generation id first, schema version, id high-water mark), read and written with
  orjson: TinyDB is not imported, so none of its state (query cache, next-id) goes stale.
- One parsed copy per process, keyed on the file's exact version (storage.bookfile);
  every read compares the version on disk first (a stat and 64 bytes): never stale. A
  record decodes once: a record object kept from the last version keeps its task.
- A reader that parsed and decoded the whole book leaves the tasks (and the small tables)
  in the user's cache (storage.taskcache, keyed on the same exact version); reads of a
  version not parsed here load them from there when they can, else parse the book.
- Every change runs in :meth:`DeskBook.batch`: lock, the file as it is now, copies of the
  tables changed at the JSON level (only touched records are encoded), a backup, one
  durable write. An exception inside leaves the file and the parsed copy as they were.
- A file that does not parse, or a record that does not decode, is refused by reads and
  writes alike, naming the newest good backup; nothing is written over it.
- The series and reminder-log methods live in storage.desklog (a mixin).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from deadline_tui import errors
from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.task import Task
from deadline_tui.i18n import t
from deadline_tui.storage import bookfile, schema, taskcache
from deadline_tui.storage.backups import BackupPolicy, list_backups, newest_good_backup, take_backup
from deadline_tui.storage.book import Tables, TaskRef
from deadline_tui.storage.bookfile import Version, damaged, parse_tables
from deadline_tui.storage.codec import RecordError, decode_task, encode_task
from deadline_tui.storage.desklog import SeriesAndLog
from deadline_tui.storage.lock import FileLock, LockTimeout
from deadline_tui.storage.validate import check_tables


class DeskBook(SeriesAndLog):
    """The desk book at ``path`` (see the module docstring). Use it from one thread.
    ``create``: a missing book reads as empty and is made by the first write."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 15.0,
        backups: BackupPolicy | None = None,
        create: bool = False,
    ) -> None:
        self.shown_path = Path(path)
        self.path = Path(path).resolve()  # a symlinked book is written through its link
        self._lock = FileLock(self.path.parent, timeout=lock_timeout)  # see storage.lock
        self._policy = backups or BackupPolicy()
        self._may_create = create
        self.created = False  # did this object make the book? (the caller says so)
        self._copy: tuple[Version, Tables] | None = None  # the one parsed copy
        self._decoded: dict[str, tuple[object, Task]] = {}
        self._snapshot: tuple[Tables, tuple[Task, ...]] | None = None
        self._from_cache: tuple[Version, taskcache.Copy] | None = None
        self._read_not_cached = False  # the parsed copy was read, and not yet cached
        self._pending: Tables | None = None  # the tables a batch is changing
        self._dirty = self._cleaned = False
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
        self._from_cache, self._read_not_cached = None, False

    # -- reading ---------------------------------------------------------------------------

    def version(self) -> Version:
        """The version on disk now."""
        found = bookfile.version_on_disk(self.path)
        if found is None:
            raise self._missing()
        return found

    def _missing(self) -> errors.DataError:
        """No book at the path; with backups of it, it was lost: never start empty then."""
        if not list_backups(self.path):
            return errors.DataError("book_missing", path=self.location)
        backup = str(newest_good_backup(self.path) or "-")
        return errors.DamagedDatabaseError("database_missing", path=self.location, backup=backup)

    def _parsed(self) -> Tables:
        """The parsed copy of the version on disk now, parsed again if that moved."""
        on_disk = bookfile.version_on_disk(self.path)
        if self._copy is not None and self._copy[0] == on_disk:
            return self._copy[1]
        read = bookfile.read_book(self.path)
        if read is None:
            if self._may_create and not list_backups(self.path):
                return schema.empty_tables()
            raise self._missing()
        with bulk_objects():  # 20.000 tasks: about a third less time with the GC paused
            self._copy = (read[0], parse_tables(read[1], self.path))
        self._read_not_cached = True
        if self._from_cache is not None and self._from_cache[0] == read[0]:
            # the same bytes the cached tasks came from: no record needs decoding again
            docs = self._copy[1].get(schema.TASKS, {})
            pairs = ((str(t.id), t) for t in self._from_cache[1].tasks)
            self._decoded = {key: (docs[key], t) for key, t in pairs if key in docs}
        return self._copy[1]

    def _tables(self) -> Tables:
        """The batch's tables while it runs, else the parsed copy (migrated if older)."""
        if self._pending is not None:
            return self._pending
        if schema.needs_migration(self._parsed(), self.location):
            with self.batch():
                pass  # _for_change migrates, after a forced backup
        return self._parsed()

    def _decode(self, key: str, doc: Any) -> Task:
        known = self._decoded.get(key)
        if known is not None and known[0] is doc:
            return known[1]
        try:
            task = decode_task(doc, int(key))
        except RecordError as error:
            raise errors.DamagedDatabaseError(
                "record_damaged", path=self.location, id=key, detail=error.detail
            ) from None
        self._decoded[key] = (doc, task)
        return task

    def _cached(self) -> taskcache.Copy | None:
        """The version on disk from the user's cache, when this process has not parsed
        that version (outside a batch only); else None."""
        on_disk = bookfile.version_on_disk(self.path)
        if self._pending is not None or on_disk is None:
            return None
        if self._copy is not None and self._copy[0] == on_disk:
            return None
        if self._from_cache is None or self._from_cache[0] != on_disk:
            with bulk_objects():  # as for parsing: 20.000 tasks load in 2/3 of the time
                found = taskcache.load(self.path, on_disk)
            self._from_cache = (on_disk, found) if found is not None else None
        return self._from_cache[1] if self._from_cache is not None else None

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order."""
        cached = self._cached()
        if cached is not None:
            return cached.tasks
        tables = self._tables()
        if self._snapshot is not None and self._snapshot[0] is tables:
            return self._snapshot[1]
        docs = tables.get(schema.TASKS, {})
        with bulk_objects():
            tasks = tuple(self._decode(key, docs[key]) for key in sorted(docs, key=int))
        if len(self._decoded) > len(docs):  # forget tasks deleted since
            self._decoded = {key: self._decoded[key] for key in docs if key in self._decoded}
        if len({task.uid for task in tasks}) != len(tasks):
            raise damaged(self.path, t("reason_uid_twice"))
        self._snapshot = (tables, tasks)
        if self._read_not_cached and self._copy is not None and self._copy[1] is tables:
            self._read_not_cached = False
            others = {name: table for name, table in tables.items() if name != schema.TASKS}
            taskcache.save(self.path, self._copy[0], taskcache.Copy(tasks, others))
        return tasks

    def _small_table(self, name: str) -> dict[str, Any]:
        """A table other than the tasks, to read: from the cached copy when there is one."""
        cached = self._cached()
        return (cached.others if cached is not None else self._tables()).get(name, {})

    def get(self, ref: TaskRef) -> Task:
        """The task with this id (a number or its digits) or uid; only it is decoded."""
        return self._find(ref)[1]

    def _find(self, ref: TaskRef) -> tuple[str, Task]:
        docs = self._tables().get(schema.TASKS, {})
        if isinstance(ref, int) or (ref.isascii() and ref.isdigit()):
            key: str | None = str(int(ref))
        else:
            key = next((k for k, doc in docs.items() if doc.get("uid") == ref), None)
        if key is None or key not in docs:
            raise errors.NotFoundError("task_not_found", ref=ref)
        return key, self._decode(key, docs[key])

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        bookfile.check_writable(self.path)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise errors.BusyError("database_busy", path=self.location) from None
        try:
            if not self._cleaned:
                bookfile.remove_leftover_temp_files(self.path)
                self._cleaned = True
            yield
        finally:
            self._lock.release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One locked, durable, all-or-nothing write of the changes made inside."""
        if self._pending is not None:  # nested: the outermost batch writes
            yield
            return
        if not self._may_create and not self.path.exists():
            raise self._missing()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._dirty = False
            self._pending = self._for_change()
            try:
                yield
                if self._dirty:
                    self._commit(self._pending)
            finally:
                self._pending = None

    def _for_change(self) -> Tables:
        """Copies of the tables as on disk now (under the lock), for a batch to change."""
        if self._may_create and not self.path.exists() and not list_backups(self.path):
            self.created = self._dirty = True
            return schema.empty_tables()
        current = self._parsed()
        if schema.needs_migration(current, self.location):
            take_backup(self.path, BackupPolicy(keep=1000), force=True)
            current, self._dirty = schema.migrate(current), True
        return {name: dict(table) for name, table in current.items()}

    def _commit(self, tables: Tables) -> None:
        meta = {**tables[schema.META][schema.META_DOC_ID], "generation": ""}
        meta["generation"] = bookfile.new_generation()  # first key: see bookfile.Version
        ordered = {schema.META: {schema.META_DOC_ID: meta}}
        ordered.update((name, table) for name, table in tables.items() if name != schema.META)
        take_backup(self.path, self._policy)
        bookfile.write_durably(self.path, orjson.dumps(ordered))
        self.writes += 1
        version = bookfile.version_on_disk(self.path)  # exact: we still hold the lock
        self._copy = (version, ordered) if version is not None else None
        self._read_not_cached = False  # a writer never spends time on the cache

    def _table(self, name: str) -> dict[str, Any]:
        """A table of the batch's tables, to change (inside :meth:`batch` only)."""
        assert self._pending is not None, "changes happen inside batch()"
        self._dirty = True
        return self._pending.setdefault(name, {})

    def _next_ids(self, count: int, at_least: int = 0) -> list[int]:
        record = dict(self._table(schema.META).get(schema.META_DOC_ID, {}))
        tasks = self._table(schema.TASKS)
        highest = max(int(record.get("last_id", 0)), max(map(int, tasks), default=0), at_least)
        record["last_id"] = highest + count
        self._table(schema.META)[schema.META_DOC_ID] = record
        return list(range(highest + 1, highest + 1 + count))

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one write; returns them with their ids."""
        with self.batch():
            known = {doc.get("uid") for doc in self._table(schema.TASKS).values()}
            uids = [task.uid for task in tasks]
            if known.intersection(uids) or len(set(uids)) != len(uids):
                raise ValueError(f"uid {sorted(known.intersection(uids))} is already stored")
            ids = self._next_ids(len(tasks))
            stored = [task._replace(id=i) for task, i in zip(tasks, ids, strict=True)]
            self._table(schema.TASKS).update((str(t.id), encode_task(t)) for t in stored)
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
                raise errors.ConflictError("task_changed_meanwhile", ref=ref)
            after = change(before)._replace(id=before.id, uid=before.uid)
            self._table(schema.TASKS)[key] = encode_task(after)
        return before, after

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id (undo of a change or a deletion)."""
        with self.batch():
            tasks = self._table(schema.TASKS)
            if any(d.get("uid") == task.uid and k != str(task.id) for k, d in tasks.items()):
                raise ValueError(f"uid {task.uid} is stored under another id")
            tasks[str(task.id)] = encode_task(task)
        return task

    def delete(self, ref: TaskRef) -> Task:
        """Remove a task for good; its id is never given out again."""
        with self.batch():
            key, task = self._find(ref)
            self._next_ids(0)  # the high-water mark keeps this id
            del self._table(schema.TASKS)[key]
        return task

    # -- the whole book ---------------------------------------------------------------------

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup (do not change them)."""
        return self._tables()

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what ``tables`` holds and the book lacks; refuses bad records whole
        (:class:`RecordError` naming the record and the field)."""
        check_tables(tables)
        incoming = tables.get(schema.TASKS, {})
        with self.batch():
            mine = self._table(schema.TASKS)
            uids = {doc.get("uid") for doc in mine.values()}
            fresh = [(key, doc) for key, doc in incoming.items() if doc["uid"] not in uids]
            # An incoming id keeps its number only if this book never gave it out: a
            # deleted task's id is never reused (undo of that deletion relies on it).
            meta = self._table(schema.META).get(schema.META_DOC_ID, {})
            given_out = max(int(meta.get("last_id", 0)), max(map(int, mine), default=0))
            mine.update((key, doc) for key, doc in fresh if int(key) > given_out)
            theirs = tables.get(schema.META, {}).get(schema.META_DOC_ID, {})
            renumber = [doc for key, doc in fresh if mine.get(key) is not doc]
            new_ids = self._next_ids(len(renumber), int(theirs.get("last_id") or 0))
            mine.update((str(i), doc) for i, doc in zip(new_ids, renumber, strict=True))
            for name, field in ((schema.SERIES, "uid"), (schema.REMINDER_LOG, "key")):
                have = {doc.get(field) for doc in self._table(name).values()}
                new = [doc for doc in tables.get(name, {}).values() if doc[field] not in have]
                self._upsert(name, field, new)
        return len(fresh), len(incoming) - len(fresh)

    def restore(self, backup: Path) -> Path | None:
        """Put the bytes of ``backup`` in place of the book (damaged or not) under the
        lock, after keeping the book as the newest backup (returned)."""
        read = bookfile.read_book(backup)
        try:
            check_tables(parse_tables(read[1] if read else b"", backup))
        except (RecordError, errors.DamagedDatabaseError) as error:
            raise errors.DataError(
                "backup_unreadable", path=str(backup), detail=str(error)
            ) from None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            keep = self._policy._replace(keep=max(self._policy.keep, 2))
            kept = take_backup(self.path, keep, force=True)
            bookfile.write_durably(self.path, read[1] if read else b"")
        self.close()
        return kept

    def backup_now(self) -> Path | None:
        """Take a backup now, whatever the interval (before imports and restores)."""
        with self.batch():
            return take_backup(self.path, self._policy, force=True)
