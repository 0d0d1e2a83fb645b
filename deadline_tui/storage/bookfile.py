"""The desk book's file on disk: which version it is, reading it safely, replacing it durably.

One notion of "which version of the book": :class:`Version`, the file's exact identity
(device, inode, size, mtime in ns) and the generation id that every write stamps in the
meta record at the head of the file. Any write by any program, even of the same size,
moves the mtime or the inode; two of our writes never share a generation.

Reads refuse what is not a regular file (a directory, a FIFO, a device) before reading a
byte, and open with ``O_NONBLOCK``, so a FIFO cannot hang us. Writes go to a temporary
file in the book's directory, fsync, ``os.replace``, fsync of the directory; the new
file keeps the old one's permission bits (a new book is 0600).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from deadline_tui import durable
from deadline_tui.errors import DamagedDatabaseError, DataError
from deadline_tui.i18n import t

_HEAD = re.compile(rb'^\{"meta":\{"1":\{"generation":"([0-9a-f]{16})"')


class Version(NamedTuple):
    """Which version of the book is on disk (see the module docstring)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    generation: str


def _version(info: os.stat_result, head: bytes) -> Version:
    found = _HEAD.match(head)
    generation = found.group(1).decode("ascii") if found else ""
    return Version(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, generation)


def new_generation() -> str:
    """A fresh generation id: 64 random bits in hex."""
    return os.urandom(8).hex()


def refuse(path: Path, error: OSError | str, key: str = "book_unusable") -> DataError:
    """The error for a book path that cannot be used, naming it and why."""
    reason = error if isinstance(error, str) else os.strerror(error.errno or errno.EIO)
    return DataError(key, path=str(path), reason=reason)


def _open_regular(path: Path) -> int | None:
    """A read descriptor of ``path``, checked to be a regular file; None if missing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise refuse(path, error) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise refuse(
            path, os.strerror(errno.EISDIR) if stat.S_ISDIR(mode) else t("reason_not_regular")
        )
    return fd


def damaged(path: Path, reason: str) -> DamagedDatabaseError:
    """The error for an unreadable book: names it, why, and the newest good backup."""
    from deadline_tui.storage.backups import newest_good_backup  # (backups imports us)

    backup = newest_good_backup(path)
    key = "database_damaged" if backup else "database_damaged_no_backup"
    return DamagedDatabaseError(key, path=str(path), reason=reason, backup=str(backup))


def parse_tables(raw: bytes, path: Path) -> dict[str, Any]:
    """The tables of a book file's bytes; anything else is a damaged book."""
    import orjson

    if not raw.strip():
        raise damaged(path, t("reason_empty"))
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise damaged(path, f"JSON: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise damaged(path, t("reason_not_book"))
    return data


def version_on_disk(path: Path) -> Version | None:
    """The version on disk now (a stat and the first bytes); None if there is no file."""
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        return _version(os.fstat(fd), os.pread(fd, 64, 0))
    finally:
        os.close(fd)


def read_book(path: Path) -> tuple[Version, bytes] | None:
    """The file's bytes and the exact version they are; None if there is no file."""
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        before = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
        info = os.fstat(fd)
    except OSError as error:
        raise refuse(path, error) from None
    finally:
        os.close(fd)
    if (before.st_mtime_ns, len(raw)) != (info.st_mtime_ns, info.st_size):
        return read_book(path)  # written in place while we read (not by us): again
    return _version(info, raw[:64]), raw


def write_durably(path: Path, payload: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``payload`` (see :mod:`deadline_tui.durable`). ``mode``: the
    new file's permission bits (default: the old file's, 0600 for a new book). Any failure
    leaves the old file whole and names the path."""
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o600
    try:
        durable.write_bytes(path, payload, mode=mode)
    except OSError as error:
        raise refuse(path, error, "book_write_failed") from None


def remove_leftover_temp_files(path: Path) -> None:
    """Delete temp files of writers that died mid-write (call under the book's lock)."""
    for leftover, _pid in durable.temp_files_of(path):
        leftover.unlink(missing_ok=True)


def check_writable(path: Path) -> None:
    """Refuse, naming the path, a book that may not be changed: no write permission for
    its owner (root too: a book made 0400 says "do not change me") or its folder."""
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    denied = os.strerror(errno.EACCES)
    if mode is not None and (not mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise refuse(path, denied, "book_read_only")
    if not os.access(path.parent, os.W_OK):
        raise refuse(path.parent, denied, "book_read_only")
