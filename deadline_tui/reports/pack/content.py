"""What the report says, whatever the file: the figures, the sentences, the overdue list.

Every count comes from :func:`deadline_tui.reports.figures.summarise` and every status
from the one :func:`deadline_tui.domain.status.assess`. The overdue list is collected by
the assessor ``summarise`` calls, so it holds exactly the tasks the figures count as
overdue (same cut-off, same period), never a second selection that could drift.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from deadline_tui.config import Settings
from deadline_tui.domain.names import NameMatcher, display_name
from deadline_tui.domain.status import Assessment, Status, assess
from deadline_tui.domain.task import Task
from deadline_tui.domain.vntext import Rounding, format_date, sort_key
from deadline_tui.i18n import t
from deadline_tui.reports.figures import (
    Figures,
    FiguresDoNotAddUp,
    GroupBy,
    Summary,
    group_key,
    group_name,
    in_period,
    summarise,
)
from deadline_tui.reports.numbers import number, percent
from deadline_tui.reports.period import Period, PeriodBy
from deadline_tui.reports.sentence import summary_sentence


@dataclass(frozen=True, slots=True)
class OverdueTask:
    """An open task past its deadline at the cut-off."""

    task: Task
    due_on: date
    """The deadline in force at the cut-off."""
    days: int
    """Days overdue at the cut-off."""


@dataclass(frozen=True, slots=True)
class OverdueUnit:
    """The overdue tasks of one lead unit, longest overdue first."""

    unit: str
    tasks: tuple[OverdueTask, ...]


class Assessed:
    """An assessor for ``summarise``: the one ``assess``, keeping what it found for each
    task it was asked about (the overdue list and its units' names are taken from these,
    with the selection ``summarise`` applies)."""

    def __init__(self) -> None:
        self.seen: list[tuple[Task, Assessment]] = []

    def __call__(self, task: Task, as_of: date, warning_days: int) -> Assessment | None:
        found = assess(task, as_of, warning_days)
        if found is not None:
            self.seen.append((task, found))
        return found


@dataclass(frozen=True, slots=True)
class ReportPack:
    """Everything a report file shows."""

    office: str
    place: str
    written_on: date
    """The date on the report's date line (the day it is made)."""
    summary: Summary
    sentence: str
    overdue: tuple[OverdueUnit, ...]
    decimals: int
    rounding: Rounding

    @property
    def as_of(self) -> date:
        """The cut-off."""
        return self.summary.overall.as_of

    @property
    def by(self) -> GroupBy:
        """What the table groups by."""
        return self.summary.by or "unit"

    @property
    def by_label(self) -> str:
        """The group kind as a column header: "Đơn vị chủ trì"."""
        return t(f"report_by.{self.by}")

    @property
    def overdue_count(self) -> int:
        """Tasks in the overdue list."""
        return sum(len(unit.tasks) for unit in self.overdue)

    def place_and_date(self) -> str:
        """ "Hà Tĩnh, ngày 05 tháng 02 năm 2026": day below 10 and months 1 and 2 with a
        leading zero, as Decree 30/2020/NĐ-CP writes the date of a document."""
        day = self.written_on.day
        month = self.written_on.month
        return t(
            "report_place_date",
            place=self.place or t("report_place_missing"),
            day=f"{day:02d}",
            month=f"{month:02d}" if month < 3 else str(month),
            year=self.written_on.year,
        )

    def title(self) -> str:
        """The report's title line."""
        return t("report_title")

    def subtitle(self) -> str:
        """The line under the title: the cut-off and, when one is chosen, the period."""
        period = self.summary.period
        if period is None:
            return t("report_subtitle", date=format_date(self.as_of))
        key = (
            "report_subtitle_period_due"
            if self.summary.period_by == "due"
            else "report_subtitle_period"
        )
        return t(key, period=period.label(), date=format_date(self.as_of))

    def set_aside(self) -> str:
        """The sentence on suspended and cancelled tasks, or "" when there are none."""
        suspended, cancelled = self.summary.overall.suspended, self.summary.overall.cancelled
        if suspended and cancelled:
            return t("report_set_aside", suspended=number(suspended), cancelled=number(cancelled))
        if suspended:
            return t("report_set_aside_suspended", suspended=number(suspended))
        if cancelled:
            return t("report_set_aside_cancelled", cancelled=number(cancelled))
        return ""

    def group_label(self, group: Figures) -> str:
        """A group's name as the table shows it."""
        return group.name or t("not_recorded")

    def rate_decimals(self, part: int, base: int) -> int:
        """Decimals the sentence shows for ``part/base``; the files show the same."""
        text = percent(part, base, self.decimals, self.rounding)
        digits = text.rstrip("%")
        for mark in (",", "."):
            if mark in digits:
                return len(digits) - digits.index(mark) - 1
        return 0


