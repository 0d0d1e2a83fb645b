"""The summary screen: the report sentence and figures at a chosen cut-off and period,
a table and a bar chart per unit (most overdue first), and the overdue list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static

from deadline_tui.domain.deadlines import parse_date
from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.printable import one_line
from deadline_tui.domain.status import Status
from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import UserError
from deadline_tui.i18n import t
from deadline_tui.reports.figures import GROUPINGS, Figures, GroupBy, Summary, summarise
from deadline_tui.reports.labels import days_text
from deadline_tui.reports.numbers import number
from deadline_tui.reports.period import Period, parse_period
from deadline_tui.reports.sentence import summary_sentence
from deadline_tui.reports.tables import figure_rows, group_cells, group_columns
from deadline_tui.services.query import Row
from deadline_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp

_BAR_WIDTH = 40
_BARS_SHOWN = 20
_OVERDUE_SHOWN = 50


@dataclass(frozen=True, slots=True)
class SummaryData:
    """Everything the screen shows, computed on the storage thread."""

    summary: Summary
    sentence: str
    overdue: list[Row]


def bar_chart(groups: list[Figures], width: int = _BAR_WIDTH) -> Content:
    """One stacked bar per group: overdue, open (in term or no deadline), done; to scale."""
    if not groups:
        return Content(t("summary_no_groups"))
    largest = max(g.total for g in groups) or 1
    name_width = min(max(len(g.name or t("not_recorded")) for g in groups), 34)
    parts: list[str | tuple[str, str]] = []
    for group in groups[:_BARS_SHOWN]:
        name = (group.name or t("not_recorded"))[:name_width].ljust(name_width)
        cells = [
            (group.open_overdue, "$text-error"),
            (group.open_in_term + group.no_deadline, "$text-warning"),
            (group.done, "$text-success"),
        ]
        parts.append(name + " ")
        for count, style in cells:
            length = round(width * count / largest)
            if count and not length:
                length = 1
            parts.append(("█" * length, style))
        parts.append(
            f" {number(group.open_overdue)}/{number(group.open_in_term + group.no_deadline)}"
            f"/{number(group.done)}\n"
        )
    parts.append(("█ ", "$text-error"))
    parts.append(t("legend_overdue") + "   ")
    parts.append(("█ ", "$text-warning"))
    parts.append(t("legend_open") + "   ")
    parts.append(("█ ", "$text-success"))
    parts.append(t("legend_done"))
    return Content.assemble(*parts)


def groups_table(rows: list[list[str]], width: int) -> Content:
    """The per-group table as text: names cut to what the width leaves, numbers right-aligned.

    (Plain text rather than a DataTable: drawing a DataTable of 60 groups cost ~150 ms
    of the summary screen's opening, bench/keys.py "summary open".)
    """
    headers = group_columns()
    widths = [
        max([cell_len(headers[column])] + [cell_len(row[column]) for row in rows])
        for column in range(len(headers))
    ]
    widths[0] = max(12, min(widths[0], width - sum(widths[1:]) - 2 * (len(widths) - 1)))

    def line(cells: list[str]) -> str:
        first = cells[0]
        if cell_len(first) > widths[0]:
            first = set_cell_size(first, widths[0] - 1) + "…"
        texts = [set_cell_size(first, widths[0])]
        texts += [" " * (w - cell_len(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(texts)

    parts: list[str | tuple[str, str]] = [(line(headers), "bold underline"), "\n"]
    for row in rows:
        parts += [line(row), "\n"]
    return Content.assemble(*parts)


class SummaryScreen(Screen[None]):
    """Figures for a leader's question, in seconds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", t("summary_close")),
        Binding("slash", "focus('summary-as-of')", t("summary_as_of"), show=False),
        Binding("ctrl+s", "write_report", t("report_key"), id="write-report"),
    ]

    def __init__(self, as_of: date) -> None:
        super().__init__()
        self.as_of = as_of
        self._timer: Timer | None = None
        self._inputs_of_last_count: tuple[str, str, object] | None = None

    @property
    def deadline_app(self) -> DeadlineApp:
        """The app, typed."""
        from deadline_tui.tui.app import DeadlineApp

        assert isinstance(self.app, DeadlineApp)
        return self.app

    def compose(self) -> ComposeResult:
        with Horizontal(id="summary-controls"):
            yield Label(Content(t("summary_as_of")))
            yield Input(format_date(self.as_of), compact=True, id="summary-as-of")
            yield Label(Content(t("summary_period")))
            yield Input(placeholder=t("summary_period_hint"), compact=True, id="summary-period")
            yield Label(Content(t("summary_by")))
            yield Select(
                [(t(f"by.{name}"), name) for name in GROUPINGS],
                value="unit",
                allow_blank=False,
                compact=True,
                id="summary-by",
            )
        yield Static("", id="summary-problem")
        with VerticalScroll(id="summary-body"):
            yield Static("", id="summary-sentence")
            yield Static("", id="summary-figures")
            yield Label(Content(t("summary_groups")), classes="section-title")
            yield Static("", id="summary-groups")
            yield Label(Content(t("summary_chart")), classes="section-title")
            yield Static("", id="summary-chart")
            yield Label(Content(t("summary_overdue")), classes="section-title")
            yield Static("", id="summary-overdue")
        yield KeyBar()

    def on_mount(self) -> None:
        self.recompute()

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if (
            self._inputs_of_last_count is not None
            and self._read_inputs() == self._inputs_of_last_count
        ):
            return  # e.g. the fields announcing their first values: counted already
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.recompute)

    def _read_inputs(self) -> tuple[str, str, object]:
        return (
            self.query_one("#summary-as-of", Input).value,
            self.query_one("#summary-period", Input).value,
            self.query_one("#summary-by", Select).value,
        )

    def _inputs(self) -> tuple[date, Period | None, GroupBy] | None:
        problem = self.query_one("#summary-problem", Static)
        try:
            text = self.query_one("#summary-as-of", Input).value
            as_of = parse_date(text) if text.strip() else self.deadline_app.store.today()
            period_text = self.query_one("#summary-period", Input).value
            period = parse_period(period_text) if period_text.strip() else None
        except UserError as error:
            # An unreadable period (or date) is an error, never the whole book: the
            # figures of the previous inputs are taken away with it.
            problem.update(Content(error.message()))
            problem.add_class("-shown")
            self.query_one("#summary-sentence", Static).update("")
            self.query_one("#summary-figures", Static).update("")
            self.query_one("#summary-groups", Static).update("")
            return None
        problem.update("")
        problem.remove_class("-shown")
        chosen = self.query_one("#summary-by", Select).value
        by: GroupBy = next((name for name in GROUPINGS if name == chosen), "unit")
        return as_of, period, by

    @work(exclusive=True, exit_on_error=False)
    async def recompute(self) -> None:
        """Count again for the current inputs (on the storage thread)."""
        self._inputs_of_last_count = self._read_inputs()
        inputs = self._inputs()
        if inputs is None:
            return
        as_of, period, by = inputs
        store = self.deadline_app.store
        figures_settings = self.deadline_app.settings.figures
        warning_days = self.deadline_app.settings.ui.warning_days
        # Names grouped with the office's [aliases], as `summary` and the report pack do.
        matcher = NameMatcher(self.deadline_app.settings.aliases)

        def compute() -> SummaryData:
            view = store.view
            summary = summarise(
                view.tasks,
                as_of,
                warning_days=warning_days,
                period=period,
                by=by,
                matcher=matcher,
                assessor=view.assessor(as_of),
            )
            sentence = summary_sentence(
                summary.overall,
                decimals=figures_settings.decimals,
                rounding=figures_settings.rounding,
                period=period,
            )
            from deadline_tui.services.query import TaskFilter

            rows = store.view.query(as_of, TaskFilter(status="overdue")).rows
            if period is not None:
                rows = [row for row in rows if period.contains(row.task.assigned_on)]
            return SummaryData(summary, sentence, rows)

        data = await store.call(compute)
        with self.app.batch_update():  # one layout and one frame for all five parts
            self._show(data)

    def _show(self, data: SummaryData) -> None:
        settings = self.deadline_app.settings.figures
        overall = data.summary.overall
        self.query_one("#summary-sentence", Static).update(Content(data.sentence))
        lines: list[str | tuple[str, str]] = []
        for label, count, share in figure_rows(overall, settings.decimals, settings.rounding):
            lines += [(f"{label:<32}", "bold"), f"{count:>8}   {share}\n"]
        self.query_one("#summary-figures", Static).update(Content.assemble(*lines))
        self.query_one("#summary-groups", Static).update(
            groups_table(
                [group_cells(g, settings.decimals, settings.rounding) for g in data.summary.groups],
                self.size.width - 2,
            )
        )
        self.query_one("#summary-chart", Static).update(bar_chart(data.summary.groups))
        overdue: list[str | tuple[str, str]] = []
        for row in data.overdue[:_OVERDUE_SHOWN]:
            if row.found.status is not Status.OPEN_OVERDUE:
                continue
            overdue += [
                (f"{days_text(row.found):>14}", "bold $text-error"),
                f"  {t('col.id')} {row.task.id} · {one_line(row.task.lead_unit)}"
                f" · {one_line(row.task.title)}\n",
            ]
        if len(data.overdue) > _OVERDUE_SHOWN:
            overdue.append(
                t("summary_more_overdue", count=number(len(data.overdue) - _OVERDUE_SHOWN))
            )
        self.query_one("#summary-overdue", Static).update(
            Content.assemble(*overdue) if overdue else Content(t("summary_no_overdue"))
        )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_write_report(self) -> None:
        """Ask for a file name and write the report pack of what the screen shows."""
        inputs = self._inputs()
        if inputs is None:
            return  # the problem with the cut-off or the period is on screen
        from deadline_tui.tui.screens.report_file import ReportFileScreen, ReportRequest

        self.app.push_screen(ReportFileScreen(ReportRequest(*inputs), Path.cwd()))
