"""Use cases on tasks: add, edit, complete, reopen, extend, suspend, cancel, delete, undo.

The command line and the TUI both call these; neither keeps rules of its own. Every
change returns a :class:`Change` (before and after), which is what undo replays.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.series import HORIZON_DAYS, Series, plan_occurrences
from deadline_tui.domain.task import Extension, StateChange, Task, TaskState, new_uid
from deadline_tui.domain.vntext import clean, format_date
from deadline_tui.domain.workdays import WorkCalendar
from deadline_tui.errors import ConflictError, InputError, NotFoundError
from deadline_tui.services.clock import Clock, SystemClock
from deadline_tui.storage.book import TaskBook, TaskRef

if TYPE_CHECKING:
    from deadline_tui.domain.deadlines import Deadline
    from deadline_tui.services.drafts import CheckedDraft, TaskDraft

# The deadline reader and the drafts are imported by the methods that read a deadline
# or a draft (add, edit, extend, a date given as text): `done` does without (~3 ms).

# Top series up when fewer than this many days of occurrences remain ahead.
_TOP_UP_MARGIN_DAYS = HORIZON_DAYS // 2


@dataclass(frozen=True, slots=True)
class Prepared:
    """What one draft becomes: one task, or a series and its first occurrences."""

    tasks: list[Task]
    series: Series | None


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one task: ``before`` is None for an addition, ``after`` for a deletion."""

    action: str
    before: Task | None
    after: Task | None

    @property
    def task(self) -> Task:
        """The task as it is after the change (or was, for a deletion)."""
        found = self.after or self.before
        assert found is not None
        return found


def _as_planned(task: Task) -> Task:
    """An occurrence without what differs between untouched occurrences of one series
    (identity, cycle dates, timestamps): equal for every occurrence nobody changed."""
    epoch = datetime.min
    return task._replace(
        uid="",
        id=0,
        assigned_on=date.min,
        due_on=None,
        created_at=epoch,
        updated_at=epoch,
    )


def _distinct_units(typed: tuple[str, ...]) -> tuple[str, ...]:
    """Cooperating units as typed, each unit once (by its matching key)."""
    matcher = NameMatcher()
    kept: dict[str, str] = {}
    for unit in typed:
        name = clean(unit)
        if name:
            kept.setdefault(matcher.key(name), name)
    return tuple(kept.values())


def _history_so_far(task: Task) -> tuple[StateChange, ...]:
    """The history a task stored before histories were kept implies: its completion on its
    completion date; a suspension or cancellation with no date, as if from assignment
    (which is how such a task was counted until now)."""
    if task.state is TaskState.DONE and task.done_on is not None:
        return (StateChange(TaskState.DONE, task.done_on, task.done_on),)
    if task.state in (TaskState.SUSPENDED, TaskState.CANCELLED):
        return (StateChange(task.state, task.assigned_on, task.assigned_on),)
    return ()


