"""Issue 13 point 4 for books written before it: occurrences a version-1 program assigned
"the day after the previous deadline" move to the start of their own cycle on opening;
dates a person typed, and occurrences with history before the new date, stay."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.series import Series, plan_occurrences
from deadline_tui.reports.figures import summarise
from deadline_tui.reports.period import parse_period
from deadline_tui.storage import schema
from deadline_tui.storage.backups import list_backups
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.desk import DeskBook
from deadline_tui.storage.records import encode_series
from tests.factories import make_task

MONTHLY_20 = {"frequency": "monthly", "day": 20, "month": None, "weekday": None}


def _task(uid: str, assigned: str, due: str, **extra: Any) -> dict[str, Any]:
    return {
        "uid": uid,
        "title": "Báo cáo tình hình tháng",
        "lead_unit": "Sở Tài chính",
        "assigned_on": assigned,
        "due_on": due,
        "recurrence": MONTHLY_20,
        "series_uid": "series1",
        "state": "open",
        "created_at": "2026-01-05T08:00:00",
        "updated_at": "2026-01-05T08:00:00",
        **extra,
    }


def _version_1_book() -> dict[str, Any]:
    """A book as version 1 wrote it: a monthly series started 05/01/2026, six
    occurrences, each assigned the day after the previous deadline (the first on the
    series' start), and one task of its own."""
    tasks = {
        "1": _task("jan", "2026-01-05", "2026-01-20"),
        "2": _task("feb", "2026-01-21", "2026-02-20"),
        # extended on 18/03: the rule's deadline is the original one
        "3": _task(
            "mar",
            "2026-02-21",
            "2026-03-31",
            original_due_on="2026-03-20",
            extensions=[
                {
                    "old_due": "2026-03-20",
                    "new_due": "2026-03-31",
                    "reason": "chờ số liệu",
                    "document": "",
                    "recorded_on": "2026-03-18",
                }
            ],
        ),
        "4": _task("apr", "2026-03-21", "2026-04-20"),
        "5": _task("may", "2026-04-10", "2026-05-20"),  # typed by a person: stays
        # done on 28/05, before 01/06: its history is not rewritten
        "6": _task("jun", "2026-05-21", "2026-06-20", state="done", done_on="2026-05-28"),
        "7": {
            **_task("own", "2026-03-21", "2026-04-20"),
            "recurrence": None,
            "series_uid": None,
        },
    }
    template = {**_task("template", "2026-01-05", "2026-01-20"), "series_uid": None}
    series = {
        "uid": "series1",
        "template": template,
        "recurrence": MONTHLY_20,
        "start": "2026-01-05",
        "until": None,
        "last_due": "2026-06-20",
        "created_at": "2026-01-05T08:00:00",
    }
    return {
        "meta": {"1": {"schema": 1, "last_id": 7}},
        "tasks": tasks,
        "series": {"1": series},
        "reminder_log": {},
    }


def test_an_old_books_april_occurrence_counts_in_q2_after_opening(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    old = orjson.dumps(_version_1_book())
    db_path.write_bytes(old)

    book = DeskBook.open_or_create(db_path)
    try:
        tasks = book.tasks()
    finally:
        book.close()

    assigned = {task.uid: task.assigned_on for task in tasks}
    assert assigned == {
        "jan": date(2026, 1, 5),  # the series' start, in January's cycle
        "feb": date(2026, 2, 1),
        "mar": date(2026, 3, 1),
        "apr": date(2026, 4, 1),
        "may": date(2026, 4, 10),
        "jun": date(2026, 5, 21),
        "own": date(2026, 3, 21),
    }
    as_of = date(2026, 12, 31)
    # Q1 by assignment: jan, feb, mar and the task of its own; Q2: apr, may, jun.
    q1 = summarise(tasks, as_of, warning_days=3, period=parse_period("quý I/2026")).overall
    q2 = summarise(tasks, as_of, warning_days=3, period=parse_period("quý II/2026")).overall
    april = summarise(tasks, as_of, warning_days=3, period=parse_period("tháng 4/2026")).overall
    assert (q1.total, q2.total, april.total) == (4, 3, 2)

    # The old file was kept, byte for byte, before anything was written.
    backups = list_backups(db_path)
    assert [b.path.read_bytes() for b in backups] == [old]
    stored = orjson.loads(db_path.read_bytes())
    assert stored["meta"]["1"]["schema"] == 2
    # Nothing but the moved dates changed in the records.
    before = _version_1_book()["tasks"]
    changed = {
        key: (field, before[key][field], doc[field])
        for key, doc in stored["tasks"].items()
        for field in doc
        if doc[field] != before[key].get(field)
    }
    assert changed == {
        "2": ("assigned_on", "2026-01-21", "2026-02-01"),
        "3": ("assigned_on", "2026-02-21", "2026-03-01"),
        "4": ("assigned_on", "2026-03-21", "2026-04-01"),
    }


def test_a_current_book_is_not_migrated_again(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    tables = _version_1_book()
    tables["meta"]["1"]["schema"] = 2  # a current book whose April date a person typed
    content = orjson.dumps(tables)
    db_path.write_bytes(content)

    book = DeskBook.open_or_create(db_path)
    try:
        assert {t.uid: t.assigned_on for t in book.tasks()}["apr"] == date(2026, 3, 21)
    finally:
        book.close()
    assert db_path.read_bytes() == content
    assert list_backups(db_path) == []


def test_weekly_and_quarterly_series_move_to_their_week_and_quarter(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    tables = _version_1_book()
    weekly = {"frequency": "weekly", "day": None, "month": None, "weekday": 4}  # Fridays
    quarterly = {"frequency": "quarterly", "day": 15, "month": None, "weekday": None}
    tables["tasks"] = {
        # Friday 09/01/2026, then Friday 16/01: week of Monday 12/01
        "1": _task("w1", "2026-01-05", "2026-01-09", recurrence=weekly, series_uid="w"),
        "2": _task("w2", "2026-01-10", "2026-01-16", recurrence=weekly, series_uid="w"),
        # 15/03, then 15/06: second quarter from 01/04
        "3": _task("q1", "2026-01-05", "2026-03-15", recurrence=quarterly, series_uid="q"),
        "4": _task("q2", "2026-03-16", "2026-06-15", recurrence=quarterly, series_uid="q"),
    }
    series = tables["series"]["1"]
    tables["series"] = {
        "1": {**series, "uid": "w", "recurrence": weekly},
        "2": {**series, "uid": "q", "recurrence": quarterly},
    }
    db_path.write_bytes(orjson.dumps(tables))

    book = DeskBook.open_or_create(db_path)
    try:
        assigned = {t.uid: t.assigned_on for t in book.tasks()}
    finally:
        book.close()
    assert assigned == {
        "w1": date(2026, 1, 5),
        "w2": date(2026, 1, 12),
        "q1": date(2026, 1, 5),
        "q2": date(2026, 4, 1),
    }


def _rules() -> list[Recurrence]:
    return [
        Recurrence(Frequency.MONTHLY, day=20),
        Recurrence(Frequency.MONTHLY),  # the last day of each month
        Recurrence(Frequency.WEEKLY, weekday=4),
        Recurrence(Frequency.QUARTERLY, day=15),
        Recurrence(Frequency.HALF_YEARLY),
        Recurrence(Frequency.YEARLY, day=31, month=12),
    ]


@pytest.mark.parametrize("rule", _rules(), ids=lambda rule: rule.frequency.value)
@pytest.mark.parametrize("start", [date(2026, 1, 1), date(2026, 2, 14)])
def test_occurrences_planned_by_the_current_rule_do_not_move(rule: Recurrence, start: date) -> None:
    """Books written since the rule changed (still schema 1) migrate without a change,
    including occurrences added by later top-ups."""
    template = make_task(title="Báo cáo định kỳ", assigned_on=start)
    series = Series("s1", template, rule, start)
    now = datetime(2026, 1, 1, 8, 0)
    series, first = plan_occurrences(series, date(2026, 9, 30), now)
    series, later = plan_occurrences(series, date(2028, 3, 31), now)
    tasks = {str(i): encode_task(t) for i, t in enumerate([*first, *later], start=1)}
    tables = {
        "meta": {"1": {"schema": 1, "last_id": len(tasks)}},
        "tasks": tasks,
        "series": {"1": encode_series(series)},
        "reminder_log": {},
    }
    migrated = schema.migrate(orjson.loads(orjson.dumps(tables)))
    assert migrated["tasks"] == tasks
    assert schema.version_of(migrated) == schema.SCHEMA_VERSION
