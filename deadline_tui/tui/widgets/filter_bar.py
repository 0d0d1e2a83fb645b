"""Filters that combine: status, search text, cut-off date, lead unit, source, leader."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select

from deadline_tui.domain.deadlines import parse_date
from deadline_tui.errors import UserError
from deadline_tui.i18n import t
from deadline_tui.services.query import TaskFilter
from deadline_tui.tui.widgets.suggest import FoldingSuggester

# The status choices offered, in the order a specialist scans them.
STATUS_CHOICES = (
    "all",
    "overdue",
    "due_soon",
    "in_term",
    "open",
    "done",
    "no_deadline",
    "suspended",
    "cancelled",
)


class FilterBar(Vertical):
    """Two compact rows of filter fields; posts :class:`FilterBar.Changed`.

    Enter and Escape in a field are the screen's keys (tui.screens.main): they leave the
    field for the table."""

    class Changed(Message):
        """The filters changed, and can be read (:meth:`FilterBar.current`).

        Read them when this arrives, not as they were when it was posted: keys typed
        meanwhile may have changed them again, and Enter may have applied them already."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filter-row"):
            yield Select(
                [(t(f"filter.{name}"), name) for name in STATUS_CHOICES],
                value="all",
                allow_blank=False,
                compact=True,
                id="filter-status",
            )
            yield Input(placeholder=t("filter_search"), compact=True, id="filter-search")
            yield Input(placeholder=t("filter_as_of"), compact=True, id="filter-as-of")
        with Horizontal(classes="filter-row"):
            yield Input(
                placeholder=t("filter_unit"),
                compact=True,
                id="filter-unit",
                suggester=FoldingSuggester(),
            )
            yield Input(
                placeholder=t("filter_source"),
                compact=True,
                id="filter-source",
                suggester=FoldingSuggester(),
            )
            yield Input(
                placeholder=t("filter_leader"),
                compact=True,
                id="filter-leader",
                suggester=FoldingSuggester(),
            )

    def set_choices(
        self, units: Iterable[str], sources: Iterable[str], leaders: Iterable[str]
    ) -> None:
        """The names the unit, source and leader fields complete from."""
        for field_id, names in (
            ("#filter-unit", units),
            ("#filter-source", sources),
            ("#filter-leader", leaders),
        ):
            suggester = self.query_one(field_id, Input).suggester
            if isinstance(suggester, FoldingSuggester):
                suggester.set_names(names)

    def as_of(self) -> tuple[date | None, str | None]:
        """The cut-off typed (None: today), or the reason it cannot be read."""
        text = self.query_one("#filter-as-of", Input).value
        if not text.strip():
            return None, None
        try:
            return parse_date(text), None
        except UserError as error:
            return None, error.message()

    def current(self) -> tuple[TaskFilter, date | None, bool]:
        """The filter, the cut-off (None: today) and whether the cut-off field reads."""
        status = self.query_one("#filter-status", Select).value
        as_of, problem = self.as_of()
        readable = problem is None
        self.query_one("#filter-as-of", Input).set_class(not readable, "-invalid")
        task_filter = TaskFilter(
            status=str(status) if isinstance(status, str) else "all",
            search=self.query_one("#filter-search", Input).value,
            unit=self.query_one("#filter-unit", Input).value,
            source=self.query_one("#filter-source", Input).value,
            leader=self.query_one("#filter-leader", Input).value,
        )
        return task_filter, as_of, readable

    def _announce(self) -> None:
        _, _, readable = self.current()
        if readable:
            self.post_message(self.Changed())

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self._announce()

    @property
    def typing(self) -> bool:
        """Is the cursor in one of the text fields?"""
        focused = self.screen.focused
        return isinstance(focused, Input) and self in focused.ancestors

    def cut_off_readable(self) -> bool:
        """Can the cut-off be read? If not, say why and put the cursor in it (Enter)."""
        _, problem = self.as_of()
        if problem is None:
            return True
        # As the summary screen does: say what is wrong and stay in the field; the
        # figures stay those of the last date that could be read.
        self.focus_field("filter-as-of")
        self.notify(problem, severity="error", markup=False, timeout=8)
        return False

    def set_status(self, status: str) -> None:
        """Choose a status filter (from a key or the command palette)."""
        self.query_one("#filter-status", Select).value = status

    def cycle_status(self) -> str:
        """Move to the next status filter and return it."""
        select = self.query_one("#filter-status", Select)
        current = select.value if isinstance(select.value, str) else "all"
        following = STATUS_CHOICES[(STATUS_CHOICES.index(current) + 1) % len(STATUS_CHOICES)]
        select.value = following
        return following

    def clear(self) -> None:
        """Back to no filter at today."""
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#filter-status", Select).value = "all"
            for field in self.query(Input):
                field.value = ""
        self._announce()

    def focus_field(self, field_id: str) -> None:
        """Put the cursor in one of the fields."""
        self.query_one(f"#{field_id}").focus()
