"""Racy versions: when the desk book's version cannot tell an outside write from ours.

A :class:`~deadline_tui.storage.bookfile.Version` is the file's identity and timestamps.
On a file system with coarse timestamps (Linux before 6.13 on ext4 or xfs, ramfs, ZFS,
FAT, ...) an outside write of the same size in the same timestamp tick as our own read
or write leaves every field as it was: the version looks unchanged while the bytes are
not, and a change spliced into the bytes we hold would lose that write or cover damage.

The rule, as git's for "racily clean" index entries: a version is *racy* when its ctime
is within :data:`WINDOW_NS` of the moment this process took the bytes it holds for it
(the start of the read, or just before the write), because a later write may still share
its tick; once the moment is a window past the ctime, any later write gets a later ctime
(as for git, a file server whose clock runs more than the window behind ours defeats
this). A racy version is trusted only after its bytes are compared: in-process, the file
is read again (under the lock, before any change) and compared with the held bytes
(storage.desk); across processes, the whole-version note carries a crc32 of the bytes
(storage.taskcache), checked against the bytes the next writer reads anyway.

Whether timestamps are coarse is probed once per process and folder: a tiny temporary
file in the book's folder is written twice, microseconds apart, with a stat after each
(Linux 6.13+ gives a fine timestamp to a change after a stat: our versions are all taken
by a stat), three times; one pair with equal ctimes means coarse (three tick boundaries
in a row do not happen by chance). On fine timestamps nothing is racy and a change
compares no bytes. A probe that cannot run (a read-only folder) counts as coarse.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from pathlib import Path

from deadline_tui.durable import TEMP_INFIX

WINDOW_NS = 3_000_000_000
"""FAT's 2 s tick, plus the lag of the kernel's coarse clock behind ours."""


def now_ns() -> int:
    """The moment, as file timestamps count it (a function: tests move it)."""
    return time.time_ns()


@functools.cache
def coarse(folder: Path, name: str) -> bool:
    """True unless the file system of ``folder`` gives distinct ctimes to two writes
    microseconds apart (see the module docstring). ``name``: the book's, so that a probe
    left by a kill is a temporary file the next writer removes."""
    probe = folder / f".{name}{TEMP_INFIX}{os.getpid()}-probe{os.urandom(4).hex()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError:
        return True
    try:
        for _ in range(3):
            os.write(fd, b"x")
            first = os.fstat(fd).st_ctime_ns
            os.write(fd, b"x")
            if os.fstat(fd).st_ctime_ns == first:
                return True
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            probe.unlink()


def racy(ctime_ns: int, seen_ns: int, book: Path) -> bool:
    """True when a version of ``book`` with ``ctime_ns``, whose bytes were taken at
    ``seen_ns``, must be checked by content before it is trusted."""
    return seen_ns - ctime_ns < WINDOW_NS and coarse(book.parent, book.name)
