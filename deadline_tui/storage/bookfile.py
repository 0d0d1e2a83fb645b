"""The desk book's file on disk: which version it is, reading it safely, replacing it durably.

One notion of "which version of the book": :class:`Version`, the file's exact identity
(device, inode, size, mtime and ctime in ns) and the generation id that every write stamps
in the meta record at the head of the file. Any write by any program, even of the same
size, moves the ctime or the inode (``touch``/``utime`` can set an mtime back, never a
ctime); two of our writes never share a generation. (Unless timestamps are coarse and the
write falls in the same tick: storage.racy says when a version must be checked by content.)

Reads refuse what is not a regular file (a directory, a FIFO, a device) before reading a
byte, and open with ``O_NONBLOCK``, so a FIFO cannot hang us. Writes go to a temporary
file in the book's directory, fsync, ``os.replace``, fsync of the directory; the new
file keeps the old one's permission bits (a new book is 0600).
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Any, NamedTuple

import orjson

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
    ctime_ns: int
    generation: str


def _version(info: os.stat_result, head: bytes | bytearray) -> Version:
    found = _HEAD.match(head)
    generation = found.group(1).decode("ascii") if found else ""
    return Version(
        info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, generation
    )


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


def parse_tables(raw: bytes | bytearray, path: Path) -> dict[str, Any]:
    """The tables of a book file's bytes; anything else is a damaged book."""
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


READ_TRIES = 5


def read_book(path: Path) -> tuple[Version, bytearray] | None:
    """The file's bytes and the exact version they are; None if there is no file. (A
    bytearray: a change is spliced into it in place, see :func:`splice`.) A file written
    in place while we read is read again, :data:`READ_TRIES` times at most."""
    for _ in range(READ_TRIES):
        fd = _open_regular(path)
        if fd is None:
            return None
        try:
            before = os.fstat(fd)
            raw = bytearray(before.st_size)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                del raw[handle.readinto(raw) :]
                raw += handle.read()  # (b"" unless it grew meanwhile)
            info = os.fstat(fd)
        except OSError as error:
            raise refuse(path, error) from None
        finally:
            os.close(fd)
        if (before.st_ctime_ns, len(raw)) == (info.st_ctime_ns, info.st_size):
            return _version(info, raw[:64]), raw
    raise refuse(path, t("reason_always_changing", tries=READ_TRIES))


def write_durably(
    path: Path, payload: bytes | bytearray, *, mode: int | None = None
) -> os.stat_result:
    """Replace ``path`` with ``payload`` (see :mod:`deadline_tui.durable`); returns the
    new file's stat before the rename. ``mode``: the new file's permission bits (default:
    the old file's, 0600 for a new book). Any failure names the path and says whether
    the old file is whole or the new one in place but not yet safe from a power cut."""
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o600
    try:
        return durable.write_bytes(path, payload, mode=mode)
    except durable.NotFlushed as error:
        raise refuse(path, error, "book_not_flushed") from None
    except OSError as error:
        raise refuse(path, error, "book_write_failed") from None


def replace_book(path: Path, payload: bytearray) -> Version | None:
    """Write ``payload`` (:func:`write_durably`, in the layout below) and return the version
    on disk after, if it is still the file written: device, inode, size, mtime and
    generation as the temporary file had them before the rename (the rename moves the
    ctime). None when another program replaced or wrote it in between (then the bytes on
    disk are not ``payload``)."""
    written = _version(write_durably(path, payload), payload[:64])
    found = version_on_disk(path)
    if found is None or found._replace(ctime_ns=0) != written._replace(ctime_ns=0):
        return None
    return found


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


# -- the layout the desk book writes: one record per line ----------------------------------
#
#     {"meta":{"1":{"generation":"…","schema":2,"last_id":7}
#     ,
#     "2":{…}
#     },
#     "series":{
#     "1":{…}
#     },
#     "reminder_log":{
#     },
#     "tasks":{
#     "1":{…},
#     "7":{…}
#     }}
#
# Still TinyDB's JSON (the meta record first, its generation first: see _HEAD; any other
# meta record on the lines after, the comma before them on its own line). Compact
# orjson output never holds a raw newline (a newline in a text is written "\n"), so a task
# is the line starting '"<id>":' in the tasks table, which is last: a change to a few tasks
# is spliced into the bytes (:func:`splice`) without parsing or decoding any other record.

_META_LINE = b'{"meta":{"1":'
_TASKS_HEAD = b'\n"tasks":{'
_END = b"\n}}\n"


def _lines(table: dict[str, Any]) -> bytes:
    return b",".join(b"\n%s:%s" % (orjson.dumps(k), orjson.dumps(v)) for k, v in table.items())


def render(tables: dict[str, dict[str, Any]]) -> bytearray:
    """The whole book in the layout above (``tables["meta"]["1"]`` must exist)."""
    meta = tables["meta"]
    others = {key: record for key, record in meta.items() if key != "1"}
    parts = [_META_LINE, orjson.dumps(meta["1"]), b"\n," if others else b"", _lines(others)]
    for name in [*(n for n in tables if n not in ("meta", "tasks")), "tasks"]:
        parts += [b"\n},\n", orjson.dumps(name), b":{", _lines(tables.get(name, {}))]
    parts.append(_END)
    return bytearray().join(parts)


def in_layout(raw: bytes | bytearray, tables: dict[str, dict[str, Any]]) -> bool:
    """True when ``raw`` (which parses to ``tables``) is exactly in the layout above, with
    every record under a plain number and the id high-water mark at or above every task
    id: then :func:`splice` may change it."""
    meta = tables.get("meta", {}).get("1")
    if not isinstance(meta, dict) or next(iter(meta), None) != "generation":
        return False
    if not all(
        k.isascii() and k.isdigit() and k == str(int(k)) for t in tables.values() for k in t
    ):
        return False
    highest = max(map(int, tables.get("tasks", {})), default=0)
    return type(meta.get("last_id")) is int and meta["last_id"] >= highest and raw == render(tables)


