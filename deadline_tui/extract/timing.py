"""Deadline phrases inside a task's own text, read by the one deadline reader.

Only a time phrase that sets a limit counts: "trước ngày 31/01/2021", "chậm nhất ngày
…", "trong tháng 7/2021", "hoàn thành trong năm 2021", "trước ngày 20 hàng tháng",
"trong 15 ngày kể từ …". Other dates are false friends and are left alone: the dates of
cited documents ("Nghị quyết số 01/NQ-CP ngày 01/01/2021", no limiting word), "chịu
trách nhiệm trước Ủy ban …" (no time after "trước"), targets ("đến năm 2025") and start
times ("ngay từ đầu năm 2021"). A bare frequency ("hàng tháng, quý và năm") is a
recurring deadline only for a report ("tổng hợp … báo cáo") and only when no explicit
limit is given; "Thường xuyên" opening a task means it has no deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from deadline_tui.domain.deadlines import read_deadline
from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.errors import UserError
from deadline_tui.extract.model import recurring_form
from deadline_tui.i18n import t

_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
_WORDS_DATE = r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_MONTH = r"tháng\s+\d{1,2}\s*(?:[/-]|\s+năm\s+)\s*\d{4}"
_QUARTER = r"quý\s+(?:IV|III|II|I|[1-4])\s*(?:[/-]|\s+năm\s+)\s*\d{4}"
_PERIOD = r"(?:(?:6|sáu|9|chín)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}|(?:cuối\s+)?năm\s+\d{4})"
_FREQUENCY = r"(?:hàng|hằng)\s+(?:tuần|tháng|quý|năm)"
_COMPLETION = r"(?:hoàn thành|hoàn thiện|xong|kết thúc|báo cáo|trình|gửi|ban hành)"


@cache
def _explicit() -> re.Pattern[str]:
    limit = r"(?:trước|chậm nhất(?:\s+là)?|hạn chót|trong)"
    return re.compile(
        rf"(?<!\w)(?:"
        # "trước ngày 20 hàng tháng", "trước ngày 15/12 hằng năm"
        rf"{limit}\s+ngày\s+\d{{1,2}}(?:\s*/\s*\d{{1,2}})?\s+{_FREQUENCY}"
        rf"|{limit}\s+(?:ngày\s+)?(?:{_WORDS_DATE}|{_DATE})"
        rf"|(?:trước|chậm nhất(?:\s+là)?|trong)\s+(?:{_MONTH}|{_QUARTER})"
        rf"|{_COMPLETION}\s+(?:trước|trong)\s+{_PERIOD}"
        r"|trong(?:\s+vòng|\s+thời hạn)?\s+\d{1,3}\s+ngày(?:\s+làm việc)?"
        rf"(?:\s+kể từ\s+(?:ngày\s+)?(?:{_DATE}|ký|ban hành))?"
        r")(?!\w)",
        re.IGNORECASE,
    )


@cache
def _bare_frequency() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)(?P<hour>(?:trước|vào|lúc)\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{2}(?:\s*phút)?)?\s+)?"
        r"(?:định kỳ\s+)?(?:hàng|hằng)\s+(?P<first>ngày|tuần|tháng|quý|năm)"
        r"(?P<weekday>\s+(?:vào\s+)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật))?"
        r"(?P<more>(?:\s*,\s*(?:tuần|tháng|quý|năm)|\s+và\s+(?:cả\s+)?(?:tuần|tháng|quý|năm))*)"
        r"(?!\w)",
        re.IGNORECASE,
    )


# A duration counts from the document (no base, "kể từ ngày ký") or from a date; from
# any other event ("kể từ ngày nhận đủ hồ sơ") the day is unknown.
_FROM_AN_EVENT = re.compile(r"\s+kể từ\b", re.IGNORECASE)
_LEADING_VERB = re.compile(rf"{_COMPLETION}\s+", re.IGNORECASE)
_REPORT_VERB = re.compile(r"(?<!\w)(?:báo cáo|tổng hợp|gửi)(?!\w)", re.IGNORECASE)
_ALWAYS = re.compile(r"^\s*thường xuyên(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """A deadline phrase at ``[start, end)`` of the task text and what it means."""

    start: int
    end: int
    text: str
    due_on: date | None
    rules: tuple[Recurrence, ...]
    problem: str = ""
    """Why the reader refused the phrase ("hằng ngày" has no rule): shown for review,
    never replaced by a guess."""

    @property
    def recurring(self) -> str | None:
        """The rules in the scorer's form ("monthly day 20; quarterly"), or None."""
        return "; ".join(recurring_form(rule) for rule in self.rules) or None


