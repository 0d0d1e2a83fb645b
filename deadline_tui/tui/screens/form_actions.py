"""The main screen's keys that open the task form: new and edit, as a mixin MainScreen
inherits (on top of tui.screens.task_actions, whose ``_apply`` makes every change).

An edit that cannot be saved (changed elsewhere meanwhile, a completion date to correct
with d...) is kept for its task: a toast names the edit key, and that key opens the form
again with what was typed (``_edit_again``); a form never pops up by itself.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import work

from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.printable import one_line
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import ConflictError, NotFoundError, UserError
from deadline_tui.i18n import t
from deadline_tui.services.query import distinct, known_units
from deadline_tui.tui.screens.task_actions import TaskActions

if TYPE_CHECKING:
    from deadline_tui.services.drafts import TaskDraft
    from deadline_tui.tui.screens.task_form import KnownNames, TaskFormScreen


class FormActions(TaskActions):
    """New and edit; MainScreen inherits them (never shown on its own)."""

    def __init__(self) -> None:
        super().__init__()
        # Edits refused (changed elsewhere, a date to correct...): uid -> (the task as the
        # form showed it, what was typed, why refused); the edit key opens them again.
        self._kept_edits: dict[str, tuple[Task, TaskDraft, UserError]] = {}

    async def _known_names(self) -> KnownNames:
        from deadline_tui.tui.screens.task_form import KnownNames

        store = self.deadline_app.store

        def collect() -> KnownNames:
            tasks = store.view.tasks
            return KnownNames(
                known_units(tasks, NameMatcher(self.deadline_app.settings.aliases)),
                distinct(tasks, lambda task: task.source),
                distinct(tasks, lambda task: task.leader),
                distinct(tasks, lambda task: task.follower),
            )

        return await store.call(collect)

    # The task form opens at once (not in a worker): keys typed right after "n" or "e" go
    # into it. The names it completes from arrive a moment later.

    def action_new_task(self) -> None:
        from deadline_tui.services.drafts import TaskDraft
        from deadline_tui.tui.screens.task_form import TaskFormScreen

        store = self.deadline_app.store
        screen = TaskFormScreen(
            t("form_new_heading"), TaskDraft(), store.service.check, None, store.today()
        )
        self.app.push_screen(screen, self._new_task_closed)
        self._fill_names(screen)

    def action_edit_task(self) -> None:
        from deadline_tui.services.drafts import draft_of
        from deadline_tui.tui.screens.task_form import TaskFormScreen

        task = self._current_task()
        if task is None:
            return
        kept = self._kept_edits.pop(task.uid, None)
        if kept is not None:
            self._edit_again(task, *kept)
            return
        store = self.deadline_app.store
        screen = TaskFormScreen(
            t("form_edit_heading", id=task.id),
            draft_of(task),
            store.service.check,
            None,
            store.today(),
            extended=_extended(task),
        )
        self.app.push_screen(screen, partial(self._edit_closed, task))
        self._fill_names(screen)

    @work(group="names", exit_on_error=False)
    async def _fill_names(self, screen: TaskFormScreen) -> None:
        screen.set_names(await self._known_names())

    def _new_task_closed(self, draft: TaskDraft | None) -> None:
        if draft is not None:
            self._save_new_task(draft)

    def _edit_closed(self, task: Task, draft: TaskDraft | None) -> None:
        if draft is not None:
            self._save_edit(task, draft)

    @work(group="action", exit_on_error=False)
    async def _save_new_task(self, draft: TaskDraft) -> None:
        store = self.deadline_app.store
        await self._apply(store.service.add, draft, done_message=t("done_added"))
        await self._refresh_choices()

    @work(group="action", exit_on_error=False)
    async def _save_edit(self, task: Task, draft: TaskDraft) -> None:
        from deadline_tui.services.drafts import draft_of

        store = self.deadline_app.store
        if draft == store.service.check(draft_of(task)).draft:
            # Enter pressed twice on an untouched form: nothing to save, nothing to undo.
            self.notify(t("nothing_changed"), markup=False)
            return
        refused = await self._apply(
            store.service.edit,
            task.uid,
            draft,
            done_message=t("done_edited"),
            shown=task,
            follow=False,
        )
        if refused is not None and not isinstance(refused, NotFoundError):
            # What was typed is kept for the task; the form does not pop up by itself (it
            # would take keys typed meanwhile for another task): the edit key reopens it.
            self._kept_edits[task.uid] = (task, draft, refused)
            key = self.key_of("edit-task")
            self.notify(t("edit_kept", id=task.id, key=key), markup=False, timeout=10)
        await self._refresh_choices()

    def _edit_again(self, now: Task, shown: Task, draft: TaskDraft, refused: UserError) -> None:
        """The edit key on a task whose edit was refused: the form on the task as it is
        ``now``, keeping what the user typed on the one ``shown`` then and taking the rest
        as it is now, saying so; saving it again is checked against ``now``."""
        from deadline_tui.services.drafts import draft_of, rebased
        from deadline_tui.tui.screens.task_form import FIELD_LABELS, TaskFormScreen, field_texts

        store = self.deadline_app.store
        stored = draft_of(now)
        # An extension moves the deadline without changing its text: count it as changed.
        extended = (now.due_on, now.extensions) != (shown.due_on, shown.extensions)
        kept, taken, both = rebased(draft, draft_of(shown), stored, ("deadline",) * extended)
        if isinstance(refused, ConflictError):
            lines = [t("edit_conflict_kept", id=now.id)]
        else:
            lines = [t("edit_refused_kept", id=now.id, reason=refused.message())]
        if taken:
            names = ", ".join(t(FIELD_LABELS[name]) for name in taken)
            lines.append(t("edit_conflict_taken", fields=names))
        theirs = field_texts(stored)
        if extended:
            theirs["deadline"] = f"{theirs['deadline']} → {format_date(now.due_on)}"
        lines += [
            t("edit_conflict_both", field=t(FIELD_LABELS[name]), value=one_line(theirs[name]))
            for name in both
        ]
        screen = TaskFormScreen(
            t("form_edit_heading", id=now.id),
            kept,
            store.service.check,
            None,
            store.today(),
            notice="\n".join(lines),
            stored=stored,
            extended=_extended(now),
        )
        self.app.push_screen(screen, partial(self._edit_closed, now))
        self._fill_names(screen)


def _extended(task: Task) -> tuple[str, date] | None:
    """The deadline phrase of an extended task and the date in force (see TaskFormScreen)."""
    if task.extensions and task.due_on is not None:
        return task.deadline_text, task.due_on
    return None
