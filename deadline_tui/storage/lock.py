"""The inter-process lock around every read-modify-write of a desk book.

An exclusive ``flock`` that the operating system releases when the holder dies, even by
SIGKILL. A flock is a lock on an inode, not on a name: a lock *file* that another
program unlinks while we hold it lets the next writer lock a new file of the same name,
and two writers then run at once (issue 12 lost 3 of 480 changes so). So the desk book
locks its *directory*, which cannot be unlinked while the book is in it. On a plain
file (still supported), the lock checks after taking it that the name still points to
the inode it holds, and starts again if not. (Not the filelock package: it costs ~70 ms
to import.)
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

_POLL_SECONDS = 0.005


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class FileLock:
    """An exclusive, re-entrant lock on ``path``, waiting at most ``timeout`` seconds."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    @property
    def is_locked(self) -> bool:
        """True while this object holds the lock."""
        return self._depth > 0

    def _try_once(self) -> int | None:
        """The descriptor of the lock file, locked, if the lock is free and still the one
        the path names; else None."""
        create = 0 if self.path.is_dir() else os.O_CREAT
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC | create, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # unlinked or replaced under us: that lock protects nothing
            os.close(fd)
            return None
        return fd

    def acquire(self) -> None:
        """Take the lock (or go one level deeper); raise :class:`LockTimeout` if it stays busy."""
        if self._depth:
            self._depth += 1
            return
        deadline = time.monotonic() + self.timeout
        while (fd := self._try_once()) is None:
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))
            time.sleep(_POLL_SECONDS)
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        """Undo one :meth:`acquire`; the last one releases the lock."""
        if not self._depth:
            raise RuntimeError("releasing a lock that is not held")
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the last descriptor releases the flock

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