# A document without a date of its own has no anchor (``None``). A phrase is read from
# two anchors a year and a half apart: one that gives the same date from both stands on
# its own ("trước ngày 31/01/2021"); one that does not is counted from the document's
# date ("trong 10 ngày làm việc kể từ ngày ký", "trước ngày 15/3") and cannot be dated.
_PROBES = (date(2020, 1, 1), date(2021, 7, 1))


def _read(text: str, start: int, end: int, anchor: date | None) -> Found | None:
    phrase = text[start:end]
    try:
        deadline = read_deadline(phrase, anchor or _PROBES[0])
        other = deadline if anchor else read_deadline(phrase, _PROBES[1])
    except UserError:
        return None
    if deadline.recurrence is not None:
        return Found(start, end, phrase, None, (deadline.recurrence,))
    if deadline.due_on is None:
        return None
    if other.due_on != deadline.due_on:
        problem = t("extract_no_signing_date", phrase=phrase)
        return Found(start, end, phrase, None, (), problem)
    return Found(start, end, phrase, deadline.due_on, ())


def find_deadlines(text: str, anchor: date | None) -> list[Found]:
    """The explicit deadline phrases of ``text``, left to right."""
    found: list[Found] = []
    for match in _explicit().finditer(text):
        start = match.start()
        verb = _LEADING_VERB.match(text, start)
        if verb is not None:  # "hoàn thành trong năm 2021": the phrase starts at "trong"
            start = verb.end()
        if _FROM_AN_EVENT.match(text, match.end()):
            continue  # counted from an event with no date ("kể từ ngày nhận đủ hồ sơ")
        item = _read(text, start, match.end(), anchor)
        if item is not None:
            found.append(item)
    return found


def frequency_deadline(text: str, anchor: date | None) -> Found | None:
    """A report's bare frequency ("tổng hợp … hàng tháng, quý và năm, báo cáo …")."""
    for match in _bare_frequency().finditer(text):
        clause_start = max(text.rfind(";", 0, match.start()), text.rfind(".", 0, match.start()))
        clause_end = min(
            (i for i in (text.find(";", match.end()), text.find(".", match.end())) if i >= 0),
            default=len(text),
        )
        if not _REPORT_VERB.search(text, clause_start + 1, clause_end):
            continue
        weekday = (match["weekday"] or "").lower()
        words = [match["first"], *re.findall(r"tuần|tháng|quý|năm", match["more"] or "")]
        rules: list[Recurrence] = []
        for word in words:
            phrase = f"hàng {word}{weekday if word == 'tuần' else ''}"
            item = _read(phrase, 0, len(phrase), anchor)
            if item is not None:
                rules.extend(rule for rule in item.rules if rule not in rules)
        phrase = text[match.start() : match.end()]
        if rules:
            return Found(match.start(), match.end(), phrase, None, tuple(rules))
        try:  # the reader has no rule for it: say so, with its own words
            read_deadline(phrase, anchor or _PROBES[0])
        except UserError as error:
            return Found(match.start(), match.end(), phrase, None, (), error.message())
    return None


def always(text: str) -> Found | None:
    """ "Thường xuyên" opening a task: no deadline, said so."""
    match = _ALWAYS.match(text)
    if match is None:
        return None
    start = match.end() - len("thường xuyên")
    return Found(start, match.end(), text[start : match.end()], None, ())


def read_phrase(text: str, anchor: date | None) -> Found | None:
    """A cell or field that holds the deadline phrase alone ("Tháng 8/2021")."""
    stripped = text.strip()
    if not stripped:
        return None
    start = text.index(stripped)
    return _read(text, start, start + len(stripped), anchor)
