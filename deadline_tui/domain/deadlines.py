"""Reading deadlines as documents write them (DESIGN section 5).

Dates are always day-first and are read by our own patterns: dateutil's parser is never
used on user dates, because with ``dayfirst=True`` it still reads "2021-01-02" and
"13/01" differently from what a Vietnamese document means. A phrase that cannot be read
raises :class:`DeadlineError` naming it; nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.vntext import clean
from deadline_tui.domain.workdays import DayOff, WorkCalendar
from deadline_tui.errors import DeadlineError, InputError


class Deadline(NamedTuple):
    """A deadline as written (``text``, verbatim), its date and, if recurring, its rule."""

    text: str
    due_on: date | None
    recurrence: Recurrence | None = None
    skipped: tuple[DayOff, ...] = ()
    """For "N ngày làm việc": the days off skipped on the way, and why (for the preview)."""


# --- dates ---------------------------------------------------------------------------

_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_WORDS = r"ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>\d{4})"
# Patterns are compiled on first use: commands that read no phrase do not pay for them.


@cache
def _date_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{_ISO}|{_DMY}|{_WORDS})", re.IGNORECASE)


# The years a date may name: wide enough for any archive and any plan, narrow enough
# that a typo ("0000", "9999") is refused rather than breaking a calendar export later.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def _year(written: str, original: str) -> int:
    """The year as written: two digits mean 20xx; four digits must be in range, so
    "0027" is refused rather than read as 2027."""
    year = int(written)
    if len(written) == 2:
        year += 2000
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("date_out_of_range", value=original)
    return year


def _make_date(year: int, month: int, day: int, original: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("date_out_of_range", value=original)
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        raise InputError("date_not_exist", value=original)
    return date(year, month, day)


def _date_from_match(match: re.Match[str], original: str) -> date:
    groups = match.groupdict()
    if groups.get("iy"):
        year = _year(groups["iy"], original)
        return _make_date(year, int(groups["im"]), int(groups["id"]), original)
    if groups.get("wy"):
        year = _year(groups["wy"], original)
        return _make_date(year, int(groups["wm"]), int(groups["wd"]), original)
    return _make_date(_year(groups["y"], original), int(groups["m"]), int(groups["d"]), original)


def parse_date(text: str) -> date:
    """A day-first date: ``31/01/2021``, ``1/7/2021``, ``31.01.2021``, ``31-01-2021``,
    ``2021-01-31`` (ISO, year first) or ``ngày 31 tháng 1 năm 2021``.

    Raises :class:`InputError` for anything else, and for dates that do not exist.
    """
    value = clean(text)
    match = _date_re().fullmatch(value.lower())
    if match is None:
        raise InputError("date_unreadable", value=value)
    return _date_from_match(match, value)


# --- phrases -------------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WEEKDAYS = {
    "2": 0,
    "hai": 0,
    "3": 1,
    "ba": 1,
    "4": 2,
    "tư": 2,
    "5": 3,
    "năm": 3,
    "6": 4,
    "sáu": 4,
    "7": 5,
    "bảy": 5,
    "chủ nhật": 6,
    "cn": 6,
}


# Words that may stand between free text ("hoàn thành", "báo cáo năm gửi") and the
# deadline itself; without one of them, leading words make the phrase unreadable.
@cache
def _connective() -> re.Pattern[str]:
    return re.compile(
        r"(?:^|\s)(?:trước|chậm nhất(?: là)?|trong(?: vòng| thời hạn)?|hạn(?: chót)?|thời hạn"
        r"|đến|vào|xong|hết|cuối|kết thúc)(?:\s+ngày)?$"
    )


@cache
def _no_deadline() -> re.Pattern[str]:
    return re.compile(r"\b(?:thường xuyên|liên tục|không (?:có )?thời hạn)\b")


@cache
def _recurring() -> re.Pattern[str]:
    return re.compile(r"\b(?:hàng|hằng) (?:tuần|tháng|quý|năm)\b|\bđịnh kỳ\b|\b6 tháng một lần\b")


_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def _days_in_month(year: int, month: int) -> int:
    """28-31 (the calendar module would cost every command ~1 ms to import)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _month_end(year: int, month: int) -> date:
    return date(year, month, _days_in_month(year, month))


