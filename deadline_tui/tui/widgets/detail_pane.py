"""Every field of the selected task, its extension history and its reminder log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from deadline_tui.domain.delivery import Delivery
from deadline_tui.domain.printable import printable
from deadline_tui.domain.task import Task
from deadline_tui.i18n import t
from deadline_tui.reports.detail import delivery_lines, extension_lines, task_fields


def detail_content(
    task: Task,
    as_of: date,
    warning_days: int,
    deliveries: list[Delivery],
    changes: Sequence[str] | None = None,
) -> Content:
    """The pane's text: labels in bold, values exactly as stored (never markup).
    ``changes``: the change log's lines, on a book that keeps one (the server book)."""
    parts: list[str | tuple[str, str]] = []
    # Where it stands and when it is due come first: a small pane (80x24) shows them
    # without scrolling.
    first = [t(f"field.{name}") for name in ("status", "due_on", "deadline_text", "title")]
    fields = sorted(
        task_fields(task, as_of, warning_days),
        key=lambda field: first.index(field[0]) if field[0] in first else len(first),
    )
    for label, value in fields:
        if not value:
            continue
        parts += [(f"{label}: ", "bold $text-primary"), printable(value), "\n"]
    for heading, lines in (
        (t("field.extensions"), extension_lines(task)),
        (t("field.reminders"), delivery_lines(deliveries)),
        *([(t("field.changes"), list(changes))] if changes is not None else []),
    ):
        parts += ["\n", (heading, "bold underline $text-primary"), "\n"]
        for line in lines or ["–"]:
            parts += ["  ", printable(line), "\n"]
    return Content.assemble(*parts)


class DetailPane(VerticalScroll, can_focus=True):
    """Shows what it is given; the screen decides which task. Tab moves into it, so a
    small pane (80x24) can be scrolled with the arrow keys; Escape goes back."""

    def compose(self) -> ComposeResult:
        yield Static(Content(t("detail_empty")), id="detail-body")

    def show(self, content: Content) -> None:
        """Replace the pane's text."""
        self.query_one("#detail-body", Static).update(content)
        self.scroll_home(animate=False)
