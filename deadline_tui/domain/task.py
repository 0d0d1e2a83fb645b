"""The task record ("đầu việc") of DESIGN section 2, as immutable values."""

from __future__ import annotations

import os
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from deadline_tui.domain.recurrence import Recurrence

_UID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32: no i, l, o, u
_UID_FIRST = "abcdefghjkmnpqrstvwxyz"


def new_uid() -> str:
    """A short random identity (about 49 bits); never reused.

    It starts with a letter so that it can never be mistaken for a list number.
    """
    # os.urandom is what the secrets module draws from; importing secrets costs ~8 ms at
    # every start of the command line. 32 and 22 do not divide 256 evenly, so a byte is
    # reduced with a tiny bias (< 1%) that does not matter for an identity.
    raw = os.urandom(10)
    return _UID_FIRST[raw[0] % len(_UID_FIRST)] + "".join(_UID_ALPHABET[b % 32] for b in raw[1:])


class TaskState(StrEnum):
    """What the specialist recorded, independent of any cut-off date."""

    OPEN = "open"
    DONE = "done"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


class Extension(NamedTuple):
    """One extension of the deadline ("gia hạn"), kept for the history."""

    old_due: date | None
    new_due: date
    reason: str
    document: str
    recorded_on: date


class StateChange(NamedTuple):
    """One change of state, kept for the history ("lịch sử tình trạng").

    ``state`` is the state the task moves to and ``on`` the day it takes effect (for
    ``done``: the real completion date); ``recorded_on`` is the day it was entered. A
    correction of a completion date is a ``done`` change with ``corrects`` set to the
    date it replaces and a ``reason``.
    """

    state: TaskState
    on: date
    recorded_on: date
    reason: str = ""
    corrects: date | None = None


def state_timeline(history: tuple[StateChange, ...]) -> list[tuple[date, TaskState]]:
    """The states in force, by the day each takes effect (corrections applied)."""
    timeline: list[tuple[date, TaskState]] = []
    for change in history:
        if change.corrects is not None:
            for index in range(len(timeline) - 1, -1, -1):
                if timeline[index][1] is TaskState.DONE:
                    timeline[index] = (change.on, TaskState.DONE)
                    break
            continue
        timeline.append((change.on, change.state))
    # Stable: two changes on one day keep the order they were recorded in.
    timeline.sort(key=lambda item: item[0])
    return timeline


class Task(NamedTuple):
    """One task assigned by a leadership document to a lead unit; immutable.

    ``id`` is the small number shown in lists (TinyDB's document id, 0 before the task
    is stored); ``uid`` is the identity every reference uses. A NamedTuple rather than a
    frozen dataclass: building one costs a sixth as much, which is most of the time it
    takes to read a book of 20.000 tasks. Change a copy with ``task._replace(...)``.
    """

    uid: str
    title: str
    lead_unit: str
    assigned_on: date
    created_at: datetime
    updated_at: datetime
    id: int = 0
    source: str = ""
    support_units: tuple[str, ...] = ()
    leader: str = ""
    follower: str = ""
    deadline_text: str = ""
    due_on: date | None = None
    original_due_on: date | None = None
    extensions: tuple[Extension, ...] = ()
    recurrence: Recurrence | None = None
    series_uid: str | None = None
    state: TaskState = TaskState.OPEN
    done_on: date | None = None
    result: str = ""
    note: str = ""
    state_history: tuple[StateChange, ...] = ()
    """Every change of state since the task was entered (empty in books written before
    the history was kept: then ``state`` and ``done_on`` are the whole story)."""

    def state_at(self, as_of: date) -> tuple[TaskState, date | None]:
        """The state in force at the end of ``as_of`` and, when done, the completion date.

        A change that takes effect after ``as_of`` has not happened yet: suspending or
        cancelling a task today leaves every past report as it was.
        """
        history = self.state_history
        if not history:
            return self.state, self.done_on if self.state is TaskState.DONE else None
        if len(history) == 1 and history[0].corrects is None:  # a plain change: no timeline
            only = history[0]
            if only.on > as_of:
                return TaskState.OPEN, None
            return only.state, only.on if only.state is TaskState.DONE else None
        state, done_on = TaskState.OPEN, None
        for on, changed in state_timeline(self.state_history):
            if on > as_of:
                break
            state = changed
            done_on = on if changed is TaskState.DONE else None
        return state, done_on

    def due_at(self, as_of: date) -> date | None:
        """The deadline in force at ``as_of``: extensions recorded later do not count yet."""
        # Extensions are kept in the order they were recorded; once the last one is in
        # force, due_on is the authority (it also carries later corrections of the date).
        if not self.extensions or as_of >= self.extensions[-1].recorded_on:
            return self.due_on
        due = self.original_due_on
        for extension in self.extensions:
            if extension.recorded_on > as_of:
                break
            due = extension.new_due
        return due

    def with_changes(self, now: datetime, **changes: object) -> Task:
        """A copy with ``changes`` applied and ``updated_at`` set to ``now``."""
        return self._replace(**changes, updated_at=now)  # type: ignore[arg-type]
