"""A task as typed (form, command line or import row), and its validation.

All three front ends hand over text and get back, per field, either a value or a
problem that says what is wrong; nothing is stored until every field is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from deadline_tui.domain.deadlines import Deadline, parse_date, read_deadline
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.domain.vntext import clean, fold, format_date
from deadline_tui.domain.workdays import WorkCalendar
from deadline_tui.errors import InputError, UserError

FIELDS = (
    "title",
    "lead_unit",
    "support_units",
    "source",
    "leader",
    "follower",
    "assigned",
    "deadline",
    "done",
    "result",
    "note",
)


@dataclass(frozen=True, slots=True)
class TaskDraft:
    """Text as the user gave it; dates day-first, the deadline as written."""

    title: str = ""
    lead_unit: str = ""
    deadline: str = ""
    source: str = ""
    support_units: tuple[str, ...] = ()
    leader: str = ""
    follower: str = ""
    assigned: str = ""
    done: str = ""
    result: str = ""
    note: str = ""
    status: str = ""
    """A status as exported ("Tạm dừng", "Hủy"): only the two set-aside states are read;
    every other status follows from the dates; a word that is no status is an error."""


def draft_of(task: Task) -> TaskDraft:
    """A stored task as text again: the edit form's starting values, and what
    ``deadline-tui edit`` changes field by field."""
    return TaskDraft(
        title=task.title,
        lead_unit=task.lead_unit,
        deadline=task.deadline_text,
        source=task.source,
        support_units=task.support_units,
        leader=task.leader,
        follower=task.follower,
        assigned=format_date(task.assigned_on),
        done=format_date(task.done_on),
        result=task.result,
        note=task.note,
    )


def rebased(
    typed: TaskDraft, shown: TaskDraft, now: TaskDraft, moved: tuple[str, ...] = ()
) -> tuple[TaskDraft, tuple[str, ...], tuple[str, ...]]:
    """An edit typed on the task as ``shown``, moved onto the task as it is ``now`` (it
    was changed elsewhere meanwhile): every field the user changed keeps what was typed,
    every other one takes its value now, so saving it again undoes nothing done elsewhere
    unseen. ``moved``: fields changed elsewhere though their text is the same (an
    extension moves the deadline, not its text). Returns the draft, the fields that took
    another value from ``now``, and the fields changed on both sides to different values
    (kept as typed: the user must look at those)."""
    values: dict[str, Any] = {}  # (str fields, and the tuple of support units)
    taken: list[str] = []
    both: list[str] = []
    for name in FIELDS:
        mine, before, theirs = (getattr(d, name) for d in (typed, shown, now))
        changed_there = theirs != before or name in moved
        if mine == before:
            values[name] = theirs
            if changed_there:
                taken.append(name)
        else:
            values[name] = mine
            if changed_there and theirs != mine:
                both.append(name)
    return replace(now, **values), tuple(taken), tuple(both)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field."""

    field: str
    value: str
    error: UserError


@dataclass(frozen=True, slots=True)
class CheckedDraft:
    """A draft with its parsed values and the problems found."""

    draft: TaskDraft
    assigned_on: date
    deadline: Deadline | None
    done_on: date | None
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    set_aside: TaskState | None = None

    @property
    def ok(self) -> bool:
        """No problems: the draft can be saved."""
        return not self.problems

    def problem(self, name: str) -> Problem | None:
        """The problem with field ``name``, if any."""
        return next((p for p in self.problems if p.field == name), None)


