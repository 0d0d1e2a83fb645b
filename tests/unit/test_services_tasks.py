"""Task use cases of ``TaskService`` (DESIGN sections 2, 3 and 8), on a real database file
and a clock frozen at 23/11/2026 09:00.

Covers add (plain and recurring, unit names kept as typed, text
stored in NFC), edit (the extension history survives), complete (today by default, not
in the future, not before assignment), reopen, extend (reason required, later date,
history, original deadline), suspend, cancel, delete, undo of each change, the
ConflictError when the task changed in the meantime, and that bad input raises a
UserError with a readable message while the data on disk stays as it was.
"""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from deadline_tui.domain.recurrence import Frequency
from deadline_tui.domain.status import Status, assess
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.errors import (
    ConflictError,
    DeadlineError,
    InputError,
    NotFoundError,
    UserError,
)
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import InvalidDraft, TaskDraft
from deadline_tui.services.query import known_units
from deadline_tui.services.tasks import Change, TaskService
from deadline_tui.storage.desk import DeskBook

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


def draft(**fields: object) -> TaskDraft:
    values: dict[str, object] = {
        "title": "Báo cáo tình hình thực hiện Chương trình 10/CTr-UBND",
        "lead_unit": "Sở Kế hoạch và Đầu tư",
        "deadline": "trước ngày 31/12/2026",
        "source": "Chương trình 10/CTr-UBND",
        "assigned": "01/11/2026",
    }
    values.update(fields)
    return TaskDraft(**values)  # type: ignore[arg-type]


def add(service: TaskService, **fields: object) -> Task:
    return service.add(draft(**fields)).task


# --- add ----------------------------------------------------------------------------------


def test_add_stores_a_task_with_its_fields(service: TaskService, repo: DeskBook) -> None:
    change = service.add(
        draft(
            support_units=("Sở Tài chính", " ", "Sở Nội vụ"),
            leader="Phó Chủ tịch Trần Văn A",
            follower="Nguyễn Thị B",
            note="mục II.3",
        )
    )
    assert change.action == "add"
    assert change.before is None
    task = change.task
    assert task.id == 1
    assert task.uid and not task.uid.isdigit()
    assert task.assigned_on == date(2026, 11, 1)
    assert task.deadline_text == "trước ngày 31/12/2026"
    assert task.due_on == date(2026, 12, 31)
    assert task.support_units == ("Sở Tài chính", "Sở Nội vụ")
    assert task.state is TaskState.OPEN
    assert task.created_at == task.updated_at == NOW
    assert repo.get(task.uid) == task
    assert repo.get(1) == task


def test_add_defaults_the_assignment_date_to_today(service: TaskService) -> None:
    task = add(service, assigned="", deadline="thường xuyên")
    assert task.assigned_on == TODAY
    assert task.due_on is None
    assert task.deadline_text == "thường xuyên"


def test_add_with_completion_date_stores_a_done_task(service: TaskService) -> None:
    task = add(service, done="20/11/2026")
    assert task.state is TaskState.DONE
    assert task.done_on == date(2026, 11, 20)


def test_ids_are_never_reused(service: TaskService) -> None:
    first = add(service)
    second = add(service)
    service.delete(second.id)
    third = add(service)
    assert (first.id, second.id, third.id) == (1, 2, 3)
    assert len({first.uid, second.uid, third.uid}) == 3


def test_text_is_stored_in_nfc(service: TaskService, repo: DeskBook) -> None:
    nfd = unicodedata.normalize("NFD", "Báo cáo   kết quả thực hiện ")
    task = add(service, title=nfd, lead_unit=unicodedata.normalize("NFD", "Sở Y tế"))
    stored = repo.get(task.id)
    assert stored.title == "Báo cáo kết quả thực hiện"
    assert stored.lead_unit == "Sở Y tế"
    assert unicodedata.is_normalized("NFC", stored.title)


def test_markup_like_titles_are_kept_as_written(service: TaskService, repo: DeskBook) -> None:
    title = "Báo cáo [/] kết quả [footnoteRef:2] [b]x[/b]"
    assert repo.get(add(service, title=title).id).title == title


