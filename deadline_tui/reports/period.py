"""Reporting periods, written as codes or in the report's own words (DESIGN section 4).

``2026-07`` / "tháng 7/2026", ``2026-Q3`` / "quý III/2026", ``2026-H1`` / "6 tháng đầu năm
2026", ``2026-H2`` / "6 tháng cuối năm 2026", ``2026-9M`` / "9 tháng năm 2026", ``2026`` /
"năm 2026", or any range of days (``--from`` / ``--to``). Anything else is an error that
names the text: an unreadable period never means the whole book.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, NamedTuple

from deadline_tui.domain.vntext import fold, format_date
from deadline_tui.errors import InputError
from deadline_tui.i18n import t

_ROMAN = ("I", "II", "III", "IV")
_ROMAN_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
FIRST_YEAR, LAST_YEAR = 1900, 2200

PeriodBy = Literal["assigned", "due"]
PERIOD_BY: tuple[PeriodBy, ...] = ("assigned", "due")


class Period(NamedTuple):
    """The days from ``start`` to ``end`` (both inclusive); ``code`` as in section 4
    ("2026-Q3"), or "DD/MM/YYYY-DD/MM/YYYY" for a range of days."""

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
            return t("period_quarter", quarter=_ROMAN[number - 1], number=number, year=year)
        if kind == "half":
            return t("period_half_1" if number == 1 else "period_half_2", year=year)
        if kind == "nine":
            return t("period_nine_months", year=year)
        if kind == "year":
            return t("period_year", year=year)
        return t("period_range", start=format_date(self.start), end=format_date(self.end))


# Codes, then the report's words (matched folded: no diacritics, lower case).
_CODES = (
    (r"(\d{4})-(\d{1,2})", "month"),
    (r"(\d{4})-q([1-4])", "quarter"),
    (r"(\d{4})-h([12])", "half"),
    (r"(\d{4})-(9)m", "nine"),
    (r"(\d{4})()", "year"),
)
_WORDS = (
    (r"(?:trong )?thang (?P<n>\d{1,2})\s*(?:/|-|nam)\s*(?P<y>\d{4})", "month"),
    (r"quy (?P<n>iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*(?P<y>\d{4})", "quarter"),
    (r"(?:6|sau) thang (?P<n>dau|cuoi) nam (?P<y>\d{4})", "half"),
    (r"(?:9|chin) thang (?:dau )?(?:nam )?(?P<y>\d{4})", "nine"),
    (r"(?:nam|ca nam) (?P<y>\d{4})", "year"),
)


def _split(code: str) -> tuple[str, int, int]:
    lowered = code.lower()
    for pattern, kind in _CODES:
        if match := re.fullmatch(pattern, lowered):
            return kind, int(match[1]), int(match[2] or 0)
    return "range", 0, 0


def _words(text: str) -> tuple[str, int, int] | None:
    folded = fold(text).rstrip(" .")
    for pattern, kind in _WORDS:
        match = re.fullmatch(pattern, folded)
        if match is None:
            continue
        groups = match.groupdict()
        token = groups.get("n") or "0"
        if kind == "quarter":
            number = _ROMAN_NUMBER.get(token) or int(token)
        elif kind == "half":
            number = 1 if token == "dau" else 2
        else:
            number = int(token)
        return kind, int(groups["y"]), number
    return None


def parse_period(text: str) -> Period:
    """Read a period code or the report's words; :class:`InputError` names anything else."""
    value = text.strip()
    kind, year, number = _split(value)
    if kind == "range":
        found = _words(value)
        if found is None:
            raise InputError("period_unreadable", value=text)
        kind, year, number = found
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("period_unreadable", value=text)
    # Imported here, when a period is named: ~1 ms that `summary` alone does not need.
    import calendar

    if kind == "month":
        if not 1 <= number <= 12:
            raise InputError("period_unreadable", value=text)
        last = calendar.monthrange(year, number)[1]
        return Period(date(year, number, 1), date(year, number, last), f"{year}-{number:02d}")
    if kind == "quarter":
        first = 3 * number - 2
        last = calendar.monthrange(year, first + 2)[1]
        return Period(date(year, first, 1), date(year, first + 2, last), f"{year}-Q{number}")
    if kind == "half":
        if number == 1:
            return Period(date(year, 1, 1), date(year, 6, 30), f"{year}-H1")
        return Period(date(year, 7, 1), date(year, 12, 31), f"{year}-H2")
    if kind == "nine":
        return Period(date(year, 1, 1), date(year, 9, 30), f"{year}-9M")
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")


def period_between(start: date, end: date) -> Period:
    """The days from ``start`` to ``end`` (``--from`` / ``--to``); refused when reversed."""
    if end < start:
        raise InputError("period_reversed", start=format_date(start), end=format_date(end))
    return Period(start, end, f"{format_date(start)}-{format_date(end)}")
