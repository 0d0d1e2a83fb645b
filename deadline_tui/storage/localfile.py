"""A private file of this user's holding decoded tasks: the file mechanics shared by the
desk book's copy (storage.taskcache) and the server book's copy (storage.server.localcopy).
Each of those says what it keeps and under which key; this module only keeps it safely.

- The file is ``magic + key + crc32 of the body + body``; the body is a pickle. The key
  names what the copy stands for and the code that shaped it (:func:`code_layout`): a
  file of another key, damaged, cut short or not unpickling is a miss, never an error.
- Only a regular file owned by the user and closed to others is read (``O_NOFOLLOW``: a
  symlink planted there is not followed). Pickle is safe here because of that: whoever
  can write the file can already write the book it stands for.
- Written 0600 in a 0700 folder, atomically (temp file, ``os.replace``), best-effort: an
  error only makes the next read slower. Deleting the file changes nothing but speed.
- Tasks are kept as plain tuples, each repeated text and time once (:func:`packed`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from deadline_tui import __version__, paths
from deadline_tui.domain import recurrence, task
from deadline_tui.domain.task import Task
from deadline_tui.storage import codec


@functools.cache
def code_layout() -> bytes | None:
    """Package version and a checksum of the sources that shape a stored task (None when
    they cannot be read: then nothing is kept)."""
    try:
        sums = [zlib.crc32(Path(m.__file__ or "").read_bytes()) for m in (task, recurrence, codec)]
    except OSError:
        return None
    return f"{__version__} {sums}".encode()


def place(folder: str, source: bytes) -> Path:
    """Where the copy of the book named by ``source`` (its path, or its URL without the
    password) lives: ``$XDG_CACHE_HOME/deadline-tui/<folder>/<checksums>.pickle``."""
    # crc32 and adler32 of the name: hashlib would load OpenSSL (~7 ms at start-up), and a
    # clash of names costs only speed (the key inside must match as well)
    name = f"{zlib.crc32(source):08x}{zlib.adler32(source):08x}"
    return paths.user_cache_dir() / folder / f"{name}.pickle"


def read_own(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of ours closed to others; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if info.st_uid != os.geteuid() or info.st_mode & 0o077 or not stat.S_ISREG(info.st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def write_own(target: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``target`` with ``chunks`` (0600, in a 0700 folder), best-effort."""
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temp, target)
    except Exception:  # a copy that cannot be written only makes the next read slower
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def load(path: Path, head: bytes) -> object | None:
    """What :func:`save` left at ``path`` under exactly ``head`` (magic and key), if it is
    ours, whole and unpickles; else None. The caller checks the shape of what it gets."""
    blob = read_own(path)
    if blob is None or not blob.startswith(head) or len(blob) < len(head) + 4:
        return None
    body = memoryview(blob)[len(head) + 4 :]
    if zlib.crc32(body) != int.from_bytes(blob[len(head) : len(head) + 4], "big"):
        return None
    import pickle  # here: ~2 ms that add and done (which never load a copy) do not pay

    try:
        value: object = pickle.loads(body)
    except Exception:  # a damaged or foreign copy is only a miss
        return None
    return value


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building and pickling a copy makes nothing
    cyclic, and each collection would walk every task (at 20.000 tasks a save costs
    ~50 ms less)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save(path: Path, head: bytes, value: object) -> None:
    """Leave ``value`` at ``path`` under ``head`` (best-effort)."""
    import pickle

    try:
        with _paused_gc():
            body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # (as for a write: only the next read is slower)
        return
    write_own(path, (head, zlib.crc32(body).to_bytes(4, "big"), body))


# The fields a task's decoder (storage.codec) leaves as new objects: units, people,
# sources and days it already makes one object each. A field missing here only makes the
# copy bigger, never wrong.
_UNSHARED = [Task._fields.index(name) for name in ("title", "result", "note", "series_uid")]
_CREATED, _UPDATED = Task._fields.index("created_at"), Task._fields.index("updated_at")


Packed = tuple[tuple[object, ...], ...]
"""Tasks as plain tuples of their fields: what a copy pickles (:func:`packed`)."""

_FIELDS = len(Task._fields)


def packed(tasks: Iterable[Task]) -> Packed:
    """The tasks as plain tuples, each text and time that repeats (titles of a series,
    results, a task's equal creation and change times) made one object, so pickle writes
    it once and loading builds it once. At 20.000 generated desk tasks (107 titles): 5,8
    -> 1,9 MB, load 56 -> 29 ms, and the save is faster too (less to write). With every
    title and time distinct it buys 5% and costs the reader that missed ~25 ms
    (bench/RESULTS.md). The server copy's figures: 28,7 -> 8,9 MB, load 250 -> 120 ms.
    Plain tuples, not Tasks: pickle builds a tuple in C but a Task through its Python
    ``__new__``; at 100.000 tasks a load takes ~75 ms instead of ~110 (:func:`unpacked`).
    """
    seen: dict[object, object] = {}
    one = seen.setdefault
    kept = []
    with _paused_gc():
        for item in tasks:
            fields: list[object] = list(item)
            for at in _UNSHARED:
                fields[at] = one(fields[at], fields[at])
            fields[_CREATED] = _one_time(one, item.created_at)
            fields[_UPDATED] = _one_time(one, item.updated_at)
            kept.append(tuple(fields))
    return tuple(kept)


def unpacked(value: object) -> tuple[Task, ...] | None:
    """The tasks :func:`packed` made ``value`` from; None when it is not of that shape."""
    if type(value) is not tuple or not all(
        type(row) is tuple and len(row) == _FIELDS for row in value
    ):
        return None
    return tuple(map(functools.partial(tuple.__new__, Task), value))


def _one_time(one: Callable[[object, object], object], time: datetime) -> object:
    # Equal times may still differ in offset or fold (+07:00 and UTC for one instant): a
    # time is one object only with another of the very same offset and fold. This
    # program writes local times (no offset, fold 0): those are keyed on themselves.
    if time.tzinfo is None and not time.fold:
        return one(time, time)
    return one((time, time.tzinfo, time.fold), time)
