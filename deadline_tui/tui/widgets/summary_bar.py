"""The line of figures above the table: section 4's figures at the cut-off."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from deadline_tui.domain.vntext import Rounding, format_date
from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures
from deadline_tui.reports.numbers import number, percent


def summary_content(
    figures: Figures,
    today: date,
    *,
    decimals: int,
    rounding: Rounding,
    shown: int,
    total_rows: int,
    due_today: int | None = None,
) -> Content:
    """The bar: "Tính tỷ lệ 300 đầu việc · đến hạn 186 · hoàn thành 135/186 (72,6%) · …".

    Each count says what it counts: the rates' base (suspended and cancelled tasks left
    out), the tasks due by the cut-off, and the table's rows (those included)."""
    done_rate = percent(figures.due_done, figures.due, decimals, rounding) if figures.due else "–"
    parts: list[str | tuple[str, str]] = []
    if figures.as_of != today:
        parts.append((t("bar_as_of", date=format_date(figures.as_of)) + " · ", "bold $text-accent"))
    parts += [
        t("bar_total", count=number(figures.total)),
        " · ",
        t("bar_due", count=number(figures.due)),
        " · ",
        (
            t("bar_done", done=number(figures.due_done), due=number(figures.due), rate=done_rate),
            "$text-success",
        ),
        " · ",
        (
            t("bar_overdue", count=number(figures.open_overdue)),
            "bold $text-error" if figures.open_overdue else "",
        ),
    ]
    if due_today is not None:
        later = figures.due_soon - due_today
        parts += [
            " · ",
            (t("bar_due_today", count=number(due_today)), "$text-warning" if due_today else ""),
            " · ",
            (t("bar_due_soon_later", count=number(later)), "$text-warning" if later else ""),
        ]
    else:
        parts += [
            " · ",
            (
                t("bar_due_soon", count=number(figures.due_soon)),
                "$text-warning" if figures.due_soon else "",
            ),
        ]
    if shown != total_rows:
        parts += [
            "   ",
            (t("bar_shown", shown=number(shown), total=number(total_rows)), "italic $text-muted"),
        ]
    return Content.assemble(*parts)


class SummaryBar(Static):
    """Shows the figures it is given; it computes nothing itself."""

    def show(self, content: Content) -> None:
        """Replace the line (its size never changes: no layout pass of the screen)."""
        self.update(content, layout=False)
