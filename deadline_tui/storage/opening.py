"""The opening view, kept beside the book: what the TUI's first frame shows.

Opening the TUI on a large book means decoding, assessing and sorting every task before
anything can be shown (about a second at 100.000 tasks). The first frame needs far
less: the figures at today and the few dozen most urgent tasks. Whenever the TUI has
computed that view, it keeps it here (``.tasks.json.opening``), keyed on the book's
version (generation id and file size, as the row cache), the day it is for and the
settings it depends on; the next start on the same day shows it at once and reads the
whole book after the first frame.

Like the row cache it is disposable and can only be wrong by being absent: a view made
from another version, on another day or with other settings is ignored, and any
problem reading it means "no opening view". Written atomically, without fsync.
"""

from __future__ import annotations

import marshal
import struct
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from deadline_tui.domain.task import Task
from deadline_tui.storage import rowcache
from deadline_tui.storage.rowcache import BookKey

OPENING_VERSION = 1
# magic, format version (ours and the row format's), generation id, file size, the day
# as an ordinal, and the settings the view depends on (warning days).
_HEADER = struct.Struct("<4sHH16sQIH")
_MAGIC = b"DTOV"


def opening_path(db_path: Path) -> Path:
    """Where the opening view of ``db_path`` lives."""
    return db_path.with_name(f".{db_path.name}.opening")


def _header(key: BookKey, day: date, variant: int) -> bytes:
    generation, size = key
    return _HEADER.pack(
        _MAGIC,
        OPENING_VERSION,
        rowcache.CACHE_VERSION,
        generation.encode("ascii"),
        size,
        day.toordinal(),
        variant,
    )


def load(db_path: Path, key: BookKey, day: date, variant: int) -> tuple[list[Task], Any] | None:
    """The tasks and the extra data kept for (``key``, ``day``, ``variant``), or None."""
    try:
        payload = opening_path(db_path).read_bytes()
        if payload[: _HEADER.size] != _header(key, day, variant):
            return None
        rows, extra = marshal.loads(payload[_HEADER.size :])
        decode = rowcache.decoder()
        return [decode(row) for row in rows], extra
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, struct.error):
        return None


def is_kept(db_path: Path, key: BookKey, day: date, variant: int) -> bool:
    """Is a view kept for (``key``, ``day``, ``variant``)? Reads only the header."""
    return rowcache.starts_with(opening_path(db_path), lambda: _header(key, day, variant))


def store(
    db_path: Path, key: BookKey, day: date, variant: int, *, tasks: Sequence[Task], extra: Any
) -> None:
    """Keep the view for (``key``, ``day``, ``variant``): ``tasks`` in order and ``extra``
    (plain values only). Best effort: failures are ignored."""
    rowcache.write_beside(
        opening_path(db_path),
        lambda: (
            _header(key, day, variant)
            + marshal.dumps(([rowcache.row_of(task) for task in tasks], extra))
        ),
    )
