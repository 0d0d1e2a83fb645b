"""The specialist's daily screen: figures, filters, the task table and the detail pane.

Here: every key binding of the screen, its layout, loading and refreshing, and the
widgets' messages (filters, cursor, detail pane). What the keys do lives in two mixins
MainScreen inherits: tui.screens.task_actions (keys that change tasks, the undo stack,
``check_action``) and tui.screens.view_actions (keys that change the view or open
another screen).

Data flows one way: the store (on its own thread) answers queries; this screen sets
its widgets' content from the answers; widgets report the user's moves as messages.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget

from deadline_tui.domain.names import NameMatcher
from deadline_tui.errors import UserError
from deadline_tui.i18n import t
from deadline_tui.services.query import Row, distinct, known_units
from deadline_tui.services.view import ViewResult
from deadline_tui.tui.screens.form_actions import FormActions
from deadline_tui.tui.screens.view_actions import ViewActions
from deadline_tui.tui.store import Query
from deadline_tui.tui.widgets.office_header import OfficeHeader
from deadline_tui.tui.widgets.summary_bar import SummaryBar, summary_content
from deadline_tui.tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from deadline_tui.domain.change import ChangeRecord
    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.tui.app import DeadlineApp

_DETAIL_DELAY = 0.08
_NARROW_BELOW = 170  # columns: below this the detail pane goes under the table
_SHORT_BELOW = 32  # lines: below this the detail pane under the table is smaller


class MainScreen(FormActions, ViewActions):
    """Everything a specialist does in a day, from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_task", t("key.new"), id="new-task", tooltip=t("tip.new")),
        Binding("e", "edit_task", t("key.edit"), id="edit-task", tooltip=t("tip.edit")),
        Binding("d", "mark_done", t("key.done"), id="mark-done", tooltip=t("tip.done")),
        Binding("r", "reopen_task", t("key.reopen"), id="reopen-task", tooltip=t("tip.reopen")),
        Binding(
            "g", "extend_deadline", t("key.extend"), id="extend-deadline", tooltip=t("tip.extend")
        ),
        Binding("t", "suspend_task", t("key.suspend"), id="suspend-task", show=False),
        Binding("x", "cancel_task", t("key.cancel"), id="cancel-task", show=False),
        Binding("delete", "delete_task", t("key.delete"), id="delete-task", show=False),
        Binding("u", "undo", t("key.undo"), id="undo", tooltip=t("tip.undo")),
        Binding("slash", "search", t("key.search"), id="search"),
        Binding("f", "filter_status", t("key.filter"), id="filter-status", tooltip=t("tip.filter")),
        Binding("a", "as_of", t("key.as_of"), id="as-of", show=False),
        Binding("c", "clear_filters", t("key.clear"), id="clear-filters", show=False),
        Binding("o", "sort", t("key.sort"), id="sort", show=False),
        Binding("s", "summary", t("key.summary"), id="summary"),
        Binding(
            "i",
            "import_document",
            t("key.import_document"),
            id="import-document",
            tooltip=t("tip.import_document"),
            show=False,
        ),
        Binding("b", "reminder_digest", t("key.digest"), id="reminder-digest", show=False),
        Binding("m", "month_view", t("key.month"), id="month-view", tooltip=t("tip.month_view")),
        Binding("question_mark", "help", t("key.help"), id="help"),
        Binding("q", "quit", t("key.quit"), id="quit"),
        # Enter in a filter field, taken before the field's own (see action_leave_filters).
        Binding("enter", "leave_filters", show=False, priority=True),
        Binding("escape", "focus_table", show=False),
    ]

    # Screen.focused repaints the whole screen on every focus change (~25 ms at 160x45);
    # the widgets that gain and lose focus repaint themselves, so nothing else needs it.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__()
        self.query_state = Query(as_of=date.today())
        self._filter_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._generation = 0
        self._bindings_key: object = None
        self.loaded = False
        self.reading_book = True  # until _load_initial ends, however it ends: keys wait (app.py)
        self.applying_filters = False  # left a filter field, its rows not shown yet: keys wait
        # Has the user typed a cut-off? If not, the view follows today, even past midnight.
        self._as_of_chosen = False

    @property
    def holds_keys(self) -> bool:
        """Do the keys typed now wait (tui.app)? While the book is read, and between
        leaving a filter field and showing the rows it selects (``_apply_filters_now``)."""
        return self.reading_book or self.applying_filters

    @property
    def deadline_app(self) -> DeadlineApp:
        """The app, typed."""
        from deadline_tui.tui.app import DeadlineApp

        assert isinstance(self.app, DeadlineApp)
        return self.app

    def compose(self) -> ComposeResult:
        # Decided before the first style pass: changing it on the first resize would
        # restyle every widget once more before the first frame.
        self._set_size_classes(self.app.size.width, self.app.size.height, update=False)
        # The first frame carries what the specialist came for: the figures and the table.
        # Filters, detail pane and key bar mount right after it, into slots that already
        # hold their place, so nothing moves (see _mount_controls).
        app = self.deadline_app
        yield OfficeHeader(app.settings.office.name, app.store.today(), id="office-header")
        yield SummaryBar(id="summary-bar")
        yield Vertical(id="filters-slot")
        with Horizontal(id="body"):
            yield TaskTable(id="task-table")
            yield Vertical(id="detail-slot")
        yield Vertical(id="footer-slot")

    async def _mount_controls(self) -> None:
        # Imported here: none of them is in the first frame.
        from deadline_tui.tui.widgets.detail_pane import DetailPane
        from deadline_tui.tui.widgets.filter_bar import FilterBar
        from deadline_tui.tui.widgets.key_bar import KeyBar

        await self.query_one("#filters-slot").mount(FilterBar(id="filters"))
        await self.query_one("#detail-slot").mount(DetailPane(id="detail"))
        await self.query_one("#footer-slot").mount(KeyBar())

    def _set_size_classes(self, width: int, height: int, *, update: bool = True) -> None:
        # Below 170 columns the detail pane moves under the table, so titles keep their room;
        # on a short terminal it gets fewer lines, so the table keeps at least ten rows.
        self.set_class(width < _NARROW_BELOW, "-narrow", update=update)
        self.set_class(height < _SHORT_BELOW, "-short", update=update)

    def on_resize(self) -> None:
        self._set_size_classes(self.size.width, self.size.height)

    def on_mount(self) -> None:
        self.query_state = Query(as_of=self.deadline_app.store.today())
        self.query_one(TaskTable).focus()
        # A book that finished loading while Textual started goes into the very first
        # frame; otherwise the worker shows it when it arrives.
        ready = self.deadline_app.store.opened_already()
        if ready is not None:
            self._show(ready)
        self._load_initial(shown=ready is not None)

    # -- loading and refreshing ------------------------------------------------------------

    @work(exclusive=True, group="load", exit_on_error=False)
    async def _load_initial(self, *, shown: bool) -> None:
        try:
            await self._load(shown=shown)
        finally:
            self.reading_book = False

    async def _load(self, *, shown: bool) -> None:
        store = self.deadline_app.store
        try:
            result = await store.opened()
        except UserError as error:
            self.app.exit(return_code=1, message=error.message())
            return
        if not shown:
            self._show(result)
        # Let the figures and the table reach the screen before the controls are built
        # (the filter bar and the key bar cost as much as the rest of the first frame).
        painted = asyncio.get_running_loop().create_future()
        self.call_after_refresh(painted.set_result, None)
        await painted
        await self._mount_controls()
        # The whole book, read by this process: the first view may have come from
        # tui.firstview (its first rows only, of the book as it was a moment ago).
        try:
            await self.requery(reload=True)
        except UserError as error:
            self.app.exit(return_code=1, message=error.message())
            return
        self.loaded = True
        self._show_detail(self.query_one(TaskTable).current)
        self.refresh_bindings()
        self.call_after_refresh(self.deadline_app.after_first_load)
        await self._refresh_choices()
        self._prepare_search()

    def _prepare_search(self) -> None:
        """Fold the tasks' text for search now, in the background (2-6 s at 100.000 tasks
        the first time), rather than on the first search keystroke."""
        store = self.deadline_app.store
        state = self.query_state
        store.submit(lambda: store.view.prepare_search(state.as_of, state.order, state.reverse))

    async def _refresh_choices(self) -> None:
        store = self.deadline_app.store

        def names() -> tuple[list[str], list[str], list[str]]:
            tasks = store.view.tasks
            return (
                known_units(tasks, NameMatcher(self.deadline_app.settings.aliases)),
                distinct(tasks, lambda task: task.source),
                distinct(tasks, lambda task: task.leader),
            )

        units, sources, leaders = await store.call(names)
        self.filter_bar.set_choices(units, sources, leaders)

    def _show(self, result: ViewResult, keep_uid: str | None = None) -> None:
        table = self.query_one(TaskTable)
        settings = self.deadline_app.settings
        table.show(
            result.rows,
            keep_uid=keep_uid,
            sort=(self.query_state.order, self.query_state.reverse),
        )
        self.query_one(SummaryBar).show(
            summary_content(
                result.figures,
                self.deadline_app.store.today(),
                decimals=settings.figures.decimals,
                rounding=settings.figures.rounding,
                shown=result.shown,
                total_rows=result.total_rows,
                due_today=result.due_today,
            )
        )

    def _refresh_bindings_if_changed(self) -> None:
        """Recompute the key bar only when what applies changed (it is costly to redraw)."""
        row = self.query_one(TaskTable).current
        key = (
            row.task.state if row else None,
            row.task.recurrence is not None if row else None,
            bool(self.undo_stack),
        )
        if key != self._bindings_key:
            self._bindings_key = key
            self.refresh_bindings()

    async def requery(
        self,
        *,
        reload: bool = False,
        keep_uid: str | None = None,
        if_on: str | None = None,
        first: bool = False,
    ) -> None:
        """Ask the store again (after a change or a new filter); keeps the selection.
        ``keep_uid``: the task to select instead; with ``if_on``, only if the cursor is
        still on that task when the rows arrive (the user has not moved meanwhile).
        ``first``: new filters: the cursor goes to the first row (what was searched for),
        not to the task it was on, which may match too or sit anywhere in the new rows."""
        store = self.deadline_app.store
        self._generation += 1
        generation = self._generation
        if reload:
            await store.call(store.reload)
        result = await store.call(store.query, self.query_state)
        if generation == self._generation:  # else a newer query has been asked meanwhile
            # The task under the cursor now: the user may have moved while this ran.
            current = self.query_one(TaskTable).current
            under = current.task.uid if current else None
            if if_on is not None and under != if_on:
                keep_uid = None
            self._show(result, keep_uid=None if first else keep_uid or under)
        if reload and self.loaded:
            self._prepare_search()  # a new snapshot: its rows' search text

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def check_for_outside_changes(self) -> None:
        """Called on a timer: pick up what other programs wrote (selection is kept)."""
        if not self.loaded:
            return
        store = self.deadline_app.store
        if self._turn_the_day(store.today()):
            await self.requery()
        if await store.call(store.changed_on_disk):
            await self.requery(reload=True)
            await self._refresh_choices()

    def _turn_the_day(self, today: date) -> bool:
        """Past midnight: the header shows the new day, and a view at "today" moves to it
        (a cut-off the user typed stays). True when the view must be computed again."""
        header = self.query_one(OfficeHeader)
        if today == header.day:
            return False
        header.show_day(today)
        if self._as_of_chosen:
            return False
        self.query_state = replace(self.query_state, as_of=today)
        return True

    # -- widget messages -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_filters":  # Enter elsewhere is the focused widget's own
            return self.loaded and self.filter_bar.typing
        return super().check_action(action, parameters)

    @on(TaskTable.TaskHighlighted)
    def _highlighted(self, event: TaskTable.TaskHighlighted) -> None:
        self._refresh_bindings_if_changed()
        if self._detail_timer is not None:
            self._detail_timer.stop()
        row = event.row
        self._detail_timer = self.set_timer(_DETAIL_DELAY, lambda: self._show_detail(row))

    @work(exclusive=True, group="detail", exit_on_error=False)
    async def _show_detail(self, row: Row | None) -> None:
        if not self.loaded:
            return  # the pane is not mounted yet; loading shows the first task's detail
        from deadline_tui.tui.widgets.detail_pane import DetailPane, detail_content

        pane = self.query_one("#detail", DetailPane)
        if row is None:
            from textual.content import Content

            pane.show(Content(t("detail_empty")))
            return
        store = self.deadline_app.store

        def read() -> tuple[list[Delivery], list[ChangeRecord] | None]:
            history = getattr(store.repo, "history", None)  # the server book's change log
            uid = row.task.uid
            return store.repo.deliveries_of(uid), None if history is None else history(uid)

        deliveries, history = await store.call(read)
        changes = None
        if history is not None:
            from deadline_tui.reports.changes import change_lines

            changes = change_lines(history)
        pane.show(
            detail_content(
                row.task,
                self.query_state.as_of,
                self.deadline_app.settings.ui.warning_days,
                deliveries,
                changes,
            )
        )

    @on(TaskTable.TaskChosen)
    def _chosen(self) -> None:
        self.action_edit_task()

    @on(TaskTable.HeaderClicked)
    def _header_clicked(self, event: TaskTable.HeaderClicked) -> None:
        reverse = not self.query_state.reverse if event.key == self.query_state.order else False
        self._sort_by(event.key, reverse)
