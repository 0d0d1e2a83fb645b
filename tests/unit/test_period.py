"""Reporting periods for ``summary --period`` (DESIGN section 7): month, quarter, half
year and year codes, their bounds and labels, and the error for anything else."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.errors import InputError
from deadline_tui.reports.period import parse_period


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2021-07", date(2021, 7, 1), date(2021, 7, 31)),
        ("2021-7", date(2021, 7, 1), date(2021, 7, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28)),
        ("2021-Q1", date(2021, 1, 1), date(2021, 3, 31)),
        ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30)),
        ("2021-q4", date(2021, 10, 1), date(2021, 12, 31)),
        ("2021-H1", date(2021, 1, 1), date(2021, 6, 30)),
        ("2021-h2", date(2021, 7, 1), date(2021, 12, 31)),
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        (" 2021-Q2 ", date(2021, 4, 1), date(2021, 6, 30)),
    ],
)
def test_period_bounds(code: str, start: date, end: date) -> None:
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)
    assert period.contains(start)
    assert period.contains(end)
    assert not period.contains(date.fromordinal(start.toordinal() - 1))
    assert not period.contains(date.fromordinal(end.toordinal() + 1))


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2021-07", "tháng 7/2021"),
        ("2021-Q3", "quý III/2021"),
        ("2021-Q4", "quý IV/2021"),
        ("2021-H1", "6 tháng đầu năm 2021"),
        ("2021-H2", "6 tháng cuối năm 2021"),
        ("2021", "năm 2021"),
    ],
)
def test_period_labels_as_reports_write_them(code: str, label: str) -> None:
    assert parse_period(code).label() == label


@pytest.mark.parametrize(
    "code", ["2021-13", "2021-00", "2021-Q5", "2021-Q0", "2021-H3", "21-07", "2021/07", "", "Q3"]
)
def test_unreadable_periods_name_the_value(code: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_period(code)
    assert f"“{code}”" in str(caught.value)  # as typed
    assert "2021-Q3" in str(caught.value)  # the message shows the accepted forms
