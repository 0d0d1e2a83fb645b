"""Working days by Vietnam's calendar: Tết, Giỗ Tổ, make-up Saturdays, the office's own days.

Expected dates are counted by hand from the government's decisions (Tết 2027: Thursday
04/02 to Wednesday 10/02 off; 22/08/2026 a make-up Saturday), not by the code under test.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from deadline_tui.domain.deadlines import read_deadline
from deadline_tui.domain.workdays import DayOff, OffKind, WorkCalendar, describe_skipped


def test_fifteen_working_days_from_1_february_2027_skip_tet() -> None:
    # Mon 01/02/2027. Working: 2, 3 Feb (2), Tết 4-10, 11, 12 (4), 15-19 (9), 22-26 (14),
    # then Monday 01/03 (15).
    deadline = read_deadline("15 ngày làm việc", date(2027, 2, 1))
    assert deadline.due_on == date(2027, 3, 1)
    tet = [date(2027, 2, 4) + timedelta(days=k) for k in range(7)]
    assert set(tet) <= {off.day for off in deadline.skipped}
    calendar = WorkCalendar()
    assert all(
        calendar.day_off(day) == DayOff(day, OffKind.HOLIDAY, "Tết Nguyên đán") for day in tet
    )
    runs = describe_skipped(deadline.skipped)
    assert runs[0] == (
        DayOff(date(2027, 2, 4), OffKind.HOLIDAY, "Tết Nguyên đán"),
        date(2027, 2, 10),
    )


def test_weekends_and_lunar_holidays_have_names() -> None:
    calendar = WorkCalendar()
    giong = date(2027, 4, 16)  # 10/3 âm lịch
    assert calendar.day_off(giong) == DayOff(giong, OffKind.HOLIDAY, "Giỗ Tổ Hùng Vương")
    assert calendar.day_off(date(2026, 11, 28)) == DayOff(date(2026, 11, 28), OffKind.SATURDAY)
    assert calendar.day_off(date(2026, 11, 29)) == DayOff(date(2026, 11, 29), OffKind.SUNDAY)
    assert calendar.day_off(date(2026, 11, 30)) is None
    assert calendar.is_working_day(date(2026, 11, 30))
    assert not calendar.is_working_day(date(2027, 2, 8))


def test_decreed_make_up_saturday_is_a_working_day() -> None:
    # 22/08/2026 (Saturday) is worked to bridge 31/08 to the National Day holiday.
    calendar = WorkCalendar()
    assert calendar.is_working_day(date(2026, 8, 22))
    assert not calendar.is_working_day(date(2026, 8, 31))
    # Fri 21/08/2026 + 1 working day is that Saturday.
    assert calendar.add_working_days(date(2026, 8, 21), 1) == (date(2026, 8, 22), [])


def test_office_days_off_and_working_days_from_config() -> None:
    calendar = WorkCalendar(days_off=[date(2026, 12, 1)], working_days=[date(2026, 12, 5)])
    assert calendar.day_off(date(2026, 12, 1)) == DayOff(date(2026, 12, 1), OffKind.OFFICE)
    assert calendar.day_off_name(date(2026, 12, 1)) == "Ngày nghỉ của tỉnh"
    assert calendar.day_off_name(date(2026, 11, 28)) == "Thứ Bảy"
    assert calendar.day_off_name(date(2026, 12, 2)) is None
    assert calendar.is_working_day(date(2026, 12, 5))  # a Saturday the province works
    # Mon 30/11/2026 + 3: 01/12 off, 02, 03, 04 -> Friday 04/12.
    assert calendar.add_working_days(date(2026, 11, 30), 3) == (
        date(2026, 12, 4),
        [DayOff(date(2026, 12, 1), OffKind.OFFICE)],
    )
    due = read_deadline("3 ngày làm việc", date(2026, 11, 30), calendar).due_on
    assert due == date(2026, 12, 4)


def test_holidays_package_is_loaded_only_for_working_days() -> None:
    code = (
        "import sys; from datetime import date;"
        "from deadline_tui.domain.deadlines import read_deadline;"
        "read_deadline('trước 31/01/2021', date(2021, 1, 1));"
        "assert 'holidays' not in sys.modules;"
        "read_deadline('2 ngày làm việc', date(2021, 1, 1));"
        "assert 'holidays' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
