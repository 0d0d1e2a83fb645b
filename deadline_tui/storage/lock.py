"""The inter-process lock around every read-modify-write of a desk book.

An exclusive ``flock``, which the operating system releases when its holder dies (even
by SIGKILL). A flock locks an inode, not a name: a lock *file* that another program
unlinks while we hold it lets the next writer lock a new file of that name, and two
writers then run at once (issue 12 lost 3 of 480 changes so). So the desk book locks
its *directory*, which cannot be unlinked while the book is in it. On a plain file the
lock checks, once taken, that the name still points to the inode it holds, else it
tries again. (Not the filelock package: it costs ~70 ms to import.)
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class FileLock:
    """An exclusive lock on ``path`` (a directory or a file made 0600), waiting at most
    ``timeout`` seconds. Use it as a context manager or with acquire/release."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def _try_once(self) -> int | None:
        create = 0 if self.path.is_dir() else os.O_CREAT
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC | create, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                return fd
        except (BlockingIOError, FileNotFoundError):
            pass
        os.close(fd)
        return None

    def acquire(self) -> None:
        """Take the lock; raise :class:`LockTimeout` if it stays busy."""
        if self._fd is not None:
            raise RuntimeError("the lock is already held")
        deadline = time.monotonic() + self.timeout
        while (fd := self._try_once()) is None:
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))
            time.sleep(0.005)
        self._fd = fd

    def release(self) -> None:
        """Release the lock (closing the descriptor releases the flock)."""
        if self._fd is None:
            raise RuntimeError("releasing a lock that is not held")
        fd, self._fd = self._fd, None
        os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