@pytest.mark.parametrize(
    "typed",
    [
        "so ke hoach va dau tu",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "Sở Kế Hoạch Và Đầu Tư",
    ],
)
def test_unit_names_are_kept_as_typed_not_rewritten_into_the_first_spelling(
    service: TaskService, repo: DeskBook, typed: str
) -> None:
    add(service, lead_unit="Sở Kế hoạch và Đầu tư")
    add(service, lead_unit="Sở Kế hoạch và Đầu tư")
    task = add(service, lead_unit=typed, support_units=(typed,))
    assert repo.get(task.id).lead_unit == typed
    assert task.support_units == (typed,)
    # The completion offers the unit once, in its most used fully marked spelling.
    assert known_units(repo.tasks()) == ["Sở Kế hoạch và Đầu tư"]


def test_a_first_unmarked_spelling_does_not_spread_to_later_tasks(
    service: TaskService, repo: DeskBook
) -> None:
    add(service, lead_unit="uy ban nhan dan huyen Xuan Loc")
    task = add(service, lead_unit="Ủy ban nhân dân huyện Xuân Lộc")
    assert repo.get(task.id).lead_unit == "Ủy ban nhân dân huyện Xuân Lộc"
    assert known_units(repo.tasks()) == ["Ủy ban nhân dân huyện Xuân Lộc"]


def test_support_units_that_match_are_listed_once_as_first_typed(service: TaskService) -> None:
    task = add(service, support_units=("Sở Tài chính", "so tai chinh", "UBND tỉnh"))
    assert task.support_units == ("Sở Tài chính", "UBND tỉnh")


def test_add_recurring_starts_a_series_with_occurrences(
    service: TaskService, repo: DeskBook
) -> None:
    change = service.add(draft(deadline="trước ngày 20 hàng tháng", assigned="01/11/2026"))
    first = change.task
    assert first.due_on == date(2026, 11, 20)
    assert first.assigned_on == date(2026, 11, 1)
    assert first.recurrence is not None
    assert first.recurrence.frequency is Frequency.MONTHLY
    [series] = repo.series()
    assert first.series_uid == series.uid
    occurrences = sorted(
        (t for t in repo.tasks() if t.series_uid == series.uid), key=lambda t: t.due_on or TODAY
    )
    dues = [t.due_on for t in occurrences]
    assert dues[:3] == [date(2026, 11, 20), date(2026, 12, 20), date(2027, 1, 20)]
    assert all(d is not None and d.day == 20 for d in dues)
    # Enough occurrences ahead: at least the horizon's year.
    assert dues[-1] is not None and dues[-1] >= TODAY + timedelta(days=365)
    # Each later occurrence is assigned on the first day of its own month.
    for previous, current in itertools.pairwise(occurrences):
        assert previous.due_on is not None and current.due_on is not None
        assert current.assigned_on == date(current.due_on.year, current.due_on.month, 1)
    assert len({t.uid for t in occurrences}) == len(occurrences)
    assert series.last_due == dues[-1]


def test_recurring_draft_cannot_be_created_done(service: TaskService, repo: DeskBook) -> None:
    with pytest.raises(InvalidDraft):
        service.add(draft(deadline="trước ngày 20 hàng tháng", done="20/11/2026"))
    assert repo.tasks() == ()


# --- bad input ----------------------------------------------------------------------------


def test_invalid_draft_names_every_problem_and_writes_nothing(
    service: TaskService, repo: DeskBook
) -> None:
    with pytest.raises(InvalidDraft) as caught:
        service.add(TaskDraft(title=" ", lead_unit="", deadline="khi có ý kiến"))
    error = caught.value
    assert isinstance(error, UserError)
    assert {p.field for p in error.problems} == {"title", "lead_unit", "deadline"}
    message = str(error)
    assert "nội dung" in message
    assert "đơn vị chủ trì" in message
    assert "khi có ý kiến" in message
    assert repo.tasks() == ()


def test_deadline_before_assignment_is_refused(service: TaskService) -> None:
    with pytest.raises(InvalidDraft) as caught:
        service.add(draft(deadline="31/10/2026", assigned="01/11/2026"))
    assert "31/10/2026" in str(caught.value)
    assert "01/11/2026" in str(caught.value)