@cache
def _anchored(core: str) -> re.Pattern[str]:
    # The deadline sits at the end of the phrase and starts a word. Compiled on first use,
    # one by one: `add --due 31/12/2030` compiles the three it tries, not all nine (~0,7 ms).
    return re.compile(rf"(?:^|(?<=[\s,:]))(?:{core})$")


_YEAR = r"(?P<year>\d{4})"
_CORES = (
    (_ISO, "date"),
    (_WORDS, "date"),
    (_DMY, "date"),
    (rf"(?P<months>6|sáu) tháng (?P<half>đầu|cuối)?\s*(?:năm\s+)?{_YEAR}", "months"),
    (rf"(?P<months>9|chín) tháng (?:đầu\s+)?(?:năm\s+)?{_YEAR}", "months"),
    (rf"quý\s+(?P<quarter>iv|iii|ii|i|[1-4])\s*(?:/|-|năm)\s*{_YEAR}", "quarter"),
    (rf"tháng\s+(?P<month>\d{{1,2}})\s*(?:/|-|năm)\s*{_YEAR}", "month"),
    (rf"năm\s+{_YEAR}", "year"),
    (r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})", "day_month"),
)
"""The absolute deadlines, in the order they are tried."""


@cache
def _relative_re() -> re.Pattern[str]:
    return _anchored(
        r"(?P<n>\d{1,4})\s+(?P<unit>ngày|tháng)(?P<working>\s+làm việc)?(?:\s+kể từ(?P<base>.*))?"
    )


def _normalise(text: str) -> str:
    value = clean(text).lower().rstrip(" .;,:")
    return value.replace("hằng ", "hàng ")


def _prefix_allowed(prefix: str) -> bool:
    prefix = prefix.strip(" ,:")
    return not prefix or prefix == "ngày" or _connective().search(prefix) is not None


def _absolute(phrase: str, original: str, assigned_on: date) -> date | None:
    for core, kind in _CORES:
        match = _anchored(core).search(phrase)
        if match is not None and _prefix_allowed(phrase[: match.start()]):
            due = _resolve(kind, match, original, assigned_on)
            if kind in _PERIODS and re.search(r"(?:^|\s)trước$", phrase[: match.start()].rstrip()):
                return _before_period(kind, due, original)
            return due
    return None


# Phrases naming a period (a month, a quarter, a year) rather than a day.
_PERIODS = ("month", "quarter", "year", "months")


def _before_period(kind: str, end: date, original: str) -> date:
    """ "Trước quý III/2021": before the period starts, so the day before its first day
    (30/06/2021); "trước ngày X" names a day and is due that day, but a period is a span.
    "Trước 6 tháng đầu năm" has no such reading and is refused."""
    if kind == "months":
        raise DeadlineError("deadline_unreadable", phrase=original)
    if kind == "month":
        first = end.replace(day=1)
    elif kind == "quarter":
        first = date(end.year, end.month - 2, 1)
    else:
        first = date(end.year, 1, 1)
    if first.year == FIRST_YEAR and first.month == 1:
        raise InputError("date_out_of_range", value=original)
    return first - timedelta(days=1)


def _resolve(kind: str, match: re.Match[str], original: str, assigned_on: date) -> date:
    groups = match.groupdict()
    if kind == "date":
        return _date_from_match(match, original)
    year = _year(groups["year"], original) if groups.get("year") else assigned_on.year
    if kind == "months":
        if groups["months"] in ("9", "chín"):
            return date(year, 9, 30)
        return date(year, 12, 31) if groups.get("half") == "cuối" else date(year, 6, 30)
    if kind == "quarter":
        token = groups["quarter"]
        quarter = _ROMAN[token] if token in _ROMAN else int(token)
        month, day = _QUARTER_END[quarter]
        return date(year, month, day)
    if kind == "month":
        month = int(groups["month"])
        if not 1 <= month <= 12:
            raise InputError("date_not_exist", value=original)
        return _month_end(year, month)
    if kind == "year":
        return date(year, 12, 31)
    # day/month without a year: the first such day on or after the assignment date.
    day, month = int(groups["d"]), int(groups["m"])
    for candidate_year in range(assigned_on.year, assigned_on.year + 8):
        if month == 2 and day == 29 and _days_in_month(candidate_year, 2) == 28:
            continue
        candidate = _make_date(candidate_year, month, day, original)
        if candidate >= assigned_on:
            return candidate
    raise InputError("date_not_exist", value=original)


_Found = tuple[date, tuple[DayOff, ...]]


