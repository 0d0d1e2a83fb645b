"""The status of a task at a cut-off date (DESIGN section 3).

Covers every boundary of ``assess``: the deadline day itself, the first overdue day,
completions and assignments after the cut-off, done without a deadline, suspended and
cancelled tasks, extensions recorded after the cut-off (``Task.due_at``), the due-soon
window, ``is_due`` and the urgency order used by every list.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deadline_tui.domain.status import (
    Assessment,
    Status,
    assess,
    is_due,
    status_at,
    urgency_key,
)
from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.reports.labels import days_text, short_label, status_label
from tests.factories import make_task

ASSIGNED = date(2021, 1, 4)
DUE = date(2021, 1, 31)


def found_at(task: Task, as_of: date, warning_days: int = 3) -> Assessment:
    """``assess`` for a task that exists at ``as_of``."""
    found = assess(task, as_of, warning_days)
    assert found is not None
    return found


# --- open tasks around the deadline -------------------------------------------------------


def test_deadline_day_itself_is_in_term_with_zero_days_left_and_due_soon() -> None:
    found = found_at(make_task(assigned_on=ASSIGNED, due_on=DUE), DUE)
    assert found == Assessment(Status.OPEN_IN_TERM, DUE, 0, True)


def test_overdue_from_the_day_after_the_deadline() -> None:
    found = found_at(make_task(assigned_on=ASSIGNED, due_on=DUE), DUE + timedelta(days=1))
    assert found.status is Status.OPEN_OVERDUE
    assert found.days == 1
    assert found.due_soon is False


@pytest.mark.parametrize("late", [1, 2, 30, 365])
def test_days_overdue_is_cut_off_minus_deadline(late: int) -> None:
    as_of = DUE + timedelta(days=late)
    found = found_at(make_task(assigned_on=ASSIGNED, due_on=DUE), as_of)
    assert found.status is Status.OPEN_OVERDUE
    assert found.days == (as_of - DUE).days == late


@pytest.mark.parametrize(
    ("days_before", "warning_days", "due_soon"),
    [
        (0, 3, True),
        (1, 3, True),
        (3, 3, True),  # the window's far edge is inside
        (4, 3, False),  # one day beyond it is not
        (10, 3, False),
        (0, 0, True),  # a zero window still flags the deadline day
        (1, 0, False),
        (7, 7, True),
        (8, 7, False),
    ],
)
def test_due_soon_window_edges(days_before: int, warning_days: int, due_soon: bool) -> None:
    as_of = DUE - timedelta(days=days_before)
    found = found_at(make_task(assigned_on=ASSIGNED, due_on=DUE), as_of, warning_days)
    assert found.status is Status.OPEN_IN_TERM
    assert found.days == days_before
    assert found.due_soon is due_soon


def test_default_warning_window_is_three_days() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE)
    near, far = assess(task, DUE - timedelta(days=3)), assess(task, DUE - timedelta(days=4))
    assert near is not None and near.due_soon
    assert far is not None and not far.due_soon


def test_open_task_without_deadline_has_no_deadline_status() -> None:
    found = found_at(make_task(assigned_on=ASSIGNED), date(2030, 1, 1))
    assert found == Assessment(Status.NO_DEADLINE, None, None, False)


# --- assignment and completion relative to the cut-off ------------------------------------


def test_task_assigned_after_the_cut_off_does_not_exist_yet() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE)
    assert assess(task, ASSIGNED - timedelta(days=1)) is None
    assert status_at(task, ASSIGNED - timedelta(days=1)) is None
    assert not is_due(task, ASSIGNED - timedelta(days=1))


def test_task_exists_on_its_assignment_day() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE)
    assert status_at(task, ASSIGNED) is Status.OPEN_IN_TERM


def test_suspended_and_done_tasks_assigned_later_also_do_not_exist_yet() -> None:
    later = date(2021, 3, 1)
    for task in (
        make_task(assigned_on=later, state=TaskState.SUSPENDED),
        make_task(assigned_on=later, state=TaskState.CANCELLED),
        make_task(assigned_on=later, due_on=date(2021, 3, 5), done_on=date(2021, 3, 2)),
    ):
        assert assess(task, later - timedelta(days=1)) is None


def test_completion_after_the_cut_off_has_not_happened_yet() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=DUE + timedelta(days=10))
    # Before the deadline: open in term; after it, until the completion: open overdue.
    assert status_at(task, DUE - timedelta(days=5)) is Status.OPEN_IN_TERM
    overdue = found_at(task, DUE + timedelta(days=9))
    assert overdue.status is Status.OPEN_OVERDUE
    assert overdue.days == 9
    # On the completion day itself it is done (late by 10 days).
    done = found_at(task, DUE + timedelta(days=10))
    assert done.status is Status.DONE_LATE
    assert done.days == 10


def test_completion_on_the_cut_off_day_counts() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=date(2021, 1, 20))
    assert status_at(task, date(2021, 1, 19)) is Status.OPEN_IN_TERM
    assert status_at(task, date(2021, 1, 20)) is Status.DONE_ON_TIME


def test_completion_on_the_deadline_day_is_on_time() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=DUE)
    found = found_at(task, date(2022, 1, 1))
    assert found.status is Status.DONE_ON_TIME
    assert found.days is None


def test_completion_the_day_after_the_deadline_is_late_by_one_day() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=DUE + timedelta(days=1))
    found = found_at(task, date(2022, 1, 1))
    assert found.status is Status.DONE_LATE
    assert found.days == 1


def test_done_without_deadline_is_done_on_time() -> None:
    task = make_task(assigned_on=ASSIGNED, done_on=date(2021, 6, 1))
    assert status_at(task, date(2021, 6, 1)) is Status.DONE_ON_TIME
    assert status_at(task, date(2021, 5, 31)) is Status.NO_DEADLINE


def test_completion_date_of_a_task_not_marked_done_is_ignored() -> None:
    # A reopened task may keep an old completion date in an import; only state DONE counts.
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=DUE, state=TaskState.OPEN)
    assert status_at(task, DUE + timedelta(days=2)) is Status.OPEN_OVERDUE


# --- tasks set aside ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "status"),
    [(TaskState.SUSPENDED, Status.SUSPENDED), (TaskState.CANCELLED, Status.CANCELLED)],
)
def test_suspended_and_cancelled_are_listed_apart(state: TaskState, status: Status) -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE, state=state)
    for as_of in (ASSIGNED, DUE, DUE + timedelta(days=100)):
        found = found_at(task, as_of)
        assert found.status is status
        assert found.due_on == DUE
        assert found.days is None
        assert not found.due_soon
        assert not found.status.is_counted
        assert not found.status.is_done
    assert not is_due(task, DUE + timedelta(days=100))


def test_only_suspended_and_cancelled_are_outside_the_figures() -> None:
    outside = {status for status in Status if not status.is_counted}
    assert outside == {Status.SUSPENDED, Status.CANCELLED}
    assert {status for status in Status if status.is_done} == {
        Status.DONE_ON_TIME,
        Status.DONE_LATE,
    }


# --- extensions ---------------------------------------------------------------------------


def extended_task() -> Task:
    """Due 31/01; extended on 15/02 to 31/03, then on 10/04 to 30/06."""
    return make_task(
        assigned_on=ASSIGNED,
        due_on=date(2021, 6, 30),
        original_due_on=DUE,
        extensions=(
            Extension(DUE, date(2021, 3, 31), "Chờ ý kiến Bộ", "CV 12", date(2021, 2, 15)),
            Extension(
                date(2021, 3, 31), date(2021, 6, 30), "Bổ sung hồ sơ", "CV 40", date(2021, 4, 10)
            ),
        ),
    )


@pytest.mark.parametrize(
    ("as_of", "deadline"),
    [
        (date(2021, 1, 10), DUE),
        (date(2021, 2, 14), DUE),  # the day before the first extension was recorded
        (date(2021, 2, 15), date(2021, 3, 31)),  # recorded that day: in force that day
        (date(2021, 4, 9), date(2021, 3, 31)),
        (date(2021, 4, 10), date(2021, 6, 30)),
        (date(2022, 1, 1), date(2021, 6, 30)),
    ],
)
def test_deadline_in_force_ignores_extensions_recorded_later(as_of: date, deadline: date) -> None:
    assert extended_task().due_at(as_of) == deadline
    assert found_at(extended_task(), as_of).due_on == deadline


def test_extension_recorded_after_the_cut_off_leaves_the_task_overdue_at_that_date() -> None:
    task = extended_task()
    before = found_at(task, date(2021, 2, 14))
    assert before.status is Status.OPEN_OVERDUE
    assert before.days == 14  # 14/02 - 31/01
    after = found_at(task, date(2021, 2, 15))
    assert after.status is Status.OPEN_IN_TERM
    assert after.days == 44  # 31/03 - 15/02


def test_completion_is_judged_against_the_deadline_in_force_at_the_cut_off() -> None:
    # Done 20/03: late against 31/01, on time against the extension to 31/03.
    task = extended_task()
    done = make_task(
        assigned_on=task.assigned_on,
        due_on=task.due_on,
        original_due_on=task.original_due_on,
        extensions=task.extensions[:1],
        done_on=date(2021, 3, 20),
    )
    assert status_at(done, date(2021, 3, 20)) is Status.DONE_ON_TIME


def test_extension_of_a_task_without_deadline() -> None:
    task = make_task(
        assigned_on=ASSIGNED,
        due_on=date(2021, 5, 31),
        original_due_on=None,
        extensions=(Extension(None, date(2021, 5, 31), "Giao hạn", "", date(2021, 3, 1)),),
    )
    assert status_at(task, date(2021, 2, 28)) is Status.NO_DEADLINE
    assert status_at(task, date(2021, 3, 1)) is Status.OPEN_IN_TERM


# --- is_due -------------------------------------------------------------------------------


def test_is_due_when_the_deadline_is_on_or_before_the_cut_off() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE)
    assert not is_due(task, DUE - timedelta(days=1))
    assert is_due(task, DUE)
    assert is_due(task, DUE + timedelta(days=1))
    assert is_due(make_task(assigned_on=ASSIGNED, due_on=DUE, done_on=DUE), DUE)
    assert not is_due(make_task(assigned_on=ASSIGNED), DUE)


# --- urgency ------------------------------------------------------------------------------


def test_urgency_order() -> None:
    as_of = date(2021, 3, 1)
    tasks = {
        "cancelled": make_task(assigned_on=ASSIGNED, due_on=DUE, state=TaskState.CANCELLED),
        "suspended": make_task(assigned_on=ASSIGNED, due_on=DUE, state=TaskState.SUSPENDED),
        "done_old": make_task(assigned_on=ASSIGNED, due_on=date(2021, 1, 10), done_on=DUE),
        "done_recent": make_task(
            assigned_on=ASSIGNED, due_on=date(2021, 2, 20), done_on=date(2021, 2, 1)
        ),
        "no_deadline": make_task(assigned_on=ASSIGNED),
        "in_term_far": make_task(assigned_on=ASSIGNED, due_on=date(2021, 5, 1)),
        "in_term_near": make_task(assigned_on=ASSIGNED, due_on=date(2021, 3, 20)),
        "due_soon_later": make_task(assigned_on=ASSIGNED, due_on=date(2021, 3, 4)),
        "due_today": make_task(assigned_on=ASSIGNED, due_on=as_of),
        "overdue_1": make_task(assigned_on=ASSIGNED, due_on=date(2021, 2, 28)),
        "overdue_30": make_task(assigned_on=ASSIGNED, due_on=DUE),
    }
    order = sorted(tasks, key=lambda name: urgency_key(found_at(tasks[name], as_of)))
    assert order == [
        "overdue_30",
        "overdue_1",
        "due_today",
        "due_soon_later",
        "in_term_near",
        "in_term_far",
        "no_deadline",
        "done_recent",
        "done_old",
        "suspended",
        "cancelled",
    ]


# --- words for statuses -------------------------------------------------------------------


def test_status_labels_are_those_of_the_design() -> None:
    assert status_label(Status.DONE_ON_TIME) == "Hoàn thành đúng hạn"
    assert status_label(Status.DONE_LATE) == "Hoàn thành quá hạn"
    assert status_label(Status.OPEN_IN_TERM) == "Đang thực hiện trong hạn"
    assert status_label(Status.OPEN_OVERDUE) == "Đang thực hiện quá hạn"
    assert status_label(Status.NO_DEADLINE) == "Không thời hạn / thường xuyên"
    assert status_label(Status.SUSPENDED) == "Tạm dừng"
    assert status_label(Status.CANCELLED) == "Hủy"


def test_day_counts_in_words() -> None:
    task = make_task(assigned_on=ASSIGNED, due_on=DUE)
    today = days_text(found_at(task, DUE))
    left = days_text(found_at(task, DUE - timedelta(days=3)))
    over = days_text(found_at(task, DUE + timedelta(days=5)))
    assert today != left
    assert "3" in left
    assert "5" in over
    assert over != days_text(found_at(task, DUE - timedelta(days=5)))
    assert days_text(found_at(make_task(assigned_on=ASSIGNED), DUE)) == ""
    soon = short_label(found_at(task, DUE - timedelta(days=1)))
    assert soon != short_label(found_at(task, DUE - timedelta(days=10)))
