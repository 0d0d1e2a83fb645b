"""The desk book: a :class:`~deadline_tui.storage.book.TaskBook` in one TinyDB-format JSON file.

- TinyDB's layout, read and written with orjson, one record per line, the meta record
  (generation id first) alone on the first line (storage.bookfile).
- One copy per process, keyed on the file's exact version: its bytes and, once needed,
  its parsed tables. Every read compares the version on disk first (a stat and 64
  bytes); a racy version is compared by bytes (storage.racy). A record decodes once.
- A reader that decoded the whole book leaves the tasks in the user's cache
  (storage.taskcache, same key); a reader of a version not parsed here loads them.
- Every change runs in :meth:`DeskBook.batch`: lock, the file as it is now, a backup, one
  durable write; an exception inside leaves the file and the copy as they were.
- Never written over damage: a change is made only to a version *known whole* (every
  record decodes, no uid twice), checked or written here, or noted whole by a writer
  (taskcache.mark_whole). Any other version is checked first; damage is refused by reads
  and writes alike, naming the newest good backup.
- A change to a few tasks of a known-whole book is spliced into its bytes
  (storage.deskchange); series, log, merge and migration changes are written whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from deadline_tui import errors
from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.domain.task import Task
from deadline_tui.i18n import t
from deadline_tui.storage import backups, bookfile, racy, schema, taskcache
from deadline_tui.storage.backups import BackupPolicy, list_backups, take_backup
from deadline_tui.storage.book import Tables, TaskRef, refuse_if_changed
from deadline_tui.storage.bookfile import Version, damaged, parse_tables
from deadline_tui.storage.codec import RecordError, decode_task, encode_task
from deadline_tui.storage.deskchange import Change
from deadline_tui.storage.desklog import SeriesAndLog
from deadline_tui.storage.lock import FileLock, LockTimeout


class _Copy(NamedTuple):
    """This process's copy of one version of the book."""

    version: Version
    raw: bytearray  # (a splice changes it in place: see _commit)
    tables: Tables | None  # None until something needed them parsed
    seen_ns: int  # when the bytes were taken (storage.racy)