class InvalidDraft(InputError):
    """A draft with problems; ``problems`` says which field, value and why."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(
            "draft_invalid", details="".join(f"\n  - {p.error.message()}" for p in problems)
        )
        self.problems = problems


def _date_field(name: str, text: str, problems: list[Problem]) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except UserError as error:
        problems.append(Problem(name, text, error))
        return None


def check_draft(
    draft: TaskDraft, today: date, calendar: WorkCalendar | None = None
) -> CheckedDraft:
    """Validate every field; never raises for bad input, it reports it.

    ``calendar`` is the office's working-day calendar ("N ngày làm việc").
    """
    problems: list[Problem] = []
    if not clean(draft.title):
        problems.append(Problem("title", draft.title, InputError("title_required")))
    if not clean(draft.lead_unit):
        problems.append(Problem("lead_unit", draft.lead_unit, InputError("lead_unit_required")))
    assigned_on = _date_field("assigned", draft.assigned, problems) or today
    done_on = _date_field("done", draft.done, problems)
    deadline: Deadline | None = None
    try:
        deadline = read_deadline(draft.deadline, assigned_on, calendar)
    except UserError as error:
        problems.append(Problem("deadline", draft.deadline, error))
    if (
        deadline is not None
        and deadline.due_on is not None
        and deadline.recurrence is None
        and deadline.due_on < assigned_on
    ):
        problems.append(
            Problem(
                "deadline",
                draft.deadline,
                InputError(
                    "deadline_before_assigned",
                    due=deadline.due_on.strftime("%d/%m/%Y"),
                    assigned=assigned_on.strftime("%d/%m/%Y"),
                ),
            )
        )
    if done_on is not None:
        if done_on < assigned_on:
            problems.append(
                Problem(
                    "done",
                    draft.done,
                    InputError(
                        "done_before_assigned",
                        done=draft.done,
                        assigned=assigned_on.strftime("%d/%m/%Y"),
                    ),
                )
            )
        elif done_on > today:
            problems.append(
                Problem("done", draft.done, InputError("done_in_future", done=draft.done))
            )
        if deadline is not None and deadline.recurrence is not None:
            problems.append(Problem("done", draft.done, InputError("done_recurring")))
    set_aside = None
    try:
        word = read_status_word(draft.status)
    except InputError as error:
        problems.append(Problem("status", draft.status, error))
    else:
        set_aside = word if done_on is None else None
    return CheckedDraft(draft, assigned_on, deadline, done_on, tuple(problems), set_aside)


_SET_ASIDE = {
    "tam dung": TaskState.SUSPENDED,
    "suspended": TaskState.SUSPENDED,
    "huy": TaskState.CANCELLED,
    "rut": TaskState.CANCELLED,
    "huy / rut": TaskState.CANCELLED,
    "cancelled": TaskState.CANCELLED,
    "canceled": TaskState.CANCELLED,
}


def set_aside_state(text: str) -> TaskState | None:
    """ "Tạm dừng" -> suspended, "Hủy" -> cancelled (any case, with or without marks)."""
    return _SET_ASIDE.get(fold(text))


# Status words an export writes (every label of both languages) or a person types, that
# leave the state to follow from the dates.
_FROM_DATES = {
    "hoan thanh",
    "da hoan thanh",
    "done",
    "dang thuc hien",
    "open",
    "chua hoan thanh",
    "qua han",
    "overdue",
    "chua giao",
}
_SET_ASIDE.update({"da huy": TaskState.CANCELLED, "da rut": TaskState.CANCELLED})


@cache
def _status_words() -> dict[str, TaskState | None]:
    from deadline_tui.i18n import message_ids, translations

    words: dict[str, TaskState | None] = dict.fromkeys(_FROM_DATES)
    for key in message_ids():
        labels = translations(key)
        if key.startswith(("status.", "short.")) or key == "not_assigned_yet":
            state = {"suspended": TaskState.SUSPENDED, "cancelled": TaskState.CANCELLED}.get(
                key.partition(".")[2]
            )
            for label in labels:
                words[fold(label)] = state
    words.update(_SET_ASIDE)
    return words


def read_status_word(text: str) -> TaskState | None:
    """The state a status cell names: suspended, cancelled, or None (it follows from the
    dates: "Hoàn thành đúng hạn", "Đang thực hiện quá hạn" ...). A word that is not a
    status is refused, never ignored."""
    folded = fold(text)
    if not folded:
        return None
    words = _status_words()
    if folded not in words:
        raise InputError(
            "status_unknown", value=text, allowed="Hoàn thành, Đang thực hiện, Tạm dừng, Hủy"
        )
    return words[folded]


def split_units(text: str) -> tuple[str, ...]:
    """Cooperating units as typed: separated by ";" (commas are part of many unit names)."""
    return tuple(unit for unit in (clean(part) for part in text.split(";")) if unit)