class TaskService:
    """The use cases, over one repository and one clock."""

    def __init__(
        self,
        repo: TaskBook,
        clock: Clock | None = None,
        calendar: WorkCalendar | None = None,
    ) -> None:
        self.repo = repo
        self.clock = clock or SystemClock()
        self.calendar = calendar or WorkCalendar()

    def today(self) -> date:
        """Today by the service's clock."""
        return self.clock.now().date()

    # -- reading helpers ---------------------------------------------------------------

    def check(self, draft: TaskDraft) -> CheckedDraft:
        """Validate a draft against today (for forms that check as the user types)."""
        from deadline_tui.services.drafts import check_draft

        return check_draft(draft, self.today(), self.calendar)

    def preview_deadline(self, text: str, assigned_on: date | None = None) -> Deadline:
        """What a deadline phrase means, to show before saving; raises if unreadable."""
        from deadline_tui.domain.deadlines import read_deadline

        return read_deadline(text, assigned_on or self.today(), self.calendar)

    # -- adding and editing ------------------------------------------------------------

    def _task_from(self, checked: CheckedDraft, uid: str) -> Task:
        from deadline_tui.domain.deadlines import Deadline

        draft, now = checked.draft, self.clock.now()
        deadline = checked.deadline or Deadline("", None)
        return Task(
            uid=uid,
            title=clean(draft.title),
            lead_unit=clean(draft.lead_unit),
            assigned_on=checked.assigned_on,
            source=clean(draft.source),
            support_units=_distinct_units(draft.support_units),
            leader=clean(draft.leader),
            follower=clean(draft.follower),
            deadline_text=deadline.text,
            due_on=deadline.due_on,
            recurrence=deadline.recurrence,
            state=TaskState.DONE if checked.done_on else checked.set_aside or TaskState.OPEN,
            done_on=checked.done_on,
            result=clean(draft.result),
            note=clean(draft.note),
            created_at=now,
            updated_at=now,
        )

    def validated(self, draft: TaskDraft) -> CheckedDraft:
        """The checked draft; raises :class:`InvalidDraft` naming every problem."""
        from deadline_tui.services.drafts import InvalidDraft

        checked = self.check(draft)
        if not checked.ok:
            raise InvalidDraft(checked.problems)
        return checked

    # Names are stored as typed (DESIGN section 2): a unit written "so tai chinh" stays so,
    # and reports group it with "Sở Tài chính" by its matching key (domain/names.py).

    def prepare(self, checked: CheckedDraft) -> Prepared:
        """The task (or series and its occurrences) a valid draft becomes, not yet stored."""
        task = self._task_from(checked, new_uid())
        if task.recurrence is None:
            return Prepared([task], None)
        series = Series(
            uid=new_uid(),
            template=task,
            recurrence=task.recurrence,
            start=task.assigned_on,
            created_at=task.created_at,
        )
        series, occurrences = plan_occurrences(
            series, self.today() + timedelta(days=HORIZON_DAYS), self.clock.now()
        )
        return Prepared(occurrences, series)

    def store(self, prepared: list[Prepared]) -> list[Task]:
        """Store prepared tasks and series in one durable write; returns the stored tasks."""
        with self.repo.batch():
            stored = self.repo.add_many([task for item in prepared for task in item.tasks])
            for item in prepared:
                if item.series is not None:
                    self.repo.save_series(item.series)
        return stored

    def add(self, draft: TaskDraft) -> Change:
        """Add a task. A recurring deadline starts a series; the first occurrence is returned."""
        stored = self.store([self.prepare(self.validated(draft))])
        return Change("add", None, stored[0])

    def edit(self, ref: TaskRef, draft: TaskDraft, *, expected: Task | None = None) -> Change:
        """Replace a task's fields with the draft's; the deadline history is kept.

        ``expected`` (here and in the other changes): the task as the user's screen showed
        it; if it was changed since (another program, another desk), the change is refused
        with a ConflictError and nothing is written (TaskBook.update)."""
        checked = self.validated(draft)

        def apply(current: Task) -> Task:
            fresh = self._task_from(checked, current.uid)
            due_on = fresh.due_on
            if current.extensions and clean(draft.deadline) == current.deadline_text:
                due_on = current.due_on  # the phrase is unchanged: the extended date stays
            edited = fresh._replace(
                id=current.id,
                due_on=due_on,
                original_due_on=current.original_due_on,
                extensions=current.extensions,
                recurrence=current.recurrence or fresh.recurrence,
                series_uid=current.series_uid,
                state=current.state,
                done_on=current.done_on,
                state_history=current.state_history,
                created_at=current.created_at,
            )
            return self._edited_state(edited, fresh.done_on)

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change("edit", before, after)

    def _edited_state(self, task: Task, done_on: date | None) -> Task:
        """The state after a form set or cleared the completion date; a recorded date is
        changed only by the explicit correction."""
        if task.state is TaskState.DONE:
            if done_on == task.done_on:
                return task
            if done_on is None:
                return self._change_state(
                    task, StateChange(TaskState.OPEN, self.today(), self.today())
                )
            raise InputError("correct_explicitly", done=format_date(task.done_on))
        if done_on is None:
            return task
        return self._change_state(task, StateChange(TaskState.DONE, done_on, self.today()))

    # -- state changes -------------------------------------------------------------------

    def complete(
        self,
        ref: TaskRef,
        on: date | str | None = None,
        result: str | None = None,
        *,
        expected: Task | None = None,
    ) -> Change:
        """Mark done on the real completion date (default today); ``result`` (the
        reporting document, what was achieved) replaces the task's result when given.

        A completion is history: a task already done is refused (see :meth:`correct_done`).
        """
        done_on = self._date(on) or self.today()
        if done_on > self.today():
            raise InputError("done_in_future", done=format_date(done_on))

        def apply(task: Task) -> Task:
            if task.state is TaskState.DONE:
                raise InputError("already_done", id=task.id, done=format_date(task.done_on))
            if done_on < task.assigned_on:
                raise InputError(
                    "done_before_assigned",
                    done=format_date(done_on),
                    assigned=format_date(task.assigned_on),
                )
            done = self._change_state(task, StateChange(TaskState.DONE, done_on, self.today()))
            return done if result is None else done._replace(result=clean(result))

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change("done", before, after)

    def correct_done(
        self, ref: TaskRef, on: date | str, reason: str, *, expected: Task | None = None
    ) -> Change:
        """Correct a recorded completion date: an explicit act, kept in the history with the
        old date, the new one, the reason and the day it was recorded."""
        done_on = self._date(on)
        assert done_on is not None
        reason = clean(reason)
        if not reason:
            raise InputError("correct_reason_required")
        if done_on > self.today():
            raise InputError("done_in_future", done=format_date(done_on))

        def apply(task: Task) -> Task:
            if task.state is not TaskState.DONE or task.done_on is None:
                raise InputError("correct_not_done", id=task.id)
            if done_on < task.assigned_on:
                raise InputError(
                    "done_before_assigned",
                    done=format_date(done_on),
                    assigned=format_date(task.assigned_on),
                )
            if done_on == task.done_on:
                raise InputError("correct_same_date", done=format_date(done_on))
            change = StateChange(TaskState.DONE, done_on, self.today(), reason, task.done_on)
            return self._change_state(task, change)

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change("correct", before, after)

    def reopen(
        self, ref: TaskRef, on: date | str | None = None, *, expected: Task | None = None
    ) -> Change:
        """Back to open from ``on`` (default today): after a completion, a suspension
        (resumption) or a cancellation. What held before that day stays in the history."""

        def apply(task: Task) -> Task:
            if task.state is TaskState.OPEN:
                raise InputError("already_open", id=task.id)
            day = self._date(on) or self.today()
            return self._change_state(task, StateChange(TaskState.OPEN, day, self.today()))

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change("reopen", before, after)

    def suspend(
        self, ref: TaskRef, on: date | str | None = None, *, expected: Task | None = None
    ) -> Change:
        """Set aside from ``on`` (default today) ("tạm dừng"): outside every rate until
        reopened; reports of earlier days are unchanged."""
        return self._set_state(ref, TaskState.SUSPENDED, "suspend", on, expected)

    def cancel(
        self, ref: TaskRef, on: date | str | None = None, *, expected: Task | None = None
    ) -> Change:
        """Withdrawn from ``on`` (default today) ("hủy / rút"): outside every rate; a
        completion before that day stays in earlier reports."""
        return self._set_state(ref, TaskState.CANCELLED, "cancel", on, expected)

    def _set_state(
        self,
        ref: TaskRef,
        state: TaskState,
        action: str,
        on: date | str | None = None,
        expected: Task | None = None,
    ) -> Change:
        day = self._date(on) or self.today()

        def apply(task: Task) -> Task:
            return self._change_state(task, StateChange(state, day, self.today()))

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change(action, before, after)

    def _change_state(self, task: Task, change: StateChange) -> Task:
        """``task`` with ``change`` appended to its history and its current state set.

        A change may not take effect before the last one (history is never rewritten;
        a wrong completion date has its own correction).
        """
        history = task.state_history or _history_so_far(task)
        previous = [c for c in history if c.corrects is None]
        if change.corrects is None and previous and change.on < previous[-1].on:
            raise InputError(
                "state_before_last_change",
                on=format_date(change.on),
                last=format_date(previous[-1].on),
            )
        if change.on > self.today():
            raise InputError("state_in_future", on=format_date(change.on))
        return task.with_changes(
            self.clock.now(),
            state=change.state,
            done_on=change.on if change.state is TaskState.DONE else None,
            state_history=(*history, change),
        )

    def extend(
        self,
        ref: TaskRef,
        to: date | str,
        reason: str,
        document: str = "",
        recorded_on: date | str | None = None,
        *,
        expected: Task | None = None,
    ) -> Change:
        """Move the deadline to ``to``; the reason is required and the history is kept."""
        new_due = self._date(to)
        assert new_due is not None
        reason = clean(reason)
        if not reason:
            raise InputError("extend_reason_required")
        recorded = self._date(recorded_on) or self.today()

        def apply(task: Task) -> Task:
            if task.state is TaskState.DONE:
                raise InputError("extend_done", id=task.id)
            if task.due_on is not None and new_due <= task.due_on:
                raise InputError(
                    "extend_not_later", new=format_date(new_due), old=format_date(task.due_on)
                )
            if new_due < task.assigned_on:
                raise InputError(
                    "extend_before_assigned",
                    new=format_date(new_due),
                    assigned=format_date(task.assigned_on),
                )
            extension = Extension(task.due_on, new_due, reason, clean(document), recorded)
            return task.with_changes(
                self.clock.now(),
                due_on=new_due,
                original_due_on=task.original_due_on if task.extensions else task.due_on,
                extensions=(*task.extensions, extension),
            )

        before, after = self.repo.update(ref, apply, expected=expected)
        return Change("extend", before, after)

    def delete(self, ref: TaskRef, *, expected: Task | None = None) -> Change:
        """Remove a task for good (undo can bring it back in this session); with
        ``expected``, only if it is still as the screen showed it."""
        return Change("delete", self.repo.delete(ref, expected=expected), None)

    def undo(self, change: Change) -> Change:
        """Revert ``change``, if nobody has changed the task since: the task must be
        exactly as the change left it, and a deleted one still absent (its uid and its
        number both free: a restore or another program may have put it back)."""
        if change.after is not None:
            current = self.repo.get(change.after.uid)
            if current != change.after:
                raise ConflictError("undo_conflict", id=change.after.id)
        elif change.before is not None and self._held(change.before):
            raise ConflictError("undo_conflict_back", id=change.before.id)
        if change.before is None:
            assert change.after is not None
            if change.after.series_uid is not None:
                self._undo_series_add(change.after)
            else:
                self.repo.delete(change.after.uid)
            return Change("undo", change.after, None)
        restored = self.repo.put(change.before)
        return Change("undo", change.after, restored)

    def _held(self, task: Task) -> bool:
        """Is ``task``'s uid or number in the book?"""
        for ref in (task.uid, task.id):
            try:
                self.repo.get(ref)
            except NotFoundError:
                continue
            return True
        return False

    def _undo_series_add(self, first: Task) -> None:
        """Remove the series ``first`` began, under the lock, only if neither the series
        nor any occurrence (those the add created, or a top-up since) changed: an edited
        or completed occurrence is work recorded, never deleted by an undo."""
        series_uid = first.series_uid
        assert series_uid is not None
        with self.repo.batch():
            if self.repo.get(first.uid) != first:
                raise ConflictError("undo_conflict", id=first.id)
            found = [s for s in self.repo.series() if s.uid == first.series_uid]
            if len(found) != 1 or found[0].until is not None:
                raise ConflictError("undo_conflict", id=first.id)
            untouched = _as_planned(first)
            if _as_planned(found[0].template._replace(series_uid=first.series_uid)) != untouched:
                raise ConflictError("undo_conflict", id=first.id)
            for task in self.repo.tasks():
                if task.series_uid == first.series_uid and (
                    task.updated_at != task.created_at or _as_planned(task) != untouched
                ):
                    raise ConflictError("undo_conflict", id=task.id)
            self.repo.delete_series(series_uid)

    # -- series --------------------------------------------------------------------------

    def top_up_series(self) -> int:
        """Create the occurrences recurring series need ahead of today; returns how many.

        Writes only when some series runs short, so calling it at every start is cheap.
        """
        today = self.today()
        short = [
            s
            for s in self.repo.series()
            if (s.until is None or (s.last_due or s.start) < s.until)
            and (s.last_due is None or s.last_due < today + timedelta(days=_TOP_UP_MARGIN_DAYS))
        ]
        if not short:
            return 0
        created = 0
        with self.repo.batch():
            for series in self.repo.series():
                if series.uid not in {s.uid for s in short}:
                    continue
                updated, occurrences = plan_occurrences(
                    series, today + timedelta(days=HORIZON_DAYS), self.clock.now()
                )
                if occurrences:
                    self.repo.add_many(occurrences)
                    self.repo.save_series(updated)
                    created += len(occurrences)
        return created

    def stop_series(self, ref: TaskRef) -> int:
        """End a task's series today: occurrences not yet assigned are removed."""
        task = self.repo.get(ref)
        today = self.today()
        removed = 0
        with self.repo.batch():
            for series in self.repo.series():
                if series.uid == task.series_uid:
                    self.repo.save_series(replace(series, until=today))
            for other in self.repo.tasks():
                if other.series_uid == task.series_uid and other.assigned_on > today:
                    self.repo.delete(other.uid)
                    removed += 1
        return removed

    @staticmethod
    def _date(value: date | str | None) -> date | None:
        if value is None or isinstance(value, date):
            return value
        from deadline_tui.domain.deadlines import parse_date

        return parse_date(value)
