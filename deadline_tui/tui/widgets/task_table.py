"""The task table: renders only the rows on screen, so 100.000 tasks cost what 40 do.

Textual's DataTable measures every row before drawing (seconds at 20.000 rows); this
is a Line-API widget instead. Cells are plain text turned into segments: a title
such as "Báo cáo [/] [bold]x[/bold]" is never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from deadline_tui.domain.printable import one_line
from deadline_tui.domain.status import Status
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import current_language, t
from deadline_tui.reports.labels import days_text, short_label, status_style
from deadline_tui.services.query import Row, SortKey


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its sort key, header message id, and width (0 = share of what is left)."""

    key: SortKey
    header: str
    width: int
    share: float = 0.0


COLUMNS: tuple[Column, ...] = (
    Column("id", "col.id", 6),
    Column("status", "col.status", 14),
    Column("due", "col.due", 10),
    Column("urgency", "col.days", 14),
    Column("unit", "col.unit", 0, 0.3),
    Column("title", "col.title", 0, 0.7),
)


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` cells, marking a cut with "…"."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


@lru_cache(maxsize=4)
def _fixed_widths(language: str) -> tuple[int, ...]:
    """The fixed columns' widths in ``language``: "296 days overdue" needs more room
    than "quá 296 ngày" (three-digit counts are common in a year-old book)."""
    widest = {
        "col.days": max(
            cell_len(t(key, days=999)) for key in ("days_overdue", "days_left", "days_late")
        ),
        "col.status": max(cell_len(t(key)) for key in ("short.due_today", "short.due_soon")),
    }
    return tuple(max(c.width, widest.get(c.header, 0)) for c in COLUMNS)


_DUE_COLUMN_FROM = 100  # cells: narrower tables leave out the deadline's date


def layout(total: int) -> list[int]:
    """Column widths for a table ``total`` cells wide (one space between columns).

    Below 100 cells (an 80-column terminal) the deadline's date is left out (width 0):
    the days column says how near it is, the detail pane gives the date, and the title
    keeps room to be read."""
    fixed_widths = _fixed_widths(current_language())
    if total < _DUE_COLUMN_FROM:
        fixed_widths = tuple(
            0 if c.key == "due" else w for w, c in zip(fixed_widths, COLUMNS, strict=True)
        )
    shown = sum(1 for w, c in zip(fixed_widths, COLUMNS, strict=True) if w or c.share)
    fixed = sum(fixed_widths) + shown - 1
    spare = max(total - fixed, 20)
    widths = [w or int(spare * c.share) for w, c in zip(fixed_widths, COLUMNS, strict=True)]
    widths[-1] += spare - sum(int(spare * c.share) for c in COLUMNS if not c.width)
    return widths


class TaskTable(ScrollView, can_focus=True):
    """Rows of tasks with a cursor; tells its parent which task is highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "task-table--header",
        "task-table--cursor",
        "task-table--overdue",
        "task-table--due-soon",
        "task-table--in-term",
        "task-table--done",
        "task-table--no-deadline",
        "task-table--set-aside",
        "task-table--empty",
    }

    DEFAULT_CSS = """
    TaskTable {
        overflow-x: hidden;
        background: $surface;
        & > .task-table--header { text-style: bold; background: $panel; color: $text; }
        & > .task-table--cursor { background: $primary 30%; }
        &:focus > .task-table--cursor { background: $primary 60%; text-style: bold; }
        & > .task-table--overdue { color: $text-error; text-style: bold; }
        & > .task-table--due-soon { color: $text-warning; }
        & > .task-table--in-term { color: $foreground; }
        & > .task-table--done { color: $text-success; }
        & > .task-table--no-deadline { color: $text-secondary; }
        & > .task-table--set-aside { color: $text-muted; }
        & > .task-table--empty { color: $text-muted; text-style: italic; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor = reactive(0, always_update=True, init=False)

    class TaskHighlighted(Message):
        """The cursor is on a task (``row`` None when the table is empty)."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class TaskChosen(Message):
        """Enter (or a double click) on a task."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        """A click on a column header: sort by it."""

        def __init__(self, key: SortKey) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._sort: tuple[SortKey, bool] = ("urgency", False)
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, bool, int, bool], Strip] = LRUCache(256)
        self._highlighted_uid: str | None = None

    # -- data --------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        """The rows shown, in order."""
        return self._rows

    @property
    def generation(self) -> int:
        """How many times rows were given to :meth:`show` (a new table each time)."""
        return self._generation

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def show(
        self,
        rows: list[Row],
        *,
        keep_uid: str | None = None,
        sort: tuple[SortKey, bool] | None = None,
    ) -> None:
        """Show ``rows``; the cursor stays on ``keep_uid`` if it is still there."""
        self._rows = rows
        if sort is not None:
            self._sort = sort
        self._generation += 1
        self._strips.clear()
        # New rows: the row under the cursor may be the same task in a new state (after a
        # change), so it is announced again even when the cursor does not move.
        self._highlighted_uid = None
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        index = 0
        if keep_uid is not None:
            index = next((i for i, row in enumerate(rows) if row.task.uid == keep_uid), -1)
            if index < 0:
                index = min(self.cursor, max(len(rows) - 1, 0))
        self.cursor = index
        self.refresh()

    # -- cursor ------------------------------------------------------------------------

    def _page_size(self) -> int:
        return max(self.size.height - 2, 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._strips.clear()
        self.refresh()
        self._keep_cursor_visible()
        row = self.current
        uid = row.task.uid if row else None
        if uid != self._highlighted_uid or old != new:
            self._highlighted_uid = uid
            self.post_message(self.TaskHighlighted(row))

    def _keep_cursor_visible(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._page_size()

    def action_jump(self, where: int) -> None:
        self.cursor = len(self._rows) - 1 if where < 0 else 0

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.TaskChosen(row))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows) + 1)
        self._strips.clear()

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            position = 0
            for column, width in zip(COLUMNS, layout(self.size.width), strict=True):
                if not width:
                    continue
                if position <= event.x < position + width + 1:
                    self.post_message(self.HeaderClicked(column.key))
                    return
                position += width + 1
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self._rows):
            self.focus()
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            self.cursor = index

    # -- rendering ---------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"task-table--{name}")

    def _header(self, width: int) -> Strip:
        style = self._style("header")
        order, reverse = self._sort
        cells = []
        for column, cell_width in zip(COLUMNS, layout(width), strict=True):
            if not cell_width:
                continue
            label = t(column.header)
            if column.key == order:
                label += " ▼" if reverse else " ▲"
            cells.append(_fit(label, cell_width))
        return Strip([Segment(_fit(" ".join(cells), width), style)], width)

    def _row(self, index: int, width: int, is_cursor: bool) -> Strip:
        row = self._rows[index]
        task, found = row.task, row.found
        base = self._style(status_style(found))
        plain = self.rich_style
        if is_cursor:
            cursor = self._style("cursor")
            base, plain = base + cursor, plain + cursor
        texts = (
            str(task.id),
            short_label(found),
            format_date(found.due_on),
            "" if found.days == 0 and found.status is Status.OPEN_IN_TERM else days_text(found),
            task.lead_unit,
            task.title,
        )
        segments: list[Segment] = []
        for number, (text, cell_width) in enumerate(zip(texts, layout(width), strict=True)):
            if not cell_width:
                continue
            style = base if number < 4 else plain
            if segments:
                segments.append(Segment(" ", plain))
            segments.append(Segment(_fit(one_line(text), cell_width), style))
        return Strip(segments).adjust_cell_length(width, plain)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        if not self._rows and y == 2:
            return Strip(
                [Segment(_fit("  " + t("table_empty"), width), self._style("empty"))], width
            )
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self.cursor
        key = (index, width, is_cursor, self._generation, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._row(index, width, is_cursor)
            self._strips[key] = strip
        return strip

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()
