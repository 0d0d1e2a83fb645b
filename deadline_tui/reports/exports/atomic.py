"""Write an export so that a kill or a full disk leaves the previous file whole.

The file is written under a temporary name in the same directory, flushed to disk,
renamed over the target (``os.replace`` is atomic on one file system), and the
directory is flushed too. On any failure the temporary file is removed and the
target is untouched.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from deadline_tui.errors import InputError


def refuse_the_book(target: Path, book: Path) -> None:
    """An export never replaces the task book itself (by any name that leads to it)."""
    same = target.resolve() == book.resolve()
    if not same and target.exists() and book.exists():
        with contextlib.suppress(OSError):
            same = target.samefile(book)
    if same:
        raise InputError("export_onto_book", path=str(target))


def _remove_leftovers(directory: Path, name: str) -> None:
    """Temporary files an export killed midway left behind (its process is gone)."""
    for leftover in directory.glob(f".{name}.*.part"):
        pid = leftover.name[len(name) + 2 : -len(".part")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass  # alive, or not ours to ask about: leave it


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on a clean exit it becomes ``target``."""
    directory = target.parent if str(target.parent) else Path(".")
    _remove_leftovers(directory, target.name)
    temp = directory / f".{target.name}.{os.getpid()}.part"
    try:
        # Created empty first so that it gets the file's final mode: the existing file's,
        # or the usual one for a new file (0666 less the umask).
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode))
        if target.exists():
            os.chmod(temp, mode)
        yield temp
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise InputError(
            "export_failed", path=str(target), detail=error.strerror or str(error)
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