def _relative(
    phrase: str, original: str, assigned_on: date, calendar: WorkCalendar | None
) -> _Found | None:
    match = _relative_re().search(phrase)
    if match is None or not _prefix_allowed(phrase[: match.start()]):
        return None
    count = int(match["n"])
    base = assigned_on
    if match["base"]:
        found = _date_re().search(match["base"])
        if found:
            base = _date_from_match(found, original)
    if match["unit"] == "tháng":
        if match["working"]:
            return None
        from dateutil.relativedelta import relativedelta  # rare: loaded when needed

        return _in_range(base + relativedelta(months=count), original), ()
    if match["working"]:
        due, skipped = (calendar or WorkCalendar()).add_working_days(base, count)
        return _in_range(due, original), tuple(skipped)
    return _in_range(base + timedelta(days=count), original), ()


def _in_range(due: date, original: str) -> date:
    if due.year > LAST_YEAR:
        raise InputError("date_out_of_range", value=original)
    return due


def _weekday(phrase: str) -> int | None:
    match = re.search(r"(chủ nhật|cn)|thứ\s+(2|3|4|5|6|7|hai|ba|tư|năm|sáu|bảy)\b", phrase)
    if match is None:
        return None
    return _WEEKDAYS[match.group(1) or match.group(2)]


# A day and month without a year: "ngày 15/12", "30/6" or, as legal documents write it,
# "ngày 15 tháng 12".
_DAY_MONTH = (
    r"(?<![\d/.\-])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/.\-])"
    r"|ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\b"
)
_DAY_ONLY = r"ngày\s+(\d{1,2})(?!\d|\s*[/.\-]|\s+tháng\s+\d)"
# The months a quarterly or half-yearly rule falls in (Recurrence puts them in the last
# month of the period).
_RULE_MONTHS = {Frequency.QUARTERLY: (3, 6, 9, 12), Frequency.HALF_YEARLY: (6, 12)}


def _frequency(phrase: str, original: str) -> Frequency:
    if "hàng tuần" in phrase:
        return Frequency.WEEKLY
    if "hàng tháng" in phrase:
        return Frequency.MONTHLY
    if "hàng quý" in phrase:
        return Frequency.QUARTERLY
    if re.search(r"\b6 tháng\b", phrase):
        return Frequency.HALF_YEARLY
    if "hàng năm" in phrase:
        return Frequency.YEARLY
    raise DeadlineError("deadline_unreadable", phrase=original)


def _recurrence(phrase: str, original: str) -> Recurrence:
    """The rule of a recurring phrase. Every number and period word in it must be read:
    one the rule cannot hold (a year, a second date, "tháng đầu quý") is an error, not
    dropped."""
    if re.search(r"\b\d{4}\b", phrase) or _date_re().search(phrase):
        # "tháng 7/2026 hàng tháng": a dated deadline and a rule at once.
        raise DeadlineError("deadline_dated_and_recurring", phrase=original)
    frequency = _frequency(phrase, original)
    # What is left once the frequency words (and an hour, which does not move a deadline
    # that runs to the end of its day) are taken out must all be read below.
    rest = re.sub(
        r"hàng (?:tuần|tháng|quý|năm)|định kỳ|\b6 tháng(?: một lần)?\b"
        r"|\b\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?(?!\w)",
        " ",
        phrase,
    )
    if frequency is Frequency.WEEKLY:
        return _weekly(rest, original)
    day, month, rest = _day_and_month(rest, original)
    if frequency is Frequency.YEARLY and month is None:
        if day is not None:
            # A day without its month ("trước ngày 20 hằng năm"): no guess.
            raise DeadlineError("deadline_unreadable", phrase=original)
        month, rest = _period_month(rest, original)
        if month is None:
            return Recurrence(Frequency.YEARLY, day=31, month=12)
    if re.search(r"\d|\b(?:tháng|quý)\b", rest):
        # "ngày 5 của tháng đầu quý hằng quý": a month the rule cannot hold.
        raise DeadlineError("deadline_unreadable", phrase=original)
    if frequency is Frequency.YEARLY:
        return Recurrence(Frequency.YEARLY, day=day, month=month)
    if month is not None and (
        frequency not in _RULE_MONTHS or month not in _RULE_MONTHS[frequency]
    ):
        # "ngày 15/6 hằng tháng", "ngày 15/1 định kỳ 6 tháng" (January and July): the
        # rule falls in the period's last month, so such a month cannot be kept.
        raise DeadlineError("deadline_unreadable", phrase=original)
    return Recurrence(frequency, day=day)


