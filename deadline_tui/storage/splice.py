"""Changing one task in the file's bytes, without parsing or re-encoding the rest.

Marking a task done used to mean parsing the whole book and writing it out again: at
20.000 tasks ~0,15 s to parse and ~0,08 s to encode, for one changed record. The file is
written by this storage in a fixed shape (``jsonstore.stamp_generation``): the meta
record first, the tasks table last (the meta record says so: ``"tasks_last": true``),
compact JSON. In that shape one task's bytes can be
found and replaced, and the meta record's generation id (a fixed 16 hex digits) can be
replaced in place, so the new version is the old bytes with two spans swapped.

Why a span found here is the right one: in JSON every ``"`` inside a string is escaped,
so bytes such as ``"12":{"uid":"`` (unescaped quotes) can only be structure, never text
a user typed; and inside the tasks table only a task's own key is a number followed by
an object. Anything that does not have exactly the expected shape (a file written by
another program, pretty-printed, an id found twice, a record that does not parse) gives
None, and the caller takes the ordinary parse-and-rewrite path.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from deadline_tui.storage.jsonstore import META_HEAD

_GENERATION = re.compile(rb'[{,]"generation":"([0-9a-f]{16})"[,}]')
_TASKS_LAST = re.compile(rb'[{,]"tasks_last":true[,}]')
_TASKS_KEY = b',"tasks":{'
# One JSON token that matters for nesting: a whole string (escapes included) or a brace.
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[{}]')
_KEY_BEFORE = re.compile(rb'[{,]"([1-9][0-9]*)":$')
_UID = re.compile(r"[0-9a-z]{1,64}")


class TaskSpan(NamedTuple):
    """Where one task's document lies in the file's bytes: ``raw[start:end]``."""

    doc_id: int
    start: int
    end: int


def generation_span(raw: bytes) -> tuple[int, int] | None:
    """Where the generation id's 16 hex digits lie in the meta record at the file's head,
    if that record also says the tasks table is the file's last (``tasks_last``)."""
    meta = META_HEAD.match(raw, 0, 512)
    if meta is None or not _TASKS_LAST.search(raw, 0, meta.end()):
        return None
    generation = _GENERATION.search(raw, 0, meta.end())
    return generation.span(1) if generation else None


def _tasks_table(raw: bytes) -> int | None:
    """Where the tasks table's content starts (the meta record says it is the last)."""
    if generation_span(raw) is None or not raw.endswith(b"}}"):
        return None
    at = raw.find(_TASKS_KEY)
    return at + len(_TASKS_KEY) if at >= 0 else None


def _object_end(raw: bytes, start: int) -> int | None:
    """The end of the JSON object whose ``{`` is at ``start`` (strings skipped whole)."""
    depth = 0
    for token in _TOKEN.finditer(raw, start):
        first = token.group()[0]
        if first == 0x7B:  # {
            depth += 1
        elif first == 0x7D:  # }
            depth -= 1
            if depth == 0:
                return token.end()
    return None


def _unique(raw: bytes, needle: bytes, start: int) -> int | None:
    at = raw.find(needle, start)
    if at < 0 or raw.find(needle, at + 1) >= 0:
        return None
    return at


def task_span(raw: bytes, ref: int | str) -> TaskSpan | None:
    """The span of the task with this id (a number) or uid, or None (see the module)."""
    content = _tasks_table(raw)
    if content is None:
        return None
    if isinstance(ref, int) or ref.isdigit():
        doc_id = int(ref)
        key = b'"%d":' % doc_id
        at = _unique(raw, key + b'{"uid":"', content)
        if at is None or raw[at - 1] not in b"{,":
            return None
        start = at + len(key)
    else:
        if not _UID.fullmatch(ref):
            return None
        at = _unique(raw, b':{"uid":"%s",' % ref.encode("ascii"), content)
        if at is None:
            return None
        key_match = _KEY_BEFORE.search(raw, max(content - 1, at - 24), at + 1)
        if key_match is None:
            return None
        doc_id = int(key_match.group(1))
        start = at + 1
    end = _object_end(raw, start)
    if end is None or raw[end : end + 1] not in (b",", b"}"):
        return None
    return TaskSpan(doc_id, start, end)


def spliced(
    raw: bytes, span: TaskSpan, document: bytes, generation: str
) -> tuple[memoryview | bytes, ...] | None:
    """The file's bytes with the task at ``span`` replaced by ``document`` (compact JSON)
    and the meta record's generation id replaced by ``generation`` (16 hex digits), as
    pieces to write one after another (views of ``raw``: a 70 MiB book is not copied)."""
    at = generation_span(raw)
    if at is None or len(generation) != 16 or not document.startswith(b'{"uid":"'):
        return None
    gen_start, gen_end = at
    view = memoryview(raw)
    return (
        view[:gen_start],
        generation.encode("ascii"),
        view[gen_end : span.start],
        document,
        view[span.end :],
    )
