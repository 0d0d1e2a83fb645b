"""The month view: a calendar with the number of deadlines per day, coloured by the most
urgent one's status at the view's cut-off; today marked; weekends and days off shaded.

Enter on a day filters the table to the tasks due that day; arrows move by day, [ and ]
by month, Escape (or m) goes back.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reports.labels import status_style
from deadline_tui.services.view import DayDeadlines
from deadline_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from deadline_tui.config import Settings
    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.tui.app import DeadlineApp

_CELL = 10  # columns per day
_STYLE = {  # status_style() name -> the day's count colour (the table's colours)
    "overdue": "bold $text-error",
    "due-soon": "bold $text-warning",
    "in-term": "$foreground",
    "done": "$text-success",
    "no-deadline": "$text-secondary",
    "set-aside": "$text-muted",
}


def days_off_calendar(settings: Settings) -> WorkCalendar:
    """The same calendar "N ngày làm việc" counts on (with the office's own days off)."""
    return settings.calendar.work_calendar()


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_grid(
    cursor: date,
    today: date,
    days: dict[date, DayDeadlines],
    days_off: WorkCalendar,
    *,
    cell: int = _CELL,
) -> Content:
    """The month of ``cursor`` as text: a heading, weekday names, then one line of day
    numbers and one line of counts per week."""
    parts: list[str | tuple[str, str]] = [
        (t("month_heading", month=cursor.month, year=cursor.year).center(cell * 7), "bold"),
        "\n",
    ]
    for weekday in range(7):
        parts.append((t(f"weekday_short.{weekday}").center(cell), "bold $text-secondary"))
    parts.append("\n")
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(cursor.year, cursor.month):
        numbers: list[str | tuple[str, str]] = []
        counts: list[str | tuple[str, str]] = []
        for day in week:
            if day.month != cursor.month:
                numbers.append(" " * cell)
                counts.append(" " * cell)
                continue
            shade = " on $boost" if days_off.day_off_name(day) else ""
            chosen = " reverse" if day == cursor else ""
            mark = "•" if day == today else " "
            numbers.append((f"{mark}{day.day:>2}".ljust(cell), f"bold{shade}{chosen}"))
            found = days.get(day)
            if found is None:
                counts.append((" " * cell, f"{shade}{chosen}".strip()))
            else:
                text = f"  {t('month_count', count=found.tasks)}"
                style = _STYLE[status_style(found.worst)]
                counts.append((text[:cell].ljust(cell), f"{style}{shade}{chosen}"))
        parts += [*numbers, "\n", *counts, "\n"]
    return Content.assemble(*parts)


class MonthScreen(Screen[date | None]):
    """Returns the day chosen with Enter (the table then shows that day's tasks)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", t("month_day"), show=False),
        Binding("right", "move(1)", t("month_day"), show=False),
        Binding("up", "move(-7)", t("month_week"), show=False),
        Binding("down", "move(7)", t("month_week"), show=False),
        Binding("left_square_bracket", "month(-1)", t("month_previous"), key_display="["),
        Binding("right_square_bracket", "month(1)", t("month_next"), key_display="]"),
        Binding("enter", "choose", t("month_choose")),
        Binding("escape", "close", t("summary_close")),
        Binding("m,q", "close", t("summary_close"), show=False),
    ]

    def __init__(self, as_of: date, today: date) -> None:
        super().__init__()
        self.as_of = as_of
        self.today = today
        self.cursor = as_of
        self.days: dict[date, DayDeadlines] = {}
        self._shown_month: tuple[int, int] | None = None
        self.ready = False  # the current month's counts are on screen (benchmarks wait on it)

    @property
    def deadline_app(self) -> DeadlineApp:
        """The app, typed."""
        from deadline_tui.tui.app import DeadlineApp

        assert isinstance(self.app, DeadlineApp)
        return self.app

    def compose(self) -> ComposeResult:
        self.days_off = days_off_calendar(self.deadline_app.settings)
        yield Static(id="month-grid")
        yield Static(id="month-day")
        yield KeyBar()

    def on_mount(self) -> None:
        self._load()

    @work(exclusive=True, exit_on_error=False)
    async def _load(self) -> None:
        """Count the month's deadlines on the storage thread, then draw."""
        self.ready = False
        first, last = month_bounds(self.cursor)
        store = self.deadline_app.store
        self.days = await store.call(lambda: store.view.month(self.as_of, first, last))
        self._shown_month = (self.cursor.year, self.cursor.month)
        self._draw()
        self.ready = True

    def _draw(self) -> None:
        cell = max(_CELL, min(24, (self.size.width - 4) // 7))  # wider terminals, wider days
        grid = month_grid(self.cursor, self.today, self.days, self.days_off, cell=cell)
        self.query_one("#month-grid", Static).update(grid, layout=False)
        found = self.days.get(self.cursor)
        weekday = t(f"weekday.{self.cursor.weekday()}")
        line: list[str | tuple[str, str]] = [
            (f"{weekday}, {format_date(self.cursor)}", "bold"),
            "  ·  ",
            t("month_day_count", count=found.tasks if found else 0),
        ]
        off = self.days_off.day_off_name(self.cursor)
        if off and off.casefold() != weekday.casefold():  # (a weekend day: named already)
            line += ["  ·  ", (off, "$text-secondary")]
        line += ["\n", (t("month_as_of", date=format_date(self.as_of)), "$text-muted")]
        self.query_one("#month-day", Static).update(Content.assemble(*line), layout=False)

    def _go(self, day: date) -> None:
        self.cursor = day
        if (day.year, day.month) == self._shown_month:
            self._draw()
        else:
            self._load()

    def action_move(self, days: int) -> None:
        self._go(self.cursor + timedelta(days=days))

    def action_month(self, step: int) -> None:
        month = self.cursor.month - 1 + step
        year = self.cursor.year + month // 12
        first = date(year, month % 12 + 1, 1)
        self._go(first.replace(day=min(self.cursor.day, month_bounds(first)[1].day)))

    def action_choose(self) -> None:
        self.dismiss(self.cursor)

    def action_close(self) -> None:
        self.dismiss(None)
