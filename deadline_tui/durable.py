"""Replacing a file so that a kill, a power cut or a full disk leaves the old one whole.

The one way every file the program owns is written: the book, its backups, exports and
report packs. The new content goes to a temporary file in the target's own directory
(so the rename never crosses file systems), is flushed to disk, renamed over the target
with ``os.replace`` (atomic), and the directory is flushed so the rename itself survives
a power cut. On any failure before the rename the temporary file is removed and the
target is untouched; the caller turns the ``OSError`` into a message that names its file.
Only the folder's flush comes after the rename: if it fails, :class:`NotFlushed` says the
new content is in place but may not survive a power cut.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class NotFlushed(OSError):
    """The new content replaced the target, but flushing its folder failed: the change is
    on disk and may not survive a power cut (an ``OSError``: callers that only name the
    file still do)."""


TEMP_INFIX = ".tmp-"
"""Temporary files are ``.<name>.tmp-<pid>-<random>`` beside their target."""


def temp_files_of(target: Path) -> Iterator[tuple[Path, int | None]]:
    """Temporary files left beside ``target`` with the pid of the process that made each
    (None when the name holds none): a writer killed midway leaves one behind."""
    prefix = f".{target.name}{TEMP_INFIX}"
    for leftover in target.parent.glob(prefix + "*"):
        pid = leftover.name[len(prefix) :].partition("-")[0]
        yield leftover, int(pid) if pid.isdigit() else None


def remove_dead_leftovers(target: Path) -> None:
    """Delete the temporary files beside ``target`` whose writer is gone (killed midway);
    a live writer's, or one whose pid cannot be asked about, stays."""
    for leftover, pid in temp_files_of(target):
        if pid is None or pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass  # alive, or not ours to ask about: leave it


@contextmanager
def replacing(
    target: Path, *, mode: int | None = None, new_mode: int | None = None
) -> Iterator[Path]:
    """Yield a new, empty temporary path beside ``target``; when the block ends without
    an exception, its content replaces ``target`` durably. ``mode``: the new file's
    permission bits (default: the target's own; for a new file ``new_mode``, or the
    umask's)."""
    folder = target.parent if str(target.parent) else Path(".")
    temp = folder / f".{target.name}{TEMP_INFIX}{os.getpid()}-{os.urandom(4).hex()}"
    if mode is None:
        try:
            mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            mode = new_mode
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        yield temp
        fd = os.open(temp, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if os.name == "posix":  # elsewhere the rename is all there is
        try:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise NotFlushed(error.errno, error.strerror, str(folder)) from error


def write_bytes(
    target: Path, payload: bytes | bytearray, *, mode: int | None = None
) -> os.stat_result:
    """Replace ``target`` with ``payload`` durably (see :func:`replacing`); returns the
    new file's stat as written, before the rename (so a caller can tell whether the file
    at ``target`` afterwards is still the one it wrote)."""
    with replacing(target, mode=mode) as temp:
        fd = os.open(temp, os.O_WRONLY | os.O_CLOEXEC)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            written = os.fstat(fd)
        finally:
            os.close(fd)
    return written