def group_overdue(
    seen: Iterable[tuple[Task, Assessment]], matcher: NameMatcher
) -> tuple[OverdueUnit, ...]:
    """Overdue tasks by lead unit: units with most overdue first, then in Vietnamese order;
    within a unit the longest overdue first. Units are gathered by the figures' own
    matching key (``matcher``, with the office's aliases) and each is named by the
    figures' own choice among the spellings of all its tasks, so a unit is the same unit
    under the same name here and in the table by unit."""
    spellings: dict[str, Counter[str]] = {}
    units: dict[str, list[OverdueTask]] = {}
    for task, found in seen:
        key = group_key(task, "unit", matcher)
        spellings.setdefault(key, Counter())[group_name(task, "unit")] += 1
        if found.status is Status.OPEN_OVERDUE:
            assert found.due_on is not None and found.days is not None  # overdue has both
            units.setdefault(key, []).append(OverdueTask(task, found.due_on, found.days))
    named = [(display_name(spellings[key]), items) for key, items in units.items()]
    named.sort(key=lambda pair: (-len(pair[1]), sort_key(pair[0])))
    return tuple(
        OverdueUnit(
            name or t("not_recorded"),
            tuple(sorted(items, key=lambda item: (-item.days, item.task.id))),
        )
        for name, items in named
    )


def make_pack(
    tasks: Iterable[Task],
    as_of: date,
    *,
    settings: Settings,
    period: Period | None,
    by: GroupBy,
    written_on: date,
    period_by: PeriodBy = "assigned",
) -> ReportPack:
    """Count, write the sentences and collect the overdue list for one report: the
    selection and grouping of ``summary`` with the same options (``period`` and
    ``period_by``, ``by``, the names matched with ``[aliases]`` from config)."""
    assessed = Assessed()
    matcher = NameMatcher(settings.aliases)
    summary = summarise(
        tasks, as_of, warning_days=settings.ui.warning_days, period=period, by=by,
        period_by=period_by, matcher=matcher, assessor=assessed,
    )  # fmt: skip
    overdue = group_overdue(
        ((task, found) for task, found in assessed.seen
         if in_period(task, found, period, period_by)),
        matcher,
    )  # fmt: skip
    _check_overdue(summary, overdue)
    figures = settings.figures
    sentence = summary_sentence(
        summary.overall,
        decimals=figures.decimals,
        rounding=figures.rounding,
        period=period,
        period_by=period_by,
    )
    return ReportPack(
        office=settings.office.name,
        place=settings.office.place,
        written_on=written_on,
        summary=summary,
        sentence=sentence,
        overdue=overdue,
        decimals=figures.decimals,
        rounding=figures.rounding,
    )


def _check_overdue(summary: Summary, overdue: tuple[OverdueUnit, ...]) -> None:
    """The overdue list must say what the figures say, or the report is not written."""
    listed = {unit.unit: len(unit.tasks) for unit in overdue}
    if sum(listed.values()) != summary.overall.open_overdue:
        raise FiguresDoNotAddUp("the overdue list does not match the overdue count")
    if summary.by == "unit":
        counted = {
            group.name or t("not_recorded"): group.open_overdue
            for group in summary.groups
            if group.open_overdue
        }
        if counted != listed:
            raise FiguresDoNotAddUp("the overdue list's units do not match the table's")


# Characters XML 1.0 cannot hold (both file formats are XML inside); a title may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """User text with the characters an XML file cannot hold dropped."""
    return _NOT_XML.sub("", text)


def roman(number: int) -> str:
    """I, II, III ... numbering the units of the overdue list, as reports number sections."""
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text += numeral
            number -= value
    return text
