"""The main screen's keys that change what it shows, not the book, as a mixin MainScreen
inherits: search, cut-off, status filter, clear filters, sort, back to the table, and the
other screens it opens (summary, month view, digest, help); quit.

The bindings themselves are listed with the others in tui.screens.main; the filter bar's
own messages are handled there too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.services.query import SORT_KEYS, SortKey
from deadline_tui.tui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp
    from deadline_tui.tui.store import Query
    from deadline_tui.tui.widgets.filter_bar import FilterBar


class ViewActions(Screen[None]):
    """The actions that change the view; MainScreen inherits them (never shown on its own)."""

    query_state: Query

    if TYPE_CHECKING:  # given by MainScreen (tui.screens.main)
        loaded: bool

        @property
        def deadline_app(self) -> DeadlineApp: ...

        @property
        def filter_bar(self) -> FilterBar: ...

        async def requery(
            self, *, reload: bool = False, keep_uid: str | None = None, if_on: str | None = None
        ) -> None: ...

        def _apply_filters(self) -> None: ...

        def _apply_filters_now(self) -> None: ...

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
