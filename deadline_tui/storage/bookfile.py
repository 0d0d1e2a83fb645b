"""The desk book's file on disk: which version it is, reading it safely, replacing it durably.

One notion of "which version of the book": :class:`Version`, the file's exact identity
(device, inode, size, mtime in ns) plus the generation id every write stamps in the meta
record at the head of the file. Any change by any program, even of the same size, moves
the mtime or the inode; two of our writes never share a generation.

Reads refuse anything that is not a regular file (a directory, a FIFO, a device) before
reading a byte, and open with ``O_NONBLOCK`` so a FIFO cannot hang us. Writes go to a
temporary file in the book's directory (the symlink's *target* directory: a linked book
is written through its link), fsync, ``os.replace``, fsync of the directory; the new file
keeps the old one's permission bits.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from deadline_tui.errors import DataError

TEMP_INFIX = ".tmp-"
_HEAD = re.compile(rb'^\{"meta":\{"1":\{[^{}]*"generation":"([0-9a-f]{16})"')
NEW_BOOK_MODE = 0o600


class Version(NamedTuple):
    """Which version of the book is on disk (see the module docstring)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    generation: str


def _identity(info: os.stat_result, head: bytes) -> Version:
    match = _HEAD.match(head)
    generation = match.group(1).decode("ascii") if match else ""
    return Version(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, generation)


def new_generation() -> str:
    """A fresh generation id: 16 hex digits (64 random bits)."""
    return os.urandom(8).hex()


def refuse(path: Path, reason: str, key: str = "book_unusable") -> DataError:
    """The error for a book path that cannot be used, naming it and why."""
    return DataError(key, path=str(path), reason=reason)


def _os_reason(error: OSError) -> str:
    return os.strerror(error.errno) if error.errno else str(error)


def _open_regular(path: Path) -> int | None:
    """A read descriptor of the book, checked to be a regular file; None if missing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise refuse(path, os.strerror(errno.EISDIR)) from None
    except OSError as error:
        raise refuse(path, _os_reason(error)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise refuse(path, kind)
    return fd


def version_on_disk(path: Path) -> Version | None:
    """The version on disk now (a stat and the file's first bytes); None if missing."""
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        return _identity(os.fstat(fd), os.pread(fd, 256, 0))
    finally:
        os.close(fd)


def read_book(path: Path) -> tuple[Version, bytes] | None:
    """The book's bytes and the exact version they are; None if there is no file."""
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        info = os.fstat(fd)
        chunks = []
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        raw = b"".join(chunks)
        after = os.fstat(fd)
    except OSError as error:
        raise refuse(path, _os_reason(error)) from None
    finally:
        os.close(fd)
    if after.st_size != len(raw) or after.st_mtime_ns != info.st_mtime_ns:
        # Written in place while we read (not by us: we replace): read again.
        return read_book(path)
    return _identity(after, raw[:256]), raw


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(path: Path, payload: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``payload``: temp file in the same directory, fsync, rename,
    directory fsync. ``mode``: the new file's permission bits (default: the old file's,
    or 0600 for a new one). Any failure leaves the old file whole and names the path."""
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = NEW_BOOK_MODE
    temp = path.with_name(f".{path.name}{TEMP_INFIX}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise refuse(path, _os_reason(error), "book_write_failed") from None
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise refuse(path, _os_reason(error), "book_write_failed") from None
        raise
    fsync_directory(path.parent)


def remove_leftover_temp_files(path: Path) -> int:
    """Delete temp files of writers that died mid-write (call under the book's lock)."""
    removed = 0
    for leftover in path.parent.glob(f".{path.name}{TEMP_INFIX}*"):
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def check_writable(path: Path) -> None:
    """Refuse early, naming the path, a book this user may not change (mode 0400, a
    read-only directory): better than finding out after the work is done."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    # The owner's write bit, not os.access: root may write anything, but a book made
    # read-only (0400) says "do not change me" to every user.
    if mode is not None and (not mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise refuse(path, os.strerror(errno.EACCES), "book_read_only")
    if not os.access(path.parent, os.W_OK):
        raise refuse(path.parent, os.strerror(errno.EACCES), "book_read_only")
