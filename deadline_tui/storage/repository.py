"""The task repository: domain objects in, domain objects out; TinyDB stays behind it.

Every read-modify-write runs under an inter-process file lock and inside one storage
transaction, so it is one durable write and no other process can interleave. TinyDB's
Table keeps a query cache and a next-id counter; both would go stale when another
process writes, so the query cache is sized 0 and ids come from a high-water mark in
the ``meta`` table read under the lock (which also means an id is never reused).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.task import Task
from deadline_tui.errors import BusyError, DamagedDatabaseError, NotFoundError
from deadline_tui.storage import opening, rowcache, schema
from deadline_tui.storage.backups import BackupPolicy, list_backups, newest_good_backup, take_backup
from deadline_tui.storage.codec import RecordError, decode_task, encode_task
from deadline_tui.storage.jsonstore import (
    SafeJSONStorage,
    Signature,
    Tables,
    new_generation,
    peek_generation,
    peek_meta,
)
from deadline_tui.storage.lock import FileLock, LockTimeout

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table

    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.domain.series import Series

TaskRef = int | str


class Snapshot(NamedTuple):
    """All tasks of one version of the book, with lookups by id and uid. ``version`` is
    the generation id (or file identity); None while a transaction has unsaved changes."""

    version: object
    tasks: tuple[Task, ...]
    by_id: dict[int, Task]
    by_uid: dict[str, Task]


def _document(doc: dict[str, Any], doc_id: int) -> Any:
    """A TinyDB document with its id. TinyDB, and the codecs of the series and the
    reminder log, are imported where first used: opening and reading the book (the
    TUI's first frame, every read-only command) need neither."""
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)


