"""Recurring deadlines ("trước ngày 20 hàng tháng"): a rule and its occurrence dates."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from dateutil.rrule import rrule


class Frequency(StrEnum):
    """How often a recurring deadline comes round."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


class Recurrence(NamedTuple):
    """A rule: ``day`` of the month (None: the last day), ``month`` for yearly rules,
    ``weekday`` (0 = Monday) for weekly ones. Quarterly and half-yearly deadlines fall
    in the last month of the period, as reporting rules set them."""

    frequency: Frequency
    day: int | None = None
    month: int | None = None
    weekday: int | None = None

    def _rule(self, start: date) -> rrule:
        from dateutil.rrule import MONTHLY, WEEKLY, rrule  # only when a rule is expanded

        begin = datetime(start.year, start.month, start.day)
        # (day, -1) with bysetpos=1 takes the day itself, or the month's last day when the
        # month is shorter ("ngày 30 hàng tháng" falls on 28/02).
        month_days = (self.day, -1) if self.day else (-1,)
        if self.frequency is Frequency.WEEKLY:
            return rrule(WEEKLY, dtstart=begin, byweekday=self.weekday or 0)
        if self.frequency is Frequency.MONTHLY:
            return rrule(MONTHLY, dtstart=begin, bymonthday=month_days, bysetpos=1)
        if self.frequency is Frequency.QUARTERLY:
            return rrule(
                MONTHLY, dtstart=begin, bymonth=(3, 6, 9, 12), bymonthday=month_days, bysetpos=1
            )
        if self.frequency is Frequency.HALF_YEARLY:
            return rrule(MONTHLY, dtstart=begin, bymonth=(6, 12), bymonthday=month_days, bysetpos=1)
        return rrule(
            MONTHLY, dtstart=begin, bymonth=self.month or 12, bymonthday=month_days, bysetpos=1
        )

    def cycle_start(self, due: date) -> date:
        """The first day of the cycle an occurrence due on ``due`` reports on: its week,
        month, quarter, half year or year (the April report of "trước ngày 20 hàng tháng"
        belongs to April)."""
        if self.frequency is Frequency.WEEKLY:
            return date.fromordinal(due.toordinal() - due.weekday())
        if self.frequency is Frequency.MONTHLY:
            return due.replace(day=1)
        if self.frequency is Frequency.QUARTERLY:
            return date(due.year, 3 * ((due.month - 1) // 3) + 1, 1)
        if self.frequency is Frequency.HALF_YEARLY:
            return date(due.year, 1 if due.month <= 6 else 7, 1)
        return date(due.year, 1, 1)

    def occurrences(self, start: date, until: date) -> list[date]:
        """Occurrence dates from ``start`` to ``until``, both inclusive."""
        if until < start:
            return []
        stop = datetime(until.year, until.month, until.day)
        return [
            moment.date()
            for moment in self._rule(start).between(
                datetime(start.year, start.month, start.day), stop, inc=True
            )
        ]

    def first_on_or_after(self, start: date) -> date:
        """The first occurrence on or after ``start``."""
        moment = self._rule(start).after(datetime(start.year, start.month, start.day), inc=True)
        assert moment is not None  # every rule here repeats forever
        return moment.date()

    def to_dict(self) -> dict[str, object]:
        """Plain form for storage."""
        return {
            "frequency": self.frequency.value,
            "day": self.day,
            "month": self.month,
            "weekday": self.weekday,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Recurrence:
        """Inverse of :meth:`to_dict`."""

        def number(key: str) -> int | None:
            value = data.get(key)
            return int(value) if isinstance(value, int) else None

        return cls(
            Frequency(str(data["frequency"])), number("day"), number("month"), number("weekday")
        )
