"""The inter-process lock around every read-modify-write of the database.

An exclusive ``flock`` (``msvcrt.locking`` on Windows) on a ``.lock`` file beside the
database. The operating system releases it when the holding process dies, even by
SIGKILL, so a crash never leaves the book locked. Re-entrant within one lock object
(a batch may contain operations that lock again). We wrote this instead of using the
filelock package because importing that one costs ~70 ms (it pulls in asyncio and
logging), which alone would exceed the 20 ms budget of a ``done`` command.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_POLL_SECONDS = 0.01


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


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

    def acquire(self) -> None:
        """Take the lock (or go one level deeper); raise :class:`LockTimeout` if it stays busy."""
        if self._depth:
            self._depth += 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)  # a new book's folder
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
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
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
