"""A crash-safe TinyDB storage: atomic replace, fsync, backups, and a cache that is never stale.

TinyDB's stock ``JSONStorage`` truncates the file and writes it in place, so a process
killed mid-write leaves a broken file, and two processes overwrite each other. Here:

* every write goes to a temporary file in the same directory, is fsynced, replaces the
  database with ``os.replace`` and fsyncs the directory, so the file on disk is always
  either the old or the new version;
* writes happen only while the caller holds the inter-process lock (checked);
* a transaction collects several TinyDB operations into one durable write;
* parsed data is cached per file version. A version is identified by the file's inode,
  size and mtime; the file we last read stays open, so its inode cannot be recycled for
  a newer version and the identity is exact across processes.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from deadline_tui.domain.bulk import bulk_objects
from deadline_tui.errors import DamagedDatabaseError
from deadline_tui.storage.backups import BackupPolicy, newest_good_backup, take_backup
from deadline_tui.storage.schema import META, META_DOC_ID, TASKS

Tables = dict[str, dict[str, Any]]
Signature = tuple[int, int, int, int]


def file_signature(stat: os.stat_result) -> Signature:
    """Identity of one version of the database file."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def damaged(path: Path, reason: str) -> DamagedDatabaseError:
    """The error for an unreadable database: names the file and the newest good backup."""
    backup = newest_good_backup(path)
    if backup is None:
        return DamagedDatabaseError("database_damaged_no_backup", path=str(path), reason=reason)
    return DamagedDatabaseError(
        "database_damaged", path=str(path), reason=reason, backup=str(backup)
    )


def fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The meta record at the head of every file this storage writes (group 1: the record).
META_HEAD = re.compile(rb'^\{"meta":\{"1":(\{[^{}]*\})')


def new_generation() -> str:
    """A fresh generation id: 16 hex digits (64 random bits)."""
    return os.urandom(8).hex()


def stamp_generation(data: Tables) -> None:
    """Give the version about to be written a fresh random id, in the meta record, which
    goes first in the file: readers can then tell versions apart from the first bytes
    alone (timestamps and inode numbers can repeat; 64 random bits do not). The tasks
    table goes last, so one task can be changed in the bytes (storage.splice)."""
    meta = data.get(META, {}).get(META_DOC_ID)
    if not isinstance(meta, dict):
        return  # a file without our meta table (its migration adds one)
    meta["generation"] = new_generation()
    names = list(data)
    if names[0] != META or (TASKS in data and names[-1] != TASKS):
        middle = {k: v for k, v in data.items() if k not in (META, TASKS)}
        reordered = {META: data[META], **middle}
        if TASKS in data:
            reordered[TASKS] = data[TASKS]
        data.clear()  # same dict object: TinyDB and the cache hold it
        data.update(reordered)
    if TASKS in data:
        meta["tasks_last"] = True


def peek_meta(path: Path) -> dict[str, Any] | None:
    """The meta record (schema version, generation id, id high-water mark) of the file's
    current version, read from its first bytes; None if the file does not start with it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    match = META_HEAD.match(head)
    if match is None:
        return None
    try:
        # The standard library parses these few bytes: opening a book whose row cache
        # matches then never loads orjson (~5 ms of a TUI start).
        meta = json.loads(match.group(1))
    except ValueError:  # json.JSONDecodeError, or bytes that are not UTF-8
        return None
    return meta if isinstance(meta, dict) else None


def peek_generation(path: Path) -> str | None:
    """The generation id of the file's current version, read from its first bytes."""
    meta = peek_meta(path)
    generation = meta.get("generation") if meta else None
    return generation if isinstance(generation, str) else None


def parse_tables(raw: bytes, path: Path) -> Tables:
    """Parse the file's bytes; anything but an object of tables is a damaged file."""
    if not raw or raw.isspace():  # (not raw.strip(): that copies the whole file)
        raise damaged(path, "empty")
    import orjson  # here, not at the top: see peek_meta

    try:
        with bulk_objects():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise damaged(path, f"JSON: {error}") from error
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise damaged(path, "not a TinyDB file")
    return data


