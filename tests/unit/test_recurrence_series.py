"""Recurring tasks: rules, series and their occurrences (DESIGN sections 2 and 5).

Covers ``plan_occurrences`` (assignment the day after the previous deadline, at least
one occurrence, ``last_due``, the series' end), and the service's ``top_up_series``
(idempotent, continues where the series stopped) and ``stop_series``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from deadline_tui.domain.deadlines import read_deadline
from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.series import HORIZON_DAYS, Series, plan_occurrences
from deadline_tui.domain.status import Status, status_at
from deadline_tui.i18n import set_language
from deadline_tui.reports.detail import recurrence_text, rules_text
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task

NOW = datetime(2026, 11, 23, 9, 0)
MONTHLY_20 = Recurrence(Frequency.MONTHLY, day=20)


def series(start: date, rule: Recurrence = MONTHLY_20, **fields: object) -> Series:
    template = make_task(title="Báo cáo tháng", lead_unit="Sở Y tế", assigned_on=start)
    return Series(uid="s000000001", template=template, recurrence=rule, start=start, **fields)  # type: ignore[arg-type]


def test_plan_creates_occurrences_up_to_the_horizon() -> None:
    planned, tasks = plan_occurrences(series(date(2026, 1, 5)), date(2026, 4, 30), NOW)
    assert [t.due_on for t in tasks] == [
        date(2026, 1, 20),
        date(2026, 2, 20),
        date(2026, 3, 20),
        date(2026, 4, 20),
    ]
    # Each at the start of its own month (the first on the series' start).
    assert [t.assigned_on for t in tasks] == [
        date(2026, 1, 5),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
    ]
    assert planned.last_due == date(2026, 4, 20)
    for task in tasks:
        assert task.series_uid == "s000000001"
        assert task.recurrence == MONTHLY_20
        assert task.title == "Báo cáo tháng"
        assert task.id == 0
        assert task.created_at == task.updated_at == NOW
    assert len({t.uid for t in tasks}) == 4


def test_occurrence_does_not_exist_before_its_own_cycle_starts() -> None:
    _, tasks = plan_occurrences(series(date(2026, 1, 5)), date(2026, 3, 31), NOW)
    second = tasks[1]
    assert status_at(second, date(2026, 1, 31)) is None
    assert status_at(second, date(2026, 2, 1)) is Status.OPEN_IN_TERM


def test_plan_always_makes_at_least_one_occurrence() -> None:
    _, tasks = plan_occurrences(series(date(2026, 1, 25)), date(2026, 1, 26), NOW)
    assert [t.due_on for t in tasks] == [date(2026, 2, 20)]


def test_plan_continues_after_last_due_and_is_idempotent() -> None:
    first, tasks = plan_occurrences(series(date(2026, 1, 5)), date(2026, 2, 28), NOW)
    again, none = plan_occurrences(first, date(2026, 2, 28), NOW)
    assert none == []
    assert again.last_due == first.last_due
    more, later = plan_occurrences(first, date(2026, 4, 30), NOW)
    assert [t.due_on for t in later] == [date(2026, 3, 20), date(2026, 4, 20)]
    assert later[0].assigned_on == date(2026, 3, 1)
    assert more.last_due == date(2026, 4, 20)
    assert {t.uid for t in tasks}.isdisjoint({t.uid for t in later})


def test_plan_stops_at_the_series_end() -> None:
    stopped = series(date(2026, 1, 5), until=date(2026, 3, 1))
    _, tasks = plan_occurrences(stopped, date(2026, 12, 31), NOW)
    assert [t.due_on for t in tasks] == [date(2026, 1, 20), date(2026, 2, 20)]


def test_quarterly_and_yearly_series() -> None:
    _, quarters = plan_occurrences(
        series(date(2026, 1, 1), Recurrence(Frequency.QUARTERLY)), date(2026, 12, 31), NOW
    )
    assert [t.due_on for t in quarters] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]
    _, years = plan_occurrences(
        series(date(2026, 1, 1), Recurrence(Frequency.YEARLY, day=15, month=12)),
        date(2028, 12, 31),
        NOW,
    )
    assert [t.due_on for t in years] == [date(2026, 12, 15), date(2027, 12, 15), date(2028, 12, 15)]
    assert years[1].assigned_on == date(2027, 1, 1)
    assert [t.assigned_on for t in quarters] == [
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]


# --- the service --------------------------------------------------------------------------


def add_monthly(service: TaskService) -> str:
    change = service.add(
        TaskDraft(
            title="Báo cáo tình hình kinh tế - xã hội",
            lead_unit="Sở Kế hoạch và Đầu tư",
            deadline="trước ngày 20 hằng tháng",
            assigned="01/11/2026",
        )
    )
    assert change.task.series_uid is not None
    return change.task.series_uid


def occurrences(repo: DeskBook, series_uid: str) -> list[date]:
    return sorted(t.due_on for t in repo.tasks() if t.series_uid == series_uid and t.due_on)


def test_top_up_does_nothing_while_the_horizon_is_far(service: TaskService, repo: DeskBook) -> None:
    add_monthly(service)
    writes = repo.writes
    assert service.top_up_series() == 0
    assert repo.writes == writes


def test_top_up_extends_a_series_as_time_passes(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    uid = add_monthly(service)
    before = occurrences(repo, uid)
    clock.moment = NOW + timedelta(days=300)
    created = service.top_up_series()
    after = occurrences(repo, uid)
    assert created == len(after) - len(before) > 0
    assert after[: len(before)] == before
    assert after[-1] >= clock.moment.date() + timedelta(days=HORIZON_DAYS - 31)
    # No gap and no duplicate: one occurrence per month.
    months = [(d.year, d.month) for d in after]
    assert len(months) == len(set(months))
    assert all(d.day == 20 for d in after)
    assert service.top_up_series() == 0


def test_stop_series_removes_occurrences_not_yet_assigned(
    service: TaskService, repo: DeskBook
) -> None:
    uid = add_monthly(service)
    current = next(
        t for t in repo.tasks() if t.series_uid == uid and t.due_on == date(2026, 11, 20)
    )
    removed = service.stop_series(current.id)
    assert removed > 0
    # The occurrence in progress (assigned 01/11, before today 23/11) stays; December's
    # (assigned 01/12) and later ones go.
    assert occurrences(repo, uid) == [date(2026, 11, 20)]
    [stopped] = repo.series()
    assert stopped.until == date(2026, 11, 23)
    assert service.top_up_series() == 0


# -- a rule in words (detail pane, ``show``, the task form, the review of a document) -----


@pytest.mark.parametrize(
    ("phrase", "vietnamese", "english"),
    [
        ("trước ngày 20 hàng tháng", "hàng tháng, ngày 20", "monthly, on day 20"),
        ("hằng tháng", "hàng tháng, ngày cuối tháng", "monthly, on the month's last day"),
        ("thứ Sáu hàng tuần", "hàng tuần, thứ Sáu", "weekly, on Friday"),
        ("hàng quý", "hàng quý, ngày cuối quý", "quarterly, on the quarter's last day"),
        (
            "trước ngày 15 hàng quý",
            "hàng quý, ngày 15 tháng cuối quý",
            "quarterly, on day 15 of the quarter's last month",
        ),
        (
            "định kỳ 6 tháng",
            "định kỳ 6 tháng, ngày 30/06 và 31/12",
            "every six months, on 30/06 and 31/12",
        ),
        ("trước ngày 15/12 hằng năm", "hàng năm, ngày 15/12", "yearly, on 15/12"),
    ],
)  # fmt: skip
def test_a_rule_is_described_in_the_user_s_language(
    phrase: str, vietnamese: str, english: str
) -> None:
    rule = read_deadline(phrase, date(2026, 1, 1)).recurrence
    assert recurrence_text(rule) == vietnamese
    set_language("en")
    assert recurrence_text(rule) == english


def test_the_rules_of_a_report_are_described_one_by_one() -> None:
    rules = (MONTHLY_20, Recurrence(Frequency.QUARTERLY), Recurrence(Frequency.YEARLY, 31, 12))
    assert rules_text(rules) == "hàng tháng, ngày 20; hàng quý, ngày cuối quý; hàng năm, ngày 31/12"
    assert rules_text(()) == ""
