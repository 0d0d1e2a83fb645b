"""A derived copy of a desk book's decoded tasks, in the user's cache directory (DESIGN 9).

Reading a 20.000-task book costs a parse of 14 MB and a decode of every record; loading
the tasks pickled costs a fifth of that (bench/RESULTS.md has the figures). So a *reader*
that had to parse and decode the whole book leaves the tasks here, with the small tables
(series, reminder log, meta) as stored, and the next reader of that exact version loads
them instead. Writers never write it (a change is
never slowed), and nothing depends on it: deleting it changes nothing but speed.

- Where: ``$XDG_CACHE_HOME/deadline-tui/books/<hash of the book's path>.pickle``, made
  0600 in a 0700 folder, never beside the book.
- Keyed on the book's exact :class:`~deadline_tui.storage.bookfile.Version` (device,
  inode, size, mtime and ctime in ns, generation id) and on the code that shapes a task (package
  version and a checksum of the task, recurrence and codec modules' sources) and on the
  schema version, so an outside edit of the same size or an upgrade is a miss, never an
  old view, and an older program never reads a newer book through the cache.
- Beside it, ``<same name>.whole``: a writer's note that the version it just wrote is
  whole and in the splice layout (storage.desk), keyed the same way and on the layout
  (a checksum of storage/bookfile.py); for a racy version (storage.racy) it holds the
  bytes' crc32 too (:func:`mark_whole`).
- Kept by storage.localfile (as the server book's copy is): read only when it is the
  user's own regular file closed to others, with this key and a sound checksum, and
  holding a tuple of tasks (else the book is read); written atomically, best-effort.
- Tasks are kept as plain tuples, each repeated text and time once (localfile.packed,
  which has the figures).
"""

from __future__ import annotations

import contextlib
import os
import zlib
from bisect import bisect_left
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from deadline_tui.domain.task import Task
from deadline_tui.storage import localfile, schema
from deadline_tui.storage.bookfile import Version, layout_sum

FORMAT = 3


class Copy(NamedTuple):
    """What is cached of one version of a book."""

    tasks: tuple[Task, ...]
    others: dict[str, dict[str, Any]]  # every table but the tasks, as stored


_MAGIC = b"deadline-tui tasks\n"


def cache_file(book: Path) -> Path:
    """Where the derived copy of the book at (resolved) ``book`` lives."""
    return localfile.place("books", os.fsencode(book))


def _key(version: Version) -> bytes | None:
    layout = localfile.code_layout()
    if layout is None:
        return None
    # The schema version too: a program that knows only an older schema must read the
    # book itself (and refuse it), never trust a copy a newer program left.
    return (
        f"{FORMAT} ".encode() + layout + f" {schema.SCHEMA_VERSION} {tuple(version)!r}\n".encode()
    )


def changed(copy: Copy, tasks: dict[int, Task | None], meta: dict[str, Any]) -> Copy:
    """``copy`` with ``tasks`` (by id; None: deleted) and the meta record ``meta``: what a
    process that changed the book it loaded from here holds of the new version."""
    kept = list(copy.tasks)  # in id order: found by bisection, no 20.000-entry dict
    for number, new in tasks.items():
        at = bisect_left(kept, number, key=attrgetter("id"))
        if at < len(kept) and kept[at].id == number:
            del kept[at]
        if new is not None:
            kept.insert(at, new)
    return Copy(tuple(kept), {**copy.others, "meta": {**copy.others.get("meta", {}), "1": meta}})


def load(book: Path, version: Version) -> Copy | None:
    """The copy of the book at exactly ``version``, if a sound one is cached; else None."""
    key = _key(version)
    found = None if key is None else localfile.load(cache_file(book), _MAGIC + key)
    if type(found) is not tuple or len(found) != 2:
        return None
    packed, others = found
    tasks = localfile.unpacked(packed)
    if tasks is None:
        return None
    if type(others) is not dict or not all(type(t) is dict for t in others.values()):
        return None
    return Copy(tasks, others)


def save(book: Path, version: Version, copy: Copy) -> None:
    """Leave the copy of the book at ``version`` for the next reader (best-effort)."""
    key = _key(version)
    if key is not None:
        value = (localfile.packed(copy.tasks), copy.others)
        localfile.save(cache_file(book), _MAGIC + key, value)


_WHOLE = b"deadline-tui whole\n"
_NOTE_SIZE = 512  # one size always: rewritten in place, never truncated


def _note(version: Version, crc: str) -> bytes | None:
    """The note of ``version``: its bytes' crc32 in hex ("-" * 8: not racy), the layout's
    checksum (bookfile.layout_sum: another build's layout is never trusted), the key."""
    key, layout = _key(version), layout_sum()
    note = _WHOLE + f"{crc} {layout}\n".encode() + (key or b"")
    return note.ljust(_NOTE_SIZE) if key and layout and len(note) <= _NOTE_SIZE else None


def mark_whole(book: Path, version: Version, raw: bytes | bytearray | None = None) -> None:
    """Note that ``version`` of the book is whole (every record decodes, no uid twice)
    and in the layout a change may be spliced into (storage.bookfile): written by a
    writer, under the book's lock, for the version it just wrote, so the next writer
    need not parse the book. ``raw``: its bytes, for a racy version (storage.racy): the
    note holds their crc32, and :func:`is_whole` checks the bytes it is given."""
    note = _note(version, "-" * 8 if raw is None else f"{zlib.crc32(raw):08x}")
    if note is None:
        return
    # Overwritten in place (0.004 ms; a rename or a truncation costs 0.4-1 ms, at every
    # change): a torn or foreign note is only a miss (is_whole compares it whole).
    target = cache_file(book).with_suffix(".whole")
    flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
    with contextlib.suppress(OSError):
        try:
            fd = os.open(target, flags, 0o600)
        except FileNotFoundError:  # the folder is made once, not tried at every change
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(target, flags, 0o600)
        try:
            os.pwrite(fd, note, 0)
        finally:
            os.close(fd)


def is_whole(book: Path, version: Version, raw: bytes | bytearray) -> bool:
    """True when :func:`mark_whole` noted exactly ``version`` (and this code's layout),
    and, if it noted a crc32 of the bytes, ``raw`` (the bytes read) has that crc32."""
    found = localfile.read_own(cache_file(book).with_suffix(".whole"))
    if found is None:
        return False
    crc = found[len(_WHOLE) : len(_WHOLE) + 8].decode("ascii", "replace")
    if crc != "-" * 8:  # a racy version: its bytes must be the ones noted (3 ms at 20.000)
        crc = f"{zlib.crc32(raw):08x}"
    return found == _note(version, crc)
