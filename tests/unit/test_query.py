"""Listing tasks at a cut-off (``services.query``): status filters by name, unit, source
and leader filters and full-text search that ignore diacritics and tone placement,
tasks not yet assigned left out, and the sort orders (urgency first of all)."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.domain.status import Assessment, Status, urgency_key
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.errors import InputError
from deadline_tui.services.query import (
    STATUS_FILTERS,
    STATUS_WORDS,
    Row,
    SearchIndex,
    TaskFilter,
    assess_all,
    distinct,
    known_units,
    select,
    sort_rows,
    status_filter_named,
    urgency_order,
)
from tests.factories import make_task

AS_OF = date(2021, 3, 1)
ASSIGNED = date(2021, 1, 4)


def book() -> dict[str, Task]:
    """One task per situation, with real unit names."""
    return {
        "overdue_long": make_task(
            id=1,
            title="Báo cáo kết quả thực hiện Chương trình 10/CTr-UBND",
            lead_unit="Sở Kế hoạch và Đầu tư",
            source="Chương trình 10/CTr-UBND",
            leader="Phó Chủ tịch Trần Văn Hòa",
            assigned_on=ASSIGNED,
            due_on=date(2021, 1, 31),
        ),
        "overdue_short": make_task(
            id=2,
            title="Rà soát hồ sơ đất đai",
            lead_unit="Sở Tài nguyên và Môi trường",
            assigned_on=ASSIGNED,
            due_on=date(2021, 2, 25),
        ),
        "due_soon": make_task(
            id=3,
            title="Hỗ trợ doanh nghiệp",
            lead_unit="Ủy ban nhân dân huyện Điện Bàn",
            support_units=("Sở Tài chính",),
            assigned_on=ASSIGNED,
            due_on=date(2021, 3, 3),
        ),
        "in_term": make_task(
            id=4,
            title="Xây dựng đề án",
            lead_unit="Sở Tài chính",
            assigned_on=ASSIGNED,
            due_on=date(2021, 6, 30),
            note="theo Thông báo 80/TB-UBND",
        ),
        "no_deadline": make_task(
            id=5, title="Theo dõi thường xuyên", lead_unit="Sở Y tế", assigned_on=ASSIGNED
        ),
        "done_on_time": make_task(
            id=6,
            lead_unit="Sở Y tế",
            assigned_on=ASSIGNED,
            due_on=date(2021, 2, 1),
            done_on=date(2021, 1, 30),
        ),
        "done_late": make_task(
            id=7,
            lead_unit="Sở Y tế",
            assigned_on=ASSIGNED,
            due_on=date(2021, 2, 1),
            done_on=date(2021, 2, 10),
        ),
        "suspended": make_task(
            id=8,
            lead_unit="Công an tỉnh",
            assigned_on=ASSIGNED,
            due_on=date(2021, 2, 1),
            state=TaskState.SUSPENDED,
        ),
        "cancelled": make_task(
            id=9,
            lead_unit="Công an tỉnh",
            assigned_on=ASSIGNED,
            due_on=date(2021, 2, 1),
            state=TaskState.CANCELLED,
        ),
        "not_yet": make_task(
            id=10, lead_unit="Công an tỉnh", assigned_on=date(2021, 3, 2), due_on=date(2021, 4, 1)
        ),
    }


def names_of(rows: list[Row], tasks: dict[str, Task]) -> list[str]:
    by_uid = {task.uid: name for name, task in tasks.items()}
    return [by_uid[row.task.uid] for row in rows]


def rows_for(tasks: dict[str, Task]) -> list[Row]:
    return assess_all(tasks.values(), AS_OF, 3)


def test_tasks_not_yet_assigned_are_left_out() -> None:
    tasks = book()
    assert "not_yet" not in names_of(rows_for(tasks), tasks)
    assert len(rows_for(tasks)) == len(tasks) - 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", {"overdue_long", "overdue_short"}),
        ("open_overdue", {"overdue_long", "overdue_short"}),
        ("due_soon", {"due_soon"}),
        ("in_term", {"due_soon", "in_term"}),
        ("open_in_term", {"due_soon", "in_term"}),
        ("open", {"overdue_long", "overdue_short", "due_soon", "in_term", "no_deadline"}),
        ("no_deadline", {"no_deadline"}),
        ("done", {"done_on_time", "done_late"}),
        ("done_on_time", {"done_on_time"}),
        ("done_late", {"done_late"}),
        ("suspended", {"suspended"}),
        ("cancelled", {"cancelled"}),
    ],
)
def test_status_filters(status: str, expected: set[str]) -> None:
    tasks = book()
    chosen = select(rows_for(tasks), TaskFilter(status=status))
    assert set(names_of(chosen, tasks)) == expected


def test_every_filter_has_vietnamese_names_that_name_it_alone() -> None:
    assert set(STATUS_WORDS) == set(STATUS_FILTERS)
    for name, words in STATUS_WORDS.items():
        assert status_filter_named(name) == name
        for word in words:
            assert status_filter_named(word) == name, word
    assert status_filter_named("trễ hạn") is None


def test_every_section_three_status_is_a_filter_name() -> None:
    assert {status.value for status in Status} <= set(STATUS_FILTERS)
    tasks = book()
    assert len(select(rows_for(tasks), TaskFilter(status="all"))) == len(tasks) - 1


def test_unknown_status_names_the_allowed_ones() -> None:
    with pytest.raises(InputError) as caught:
        TaskFilter(status="late")
    message = str(caught.value)
    assert "late" in message
    assert "overdue" in message
    assert "done_on_time" in message


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("so tai chinh", {"in_term"}),
        ("SỞ TÀI CHÍNH", {"in_term"}),
        ("Sở Kế hoạch", {"overdue_long"}),
        ("so ke hoach va dau tu", {"overdue_long"}),
        ("Uỷ ban nhân dân", {"due_soon"}),  # the other tone placement
        ("dien ban", {"due_soon"}),
    ],
)
def test_unit_filter_ignores_diacritics_and_case(unit: str, expected: set[str]) -> None:
    tasks = book()
    chosen = select(rows_for(tasks), TaskFilter(unit=unit))
    assert set(names_of(chosen, tasks)) == expected


def test_source_and_leader_filters() -> None:
    tasks = book()
    rows = rows_for(tasks)
    assert names_of(select(rows, TaskFilter(source="chuong trinh 10")), tasks) == ["overdue_long"]
    assert names_of(select(rows, TaskFilter(leader="tran van hoa")), tasks) == ["overdue_long"]
    assert names_of(select(rows, TaskFilter(leader="Trần Văn Hoà")), tasks) == ["overdue_long"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("bao cao ket qua", {"overdue_long"}),
        ("KẾT QUẢ báo", {"overdue_long"}),
        ("ho so dat dai", {"overdue_short"}),
        ("tai chinh", {"due_soon", "in_term"}),  # support unit and lead unit
        ("80/tb-ubnd", {"in_term"}),  # in the note
        ("doanh nghiep dien ban", {"due_soon"}),  # title and unit together
        ("khong co dau", set()),
    ],
)
def test_search_ignores_diacritics_and_matches_every_word(search: str, expected: set[str]) -> None:
    tasks = book()
    chosen = select(rows_for(tasks), TaskFilter(search=search), SearchIndex())
    assert set(names_of(chosen, tasks)) == expected


def test_search_by_uid() -> None:
    tasks = book()
    uid = tasks["in_term"].uid
    chosen = select(rows_for(tasks), TaskFilter(search=uid))
    assert names_of(chosen, tasks) == ["in_term"]


def test_filters_combine() -> None:
    tasks = book()
    chosen = select(rows_for(tasks), TaskFilter(status="done", unit="so y te"))
    assert set(names_of(chosen, tasks)) == {"done_on_time", "done_late"}
    assert select(rows_for(tasks), TaskFilter(status="overdue", unit="so y te")) == []


def test_empty_filter() -> None:
    assert TaskFilter().is_empty
    assert not TaskFilter(search="x").is_empty


def test_urgency_sort() -> None:
    tasks = book()
    order = names_of(sort_rows(rows_for(tasks), "urgency"), tasks)
    assert order == [
        "overdue_long",
        "overdue_short",
        "due_soon",
        "in_term",
        "no_deadline",
        "done_on_time",  # same deadline as done_late: ties by id
        "done_late",
        "suspended",
        "cancelled",
    ]


def test_other_sorts() -> None:
    tasks = book()
    rows = rows_for(tasks)
    by_due = names_of(sort_rows(rows, "due"), tasks)
    assert by_due[0] == "overdue_long"
    assert by_due[-1] == "no_deadline"
    assert names_of(sort_rows(rows, "id"), tasks)[0] == "overdue_long"
    assert names_of(sort_rows(rows, "id", reverse=True), tasks)[0] == "cancelled"
    by_unit = [row.task.lead_unit for row in sort_rows(rows, "unit")]
    assert by_unit.index("Sở Kế hoạch và Đầu tư") < by_unit.index("Sở Tài chính")
    assert by_unit.index("Sở Tài chính") < by_unit.index("Sở Tài nguyên và Môi trường")
    assert by_unit[-1] == "Ủy ban nhân dân huyện Điện Bàn"


def test_title_sort_is_vietnamese() -> None:
    tasks = {
        name: make_task(id=index, title=name, assigned_on=ASSIGNED)
        for index, name in enumerate(["Đề án", "Dự thảo", "Báo cáo", "Bà Rịa"], start=1)
    }
    rows = assess_all(tasks.values(), AS_OF, 3)
    assert [row.task.title for row in sort_rows(rows, "title")] == [
        "Bà Rịa",
        "Báo cáo",
        "Dự thảo",
        "Đề án",
    ]


def test_known_units_and_distinct_values_in_vietnamese_order() -> None:
    tasks = book()
    units = known_units(tasks.values())
    assert units == sorted(set(units), key=units.index)  # no duplicates
    assert "Sở Tài chính" in units
    assert units.index("Sở Kế hoạch và Đầu tư") < units.index("Sở Tài chính")
    assert "" not in units
    assert distinct(tasks.values(), lambda task: task.leader) == ["Phó Chủ tịch Trần Văn Hòa"]


def test_known_units_take_the_offices_aliases_like_the_reports() -> None:
    from deadline_tui.domain.names import NameMatcher

    tasks = [
        make_task(lead_unit="Sở TNMT"),
        make_task(lead_unit="Sở Tài nguyên và Môi trường"),
        make_task(lead_unit="Sở Tài nguyên và Môi trường"),
    ]
    assert len(known_units(tasks)) == 2  # without the alias: two names
    office = NameMatcher({"Sở TNMT": "Sở Tài nguyên và Môi trường"})
    assert known_units(tasks, office) == ["Sở Tài nguyên và Môi trường"]


def test_urgency_order_is_urgency_key_then_id() -> None:
    """The one-int sort key orders rows exactly as (urgency_key, id) does: every status,
    due soon or not, no deadline, the far ends of the calendar and huge ids."""
    days = [None, date.min, date(2021, 2, 28), AS_OF, date(2021, 3, 2), date.max]
    rows = [
        Row(make_task(id=task_id), Assessment(status, due_on, None, due_soon))
        for status in Status
        for due_on in days
        for due_soon in (False, True)
        for task_id in (1, 2, 10**9, 2**64 - 1)
    ]
    for given in (rows, rows[::-1]):
        expected = sorted(given, key=lambda row: (urgency_key(row.found), row.task.id))
        assert sorted(given, key=urgency_order) == expected


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Xong đúng hạn", "done_on_time"),  # list's own status column
        ("Xong quá hạn", "done_late"),
        ("Hôm nay, sắp đến hạn", "due_soon"),  # the TUI's filter bar
        ("Tất cả tình trạng", "all"),
        ("Không thời hạn / thường xuyên", "no_deadline"),  # the full status label
        ("Open, in term", "open_in_term"),  # the English labels
        ("Not done", "open"),
        ("Due today or soon", "due_soon"),
        ("rút", "cancelled"),  # DESIGN 2: "hủy / rút"
        ("huỷ", "cancelled"),  # the other tone placement
        ("Đến hạn hôm nay", "due_today"),  # list's status of a task due today
        ("Due today", "due_today"),
    ],
)
def test_the_labels_the_program_shows_name_their_filter(label: str, name: str) -> None:
    assert status_filter_named(label) == name


def test_due_today_is_the_part_of_due_soon_due_on_the_cut_off() -> None:
    tasks = {
        "today": make_task(id=1, assigned_on=ASSIGNED, due_on=AS_OF),
        "in_two_days": make_task(id=2, assigned_on=ASSIGNED, due_on=date(2021, 3, 3)),
        "done_today": make_task(id=3, assigned_on=ASSIGNED, due_on=AS_OF, done_on=AS_OF),
    }
    rows = rows_for(tasks)
    assert names_of(select(rows, TaskFilter(status="due_today")), tasks) == ["today"]
    assert set(names_of(select(rows, TaskFilter(status="due_soon")), tasks)) == {
        "today",
        "in_two_days",
    }
