"""The main screen's keys that change what it shows, not the book, as a mixin MainScreen
inherits: search, cut-off, status filter, clear filters, sort, back to the table, and the
other screens it opens (summary, month view, digest, help); quit.

The bindings themselves are listed with the others in tui.screens.main. The filter bar's
messages are handled here: a pause in the typing, or leaving a field, asks for the rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.services.query import SORT_KEYS, SortKey, TaskFilter
from deadline_tui.tui.widgets.task_table import TaskTable

_FILTER_DELAY = 0.08  # seconds of quiet typing before the table is filtered

if TYPE_CHECKING:
    from textual.timer import Timer

    from deadline_tui.tui.app import DeadlineApp
    from deadline_tui.tui.store import Query
    from deadline_tui.tui.widgets.filter_bar import FilterBar


class ViewActions(Screen[None]):
    """The actions that change the view; MainScreen inherits them (never shown on its own)."""

    query_state: Query
    _filter_timer: Timer | None
    _as_of_chosen: bool  # has the user typed a cut-off? (else the view follows today)
    applying_filters: bool  # left a filter field, its rows not shown yet: keys wait (app)

    if TYPE_CHECKING:  # given by MainScreen (tui.screens.main)
        loaded: bool

        @property
        def deadline_app(self) -> DeadlineApp: ...

        async def requery(
            self,
            *,
            reload: bool = False,
            keep_uid: str | None = None,
            if_on: str | None = None,
            first: bool = False,
        ) -> None: ...

    # -- the filter bar -------------------------------------------------------------------

    @property
    def filter_bar(self) -> FilterBar:
        """The filters (mounted right after the first frame)."""
        from deadline_tui.tui.widgets.filter_bar import FilterBar

        return self.query_one("#filters", FilterBar)

    def on_filter_bar_changed(self) -> None:
        task_filter, as_of, readable = self.filter_bar.current()
        if not readable or not self._choose_filters(task_filter, as_of):
            return  # e.g. the status field announcing its initial value
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(_FILTER_DELAY, self._apply_filters)

    def _choose_filters(self, task_filter: TaskFilter, as_of: date | None) -> bool:
        """Ask for ``task_filter`` at ``as_of`` (None: today); False if already asked."""
        self._as_of_chosen = as_of is not None
        # A day chosen in the month view stays until the filters are cleared (c).
        task_filter = replace(task_filter, due_on=self.query_state.task_filter.due_on)
        wanted = replace(
            self.query_state,
            task_filter=task_filter,
            as_of=as_of or self.deadline_app.store.today(),
        )
        if wanted == self.query_state:
            return False
        self.query_state = wanted
        return True

    def _apply_filters(self) -> None:
        self.run_worker(
            self.requery(first=True), group="query", exclusive=True, exit_on_error=False
        )

    def _apply_filters_now(self) -> None:
        """Leaving a filter field: show the filters as typed, without waiting for a pause
        in the typing. The keys typed meanwhile wait (``holds_keys``): they are meant for
        the rows these filters select (d after a search closes the task found)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        task_filter, as_of, readable = self.filter_bar.current()
        if readable:
            self._choose_filters(task_filter, as_of)
        self.applying_filters = True
        self.run_worker(
            self._requery_holding_keys(), group="query", exclusive=True, exit_on_error=False
        )

    async def _requery_holding_keys(self) -> None:
        try:
            await self.requery(first=True)
        finally:
            self.applying_filters = False

    def action_leave_filters(self) -> None:
        """Enter in a filter field: back to the table, unless the cut-off cannot be read.

        A priority binding, so that it runs as the key arrives: the field's own Enter posts
        Input.Submitted, which reached this screen after the keys typed right behind Enter
        had gone into the field (Textual hands each key to the widget focused when it
        arrives)."""
        if self.filter_bar.cut_off_readable():
            self.action_focus_table()

    # -- the keys --------------------------------------------------------------------------

    def action_search(self) -> None:
        self.filter_bar.focus_field("filter-search")

    def action_as_of(self) -> None:
        self.filter_bar.focus_field("filter-as-of")

    def action_filter_status(self) -> None:
        status = self.filter_bar.cycle_status()
        self.notify(t("filter_now", status=t(f"filter.{status}")), markup=False, timeout=2)

    def set_status_filter(self, status: str) -> None:
        """Choose a status filter (command palette)."""
        self.filter_bar.set_status(status)

    def action_clear_filters(self) -> None:
        if self.query_state.task_filter.due_on is not None:
            wanted = replace(self.query_state.task_filter, due_on=None)
            self.query_state = replace(self.query_state, task_filter=wanted)
            self._apply_filters()
        self.filter_bar.clear()
        self.query_one(TaskTable).focus()

    def action_sort(self) -> None:
        following = SORT_KEYS[(SORT_KEYS.index(self.query_state.order) + 1) % len(SORT_KEYS)]
        self._sort_by(following, False)
        self.notify(t("sort_now", order=t(f"sort.{following}")), markup=False, timeout=2)

    def _sort_by(self, order: SortKey, reverse: bool) -> None:
        self.query_state = replace(self.query_state, order=order, reverse=reverse)
        self.run_worker(self.requery(), group="query", exclusive=True, exit_on_error=False)

    def action_focus_table(self) -> None:
        leaving_filters = self.loaded and self.filter_bar.typing
        # At once, not with focus() (which waits behind the messages in flight): the key
        # typed next goes to the table.
        self.set_focus(self.query_one(TaskTable))
        if leaving_filters:
            self._apply_filters_now()

    def action_summary(self) -> None:
        from deadline_tui.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.query_state.as_of))

    def action_month_view(self) -> None:
        from deadline_tui.tui.screens.month import MonthScreen

        store = self.deadline_app.store
        self.app.push_screen(MonthScreen(self.query_state.as_of, store.today()), self._day_chosen)

    def _day_chosen(self, day: date | None) -> None:
        """Enter on a day of the month view: the table shows the tasks due that day."""
        if day is None:
            return
        wanted = replace(self.query_state.task_filter, due_on=day)
        self.query_state = replace(self.query_state, task_filter=wanted)
        self._apply_filters()
        self.notify(t("filter_due_on", date=format_date(day)), markup=False, timeout=4)

    def action_reminder_digest(self) -> None:
        self.deadline_app.show_digest(None)

    def action_help(self) -> None:
        from deadline_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await self.deadline_app.action_quit()  # (once the changes typed ahead are made)
