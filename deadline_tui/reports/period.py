"""Reporting periods: a month, a quarter, a half year or a year (``2021-07``, ``2021-Q3``,
``2021-H1``, ``2021``)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from deadline_tui.errors import InputError
from deadline_tui.i18n import t

_ROMAN = ("I", "II", "III", "IV")


class Period(NamedTuple):
    """Tasks assigned from ``start`` to ``end`` (both inclusive)."""

    start: date
    end: date
    code: str

    def contains(self, day: date) -> bool:
        """True when ``day`` falls in the period."""
        return self.start <= day <= self.end

    def label(self) -> str:
        """The period as reports write it: "tháng 7/2021", "quý III/2021", "năm 2021"."""
        kind, year, number = _split(self.code)
        if kind == "month":
            return t("period_month", month=number, year=year)
        if kind == "quarter":
            return t("period_quarter", quarter=_ROMAN[number - 1], year=year)
        if kind == "half":
            return t("period_half_1" if number == 1 else "period_half_2", year=year)
        return t("period_year", year=year)


def _split(code: str) -> tuple[str, int, int]:
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", code):
        return "month", int(match[1]), int(match[2])
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", code, re.IGNORECASE):
        return "quarter", int(match[1]), int(match[2])
    if match := re.fullmatch(r"(\d{4})-H([12])", code, re.IGNORECASE):
        return "half", int(match[1]), int(match[2])
    if match := re.fullmatch(r"(\d{4})", code):
        return "year", int(match[1]), 0
    raise InputError("period_unreadable", value=code)


def parse_period(text: str) -> Period:
    """Read a period code; :class:`InputError` names anything else."""
    code = text.strip().upper()
    try:
        kind, year, number = _split(code)
    except InputError:
        raise InputError("period_unreadable", value=text) from None  # as typed, not upper-cased
    if not 1900 <= year <= 2200:
        raise InputError("period_unreadable", value=text)
    if kind == "month":
        if not 1 <= number <= 12:
            raise InputError("period_unreadable", value=text)
        return Period(
            date(year, number, 1),
            date(year, number, calendar.monthrange(year, number)[1]),
            f"{year}-{number:02d}",
        )
    if kind == "quarter":
        first = 3 * number - 2
        return Period(
            date(year, first, 1),
            date(year, first + 2, calendar.monthrange(year, first + 2)[1]),
            code,
        )
    if kind == "half":
        return (
            Period(date(year, 1, 1), date(year, 6, 30), code)
            if number == 1
            else Period(date(year, 7, 1), date(year, 12, 31), code)
        )
    return Period(date(year, 1, 1), date(year, 12, 31), code)
