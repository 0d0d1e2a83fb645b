"""The figures as rows of text, shared by the command line, the TUI summary screen and
the XLSX summary sheet, so all three say the same thing in the same order."""

from __future__ import annotations

from deadline_tui.domain.vntext import Rounding
from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures
from deadline_tui.reports.numbers import number, rate


def figure_rows(figures: Figures, decimals: int, rounding: Rounding) -> list[tuple[str, str, str]]:
    """(label, count, share with its base) for each figure of section 4."""

    def share(part: int, base: int, base_label: str = "") -> str:
        return rate(part, base, decimals, rounding) + base_label if base else "–"

    total = figures.total
    return [
        (t("fig.total"), number(total), ""),
        (t("fig.due"), number(figures.due), ""),
        (
            t("fig.due_done"),
            number(figures.due_done),
            share(figures.due_done, figures.due, t("fig.of_due")),
        ),
        (t("fig.done"), number(figures.done), share(figures.done, total, t("fig.of_total"))),
        (t("fig.done_on_time"), number(figures.done_on_time), share(figures.done_on_time, total)),
        (t("fig.done_late"), number(figures.done_late), share(figures.done_late, total)),
        (t("fig.open_in_term"), number(figures.open_in_term), share(figures.open_in_term, total)),
        (t("fig.due_soon"), number(figures.due_soon), ""),
        (t("fig.open_overdue"), number(figures.open_overdue), share(figures.open_overdue, total)),
        (t("fig.no_deadline"), number(figures.no_deadline), share(figures.no_deadline, total)),
        (t("fig.suspended"), number(figures.suspended), ""),
        (t("fig.cancelled"), number(figures.cancelled), ""),
    ]


def group_columns() -> list[str]:
    """Headers of the per-group table. Overdue comes first: the groups are sorted by it,
    and it is what a leader asks about."""
    keys = (
        "grp.group",
        "grp.overdue",
        "grp.total",
        "grp.due",
        "grp.due_done",
        "grp.on_time",
        "grp.late",
        "grp.in_term",
        "grp.no_deadline",
    )
    return [t(key) for key in keys]


def group_cells(group: Figures, decimals: int, rounding: Rounding) -> list[str]:
    """One group's row, in the order of :func:`group_columns`."""
    done_rate = rate(group.due_done, group.due, decimals, rounding) if group.due else "–"
    return [
        group.name or t("not_recorded"),
        number(group.open_overdue),
        number(group.total),
        number(group.due),
        done_rate,
        number(group.done_on_time),
        number(group.done_late),
        number(group.open_in_term),
        number(group.no_deadline),
    ]
