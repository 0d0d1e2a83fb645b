"""Issue 13 point 2: history stays history.

A second ``done`` is refused; a correction is explicit and kept; suspension, resumption,
cancellation and reopening are dated; and every figure at a past cut-off is the same
after a day of edits of every kind.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from deadline_tui.domain.status import Status, status_at
from deadline_tui.domain.task import StateChange, Task, TaskState
from deadline_tui.errors import InputError
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.codec import decode_task, encode_task
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task
from tests.past_reports import MONTH_ENDS, report

TODAY = date(2026, 11, 23)


def test_month_ends_are_the_twelve_before_today() -> None:
    assert MONTH_ENDS[0] == date(2025, 11, 30)
    assert MONTH_ENDS[-1] == date(2026, 10, 31)
    assert len(set(MONTH_ENDS)) == 12


def seeded_book(repo: DeskBook) -> list[Task]:
    rng = random.Random(13)
    units = ["Sở Tài chính", "Sở Y tế", "UBND huyện Cẩm Xuyên", "Sở Nội vụ"]
    tasks = []
    for number in range(160):
        assigned = date(2025, 9, 1) + timedelta(days=rng.randrange(420))
        due = assigned + timedelta(days=rng.randrange(5, 120)) if rng.random() < 0.85 else None
        done = None
        if rng.random() < 0.55:
            done = assigned + timedelta(days=rng.randrange(0, 150))
            done = done if done < TODAY else None
        tasks.append(
            make_task(
                uid=f"h{number:09d}",
                title=f"Việc {number}",
                lead_unit=rng.choice(units),
                leader=rng.choice(["Nguyễn Thị Hòa", "Trần Văn B"]),
                assigned_on=assigned,
                due_on=due,
                deadline_text=due.strftime("%d/%m/%Y") if due else "thường xuyên",
                done_on=done,
            )
        )
    repo.add_many(tasks)
    return repo.tasks()


def test_twelve_past_month_ends_are_identical_after_a_day_of_edits(
    repo: DeskBook,
) -> None:
    tasks = seeded_book(repo)
    before = report(tasks)
    service = TaskService(repo, FixedClock(datetime(2026, 11, 23, 9, 0)))
    done = [t for t in tasks if t.state is TaskState.DONE]
    open_ = [t for t in tasks if t.state is TaskState.OPEN and t.assigned_on < date(2026, 11, 1)]
    with_due = [t for t in open_ if t.due_on is not None]
    # A day of edits of every kind (today, 23/11/2026):
    service.add(TaskDraft(title="Mới", lead_unit="Sở Y tế", deadline="31/12/2026"))
    for task in open_[:5]:
        service.complete(task.uid)  # done today
    service.complete(open_[5].uid, "22/11/2026")  # done yesterday: after every month-end
    for task in with_due[6:11]:
        assert task.due_on is not None
        service.extend(task.uid, task.due_on + timedelta(days=30), "chờ số liệu")
    for task in open_[11:15]:
        service.suspend(task.uid)
    service.reopen(open_[11].uid)  # resumed the same day
    for task in open_[15:18]:
        service.cancel(task.uid)
    for task in done[:4]:
        service.cancel(task.uid)  # cancelling a done task keeps its completion in the past
    for task in done[4:8]:
        service.reopen(task.uid)
    service.complete(done[4].uid)  # reopened and done again today
    service.suspend(done[8].uid)
    edited = open_[20]
    service.edit(
        edited.uid,
        TaskDraft(
            title=edited.title + " (sửa)",
            lead_unit=edited.lead_unit,
            leader=edited.leader,
            deadline=edited.deadline_text,
            assigned=edited.assigned_on.strftime("%d/%m/%Y"),
            note="ghi chú mới",
        ),
    )
    after_tasks = repo.tasks()
    assert after_tasks != tasks  # the edits happened
    assert report(after_tasks) == before


def test_second_done_is_refused_and_a_correction_is_kept(service: TaskService) -> None:
    task = service.add(
        TaskDraft(
            title="Báo cáo", lead_unit="Sở Y tế", deadline="31/07/2026", assigned="01/07/2026"
        )
    ).task
    service.complete(task.uid, "15/08/2026")
    with pytest.raises(InputError) as refused:
        service.complete(task.uid, "18/11/2026")
    assert refused.value.key == "already_done"
    with pytest.raises(InputError):
        service.correct_done(task.uid, "30/07/2026", "  ")
    corrected = service.correct_done(task.uid, "30/07/2026", "ghi nhầm ngày").task
    assert corrected.done_on == date(2026, 7, 30)
    assert corrected.state_history[-1] == StateChange(
        TaskState.DONE, date(2026, 7, 30), TODAY, "ghi nhầm ngày", date(2026, 8, 15)
    )
    assert status_at(corrected, date(2026, 7, 31)) is Status.DONE_ON_TIME
    assert status_at(corrected, date(2026, 7, 29)) is Status.OPEN_IN_TERM


def test_dated_states_hold_only_from_their_day(service: TaskService) -> None:
    task = service.add(
        TaskDraft(
            title="Đề án", lead_unit="Sở Nội vụ", deadline="30/09/2026", assigned="01/07/2026"
        )
    ).task
    service.complete(task.uid, "20/09/2026")
    service.cancel(task.uid)  # today, 23/11
    cancelled = service.suspend(task.uid).task  # and suspended today, after the cancel
    assert status_at(cancelled, date(2026, 9, 30)) is Status.DONE_ON_TIME
    assert status_at(cancelled, date(2026, 11, 22)) is Status.DONE_ON_TIME
    assert status_at(cancelled, TODAY) is Status.SUSPENDED
    resumed = service.reopen(task.uid).task
    assert status_at(resumed, TODAY) is Status.OPEN_OVERDUE
    assert [c.state for c in resumed.state_history] == [
        TaskState.DONE,
        TaskState.CANCELLED,
        TaskState.SUSPENDED,
        TaskState.OPEN,
    ]
    with pytest.raises(InputError):
        service.suspend(task.uid, "01/11/2026")  # before the last change: not rewritten


def test_older_records_keep_their_meaning_and_gain_a_history_on_change(
    repo: DeskBook, service: TaskService
) -> None:
    legacy_done = make_task(
        uid="old0000001", assigned_on=date(2026, 1, 5), done_on=date(2026, 3, 1)
    )
    legacy_suspended = make_task(uid="old0000002", state=TaskState.SUSPENDED)
    document = encode_task(legacy_done)
    del document["state_history"]  # as books written before the history
    assert decode_task(document, 1) == legacy_done._replace(id=1)
    repo.add_many([legacy_done, legacy_suspended])
    assert status_at(legacy_suspended, date(2026, 2, 1)) is Status.SUSPENDED
    reopened = service.reopen("old0000001").task
    assert status_at(reopened, date(2026, 3, 31)) is Status.DONE_ON_TIME
    assert status_at(reopened, TODAY) is Status.NO_DEADLINE
    resumed = service.reopen("old0000002").task
    assert status_at(resumed, date(2026, 2, 1)) is Status.SUSPENDED
    assert status_at(resumed, TODAY) is Status.NO_DEADLINE


def test_a_form_cannot_change_a_recorded_completion_date(service: TaskService) -> None:
    task = service.add(
        TaskDraft(title="X", lead_unit="Sở Y tế", assigned="01/07/2026", done="10/07/2026")
    ).task
    with pytest.raises(InputError) as refused:
        service.edit(
            task.uid,
            TaskDraft(title="X", lead_unit="Sở Y tế", assigned="01/07/2026", done="11/07/2026"),
        )
    assert refused.value.key == "correct_explicitly"
