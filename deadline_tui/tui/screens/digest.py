"""The digest: reminders just delivered, then today's picture, in the order of the
reminder digest (DESIGN section 6): what is new first (the notices just delivered lead
with it), then due today, due soon, and the overdue tasks grouped by lead unit with their
counts and the longest delay, instead of the same long list every morning."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from deadline_tui.domain.names import NameMatcher
from deadline_tui.domain.printable import one_line, printable
from deadline_tui.domain.status import Status
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reminders.engine import OverdueTask
from deadline_tui.reminders.notices import Notice, overdue_by_unit, unit_line
from deadline_tui.reports.labels import days_text
from deadline_tui.reports.numbers import number
from deadline_tui.services.query import Row, TaskFilter

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp

_LISTED = 15


def picture(rows: list[Row], matcher: NameMatcher | None = None) -> Content:
    """Due today, due soon (nearest first), then overdue by unit (most tasks first, grouped
    as ``summary --by unit`` groups them: ``matcher`` carries the office's aliases)."""
    today = [r for r in rows if r.found.status is Status.OPEN_IN_TERM and r.found.days == 0]
    soon = [
        r
        for r in rows
        if r.found.status is Status.OPEN_IN_TERM and r.found.due_soon and r.found.days
    ]
    overdue = [
        OverdueTask(r.task.uid, r.task.lead_unit, r.found.days or 0)
        for r in rows
        if r.found.status is Status.OPEN_OVERDUE
    ]
    parts: list[str | tuple[str, str]] = []
    for heading, group, style in (
        (t("digest_today"), today, "bold $text-warning"),
        (t("digest_soon"), soon, "$text-warning"),
    ):
        parts += [(f"{heading} ({len(group)})\n", style)]
        for row in group[:_LISTED]:
            parts += [
                (f"  {days_text(row.found):>14}  ", style),
                f"{row.task.id} · {one_line(row.task.lead_unit)} · {one_line(row.task.title)}\n",
            ]
        if len(group) > _LISTED:
            parts.append(f"  … {len(group) - _LISTED}\n")
        parts.append("\n")
    units = overdue_by_unit(overdue, matcher)
    parts.append((t("digest_overdue_units", count=number(len(overdue))) + "\n", "bold $text-error"))
    for unit in units[:_LISTED]:
        parts.append(f"  {unit_line(unit)}\n")
    if len(units) > _LISTED:
        rest = units[_LISTED:]
        more = t(
            "notice_more_units",
            units=number(len(rest)),
            count=number(sum(g.tasks for g in rest)),
        )
        parts.append(f"  {more}\n")
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
                        Content.assemble(
                            (printable(notice.title) + "\n", "bold"),
                            printable(notice.body),
                        ),
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
        matcher = NameMatcher(app.settings.aliases)
        self.query_one("#digest-picture", Static).update(picture(result.rows, matcher))

    def action_close(self) -> None:
        self.dismiss(None)