class TaskRepository:
    """The one way into the database. Not thread-safe: use it from one thread."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 15.0,
        backups: BackupPolicy | None = None,
    ) -> None:
        self.path = Path(path)
        self._lock_timeout = lock_timeout
        self._lock: FileLock | None = None  # made on first use: reading needs no lock
        self._storage = SafeJSONStorage(
            self.path,
            lock_held=lambda: self._lock is not None and self._lock.is_locked,
            backups=backups,
        )
        self._db: TinyDB | None = None  # made on the first write (see _table)
        self._snapshot: Snapshot | None = None
        self._cached_tables: tuple[rowcache.BookKey, dict[str, Any]] | None = None
        self._prepared = False
        self._cleaned = False
        # While True, a read that rebuilds the row cache leaves writing it to
        # write_deferred_cache (the TUI: after its first frame, not before it).
        self.defer_cache = False
        self._deferred_cache: tuple[rowcache.BookKey, list[Task], dict[str, Any]] | None = None
        # (version the row cache may hold, version on disk, the tasks changed in between)
        self._row_upkeep: tuple[rowcache.BookKey, rowcache.BookKey, dict[int, Task]] | None = None

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, **options: Any) -> TaskRepository:
        """Open (or create) the database at ``path``.

        A missing file is created, unless backups of it exist: then it was lost, and
        starting empty would hide that. An unreadable file raises
        :class:`DamagedDatabaseError` naming the newest good backup.
        """
        repo = cls(path, **options)
        repo._prepare()
        return repo

    def _prepare(self) -> None:
        # The meta record comes first in every file this storage writes: its schema
        # version is read from the head, so opening parses nothing (the tasks load when
        # first asked for, from the row cache when it matches).
        meta = peek_meta(self.path)
        if meta is not None and "generation" in meta:
            schema.needs_migration({schema.META: {schema.META_DOC_ID: meta}}, str(self.path))
            key = self._book_key()
            if (
                meta.get("schema") == schema.SCHEMA_VERSION
                and key
                and rowcache.matches(self.path, key)
            ):
                # This exact version was read and checked before (the cache was made from
                # it): nothing to parse now.
                self._prepared = True
                return
        tables = self._storage.read()
        if tables is not None and not schema.needs_migration(tables, str(self.path)):
            self._prepared = True
            return
        with self._locked():
            tables = self._storage.read()
            if tables is None:
                backup = newest_good_backup(self.path)
                if backup is not None or list_backups(self.path):
                    raise DamagedDatabaseError(
                        "database_missing", path=str(self.path), backup=str(backup or "-")
                    )
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._storage.write(schema.empty_tables())
            elif schema.needs_migration(tables, str(self.path)):
                take_backup(self.path, BackupPolicy(keep=1000), force=True)
                self._storage.write(schema.migrate(tables))
        self._prepared = True

    def close(self) -> None:
        """Bring the row cache up to date (see :meth:`settle_caches`) and release the file
        handle kept for the cache."""
        self.settle_caches()
        self._storage.close()

    # -- locking and transactions ------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            self._lock = FileLock(str(self.path) + ".lock", timeout=self._lock_timeout)
        try:
            self._lock.acquire()
        except LockTimeout as error:
            raise BusyError("database_busy", path=str(self.path)) from error
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one locked, durable write; all or nothing."""
        with self._locked(), self._storage.transaction():
            if not self._cleaned:
                self._storage.remove_leftover_temp_files()
                self._cleaned = True
            yield

    def _table(self, name: str) -> Table:
        if self._db is None:
            # Imported here: opening and reading (the TUI's first frame, every
            # read-only command) go through the storage and row cache alone.
            from tinydb import TinyDB

            self._db = TinyDB(storage=lambda: self._storage)
        table = self._db.table(name, cache_size=0)
        # TinyDB caches the Table and its next-id counter; another process may have
        # inserted since, so documents inserted without an id (series, reminder log)
        # must get one counted from the data read under the lock, not from the cache.
        table._next_id = None
        return table

    def _raw(self, name: str) -> dict[str, Any]:
        # The small tables (series, reminder log) come from the row cache when it holds
        # the version on disk: reading the reminder log then needs no JSON parse.
        cached = self._cached_tables
        if name != schema.TASKS and cached is not None and cached[0] == self._key_on_disk():
            table: dict[str, Any] = cached[1].get(name, {})
            return table
        current = self._storage.read() or {}
        return current.get(name, {})

    # -- reading ---------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The file's identity on disk now (inode, size, mtime)."""
        return self._storage.signature()

    def _book_key(self) -> rowcache.BookKey | None:
        """(generation id, size) of the file on disk now, from its head and a stat."""
        generation = peek_generation(self.path)
        if generation is None:
            return None
        try:
            return generation, os.stat(self.path).st_size
        except OSError:
            return None

    def _key_on_disk(self) -> rowcache.BookKey | None:
        """The version on disk, unless this repository holds unwritten changes (then no
        cache or kept view can describe what it would read)."""
        return None if self._storage.has_pending() else self._book_key()

    def version(self) -> object:
        """Which version of the book is on disk now: its generation id and size (stamped on
        every write), else its file identity. Cheap: compare it to notice other processes'
        writes."""
        return self._book_key() or self._storage.signature()

    def _remember_snapshot(self, version: object, tasks: Sequence[Task]) -> Snapshot:
        frozen = tuple(tasks)
        snapshot = Snapshot(version, frozen, {t.id: t for t in frozen}, {t.uid: t for t in frozen})
        self._snapshot = snapshot
        return snapshot

    def snapshot(self) -> Snapshot:
        """All tasks, decoded once per version: from the row cache when it matches the file,
        else from the file (which then refreshes the cache)."""
        key = self._key_on_disk()
        if key is not None:
            if self._snapshot is not None and self._snapshot.version == key:
                return self._snapshot
            cached = rowcache.load(self.path, key)
            if cached is not None:
                self._cached_tables = (key, cached[1])
                return self._remember_snapshot(key, cached[0])
        tables = self._storage.read() or {}
        version = None if self._storage.has_pending() else self._key_of_read(tables)
        if self._snapshot is not None and version is not None and self._snapshot.version == version:
            return self._snapshot
        with bulk_objects():
            raw = tables.get(schema.TASKS, {})
            tasks = [self._decode(doc, int(doc_id)) for doc_id, doc in raw.items()]
        if isinstance(version, tuple) and isinstance(version[0], str):
            others = {name: table for name, table in tables.items() if name != schema.TASKS}
            if self.defer_cache:
                self._deferred_cache = (version, tasks, others)
            else:
                rowcache.store(self.path, version, tasks, others)
            self._cached_tables = (version, others)
        return self._remember_snapshot(version, tasks)

    def write_deferred_cache(self) -> bool:
        """Write the row cache a read left for later (see ``defer_cache``), if the book on
        disk is still the version it was made from; True if written. Caching stops being
        deferred."""
        self.defer_cache = False
        deferred, self._deferred_cache = self._deferred_cache, None
        if deferred is None or self._key_on_disk() != deferred[0]:
            return False
        rowcache.store(self.path, *deferred)
        return True

    def opening(self, day: date, variant: int) -> tuple[list[Task], Any] | None:
        """The opening view kept for the version on disk now (see storage.opening)."""
        key = self._key_on_disk()
        return opening.load(self.path, key, day, variant) if key is not None else None

    def has_opening(self, day: date, variant: int) -> bool:
        """Is an opening view kept for the version on disk now? (reads only headers)"""
        key = self._key_on_disk()
        return key is not None and opening.is_kept(self.path, key, day, variant)

    def keep_opening(
        self, version: object, day: date, variant: int, tasks: Sequence[Task], extra: Any
    ) -> None:
        """Keep the opening view computed from snapshot ``version`` (a stamped version only)."""
        if isinstance(version, tuple) and len(version) == 2 and isinstance(version[0], str):
            opening.store(self.path, version, day, variant, tasks=tasks, extra=extra)

    def _key_of_read(self, tables: Tables) -> object:
        """The version of the data the storage last read: (generation, exact size of the
        bytes parsed) for a stamped file, else the file identity."""
        signature = self._storage.cached_signature()
        generation = schema.generation_of(tables)
        if generation is not None and signature is not None:
            return generation, signature[2]
        return signature

    def _decode(self, doc: dict[str, Any], doc_id: int) -> Task:
        try:
            return decode_task(doc, doc_id)
        except RecordError as error:
            raise DamagedDatabaseError(
                "record_damaged", path=str(self.path), id=doc_id, detail=error.detail
            ) from error

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in the order stored: by id, except that a deleted task put back
        (undo) comes last."""
        return self.snapshot().tasks

    def get(self, ref: TaskRef) -> Task:
        """The task with this id (a number) or uid; :class:`NotFoundError` otherwise."""
        snapshot = self.snapshot()
        found: Task | None
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            found = snapshot.by_id.get(int(ref))
        else:
            found = snapshot.by_uid.get(ref)
        if found is None:
            raise NotFoundError("task_not_found", ref=ref)
        return found

    # -- writing tasks -----------------------------------------------------------------

    def _locate(self, ref: TaskRef) -> tuple[int, dict[str, Any]]:
        """The stored document of a task, read from the current data (under the lock)."""
        docs = self._raw(schema.TASKS)
        if isinstance(ref, int) or ref.isdigit():
            doc = docs.get(str(int(ref)))
            if doc is not None:
                return int(ref), doc
        else:
            for doc_id, doc in docs.items():
                if doc.get("uid") == ref:
                    return int(doc_id), doc
        raise NotFoundError("task_not_found", ref=ref)

    def _next_ids(self, count: int) -> list[int]:
        meta_doc = self._raw(schema.META).get(schema.META_DOC_ID, {})
        existing = self._raw(schema.TASKS)
        highest = max(int(meta_doc.get("last_id", 0)), max(map(int, existing), default=0))
        ids = list(range(highest + 1, highest + 1 + count))
        meta = {**meta_doc, "last_id": ids[-1] if ids else highest}
        self._table(schema.META).upsert(_document(meta, int(schema.META_DOC_ID)))
        return ids

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one write; returns them with their ids."""
        if not tasks:
            return []
        with self.batch():
            known = {doc.get("uid") for doc in self._raw(schema.TASKS).values()}
            clash = next((t.uid for t in tasks if t.uid in known), None)
            if clash is not None:
                raise ValueError(f"uid {clash} is already stored")
            stored = [
                task._replace(id=doc_id)
                for task, doc_id in zip(tasks, self._next_ids(len(tasks)), strict=True)
            ]
            self._table(schema.TASKS).insert_multiple(
                _document(encode_task(task), task.id) for task in stored
            )
        return stored

    def add(self, task: Task) -> Task:
        """Store a new task; returns it with its id."""
        return self.add_many([task])[0]

    def update(self, ref: TaskRef, change: Callable[[Task], Task]) -> tuple[Task, Task]:
        """Apply ``change`` to the stored task under the lock; returns (before, after).

        ``change`` sees the task as it is on disk now, not as this process last saw it.
        """
        with self.batch():
            changed = self._update_in_bytes(ref, change)
            if changed is not None:
                return changed
            doc_id, doc = self._locate(ref)
            before = self._decode(doc, doc_id)
            after = change(before)._replace(id=doc_id, uid=before.uid)
            self._table(schema.TASKS).update(encode_task(after), doc_ids=[doc_id])
        return before, after

    def _update_in_bytes(
        self, ref: TaskRef, change: Callable[[Task], Task]
    ) -> tuple[Task, Task] | None:
        """:meth:`update` without parsing or re-encoding the other tasks (storage.splice),
        for a version of the file known to be whole: the row cache, the snapshot or the
        parsed cache was made from it, or this repository wrote it so. Only as the one
        change of its transaction (a batch writes all its changes at once). None: take
        the ordinary path."""
        if not self._storage.alone_in_transaction():
            return None
        import orjson

        from deadline_tui.storage import splice

        read = self._storage.read_bytes()
        if read is None:
            return None
        raw, signature = read
        head = splice.generation_span(raw)
        if head is None:
            return None
        key = (raw[head[0] : head[1]].decode("ascii"), len(raw))
        snapshot = self._snapshot
        known_whole = (
            (snapshot is not None and snapshot.version == key)
            or (self._row_upkeep is not None and self._row_upkeep[1] == key)  # (we wrote it)
            or self._storage.cached_signature() == signature
            or rowcache.matches(self.path, key)
        )
        span = splice.task_span(raw, ref) if known_whole else None
        if span is None:
            return None
        try:
            doc = orjson.loads(raw[span.start : span.end])
        except orjson.JSONDecodeError:
            return None
        if not isinstance(doc, dict):
            return None
        before = self._decode(doc, span.doc_id)
        after = change(before)._replace(id=span.doc_id, uid=before.uid)
        document = encode_task(after)
        generation = new_generation()
        payload = splice.spliced(raw, span, orjson.dumps(document), generation)
        if payload is None:
            return None

        def bring_up_to_date(tables: Tables) -> None:
            tables[schema.TASKS][str(span.doc_id)] = document
            schema.set_generation(tables, generation)

        self._storage.commit_bytes(payload, base=signature, change=bring_up_to_date)
        self._carry_caches(key, (generation, sum(map(len, payload))), after)
        return before, after

    def _carry_caches(self, old: rowcache.BookKey, new: rowcache.BookKey, task: Task) -> None:
        """After one task changed in the bytes, bring what this repository holds of version
        ``old`` to version ``new`` instead of reading the book again; the row cache file
        follows at :meth:`close` (see :meth:`settle_caches`)."""
        snapshot = self._snapshot
        if snapshot is not None and snapshot.version == old:
            tasks = [task if t.id == task.id else t for t in snapshot.tasks]
            self._remember_snapshot(new, tasks)
        cached = self._cached_tables
        if cached is not None and cached[0] == old:
            schema.set_generation(cached[1], new[0])
            self._cached_tables = (new, cached[1])
        # The changes chain only while each starts from the version the last one wrote:
        # after another process's write in between, the cache is made from that version.
        previous = self._row_upkeep
        if previous is not None and previous[1] == old:
            base, changed = previous[0], previous[2]
        else:
            base, changed = old, {}
        changed[task.id] = task
        self._row_upkeep = (base, new, changed)

    def settle_caches(self) -> None:
        """Bring the row cache to the version this repository's in-byte changes made (a
        patch of the changed rows beside it, see rowcache.advance), if the cache on disk
        is of the version they started from; else it is left alone (it is stale, or
        another process made a newer one)."""
        upkeep, self._row_upkeep = self._row_upkeep, None
        if upkeep is not None and self._book_key() == upkeep[1]:
            rowcache.advance(self.path, upkeep[0], upkeep[1], upkeep[2])

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id (used to undo a change or a deletion)."""
        with self.batch():
            # Undoing a change replaces a stored task: in the bytes, as update does (ids
            # are never reused, so the task stored under this id is this one).
            if self._update_in_bytes(task.id, lambda _stored: task):
                return task
            self._table(schema.TASKS).upsert(_document(encode_task(task), task.id))
        return task

    def delete(self, ref: TaskRef) -> Task:
        """Remove a task for good; returns what was removed (its id is never reused)."""
        with self.batch():
            doc_id, doc = self._locate(ref)
            task = self._decode(doc, doc_id)
            self._table(schema.TASKS).remove(doc_ids=[doc_id])
        return task

    # -- series ------------------------------------------------------------------------

    def series(self) -> list[Series]:
        """Every recurring series."""
        from deadline_tui.storage.records import decode_series  # (see _document)

        return [decode_series(doc) for doc in self._raw(schema.SERIES).values()]

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid); call inside :meth:`batch` with its tasks."""
        from deadline_tui.storage.records import encode_series

        with self.batch():
            table = self._table(schema.SERIES)
            for doc_id, doc in self._raw(schema.SERIES).items():
                if doc.get("uid") == series.uid:
                    table.upsert(_document(encode_series(series), int(doc_id)))
                    return
            table.insert(encode_series(series))

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; returns how many tasks went."""
        with self.batch():
            series_ids = [
                int(i)
                for i, doc in self._raw(schema.SERIES).items()
                if doc.get("uid") == series_uid
            ]
            task_ids = [
                int(i)
                for i, doc in self._raw(schema.TASKS).items()
                if doc.get("series_uid") == series_uid
            ]
            if series_ids:
                self._table(schema.SERIES).remove(doc_ids=series_ids)
            if task_ids:
                self._table(schema.TASKS).remove(doc_ids=task_ids)
        return len(task_ids)

    # -- reminder log --------------------------------------------------------------------

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        from deadline_tui.storage.records import decode_delivery

        return {doc["key"]: decode_delivery(doc) for doc in self._raw(schema.REMINDER_LOG).values()}

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records (by key); call inside :meth:`batch`."""
        from deadline_tui.storage.records import encode_delivery

        with self.batch():
            table = self._table(schema.REMINDER_LOG)
            by_key = {
                doc["key"]: int(doc_id) for doc_id, doc in self._raw(schema.REMINDER_LOG).items()
            }
            replacing: dict[str, dict[str, Any]] = {}
            new: dict[str, dict[str, Any]] = {}
            for record in records:
                (replacing if record.key in by_key else new)[record.key] = encode_delivery(record)

            def replace(doc: MutableMapping[Any, Any]) -> None:
                stored = replacing[doc["key"]]
                doc.clear()
                doc.update(stored)

            # One table update for all of them: TinyDB rebuilds the whole table per call,
            # so one upsert per record was quadratic (minutes for a first run at 100.000
            # tasks with 18.000 overdue reminders to settle).
            if replacing:
                table.update(replace, doc_ids=[by_key[key] for key in replacing])
            if new:
                table.insert_multiple(new.values())

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim whose delivery failed on every channel)."""
        wanted = set(keys)
        with self.batch():
            doc_ids = [
                int(i) for i, doc in self._raw(schema.REMINDER_LOG).items() if doc["key"] in wanted
            ]
            if doc_ids:
                self._table(schema.REMINDER_LOG).remove(doc_ids=doc_ids)

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """The log records of one task, oldest first."""
        from deadline_tui.storage.records import decode_delivery

        found = [
            decode_delivery(doc)
            for doc in self._raw(schema.REMINDER_LOG).values()
            if doc.get("uid") == uid
        ]
        return sorted(found, key=lambda record: record.at)

    # -- whole-file operations -------------------------------------------------------------

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what a backup holds and this database lacks: tasks by uid (keeping their ids
        when free), series by uid, reminder-log records by key. Returns (added, skipped).

        Every incoming task is decoded first (raising :class:`RecordError`), so a damaged
        backup changes nothing.
        """
        incoming = tables.get(schema.TASKS, {})
        for doc_id, doc in incoming.items():
            decode_task(doc, int(doc_id))
        added = skipped = 0
        with self.batch():
            current = self._raw(schema.TASKS)
            uids = {doc.get("uid") for doc in current.values()}
            fresh = [
                (int(doc_id), doc) for doc_id, doc in incoming.items() if doc.get("uid") not in uids
            ]
            skipped = len(incoming) - len(fresh)
            taken = {int(doc_id) for doc_id in current}
            keep = [(doc_id, doc) for doc_id, doc in fresh if doc_id not in taken]
            renumber = [doc for doc_id, doc in fresh if doc_id in taken]
            documents = [_document(doc, doc_id) for doc_id, doc in keep]
            meta_doc = self._raw(schema.META).get(schema.META_DOC_ID, {})
            highest = max(
                [int(meta_doc.get("last_id", 0)), *taken, *(d for d, _ in keep)], default=0
            )
            incoming_meta = tables.get(schema.META, {}).get(schema.META_DOC_ID, {})
            highest = max(highest, int(incoming_meta.get("last_id", 0) or 0))
            for doc in renumber:
                highest += 1
                documents.append(_document(doc, highest))
            self._table(schema.META).upsert(
                _document({**meta_doc, "last_id": highest}, int(schema.META_DOC_ID))
            )
            if documents:
                self._table(schema.TASKS).insert_multiple(documents)
            added = len(documents)
            for name, key in ((schema.SERIES, "uid"), (schema.REMINDER_LOG, "key")):
                have = {doc.get(key) for doc in self._raw(name).values()}
                new = [doc for doc in tables.get(name, {}).values() if doc.get(key) not in have]
                if new:
                    self._table(name).insert_multiple(new)
        return added, skipped

    def raw_tables(self) -> Tables:
        """A copy-free view of everything stored (for the JSON backup export)."""
        return self._storage.read() or {}

    def backup_now(self) -> Path | None:
        """Take a backup regardless of the interval (before imports and restores)."""
        with self._locked():
            return take_backup(
                self.path, BackupPolicy(keep=self._storage.backup_keep()), force=True
            )

    @property
    def durable_writes(self) -> int:
        """How many durable writes this repository made (tests and benchmarks)."""
        return self._storage.writes