def test_preview_deadline(service: TaskService) -> None:
    assert service.preview_deadline("quý I/2027").due_on == date(2027, 3, 31)
    assert service.preview_deadline("trong 10 ngày").due_on == date(2026, 12, 3)
    with pytest.raises(DeadlineError):
        service.preview_deadline("sớm")


# --- edit ---------------------------------------------------------------------------------


def test_edit_replaces_fields_and_keeps_identity(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    service.clock = FixedClock(NOW + timedelta(hours=1))
    change = service.edit(task.id, draft(title="Nội dung mới", deadline="quý I/2027"))
    after = change.after
    assert after is not None
    assert change.before == task
    assert (after.id, after.uid, after.created_at) == (task.id, task.uid, task.created_at)
    assert after.title == "Nội dung mới"
    assert after.due_on == date(2027, 3, 31)
    assert after.updated_at == NOW + timedelta(hours=1)
    assert repo.get(task.id) == after


def test_edit_keeps_an_extended_deadline_when_the_phrase_is_unchanged(
    service: TaskService,
) -> None:
    task = add(service)
    extended = service.extend(task.id, "31/01/2027", "Chờ ý kiến Bộ Tài chính").task
    after = service.edit(task.id, draft(title="Sửa nội dung")).task
    assert after.due_on == date(2027, 1, 31)
    assert after.original_due_on == date(2026, 12, 31)
    assert after.extensions == extended.extensions


def test_edit_clearing_the_completion_reopens(service: TaskService) -> None:
    task = add(service, done="20/11/2026")
    after = service.edit(task.id, draft(done="")).task
    assert after.state is TaskState.OPEN
    assert after.done_on is None


def test_edit_keeps_a_suspension(service: TaskService) -> None:
    task = add(service)
    service.suspend(task.id)
    assert service.edit(task.id, draft(title="x")).task.state is TaskState.SUSPENDED


def test_edit_with_bad_input_changes_nothing(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    with pytest.raises(InvalidDraft):
        service.edit(task.id, draft(lead_unit=""))
    assert repo.get(task.id) == task


# --- complete and reopen ------------------------------------------------------------------


def test_complete_defaults_to_today(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    change = service.complete(task.id)
    assert change.action == "done"
    assert change.task.state is TaskState.DONE
    assert change.task.done_on == TODAY
    assert repo.get(task.id).done_on == TODAY


def test_complete_on_a_real_earlier_date(service: TaskService) -> None:
    task = add(service, deadline="15/11/2026")
    done = service.complete(task.uid, "14/11/2026").task
    assert done.done_on == date(2026, 11, 14)
    found = assess(done, TODAY)
    assert found is not None and found.status is Status.DONE_ON_TIME
    late = service.complete(add(service, deadline="15/11/2026").id, date(2026, 11, 20)).task
    found_late = assess(late, TODAY)
    assert found_late is not None and found_late.status is Status.DONE_LATE


def test_complete_on_the_assignment_day_is_allowed(service: TaskService) -> None:
    task = add(service)
    assert service.complete(task.id, "01/11/2026").task.done_on == date(2026, 11, 1)


@pytest.mark.parametrize(
    ("on", "fragment"),
    [("24/11/2026", "24/11/2026"), ("31/10/2026", "01/11/2026"), ("31/02/2026", "31/02/2026")],
)
def test_complete_refuses_future_dates_dates_before_assignment_and_bad_dates(
    service: TaskService, repo: DeskBook, on: str, fragment: str
) -> None:
    task = add(service)
    with pytest.raises(InputError) as caught:
        service.complete(task.id, on)
    assert fragment in str(caught.value)
    assert repo.get(task.id) == task


def test_complete_unknown_task(service: TaskService) -> None:
    with pytest.raises(NotFoundError) as caught:
        service.complete(42)
    assert "42" in str(caught.value)
    with pytest.raises(NotFoundError):
        service.complete("zzzzzzzzzz")


def test_reopen_undoes_completion_suspension_and_cancellation(service: TaskService) -> None:
    task = add(service)
    for change_state in (service.complete, service.suspend, service.cancel):
        change_state(task.id)
        reopened = service.reopen(task.id).task
        assert reopened.state is TaskState.OPEN
        assert reopened.done_on is None


def test_reopen_an_open_task_is_refused(service: TaskService) -> None:
    task = add(service)
    with pytest.raises(InputError) as caught:
        service.reopen(task.id)
    assert str(task.id) in str(caught.value)


# --- extend -------------------------------------------------------------------------------


def test_extend_keeps_the_history_and_the_original_deadline(service: TaskService) -> None:
    task = add(service)
    first = service.extend(task.id, "31/01/2027", "Chờ ý kiến Bộ", document="CV 12/STC").task
    assert first.due_on == date(2027, 1, 31)
    assert first.original_due_on == date(2026, 12, 31)
    [extension] = first.extensions
    assert extension.old_due == date(2026, 12, 31)
    assert extension.new_due == date(2027, 1, 31)
    assert extension.reason == "Chờ ý kiến Bộ"
    assert extension.document == "CV 12/STC"
    assert extension.recorded_on == TODAY
    second = service.extend(task.id, date(2027, 3, 31), "Bổ sung hồ sơ").task
    assert second.original_due_on == date(2026, 12, 31)  # still the first deadline
    assert [e.new_due for e in second.extensions] == [date(2027, 1, 31), date(2027, 3, 31)]
    assert second.extensions[1].old_due == date(2027, 1, 31)


def test_extension_does_not_count_before_it_was_recorded(service: TaskService) -> None:
    task = add(service, deadline="20/11/2026")
    extended = service.extend(task.id, "31/12/2026", "Chờ số liệu").task
    before = assess(extended, TODAY - timedelta(days=1))
    assert before is not None and before.status is Status.OPEN_OVERDUE
    at = assess(extended, TODAY)
    assert at is not None and at.status is Status.OPEN_IN_TERM


@pytest.mark.parametrize("reason", ["", "   ", "\t"])
def test_extend_requires_a_reason(service: TaskService, repo: DeskBook, reason: str) -> None:
    task = add(service)
    with pytest.raises(InputError) as caught:
        service.extend(task.id, "31/01/2027", reason)
    assert "lý do" in str(caught.value)
    assert repo.get(task.id) == task


@pytest.mark.parametrize("to", ["31/12/2026", "30/12/2026"])
def test_extend_requires_a_later_date(service: TaskService, repo: DeskBook, to: str) -> None:
    task = add(service)
    with pytest.raises(InputError) as caught:
        service.extend(task.id, to, "lý do")
    assert to in str(caught.value)
    assert "31/12/2026" in str(caught.value)
    assert repo.get(task.id) == task


def test_extend_a_done_task_is_refused(service: TaskService) -> None:
    task = add(service)
    service.complete(task.id)
    with pytest.raises(InputError):
        service.extend(task.id, "31/01/2027", "lý do")


def test_extend_a_task_without_deadline(service: TaskService) -> None:
    task = add(service, deadline="thường xuyên")
    extended = service.extend(task.id, "31/01/2027", "Giao hạn cụ thể").task
    assert extended.due_on == date(2027, 1, 31)
    assert extended.original_due_on is None
    assert extended.extensions[0].old_due is None


def test_extend_to_an_unreadable_date(service: TaskService) -> None:
    task = add(service)
    with pytest.raises(InputError) as caught:
        service.extend(task.id, "01/31/2027", "lý do")
    assert "01/31/2027" in str(caught.value)


# --- suspend, cancel, delete --------------------------------------------------------------


def test_suspend_and_cancel(service: TaskService) -> None:
    task = add(service)
    suspended = service.suspend(task.id)
    assert suspended.action == "suspend"
    assert suspended.task.state is TaskState.SUSPENDED
    found = assess(suspended.task, TODAY)
    assert found is not None and found.status is Status.SUSPENDED
    cancelled = service.cancel(task.id)
    assert cancelled.task.state is TaskState.CANCELLED


def test_suspending_a_done_task_clears_its_completion(service: TaskService) -> None:
    task = add(service)
    service.complete(task.id)
    assert service.suspend(task.id).task.done_on is None


def test_delete_removes_the_task(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    change = service.delete(task.id)
    assert change.action == "delete"
    assert change.before == task
    assert change.after is None
    with pytest.raises(NotFoundError):
        repo.get(task.id)


# --- undo ---------------------------------------------------------------------------------


def test_undo_add_removes_the_task(service: TaskService, repo: DeskBook) -> None:
    change = service.add(draft())
    undone = service.undo(change)
    assert undone.after is None
    assert repo.tasks() == ()


def test_undo_add_of_a_recurring_task_removes_the_whole_series(
    service: TaskService, repo: DeskBook
) -> None:
    keep = add(service)
    change = service.add(draft(deadline="hàng quý"))
    assert len(repo.tasks()) > 2
    service.undo(change)
    assert repo.tasks() == (keep,)
    assert repo.series() == []


@pytest.mark.parametrize(
    "act",
    [
        lambda s, i: s.edit(i, draft(title="Đã sửa", deadline="quý I/2027")),
        lambda s, i: s.complete(i, "20/11/2026"),
        lambda s, i: s.extend(i, "31/01/2027", "lý do"),
        lambda s, i: s.suspend(i),
        lambda s, i: s.cancel(i),
        lambda s, i: s.delete(i),
    ],
    ids=["edit", "complete", "extend", "suspend", "cancel", "delete"],
)
def test_undo_restores_the_task_exactly(service: TaskService, repo: DeskBook, act) -> None:  # type: ignore[no-untyped-def]
    task = add(service)
    change: Change = act(service, task.id)
    assert repo.tasks() != (task,)
    undone = service.undo(change)
    assert undone.action == "undo"
    assert repo.get(task.id) == task
    assert repo.get(task.uid) == task


def test_undo_reopen(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    done = service.complete(task.id).task
    change = service.reopen(task.id)
    service.undo(change)
    assert repo.get(task.id) == done


def test_undo_after_the_task_changed_elsewhere_is_a_conflict(
    service: TaskService, repo: DeskBook, db_path: Path
) -> None:
    task = add(service)
    change = service.complete(task.id)
    # Another program (its own repository on the same file) changes the task.
    other_repo = DeskBook.open_or_create(db_path)
    try:
        TaskService(other_repo, FixedClock(NOW + timedelta(minutes=5))).edit(
            task.id, draft(title="Sửa ở nơi khác", done="23/11/2026")
        )
    finally:
        other_repo.close()
    changed = repo.get(task.id)
    with pytest.raises(ConflictError) as caught:
        service.undo(change)
    assert str(task.id) in str(caught.value)
    assert repo.get(task.id) == changed  # nothing overwritten


def test_undo_add_after_an_edit_is_a_conflict(service: TaskService, repo: DeskBook) -> None:
    change = service.add(draft())
    service.complete(change.task.id)
    with pytest.raises(ConflictError):
        service.undo(change)
    assert len(repo.tasks()) == 1


def test_undo_twice_is_a_conflict(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    change = service.complete(task.id)
    service.undo(change)
    with pytest.raises(ConflictError):
        service.undo(change)
    assert repo.get(task.id) == task


# --- changes by the clock -----------------------------------------------------------------


def test_every_change_stamps_updated_at(service: TaskService) -> None:
    task = add(service)
    later = NOW + timedelta(days=1)
    service.clock = FixedClock(later)
    assert service.complete(task.id).task.updated_at == later
    assert service.reopen(task.id).task.updated_at == later
    assert service.suspend(task.id).task.updated_at == later
    assert service.extend(task.id, "31/01/2027", "x").task.updated_at == later


def test_undo_of_a_delete_is_a_conflict_once_the_task_is_back(
    service: TaskService, repo: DeskBook
) -> None:
    # A restore (or another program) put the deleted task back, as it was before a
    # change the undo history knows nothing about: undo must not write over it.
    task = add(service)
    service.edit(task.id, draft(note="ghi chú mới"))
    deletion = service.delete(task.id)
    repo.put(task)
    with pytest.raises(ConflictError) as caught:
        service.undo(deletion)
    assert caught.value.key == "undo_conflict_back" and str(task.id) in str(caught.value)
    assert repo.get(task.id) == task


def test_undo_of_a_delete_twice_is_a_conflict(service: TaskService, repo: DeskBook) -> None:
    task = add(service)
    deletion = service.delete(task.id)
    service.undo(deletion)
    with pytest.raises(ConflictError):
        service.undo(deletion)
    assert repo.tasks() == (task,)
