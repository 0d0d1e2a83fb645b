"""The main screen's keys that change the book, as a mixin MainScreen inherits.

Done (and its correction), extend, reopen, suspend, cancel, delete, undo and import
document; with them the undo stack and ``check_action``, which hides from the key bar and
the command palette what does not apply to the task under the cursor. New and edit, with
the task form, are in tui.screens.form_actions. The bindings themselves are listed with
the others in tui.screens.main; every change goes through ``_apply``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.screen import Screen

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import ConflictError, UserError
from deadline_tui.i18n import t
from deadline_tui.tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from deadline_tui.services.tasks import Change, TaskService
    from deadline_tui.tui.app import DeadlineApp

# Actions that need a task under the cursor.
_NEEDS_TASK = {
    "edit_task",
    "mark_done",
    "reopen_task",
    "extend_deadline",
    "suspend_task",
    "cancel_task",
    "delete_task",
}
# Actions that change the book: none before the screen has read all of it.
_CHANGES_BOOK = _NEEDS_TASK | {"new_task", "undo", "import_document"}
# Refusals whose message names the command line's options: here they name the key instead.
_IN_THE_TUI = {
    "already_done": "already_done_tui",
    "correct_explicitly": "correct_explicitly_tui",
}


def refusal_text(error: UserError, correction_key: str) -> str:
    """What a refused change says in the TUI: the TUI's own words where the service's
    speak of command-line options ("done ID --correct --reason ..."), naming the key
    that opens the correction instead."""
    key = _IN_THE_TUI.get(error.key)
    if key is None:
        return error.message()
    return t(key, **error.params, key=correction_key)


class TaskActions(Screen[None]):
    """The actions that change tasks; MainScreen inherits them (never shown on its own)."""

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack: list[Change] = []  # the changes made here; u takes back the last
        # Every change made here, before and after, oldest first (kept by the storage thread).
        self._left_here: list[tuple[Task, Task]] = []
        # One change at a time, in the order the keys came (the next waits, never cancels).
        self._changing = asyncio.Lock()
        self._last_refused = False  # was the last change asked for refused?
        self._importing = False  # a document is being chosen, read or reviewed

    async def changes_done(self) -> None:
        """Wait until every change asked for so far is made (before quitting)."""
        if self._changing.locked():
            self.notify(t("saving_before_quit"), markup=False)
        async with self._changing:
            pass

    if TYPE_CHECKING:  # given by MainScreen (tui.screens.main)
        loaded: bool

        @property
        def deadline_app(self) -> DeadlineApp: ...

        async def requery(
            self, *, reload: bool = False, keep_uid: str | None = None, if_on: str | None = None
        ) -> None: ...

        async def _refresh_choices(self) -> None: ...

        def _refresh_bindings_if_changed(self) -> None: ...

    # -- which actions apply ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _CHANGES_BOOK and not self.loaded:
            return False  # the book is not all read yet (see MainScreen._load_initial)
        if action == "undo":  # (a change still being made will be there to undo)
            return bool(self.undo_stack) or self._changing.locked()
        if action not in _NEEDS_TASK:
            return True
        row = self.query_one(TaskTable).current if self.is_mounted else None
        if row is None:
            return False
        state = row.task.state
        if action == "mark_done":
            # On a done task, d says so and offers the explicit correction.
            return state in (TaskState.OPEN, TaskState.SUSPENDED, TaskState.DONE)
        if action == "reopen_task":
            return state is not TaskState.OPEN
        if action == "extend_deadline":
            return state is TaskState.OPEN
        if action == "suspend_task":
            return state is TaskState.OPEN
        if action == "cancel_task":
            return state in (TaskState.OPEN, TaskState.SUSPENDED)
        return True

    # -- one change, and what it needs -----------------------------------------------------

    def _current_task(self) -> Task | None:
        row = self.query_one(TaskTable).current
        return row.task if row else None

    async def _apply(
        self,
        change_of: Callable[..., Change],
        *args: object,
        done_message: str,
        shown: Task | None = None,
        follow: bool = True,
    ) -> UserError | None:
        """Run a service change on the storage thread, then refresh and report; after the
        changes asked for before it have ended (:meth:`_apply_in_turn`). Returns why the
        change was refused, or None if it was made."""
        under_cursor = self._under_cursor()  # when the key was typed, not when its turn comes
        async with self._changing:
            return await self._apply_in_turn(
                change_of,
                *args,
                done_message=done_message,
                shown=shown,
                follow=follow,
                under_cursor=under_cursor,
            )

    def _under_cursor(self) -> str | None:
        row = self.query_one(TaskTable).current if self.is_mounted else None
        return row.task.uid if row else None

    async def _apply_in_turn(
        self,
        change_of: Callable[..., Change],
        *args: object,
        done_message: str,
        shown: Task | None = None,
        follow: bool = True,
        under_cursor: str | None = None,
    ) -> UserError | None:
        """:meth:`_apply`, holding ``self._changing``. ``under_cursor``: the task the cursor
        was on when the change was asked for: the cursor follows the changed task only if
        it is still there when the rows come back.

        ``shown``: the task as the screen showed it. If anyone changed it since, nothing is
        written, the message says so and the screen shows the task as it is now. With
        ``follow``, changes this screen made to it since count as seen (a dialog's task
        captured before an earlier change ended); not for the edit form, whose fields are of
        the task it opened on.
        """

        def run() -> Change:  # (on the storage thread, after any change asked for before)
            expected = self._as_left_here(shown) if shown is not None and follow else shown
            change = change_of(*args, **({} if expected is None else {"expected": expected}))
            if change.before is not None and change.after is not None:
                self._left_here = [*self._left_here[-99:], (change.before, change.after)]
            return change

        # Shielded: a worker cancelled while the change is queued or running (the app
        # quitting) does not cancel the change; store.close() lets it end.
        try:
            change = await asyncio.shield(asyncio.wrap_future(self.deadline_app.store.submit(run)))
        except UserError as error:
            self._last_refused = True
            said = refusal_text(error, self.key_of("mark-done"))
            self.notify(said, severity="error", markup=False, timeout=8)
            if isinstance(error, ConflictError):
                await self.requery(reload=True)
            return error
        self._last_refused = False
        if change.action != "undo":
            self.undo_stack.append(change)
        # The cursor follows the changed task (it may move in the order), unless the user
        # has moved it since the change was asked for.
        keep = change.after.uid if change.after else None
        await self.requery(reload=True, keep_uid=keep, if_on=under_cursor)
        # "{due}": the deadline after the change (an extension says the new one).
        due = format_date(change.task.due_on)
        self.notify(done_message.format(id=change.task.id, due=due), markup=False)
        self.deadline_app.book_changed()
        return None

    def key_of(self, binding_id: str) -> str:
        """The key bound to ``binding_id`` after the user's remapping, as the key bar shows it."""
        from deadline_tui.tui.screens.main import MainScreen  # (it inherits this mixin)

        keys = self.deadline_app.settings.keys
        for binding in MainScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.id == binding_id:
                shown = replace(binding, key=keys.get(binding_id, binding.key), key_display=None)
                return self.app.get_key_display(shown)
        return binding_id

    def _as_left_here(self, shown: Task) -> Task:
        """(storage thread) ``shown`` as this screen's own changes since left it."""
        for before, after in self._left_here:
            if before == shown:
                shown = after
        return shown

    # -- the other changes -----------------------------------------------------------------

    @work(group="action", exit_on_error=False)
    async def action_mark_done(self) -> None:
        from deadline_tui.tui.screens.small_forms import CorrectDoneScreen, DoneDateScreen

        task = self._current_task()
        if task is None:
            return
        store = self.deadline_app.store
        if task.state is TaskState.DONE:
            correction = await self.app.push_screen_wait(CorrectDoneScreen(task, store.today()))
            if correction is not None:
                await self._apply(
                    store.service.correct_done,
                    task.uid,
                    correction.done_on,
                    correction.reason,
                    done_message=t("done_corrected"),
                    shown=task,
                )
            return
        done_on = await self.app.push_screen_wait(DoneDateScreen(task, store.today()))
        if done_on is not None:
            await self._apply(
                store.service.complete,
                task.uid,
                done_on,
                done_message=t("done_completed"),
                shown=task,
            )

    @work(group="action", exit_on_error=False)
    async def action_extend_deadline(self) -> None:
        from deadline_tui.tui.screens.small_forms import ExtendScreen

        task = self._current_task()
        if task is None:
            return
        store = self.deadline_app.store
        request = await self.app.push_screen_wait(ExtendScreen(task, store.today()))
        if request is not None:
            await self._apply(
                store.service.extend,
                task.uid,
                request.new_due,
                request.reason,
                request.document,
                done_message=t("done_extended"),
                shown=task,
            )

    @work(group="action", exit_on_error=False)
    async def action_reopen_task(self) -> None:
        await self._change_current(lambda service: service.reopen, "done_reopened")

    @work(group="action", exit_on_error=False)
    async def action_suspend_task(self) -> None:
        await self._change_current(lambda service: service.suspend, "done_suspended")

    @work(group="action", exit_on_error=False)
    async def action_cancel_task(self) -> None:
        await self._change_current(lambda service: service.cancel, "done_cancelled")

    async def _change_current(
        self, pick: Callable[[TaskService], Callable[..., Change]], done_key: str
    ) -> None:
        """A change that asks nothing (reopen, suspend, cancel) to the task under the cursor
        when the key was typed (made after the changes asked for before it)."""
        task = self._current_task()
        if task is not None:
            change_of = pick(self.deadline_app.store.service)
            await self._apply(change_of, task.uid, done_message=t(done_key), shown=task)

    @work(group="action", exit_on_error=False)
    async def action_delete_task(self) -> None:
        from deadline_tui.tui.screens.small_forms import ConfirmScreen

        task = self._current_task()
        if task is None:
            return
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(t("confirm_delete", id=task.id), task.title)
        )
        if confirmed:
            store = self.deadline_app.store
            await self._apply(
                store.service.delete, task.uid, done_message=t("done_deleted"), shown=task
            )

    @work(group="action", exit_on_error=False)
    async def action_undo(self) -> None:
        under_cursor = self._under_cursor()
        async with self._changing:  # the last change is the one asked for last
            if self._last_refused:  # (the user meant that one, not the one before)
                self.notify(t("undo_after_refused"), markup=False)
                return
            if not self.undo_stack:
                self.notify(t("nothing_to_undo"), markup=False)
                return
            change = self.undo_stack.pop()
            store = self.deadline_app.store
            # Says what was undone: "Đã hoàn tác: ghi hoàn thành đầu việc số 12."
            undone = t("done_undone", what=t(f"undone.{change.action}"), id="{id}")
            await self._apply_in_turn(
                store.service.undo, change, done_message=undone, under_cursor=under_cursor
            )
        self._refresh_bindings_if_changed()

    @work(group="action", exit_on_error=False)
    async def action_import_document(self) -> None:
        """A document's drafts, reviewed, then added in one batch (DESIGN section 12)."""
        from deadline_tui.tui.screens.review import import_document

        if self._importing:  # i again while the document is read: one import at a time
            self.notify(t("import_already_running"), markup=False)
            return
        self._importing = True
        try:
            await import_document(self)
        finally:
            self._importing = False