class DeskBook(SeriesAndLog):
    """The desk book at ``path`` (module docstring); one thread. ``create``: a missing
    book reads as empty and is made by the first write."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 15.0,
        backups: BackupPolicy | None = None,
        create: bool = False,
    ) -> None:
        self.location = str(path)  # the book's path as given, for messages
        self.path = Path(path).resolve()  # a symlinked book is written through its link
        self._lock = FileLock(self.path.parent, timeout=lock_timeout)  # see storage.lock
        self._policy = backups or BackupPolicy()
        self._may_create = create
        self.created = False  # did this object make the book? (the caller says so)
        self._copy: _Copy | None = None  # the one copy of the book
        self._whole: Version | None = None  # the version known whole and spliceable
        self._decoded: dict[str, tuple[object, Task]] = {}
        self._snapshot: tuple[Tables, tuple[Task, ...]] | None = None
        self._from_cache: tuple[Version, taskcache.Copy] | None = None
        self._read_not_cached = False  # the parsed copy was read, and not yet cached
        self._pending: Change | None = None  # what a running batch changes
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

    def close(self) -> None:
        """Drop the copy (no file or lock is held between calls)."""
        self._copy, self._whole, self._snapshot, self._decoded = None, None, None, {}
        self._from_cache, self._read_not_cached = None, False

    # -- reading ---------------------------------------------------------------------------

    def version(self) -> Version:
        """The version on disk now; other bytes under the racy version this process
        holds (storage.racy) get a token of their own, so a polling view sees them."""
        found = bookfile.version_on_disk(self.path)
        if found is None:
            raise backups.missing(self.path, self.location)
        held = self._copy
        if held is not None and held.version == found and self._racy():
            current = self._current()
            if current is not None and current.raw is not held.raw:
                return found._replace(generation=f"{found.generation}~{racy.now_ns()}")
        return found

    def _current(self) -> _Copy | None:
        """The copy of the version on disk now (read again if that moved, or if it is racy:
        then kept if the bytes are the same); None: no file."""
        held = self._copy
        if held is None or held.version != bookfile.version_on_disk(self.path) or self._racy():
            seen, read = racy.now_ns(), bookfile.read_book(self.path)
            if held is not None and read == (held.version, held.raw):
                self._copy = held._replace(seen_ns=seen)  # still the bytes we hold
            else:
                if held is not None and read is not None and read[0] == held.version:
                    self._whole = self._from_cache = None  # same version, other bytes
                self._copy = _Copy(read[0], read[1], None, seen) if read is not None else None
        return self._copy

    def _racy(self) -> bool:  # is the held copy's version to be compared by content?
        copy = self._copy
        return copy is not None and racy.racy(copy.version.ctime_ns, copy.seen_ns, self.path)

    def _parsed(self) -> Tables:
        """The parsed tables of the version on disk now."""
        copy = self._current()
        if copy is None:
            if self._may_create and not list_backups(self.path):
                return schema.empty_tables()
            raise backups.missing(self.path, self.location)
        if copy.tables is not None:
            return copy.tables
        with bulk_objects():  # 20.000 tasks: about a third less time with the GC paused
            self._copy = copy._replace(tables=parse_tables(copy.raw, self.path))
        self._read_not_cached = True
        return self._copy.tables or {}

    def _tables(self) -> Tables:
        """The batch's whole tables while it runs, else the parsed copy (migrated if older)."""
        if self._pending is not None:
            return self._pending.whole()
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
        """The version on disk from the user's cache (outside a batch only), unless this
        process parsed that version and holds no cached copy of it; else None."""
        on_disk = bookfile.version_on_disk(self.path)
        if self._pending is not None or on_disk is None:
            return None
        if self._copy is not None and self._copy.version == on_disk and self._racy():
            self._current()  # the bytes compared: another's same-tick write drops _from_cache
        if self._from_cache is not None and self._from_cache[0] == on_disk:
            return self._from_cache[1]  # (even if it parsed it since: decoded already)
        if self._copy is not None and self._copy.version == on_disk and self._copy.tables:
            return None
        with bulk_objects():  # as for parsing: 20.000 tasks load in 2/3 of the time
            found = taskcache.load(self.path, on_disk)
        self._from_cache = (on_disk, found) if found is not None else None
        return found

    def tasks(self) -> tuple[Task, ...]:
        """Every task, in id order."""
        cached = self._cached()
        if cached is not None:
            return cached.tasks
        tables = self._tables()
        tasks = self._all_tasks(tables)
        copy = self._copy
        if self._read_not_cached and copy and copy.tables is tables and not self._racy():
            self._read_not_cached = False
            others = {name: table for name, table in tables.items() if name != schema.TASKS}
            taskcache.save(self.path, copy.version, taskcache.Copy(tasks, others))
        return tasks

    def _all_tasks(self, tables: Tables) -> tuple[Task, ...]:
        """Every task of ``tables`` decoded (a damaged record or a uid twice refuses)."""
        if self._pending is None and self._snapshot and self._snapshot[0] is tables:
            return self._snapshot[1]
        docs = tables.get(schema.TASKS, {})
        with bulk_objects():
            tasks = tuple(self._decode(key, docs[key]) for key in sorted(docs, key=int))
        if len(self._decoded) > len(docs):  # forget tasks deleted since
            self._decoded = {key: self._decoded[key] for key in docs if key in self._decoded}
        if len({task.uid for task in tasks}) != len(tasks):
            raise damaged(self.path, t("reason_uid_twice"))
        self._snapshot = (tables, tasks)
        return tasks

    def _small_table(self, name: str) -> dict[str, Any]:
        """A table other than the tasks, to read: from the cached copy when there is one."""
        cached = self._cached()
        return (cached.others if cached is not None else self._tables()).get(name, {})

    def get(self, ref: TaskRef) -> Task:
        """The task with this id (a number or its digits) or uid; only it is decoded."""
        return self._find(ref)[1]

    def _find(self, ref: TaskRef) -> tuple[str, Task]:
        key = str(int(ref)) if isinstance(ref, int) or (ref.isascii() and ref.isdigit()) else None
        if self._pending is not None:  # in a batch: the record alone (see Change.record)
            key = key if key is not None else self._pending.key_of(str(ref))
            doc = self._pending.record(key) if key is not None else None
        else:
            docs = self._tables().get(schema.TASKS, {})
            uids = (k for k, d in docs.items() if d.get("uid") == ref)
            key = key if key is not None else next(uids, None)
            doc = docs.get(key) if key is not None else None
        if key is None or doc is None:
            raise errors.NotFoundError("task_not_found", ref=ref)
        return key, self._decode(key, doc)

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
            raise backups.missing(self.path, self.location)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._pending = self._for_change()
            try:
                yield
                if self._pending.dirty:
                    self._commit(self._pending)
            finally:
                self._pending = None

    def _for_change(self) -> Change:
        """The book as on disk now (under the lock), for a batch to change; a version not
        known whole is parsed and every record checked first (damage refuses)."""
        if self._may_create and not self.path.exists() and not list_backups(self.path):
            self.created = True
            change = Change(bytearray(), schema.empty_tables(), spliceable=False, path=self.path)
            change.dirty = True
            return change
        copy = self._current()
        if copy is None:
            raise backups.missing(self.path, self.location)
        if self._whole == copy.version or taskcache.is_whole(self.path, copy.version, copy.raw):
            meta = bookfile.head_meta(copy.raw)
            if not schema.needs_migration({schema.META: {"1": meta}}, self.location):
                self._whole = copy.version  # (an older schema's file is never noted whole)
                return Change(copy.raw, copy.tables, spliceable=True, path=self.path)
        tables = self._parsed()
        if schema.needs_migration(tables, self.location):
            take_backup(self.path, BackupPolicy(keep=1000), force=True)
            change = Change(copy.raw, schema.migrate(tables), spliceable=False, path=self.path)
            self._all_tasks(change.whole())  # every record decodes, no uid twice: or refused
            change.dirty = True
            return change
        self._all_tasks(tables)  # every record decodes, no uid twice: else refused
        layout = bookfile.in_layout(copy.raw, tables)
        self._whole = copy.version if layout else None
        return Change(copy.raw, tables, spliceable=layout, path=self.path)

    def _commit(self, change: Change) -> None:
        try:
            payload, tables = change.payload()
            take_backup(self.path, self._policy)
            seen = racy.now_ns()
            version = bookfile.replace_book(self.path, payload)  # None: not ours any more
            if change.bulk:  # (noted under the lock, after the write: see desklog)
                backups.back_up_next_change(self.path)
        except BaseException:
            self._copy = None  # its bytes may hold the splice that was not written
            raise
        self.writes += 1
        base, self._copy = self._copy, _Copy(version, payload, tables, seen) if version else None
        self._whole, self._read_not_cached = version, False  # a writer never fills the cache
        if base is not None:
            self._carry_cached(change, base.version, version)
        if version is not None:
            taskcache.mark_whole(self.path, version, payload if self._racy() else None)

    def _carry_cached(self, change: Change, old: Version, new: Version | None) -> None:
        """Tasks loaded from the user's cache for the old version stay this process's
        (the TUI changes a book it never parsed: its next read must not decode 20.000)."""
        cached, self._from_cache = self._from_cache, None
        if cached is None or cached[0] != old or new is None:
            return
        if change.tables is None:
            changed = change.changed.items()
            tasks = {int(k): None if d is None else self._decode(k, d) for k, d in changed}
            self._from_cache = (new, taskcache.changed(cached[1], tasks, change.meta))
        elif change.parsed is not None:  # written whole: its unchanged records are decoded
            docs = change.parsed.get(schema.TASKS, {})
            pairs = ((str(task.id), task) for task in cached[1].tasks)
            self._decoded = {key: (docs[key], task) for key, task in pairs if key in docs}

    def _change(self) -> Change:
        assert self._pending is not None, "changes happen inside batch()"
        return self._pending

    def add_many(self, tasks: Sequence[Task]) -> list[Task]:
        """Store new tasks in one write; returns them with their ids."""
        with self.batch():
            change = self._change()
            if len(tasks) > 1:  # a series' occurrences: its save_series writes whole anyway
                change.whole()
            uids = [task.uid for task in tasks]
            taken = sorted(uid for uid in set(uids) if change.key_of(uid) is not None)
            if taken or len(set(uids)) != len(uids):
                raise ValueError(f"uid {taken} is already stored")
            ids = change.next_ids(len(tasks))
            stored = [task._replace(id=i) for task, i in zip(tasks, ids, strict=True)]
            for task in stored:
                change.store(str(task.id), encode_task(task))
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
            refuse_if_changed(before, expected)
            after = change(before)._replace(id=before.id, uid=before.uid)
            self._change().store(key, encode_task(after))
        return before, after

    def put(self, task: Task) -> Task:
        """Write ``task`` back under its own id (undo of a change or a deletion)."""
        with self.batch():
            if self._change().key_of(task.uid) not in (None, str(task.id)):
                raise ValueError(f"uid {task.uid} is stored under another id")
            self._change().store(str(task.id), encode_task(task))
        return task

    def delete(self, ref: TaskRef, *, expected: Task | None = None) -> Task:
        """Remove a task for good; its id is never given out again. See TaskBook."""
        with self.batch():
            key, task = self._find(ref)
            refuse_if_changed(task, expected)
            self._change().next_ids(0)  # the high-water mark keeps this id
            self._change().store(key, None)
        return task

    def export_tables(self) -> Tables:
        """Everything stored, as the tables of a ``.json`` backup (do not change them)."""
        return self._tables()