@functools.cache
def layout_sum() -> int | None:
    """A checksum of this module's source, which defines the layout: a whole-version note
    of another build's layout is never trusted (storage.taskcache). None: unreadable."""
    try:
        return zlib.crc32(Path(__file__).read_bytes())
    except OSError:
        return None


def head_meta(raw: bytes | bytearray) -> dict[str, Any]:
    """The meta record on the first line of a book in the layout above."""
    record: dict[str, Any] = orjson.loads(raw[len(_META_LINE) : raw.index(b"\n")])
    return record


def _tasks_body(raw: bytes | bytearray) -> tuple[int, int]:
    """Where the task lines are: from just after ``"tasks":{`` to the final ``\\n}}``."""
    return raw.index(_TASKS_HEAD) + len(_TASKS_HEAD), len(raw) - len(_END)


Span = tuple[int, int, int]
"""Where a task's line is: (its newline, its record's first byte, the byte after it)."""


def task_span(raw: bytes | bytearray, key: str) -> Span | None:
    """Where task ``key``'s line is in ``raw``, None if there is none. Ids above the
    high-water mark are not searched for: none is in the file (see :func:`in_layout`)."""
    body = _tasks_body(raw)
    if int(key) > int(head_meta(raw).get("last_id", 0)):
        return None
    prefix = b'\n"%s":' % key.encode()
    at = _halving(raw, int(key), *body)
    if at is None:  # not in id order there (an undone deletion goes last): read through
        at = raw.find(prefix, body[0], body[1])  # ~4 ms per 10 MB: ':' is everywhere
    if at < 0:
        return None
    return _line(raw, at, at + len(prefix), body[1])


def _halving(raw: bytes | bytearray, number: int, start: int, end: int) -> int | None:
    """Where the line of task ``number`` starts, found by halving ``raw[start:end]`` (task
    lines, each '\n"<id>":…'), which holds ids in ascending order but for a few lines
    (new ids go last); None if not found so (the caller then searches the whole body).
    ~0,02 ms at 20.000 tasks, where a search of the body takes ~3 ms on average."""
    low, high = start, end
    while low < high:
        middle = (low + high) // 2
        at = raw.find(b"\n", middle, high)  # the first line starting at or after middle
        if at < 0:
            high = middle
            continue
        close = raw.find(b'"', at + 2, at + 24)
        digits = raw[at + 2 : close] if close > 0 and raw[at + 1] == ord('"') else b""
        if not digits.isdigit():
            return None
        found = int(digits)
        if found == number:
            return at
        if found < number:
            low = at + 1
        else:
            high = middle  # (no line starts in [middle, at))
    return None


def _line(raw: bytes | bytearray, at: int, start: int, body_end: int) -> Span:
    end = raw.find(b"\n", start, body_end + 1)
    return at, start, end - 1 if raw[end - 1] == ord(",") else end


def task_record(raw: bytes | bytearray, span: Span | None) -> dict[str, Any] | None:
    """The stored record at ``span`` (None for None); nothing else is read."""
    record: dict[str, Any] | None = orjson.loads(raw[span[1] : span[2]]) if span else None
    return record


def keys_with_uid(raw: bytes | bytearray, uid: str) -> list[str]:
    """The ids of the tasks whose uid is ``uid``: a search of the bytes for the uid as
    orjson writes it (inside a text a quote is always escaped, so '"uid":"…"' is a key),
    each hit confirmed by decoding its line."""
    body = _tasks_body(raw)
    needle, found, at = b'"uid":' + orjson.dumps(uid), [], body[0]
    while (at := raw.find(needle, at, body[1])) >= 0:
        line = raw.rfind(b"\n", body[0], at)
        colon = raw.index(b'":', line)
        if (task_record(raw, _line(raw, line, colon + 2, body[1])) or {}).get("uid") == uid:
            found.append(raw[line + 2 : colon].decode())
        at += len(needle)
    return found


def splice(
    raw: bytearray, meta: dict[str, Any], changed: dict[str, Any], spans: dict[str, Span | None]
) -> bool:
    """Change ``raw`` (in the layout above) in place: a new meta record, and the task
    records in ``changed`` replaced, added (at the end) or, for None, removed. False, with
    ``raw`` untouched, when the change is not one a splice makes (a deletion together with
    another change): then the caller writes the whole book. ``spans``: lines found already.
    In place, because a new 14 MB bytes object costs 1-9 ms (allocation), the edits 0.1."""
    body = _tasks_body(raw)
    edits = [(0, raw.index(b"\n"), _META_LINE + orjson.dumps(meta))]
    added = []
    for key, record in changed.items():
        span = spans[key] if key in spans else task_span(raw, key)
        if span is None:
            if record is not None:
                added.append(b'\n"%s":%s' % (key.encode(), orjson.dumps(record)))
        elif record is not None:
            edits.append((span[1], span[2], orjson.dumps(record)))
        elif len(changed) > 1:
            return False
        elif raw[span[2]] == ord(","):  # not the last line: the line and its comma go
            edits.append((span[0], span[2] + 1, b""))
        else:  # the last line: the comma before it goes too, if there is a line before
            edits.append((span[0] - (span[0] > body[0]), span[2], b""))
    if added:
        edits.append((body[1], body[1], b"," * (body[1] > body[0]) + b",".join(added)))
    for start, end, new in sorted(edits, reverse=True):  # from the end: offsets hold
        raw[start:end] = new
    return True
