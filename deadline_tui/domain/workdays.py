"""Working days by Vietnam's calendar (DESIGN section 5, "N ngày làm việc").

A day is a working day unless it is a Saturday or Sunday, a public holiday or a decreed
day off (Tết and Giỗ Tổ follow the lunar calendar), or one of the office's own days off
(config ``[calendar] days_off``). A decreed make-up Saturday ("làm bù") and the days in
``[calendar] working_days`` are working days whatever else they are.

The holidays come from the ``holidays`` package (``holidays.VN``), which follows the
government's yearly decisions on Tết and bridge days, including the make-up Saturdays
(e.g. Tết 2027: 04–10/02/2027 off; 22/08/2026 a working Saturday). It is imported only
when a working day is first asked about: reading a deadline such as "trước 31/01/2021"
never loads it. A decision the package does not know yet belongs in the config.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

SATURDAY, SUNDAY = 5, 6

# The package's Vietnamese names, shortened to what an office writes on a deadline note.
_NAMES = (
    ("Tết Nguyên Đán", "Tết Nguyên đán"),
    ("29 Tết", "Tết Nguyên đán"),
    ("Giỗ Tổ Hùng Vương", "Giỗ Tổ Hùng Vương"),
)


class OffKind(StrEnum):
    """Why a day is not worked; the front ends name it in the user's language."""

    SATURDAY = "saturday"
    SUNDAY = "sunday"
    OFFICE = "office"  # config [calendar] days_off: the province's own decision
    HOLIDAY = "holiday"  # a public holiday or decreed day off, named by ``holiday``


class DayOff(NamedTuple):
    """A day that is not a working day, and why."""

    day: date
    kind: OffKind
    holiday: str = ""  # the holiday's name ("Tết Nguyên đán") for OffKind.HOLIDAY


class WorkCalendar:
    """Which days are working days; built once per run and cheap to ask repeatedly."""

    def __init__(self, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> None:
        self._days_off = frozenset(days_off)
        self._working_days = frozenset(working_days)
        self._national: Any = None  # holidays.VN, loaded on first use

    def _holidays(self, day: date) -> Any:
        if self._national is None:
            import holidays  # heavy (~40 ms): only working-day phrases need it

            self._national = holidays.country_holidays("VN", language="vi")
        # Touching a year populates it, together with its make-up working Saturdays.
        _ = day in self._national
        return self._national

    def _is_make_up_day(self, day: date) -> bool:
        national = self._holidays(day)
        return day in getattr(national, "weekend_workdays", ())

    def is_working_day(self, day: date) -> bool:
        """True when an office works on ``day``."""
        return self.day_off(day) is None

    def day_off_name(self, day: date) -> str | None:
        """Why ``day`` is not a working day, in the user's language ("Tết Nguyên đán",
        "Thứ Bảy", "Ngày nghỉ của tỉnh" ...); None if it is one."""
        off = self.day_off(day)
        return day_off_text(off) if off is not None else None

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not a working day (a weekend day, the office's day off, a holiday
        by name); None if it is one."""
        if day in self._working_days:
            return None
        if day in self._days_off:
            return DayOff(day, OffKind.OFFICE)
        national = self._holidays(day)
        name = national.get(day)
        if name:
            for found, shown in _NAMES:
                if found in name:
                    return DayOff(day, OffKind.HOLIDAY, shown)
            return DayOff(day, OffKind.HOLIDAY, str(name).split(";")[0])
        if day.weekday() >= SATURDAY and not self._is_make_up_day(day):
            return DayOff(day, OffKind.SATURDAY if day.weekday() == SATURDAY else OffKind.SUNDAY)
        return None

    def add_working_days(self, start: date, days: int) -> tuple[date, list[DayOff]]:
        """The ``days``-th working day after ``start``, and the days off skipped on the way.

        ``start`` itself does not count (the day of assignment); 0 days gives ``start``.
        """
        current = start
        skipped: list[DayOff] = []
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            off = self.day_off(current)
            if off is None:
                remaining -= 1
            else:
                skipped.append(off)
        return current, skipped


def day_off_text(off: DayOff) -> str:
    """A day off in the user's language: the holiday's own name, else its kind."""
    from deadline_tui.i18n import t  # the catalogs are loaded by every front end anyway

    if off.kind is OffKind.HOLIDAY and off.holiday:
        return off.holiday
    return t(f"day_off.{off.kind.value}")


def describe_skipped(skipped: Iterable[DayOff]) -> list[tuple[DayOff, date]]:
    """Skipped days folded into runs of one reason: (the run's first day off, its last
    day), e.g. (Tết Nguyên đán 04/02/2027, 10/02/2027)."""
    runs: list[tuple[DayOff, date]] = []
    for off in skipped:
        if runs:
            first, last = runs[-1]
            same = (first.kind, first.holiday) == (off.kind, off.holiday)
            if same and last == off.day - timedelta(days=1):
                runs[-1] = (first, off.day)
                continue
        runs.append((off, off.day))
    return runs
