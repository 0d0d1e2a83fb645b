"""Issue 13 point 4: periods in the report's own words, by assignment or by deadline."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.errors import InputError
from deadline_tui.reports.figures import summarise
from deadline_tui.reports.period import parse_period, period_between
from tests.factories import make_task


@pytest.mark.parametrize(
    ("text", "start", "end", "code"),
    [
        ("2026-07", date(2026, 7, 1), date(2026, 7, 31), "2026-07"),
        ("tháng 7/2026", date(2026, 7, 1), date(2026, 7, 31), "2026-07"),
        ("tháng 11/2026", date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
        ("Tháng 2 năm 2028", date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
        ("quý III/2026", date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
        ("quý 4/2026", date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "2026-H1"),
        ("6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), "2026-H1"),
        ("6 tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31), "2026-H2"),
        ("2026-9M", date(2026, 1, 1), date(2026, 9, 30), "2026-9M"),
        ("9 tháng năm 2026", date(2026, 1, 1), date(2026, 9, 30), "2026-9M"),
        ("9 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 9, 30), "2026-9M"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("năm 2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("nam 2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
    ],
)
def test_codes_and_words(text: str, start: date, end: date, code: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.code) == (start, end, code)


@pytest.mark.parametrize(
    "text", ["quý V/2026", "tháng 13/2026", "năm 0000", "quý IV/9999", "hôm qua", "2026-H3", ""]
)
def test_unreadable_periods_are_errors(text: str) -> None:
    with pytest.raises(InputError):
        parse_period(text)


def test_labels_in_the_report_words() -> None:
    assert parse_period("2026-9M").label() == "9 tháng năm 2026"
    assert parse_period("quý 3/2026").label() == "quý III/2026"
    assert (
        period_between(date(2026, 3, 1), date(2026, 3, 15)).label()
        == "từ 01/03/2026 đến 15/03/2026"
    )
    with pytest.raises(InputError):
        period_between(date(2026, 3, 15), date(2026, 3, 1))


def test_period_by_assignment_or_by_deadline() -> None:
    tasks = [
        make_task(assigned_on=date(2026, 6, 10), due_on=date(2026, 7, 20)),  # assigned Q2, due Q3
        make_task(assigned_on=date(2026, 7, 1), due_on=date(2026, 7, 5)),  # Q3 both
        make_task(assigned_on=date(2026, 7, 2)),  # Q3, no deadline
        make_task(assigned_on=date(2026, 1, 5), due_on=date(2026, 3, 1)),  # Q1 both
    ]
    q3 = parse_period("quý III/2026")
    as_of = date(2026, 9, 30)
    assigned = summarise(tasks, as_of, warning_days=3, period=q3).overall
    due = summarise(tasks, as_of, warning_days=3, period=q3, period_by="due").overall
    assert assigned.total == 2
    assert due.total == 2 and due.no_deadline == 0 and due.open_overdue == 2


def test_a_monthly_occurrence_belongs_to_the_quarter_of_its_own_month() -> None:
    from datetime import datetime

    from deadline_tui.domain.recurrence import Frequency, Recurrence
    from deadline_tui.domain.series import Series, plan_occurrences

    template = make_task(title="Báo cáo tháng", assigned_on=date(2026, 1, 1))
    series = Series("s1", template, Recurrence(Frequency.MONTHLY, day=20), date(2026, 1, 1))
    _, tasks = plan_occurrences(series, date(2026, 6, 30), datetime(2026, 1, 1, 8, 0))
    as_of = date(2026, 12, 31)
    # Six monthly reports, January to June: three in each quarter (April's in Q2, not Q1).
    q1 = summarise(tasks, as_of, warning_days=3, period=parse_period("quý I/2026")).overall
    q2 = summarise(tasks, as_of, warning_days=3, period=parse_period("quý II/2026")).overall
    april = summarise(tasks, as_of, warning_days=3, period=parse_period("tháng 4/2026")).overall
    assert (q1.total, q2.total, april.total) == (3, 3, 1)
    by_due = summarise(
        tasks, as_of, warning_days=3, period=parse_period("2026-Q1"), period_by="due"
    )
    assert by_due.overall.total == 3
