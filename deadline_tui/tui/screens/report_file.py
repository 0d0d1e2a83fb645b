"""Asks where to write the report pack (DESIGN section 13), writes it, and says where.

The figures are counted on the storage thread from the book on screen, the file is
written on a thread of its own, and a destination that cannot take the file keeps the
dialog open with the reason, so the user can correct the name.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from deadline_tui.domain.vntext import format_date
from deadline_tui.errors import UserError
from deadline_tui.i18n import t
from deadline_tui.reports.figures import GroupBy
from deadline_tui.reports.numbers import number
from deadline_tui.reports.pack.content import ReportPack, make_pack
from deadline_tui.reports.pack.output import check_destination, report_format
from deadline_tui.reports.period import Period

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What the summary screen shows: the report is made of the same."""

    as_of: date
    period: Period | None
    by: GroupBy


class ReportFileScreen(ModalScreen[Path | None]):
    """The file name, prefilled; Enter writes, Escape gives up."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", t("report_ask_cancel"))]
    DEFAULT_CSS = """
    ReportFileScreen #report-problem {
        height: auto;
        color: $text-error;
    }
    """

    def __init__(self, request: ReportRequest, folder: Path) -> None:
        super().__init__()
        self.request = request
        self.suggested = folder / t("report_file_name", date=request.as_of.isoformat())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(t("report_ask_file")), classes="dialog-title")
            yield Input(str(self.suggested), id="report-file")
            yield Static("", id="report-problem")
            with Horizontal(classes="form-buttons"):
                yield Button(Content(t("report_ask_write")), variant="primary", id="write")
                yield Button(Content(t("report_ask_cancel")), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        self.write()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, exit_on_error=False)
    async def write(self) -> None:
        """Count, write the file whole, then close saying where it went."""
        problem = self.query_one("#report-problem", Static)
        path = Path(self.query_one("#report-file", Input).value.strip()).expanduser()
        app = self.app
        from deadline_tui.tui.app import DeadlineApp

        assert isinstance(app, DeadlineApp)
        try:
            report_format(path)
            check_destination(path)
            problem.update("")
            pack = await app.store.call(self._count, app)
            from deadline_tui.reports.pack.save import save_pack

            await asyncio.to_thread(save_pack, pack, path)
        except UserError as error:
            problem.update(Content(error.message()))
            return
        overall = pack.summary.overall
        message = t(
            "report_done",
            date=format_date(pack.as_of),
            total=number(overall.total),
            overdue=number(overall.open_overdue),
            path=str(path.resolve()),
        )
        app.notify(message, markup=False, timeout=10)
        self.dismiss(path.resolve())

    def _count(self, app: DeadlineApp) -> ReportPack:
        """On the storage thread: the figures of the book on screen."""
        request = self.request
        return make_pack(
            app.store.view.tasks,
            request.as_of,
            settings=app.settings,
            period=request.period,
            by=request.by,
            written_on=app.store.today(),
        )
