"""The TUI's view model answers what the plain functions answer (its caches change speed,
never results): search and status filters, the summary's figures, the month's days."""

from __future__ import annotations

from collections import Counter
from datetime import date

from deadline_tui.demo.generate import generate_tasks
from deadline_tui.domain.status import Status, assess
from deadline_tui.domain.vntext import fold
from deadline_tui.reports.figures import summarise
from deadline_tui.services.query import TaskFilter, assess_all, sort_rows
from deadline_tui.services.view import TaskView

TODAY = date(2026, 11, 23)
TASKS = generate_tasks(400, seed=11, today=TODAY)


def view() -> TaskView:
    made = TaskView(3)
    made.load(TASKS, "v1")
    return made


def test_search_and_status_filters_match_a_plain_scan() -> None:
    found = view()
    for text, status in (
        ("bao cao", "all"),
        ("so tai", "overdue"),
        ("ke hoach", "open"),
        ("", "done"),
    ):
        rows = found.query(TODAY, TaskFilter(search=text, status=status)).rows
        expected = []
        for row in sort_rows(assess_all(TASKS, TODAY, 3)):
            haystack = fold(" ".join((row.task.title, row.task.source, row.task.lead_unit)))
            words = fold(text).split()
            status_ok = (
                status == "all"
                or (status == "overdue" and row.found.status is Status.OPEN_OVERDUE)
                or (status == "done" and row.found.status.is_done)
                or (
                    status == "open"
                    and row.found.status
                    in (Status.OPEN_IN_TERM, Status.OPEN_OVERDUE, Status.NO_DEADLINE)
                )
            )
            if status_ok and all(word in haystack for word in words):
                expected.append(row.task.uid)
        # The view also searches people, notes and the deadline text: a superset.
        shown = [row.task.uid for row in rows]
        assert set(expected) <= set(shown)
        assert shown == [
            uid
            for uid in (r.task.uid for r in sort_rows(assess_all(TASKS, TODAY, 3)))
            if uid in set(shown)
        ]


def test_the_summary_from_the_views_assessments_is_the_plain_summary() -> None:
    found = view()
    for as_of in (TODAY, date(2026, 6, 30)):
        fast = summarise(TASKS, as_of, warning_days=3, by="unit", assessor=found.assessor(as_of))
        plain = summarise(TASKS, as_of, warning_days=3, by="unit")
        assert fast.overall == plain.overall
        assert fast.groups == plain.groups


def test_month_counts_deadlines_per_day_with_the_most_urgent_status() -> None:
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    days = view().month(TODAY, first, last)
    expected = Counter(
        found.due_on
        for task in TASKS
        if (found := assess(task, TODAY, 3)) is not None
        and found.due_on is not None
        and first <= found.due_on <= last
    )
    assert {day: deadlines.tasks for day, deadlines in days.items()} == dict(expected)
    overdue_days = {
        found.due_on
        for task in TASKS
        if (found := assess(task, TODAY, 3)) is not None
        and found.status is Status.OPEN_OVERDUE
        and found.due_on is not None
        and first <= found.due_on <= last
    }
    assert overdue_days  # the generated book has overdue tasks this month
    for day in overdue_days:
        assert days[day].worst.status is Status.OPEN_OVERDUE
