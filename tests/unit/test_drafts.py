"""Validation of a typed task (``check_draft``): every field is checked, problems are
reported per field with a readable message, and nothing raises for bad input."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.domain.recurrence import Frequency
from deadline_tui.errors import DeadlineError, InputError
from deadline_tui.services.drafts import TaskDraft, check_draft, rebased, split_units

TODAY = date(2026, 11, 23)


def test_good_draft() -> None:
    checked = check_draft(
        TaskDraft(
            title="Báo cáo",
            lead_unit="Sở Y tế",
            deadline="quý I/2027",
            assigned="01/11/2026",
            done="20/11/2026",
        ),
        TODAY,
    )
    assert checked.ok
    assert checked.problems == ()
    assert checked.assigned_on == date(2026, 11, 1)
    assert checked.deadline is not None and checked.deadline.due_on == date(2027, 3, 31)
    assert checked.done_on == date(2026, 11, 20)
    assert checked.problem("title") is None


def test_assignment_defaults_to_today() -> None:
    checked = check_draft(TaskDraft(title="x", lead_unit="y", deadline="trong 7 ngày"), TODAY)
    assert checked.assigned_on == TODAY
    assert checked.deadline is not None and checked.deadline.due_on == date(2026, 11, 30)


def test_required_fields() -> None:
    checked = check_draft(TaskDraft(title="  ", lead_unit="\t"), TODAY)
    assert not checked.ok
    title, unit = checked.problem("title"), checked.problem("lead_unit")
    assert title is not None and "nội dung" in title.error.message()
    assert unit is not None and "đơn vị chủ trì" in unit.error.message()


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"assigned": "31/02/2026"}, "assigned", "31/02/2026"),
        ({"assigned": "11/31/2026"}, "assigned", "11/31/2026"),
        ({"done": "hôm qua"}, "done", "hôm qua"),
        ({"done": "24/11/2026"}, "done", "24/11/2026"),  # in the future
        ({"done": "01/10/2026", "assigned": "01/11/2026"}, "done", "01/11/2026"),
        ({"deadline": "sớm nhất có thể"}, "deadline", "sớm nhất có thể"),
        ({"deadline": "31/10/2026", "assigned": "01/11/2026"}, "deadline", "31/10/2026"),
        ({"deadline": "hàng tháng", "done": "20/11/2026"}, "done", ""),
    ],
)
def test_each_problem_names_its_field_and_value(
    fields: dict[str, str], field: str, fragment: str
) -> None:
    values = {"title": "Báo cáo", "lead_unit": "Sở Y tế", **fields}
    checked = check_draft(TaskDraft(**values), TODAY)  # type: ignore[arg-type]
    assert not checked.ok
    problem = checked.problem(field)
    assert problem is not None
    assert isinstance(problem.error, InputError)
    assert fragment in problem.error.message()
    assert problem.value == values.get(field, problem.value)


def test_unreadable_deadline_is_a_deadline_error() -> None:
    checked = check_draft(TaskDraft(title="x", lead_unit="y", deadline="khi xong"), TODAY)
    problem = checked.problem("deadline")
    assert problem is not None
    assert isinstance(problem.error, DeadlineError)
    assert checked.deadline is None


def test_recurring_deadline_in_the_past_is_allowed() -> None:
    checked = check_draft(
        TaskDraft(
            title="x", lead_unit="y", deadline="trước ngày 20 hàng tháng", assigned="01/01/2026"
        ),
        TODAY,
    )
    assert checked.ok
    assert checked.deadline is not None
    assert checked.deadline.recurrence is not None
    assert checked.deadline.recurrence.frequency is Frequency.MONTHLY
    assert checked.deadline.due_on == date(2026, 1, 20)


def test_all_problems_are_reported_at_once() -> None:
    checked = check_draft(TaskDraft(deadline="??", assigned="32/01/2026", done="abc"), TODAY)
    assert {p.field for p in checked.problems} == {
        "title",
        "lead_unit",
        "assigned",
        "done",
        "deadline",
    }


def test_split_units_on_semicolons_only() -> None:
    assert split_units("Sở Tài chính; Sở Y tế ;; UBND huyện A, B") == (
        "Sở Tài chính",
        "Sở Y tế",
        "UBND huyện A, B",
    )
    assert split_units("  ") == ()


def test_an_edit_rebased_on_a_task_changed_elsewhere_keeps_only_what_the_user_changed() -> None:
    shown = TaskDraft(title="Báo cáo", lead_unit="Sở Y tế", note="", result="", done="")
    typed = TaskDraft(title="Báo cáo quý", lead_unit="Sở Y tế", note="đôn đốc", result="x")
    now = TaskDraft(title="Báo cáo", lead_unit="Sở Tài chính", result="BC 12", done="23/11/2026")
    draft, taken, both = rebased(typed, shown, now)
    assert draft == TaskDraft(
        title="Báo cáo quý",  # typed
        lead_unit="Sở Tài chính",  # changed elsewhere only
        note="đôn đốc",  # typed
        result="x",  # typed, though changed elsewhere too
        done="23/11/2026",  # changed elsewhere only
    )
    assert taken == ("lead_unit", "done")
    assert both == ("result",)