def _weekly(rest: str, original: str) -> Recurrence:
    weekday = _weekday(rest)
    if weekday is None:
        raise DeadlineError("deadline_weekday_missing", phrase=original)
    if re.search(r"\d|\b(?:tháng|quý)\b", re.sub(r"chủ nhật|\bcn\b|thứ\s+\S+", " ", rest)):
        raise DeadlineError("deadline_unreadable", phrase=original)
    return Recurrence(Frequency.WEEKLY, weekday=weekday)


def _day_and_month(rest: str, original: str) -> tuple[int | None, int | None, str]:
    """The one day ("ngày 20") or day and month ("15/12") of a rule, and what is left."""
    day_months = list(re.finditer(_DAY_MONTH, rest))
    days = re.findall(_DAY_ONLY, rest)
    if len(day_months) + len(days) > 1:
        raise DeadlineError("deadline_two_dates", phrase=original)
    if day_months:
        found = day_months[0]
        day, month = int(found["d"] or found["wd"]), int(found["m"] or found["wm"])
        _make_date(2000, month, day, original)  # validates (2000 is a leap year)
        return day, month, rest[: found.start()] + rest[found.end() :]
    if days:
        day = int(days[0])
        if not 1 <= day <= 31:
            raise DeadlineError("deadline_unreadable", phrase=original)
        return day, None, re.sub(_DAY_ONLY, " ", rest)
    return None, None, rest


def _period_month(rest: str, original: str) -> tuple[int | None, str]:
    """The month a yearly rule without a day ends in: "tháng 6 hằng năm" (its last day),
    "quý III hằng năm" (the quarter's last day); ``None`` when neither is written."""
    match = re.search(r"\btháng\s+(\d{1,2})\b", rest)
    if match is not None:
        month = int(match.group(1))
        if not 1 <= month <= 12:
            raise DeadlineError("deadline_unreadable", phrase=original)
        return month, rest[: match.start()] + rest[match.end() :]
    match = re.search(r"\bquý\s+(iv|iii|ii|i|[1-4])\b", rest)
    if match is not None:
        token = match.group(1)
        quarter = _ROMAN[token] if token in _ROMAN else int(token)
        return _QUARTER_END[quarter][0], rest[: match.start()] + rest[match.end() :]
    return None, rest


def says_only_the_date(text: str, due_on: date | None) -> bool:
    """True when a deadline as written says nothing its date does not: "31/12/2030",
    "2030-12-31", "trước ngày 31/12/2030" (a date's deadline is that day). False for a
    phrase that says more ("trong tháng 3/2026", "15 ngày kể từ ngày ký", "thường xuyên"),
    so a confirmation shows it beside the date only then."""
    if due_on is None:
        return False
    phrase = _normalise(text)
    for core in (_DMY, _ISO, _WORDS):
        match = _anchored(core).search(phrase)
        if match is not None and _prefix_allowed(phrase[: match.start()]):
            try:
                return _date_from_match(match, text) == due_on
            except InputError:
                return False
    return False


def read_deadline(text: str, assigned_on: date, calendar: WorkCalendar | None = None) -> Deadline:
    """Read a deadline as written in a document.

    ``assigned_on`` anchors relative phrases ("trong 10 ngày kể từ ngày ký"), dates
    written without a year and the first occurrence of recurring ones. An empty text
    means no deadline.
    """
    original = clean(text)
    phrase = _normalise(text)
    if not phrase:
        return Deadline("", None)
    if _recurring().search(phrase):
        rule = _recurrence(phrase, original)
        return Deadline(original, rule.first_on_or_after(assigned_on), rule)
    if _no_deadline().search(phrase):
        if re.search(r"\d", _no_deadline().sub(" ", phrase)):
            # "thường xuyên; báo cáo trước ngày 31/01/2026": a standing task and a date.
            # Either reading loses something (the date, or the task turns overdue after
            # it), so the user says which, or splits the task.
            raise DeadlineError("deadline_standing_and_dated", phrase=original)
        return Deadline(original, None)
    relative = _relative(phrase, original, assigned_on, calendar)
    if relative is not None:
        return Deadline(original, relative[0], None, relative[1])
    due = _absolute(phrase, original, assigned_on)
    if due is None:
        raise DeadlineError("deadline_unreadable", phrase=original)
    return Deadline(original, due)
