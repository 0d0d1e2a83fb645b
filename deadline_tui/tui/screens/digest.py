"""The digest: reminders just delivered and today's picture (overdue, due today, due soon)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from deadline_tui.domain.status import Status
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reminders.notices import Notice
from deadline_tui.reports.labels import days_text
from deadline_tui.services.query import Row, TaskFilter

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp

_LISTED = 15


def picture(rows: list[Row]) -> Content:
    """Overdue, due today and due soon, most urgent first."""
    overdue = [r for r in rows if r.found.status is Status.OPEN_OVERDUE]
    today = [r for r in rows if r.found.status is Status.OPEN_IN_TERM and r.found.days == 0]
    soon = [
        r
        for r in rows
        if r.found.status is Status.OPEN_IN_TERM and r.found.due_soon and r.found.days
    ]
    parts: list[str | tuple[str, str]] = []
    for heading, group, style in (
        (t("digest_overdue"), overdue, "bold $text-error"),
        (t("digest_today"), today, "bold $text-warning"),
        (t("digest_soon"), soon, "$text-warning"),
    ):
        parts += [(f"{heading} ({len(group)})\n", style)]
        for row in group[:_LISTED]:
            parts += [
                (f"  {days_text(row.found):>14}  ", style),
                f"{row.task.id} · {row.task.lead_unit} · {row.task.title}\n",
            ]
        if len(group) > _LISTED:
            parts.append(f"  … {len(group) - _LISTED}\n")
        parts.append("\n")
    return Content.assemble(*parts)


class DigestScreen(ModalScreen[None]):
    """Shown at start when reminders were delivered, and on the digest key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter,b", "close", t("summary_close"))
    ]

    def __init__(self, notices: list[Notice]) -> None:
        super().__init__()
        self.notices = notices

    def compose(self) -> ComposeResult:
        app: DeadlineApp = self.app  # type: ignore[assignment]
        with VerticalScroll(classes="dialog", id="digest"):
            yield Label(
                Content(t("digest_heading", date=format_date(app.store.today()))),
                classes="dialog-title",
            )
            if self.notices:
                yield Label(Content(t("digest_delivered")), classes="section-title")
                for notice in self.notices:
                    yield Static(
                        Content.assemble((notice.title + "\n", "bold"), notice.body),
                        classes="notice",
                    )
            yield Static(Content(t("digest_loading")), id="digest-picture")

    def on_mount(self) -> None:
        self._load()

    @work(exclusive=True, exit_on_error=False)
    async def _load(self) -> None:
        app: DeadlineApp = self.app  # type: ignore[assignment]
        store = app.store
        today = store.today()
        result = await store.call(lambda: store.view.query(today, TaskFilter(status="open")))
        self.query_one("#digest-picture", Static).update(picture(result.rows))

    def action_close(self) -> None:
        self.dismiss(None)
