"""The sentence a summary opens with, in the seeds' own style:

"Tính đến ngày 30/06/2016, có 52 đầu việc đến hạn, đã hoàn thành 16 đầu việc, đạt 30,8%
(16/52); 34 đầu việc quá hạn chưa hoàn thành."
"""

from __future__ import annotations

from deadline_tui.domain.vntext import Rounding, format_date
from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures
from deadline_tui.reports.numbers import number, percent
from deadline_tui.reports.period import Period, PeriodBy


def summary_sentence(
    figures: Figures,
    *,
    decimals: int,
    rounding: Rounding,
    period: Period | None = None,
    period_by: PeriodBy = "assigned",
) -> str:
    """The opening sentence, and a second one that says what it counts: the on-time /
    late split of all tasks assigned by the cut-off (DESIGN section 4)."""
    scope_key = "sentence_scope_period_due" if period_by == "due" else "sentence_scope_period"
    scope = t(scope_key, period=period.label()) if period else ""
    head = t("sentence_head", date=format_date(figures.as_of), scope=scope)
    if figures.due:
        first = t(
            "sentence_due",
            head=head,
            due=number(figures.due),
            done=number(figures.due_done),
            rate=percent(figures.due_done, figures.due, decimals, rounding),
            part=number(figures.due_done),
            base=number(figures.due),
        )
    else:
        first = t("sentence_none_due", head=head)
    overdue = figures.open_overdue
    tail = t("sentence_overdue", count=number(overdue)) if overdue else t("sentence_no_overdue")
    sentence = f"{first}; {tail}"
    if figures.total:
        sentence += " " + t(
            "sentence_split",
            total=number(figures.total),
            on_time=percent(figures.on_time, figures.total, decimals, rounding),
            on_time_part=number(figures.on_time),
            late=percent(figures.late, figures.total, decimals, rounding),
            late_part=number(figures.late),
        )
    return sentence
