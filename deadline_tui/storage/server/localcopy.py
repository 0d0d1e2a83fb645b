"""A copy of the server book's decoded tasks on this machine, in the user's cache directory.

Reading 100.000 tasks from the server costs ~1,5 s (the server turns every ``jsonb``
document into text, Python decodes each one); loading them pickled costs ~0,25 s
(bench/server.py). So a reader that had to read the whole book leaves the tasks here,
and the next reader that finds the book in the very same state loads them instead.

- Whole when the **stamp** matches: ``book_state.stamp``, a random uuid drawn anew by every
  write transaction at its commit (with the generation; migration 2). Equal stamps mean
  the same committed state, whoever wrote it and whichever server the URL reaches now:
  a restored ``pg_dump`` carries its stamp together with the rows it describes, and any
  change after that draws a new one (a change made outside this program too: a trigger,
  schema.py). A copy can never stand for another state of the
  book; the stamp is read in the same snapshot as the rows would be.
- Brought up to date when it does not (:func:`refreshed`): each task carries its row's
  :data:`MARK` (the writing transaction's id, the row's version and change time: which
  write of that row it is), so one query of every row's id and mark tells which tasks
  changed, came or went, and only those documents are read (~0,1 s at 100.000 instead
  of ~1,5 s). The long-lived reader (the TUI) refreshes its own last read the same way.
- Also keyed on the code that shapes a task (package version and a checksum of the task,
  recurrence and codec sources) and on the server schema version: an upgrade is a miss.
- Where: ``$XDG_CACHE_HOME/deadline-tui/server/<checksum of the URL>.pickle``, made 0600
  in a 0700 folder; the URL is taken without its password.
- Kept by storage.localfile (as the desk book's copy is): read only when it is the
  user's own regular file closed to others, with this key and a sound checksum, and
  holding a tuple of tasks (else the book is read); written atomically, best-effort;
  each repeated text and time stored once (a third of the size). Deleting it changes
  nothing but speed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from deadline_tui.domain.task import Task
from deadline_tui.storage import localfile
from deadline_tui.storage.server import redact, schema

FORMAT = 2
_MAGIC = b"deadline-tui server tasks\n"


# Which write of a row this is: two different writes never share all three (the
# transaction id alone is unique until it wraps around after 2^32 transactions; a
# restored dump keeps each row's version and change time).
MARK = "concat_ws(' ', xmin, version, (extract(epoch FROM changed_at) * 1e6)::bigint)"


class Copy(NamedTuple):
    """The tasks of the book in the state ``stamp``, in id order, with their row marks."""

    stamp: str
    tasks: tuple[Task, ...]
    marks: tuple[str, ...]


def refreshed(
    base: Copy, stamp: str, rows: list[tuple[int, str]], fetch: Callable[[list[int]], list[Task]]
) -> tuple[Copy, int]:
    """``base`` brought to the state ``stamp`` whose rows are ``rows`` (id and mark, in id
    order): a task whose mark is unchanged is kept, the others come from ``fetch`` (ids ->
    tasks). Returns the copy and how many tasks were fetched."""
    known = {task.id: (task, mark) for task, mark in zip(base.tasks, base.marks, strict=True)}
    stale = [task_id for task_id, mark in rows if known.get(task_id, (None, ""))[1] != mark]
    fresh = {task.id: task for task in fetch(stale)} if stale else {}
    tasks = tuple(fresh.get(task_id) or known[task_id][0] for task_id, _mark in rows)
    return Copy(stamp, tasks, tuple(mark for _id, mark in rows)), len(stale)


def copy_file(url: str) -> Path:
    """Where the copy of the book at ``url`` lives (the stamp inside must match too)."""
    return localfile.place("server", redact(url).encode())


def _head() -> bytes | None:
    layout = localfile.code_layout()
    if layout is None:
        return None
    return _MAGIC + f"{FORMAT} ".encode() + layout + f" {schema.SCHEMA_VERSION}\n".encode()


def load(url: str) -> Copy | None:
    """The copy kept of the book at ``url``, if a sound one is kept (of whatever state:
    the caller compares its stamp)."""
    head = _head()
    found = None if head is None else localfile.load(copy_file(url), head)
    if type(found) is not tuple or len(found) != 3:
        return None
    stamp, packed, marks = found
    tasks = localfile.unpacked(packed)
    if type(stamp) is not str or tasks is None or type(marks) is not tuple:
        return None
    if len(tasks) != len(marks) or not all(type(m) is str for m in marks):
        return None
    return Copy(stamp, tasks, marks)


def save(url: str, copy: Copy) -> None:
    """Keep ``copy`` of the book at ``url`` (best-effort)."""
    head = _head()
    if head is not None:
        value = (copy.stamp, localfile.packed(copy.tasks), copy.marks)
        localfile.save(copy_file(url), head, value)