class SafeJSONStorage:
    """The storage TinyDB writes through (it needs only read, write and close, so this
    does not import TinyDB: reading a book that is not changed never loads it). See the
    module docstring for the guarantees."""

    def __init__(
        self,
        path: Path,
        *,
        lock_held: Callable[[], bool],
        backups: BackupPolicy | None = None,
    ) -> None:
        self.path = path
        self._lock_held = lock_held
        self._backups = backups or BackupPolicy()
        self._cached: tuple[Signature, Tables] | None = None
        self._retired: object = None  # the cache at close(), see there
        self._held_fd: int | None = None
        self._pending: Tables | None = None
        self._depth = 0
        self.writes = 0  # durable writes made by this instance (used by tests and benches)

    # -- reading ---------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The current file version's identity, or None if there is no file."""
        try:
            return file_signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def read(self) -> Tables | None:
        """The database content; TinyDB calls this before every operation."""
        if self._pending is not None:
            return self._pending
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        keep_fd = False
        try:
            signature = file_signature(os.fstat(fd))
            if self._cached is not None and self._cached[0] == signature:
                return self._cached[1]
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read()
            data = parse_tables(raw, self.path)
            self._remember(signature, data, fd)
            keep_fd = True
            return data
        finally:
            if not keep_fd:
                os.close(fd)

    def cached_signature(self) -> Signature | None:
        """The version the last :meth:`read` returned; None while a transaction has
        unwritten changes (the data then matches no file version)."""
        if self._pending is not None or self._cached is None:
            return None
        return self._cached[0]

    def has_pending(self) -> bool:
        """True inside a transaction that has changed data not yet written."""
        return self._pending is not None

    def alone_in_transaction(self) -> bool:
        """True inside one transaction (not nested) that has changed nothing yet: a change
        made there may be written on its own at once (see :meth:`commit_bytes`)."""
        return self._depth == 1 and self._pending is None

    def backup_keep(self) -> int:
        """How many backups the policy keeps."""
        return self._backups.keep

    def _remember(self, signature: Signature | None, data: Tables | None, fd: int) -> None:
        """Cache ``data`` as the version ``signature``, anchored by ``fd``, the open file
        of that version (None, None: cache nothing; ``fd`` is closed)."""
        if self._held_fd is not None:
            os.close(self._held_fd)
        if signature is None or data is None:
            os.close(fd)
            self._held_fd, self._cached = None, None
            return
        self._held_fd = fd
        self._cached = (signature, data)

    def forget(self) -> None:
        """Drop the cache (after a failed operation, the cached data may be half-changed)."""
        self._cached = None
        self._pending = None

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Collect the writes made inside into one durable write at the end.

        On an exception nothing is written and the cache is dropped, because TinyDB
        changes the data it read in place before handing it to :meth:`write`.
        """
        if not self._lock_held():
            raise RuntimeError("a transaction needs the database lock")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.forget()
            raise
        self._depth -= 1
        if self._depth == 0 and self._pending is not None:
            pending, self._pending = self._pending, None
            try:
                self._commit(pending)
            except BaseException:
                self.forget()
                raise

    def write(self, data: Tables) -> None:
        """Called by TinyDB after each change: deferred inside a transaction."""
        if not self._lock_held():
            # TinyDB has already changed the cached data in place: drop it.
            self.forget()
            raise RuntimeError("writing the database needs the lock")
        if self._depth > 0:
            self._pending = data
            return
        try:
            self._commit(data)
        except BaseException:
            self.forget()
            raise

    def _commit(self, data: Tables) -> None:
        take_backup(self.path, self._backups)
        stamp_generation(data)
        import orjson  # (see peek_meta)

        fd = self._write_durably((orjson.dumps(data),))
        # The written file is now the database; keep its descriptor as the cache's anchor.
        self._remember(file_signature(os.fstat(fd)), data, fd)

    def read_bytes(self) -> tuple[bytes, Signature] | None:
        """The file's bytes and their version's identity, unparsed (under the lock, for a
        change made in the bytes: see storage.splice); None if there is no file."""
        try:
            with open(self.path, "rb") as handle:
                return handle.read(), file_signature(os.fstat(handle.fileno()))
        except FileNotFoundError:
            return None

    def commit_bytes(
        self,
        payload: Sequence[bytes | memoryview],
        *,
        base: Signature,
        change: Callable[[Tables], None],
    ) -> None:
        """Write ``payload`` (pieces written one after another), the bytes of the version
        ``base`` with a change made in them, as durably as any write. If the cache holds
        ``base`` parsed, ``change`` brings it up to the new version (so it stays exact);
        otherwise the cache is dropped."""
        if not self._lock_held() or self._pending is not None:
            raise RuntimeError("a change in the bytes needs the lock and no pending change")
        take_backup(self.path, self._backups)
        fd = self._write_durably(payload)
        cached = self._cached
        if cached is not None and cached[0] == base:
            change(cached[1])
            self._remember(file_signature(os.fstat(fd)), cached[1], fd)
        else:
            self._remember(None, None, fd)

    def _write_durably(self, pieces: Sequence[bytes | memoryview]) -> int:
        """Replace the database with the ``pieces`` one after another: a temporary file in
        the same directory, fsync, ``os.replace``, fsync of the directory. Returns the new
        file's descriptor."""
        directory = self.path.parent
        temp = directory / f".{self.path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            for piece in pieces:
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            os.replace(temp, self.path)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        fsync_directory(directory)
        self.writes += 1
        return fd

    def remove_leftover_temp_files(self) -> int:
        """Delete temp files of writers that died mid-write. Call under the lock."""
        if not self._lock_held():
            raise RuntimeError("cleaning temp files needs the lock")
        removed = 0
        for leftover in self.path.parent.glob(f".{self.path.name}.tmp-*"):
            leftover.unlink(missing_ok=True)
            removed += 1
        return removed

    def close(self) -> None:
        """Release the held file descriptor; the cache is no longer trusted without it.

        The cached data itself is kept (until this object goes), so a command that exits
        right after need not free 20.000 records one by one.
        """
        if self._held_fd is not None:
            os.close(self._held_fd)
            self._held_fd = None
        self._retired, self._cached = self._cached, None
