"""The figures of DESIGN section 4, counted by ``summarise``.

Datasets are built in the test. The design's own example (52 due, 16 done, 34 overdue)
is checked exactly; a randomized dataset (fixed seed) is checked against figures the
test computes itself, straight from the rules of sections 3 and 4, without calling
``assess``. Also: the invariant and its check, grouping by unit / leader / source adds
up, periods (tasks assigned within them), and the JSON keys of section 7.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.reports.figures import Figures, FiguresDoNotAddUp, summarise
from deadline_tui.reports.period import parse_period
from tests.factories import make_task

D_2016 = date(2016, 6, 30)

# The keys DESIGN section 7 lists for `summary --json`, written out independently.
JSON_KEYS = {
    "as_of",
    "total",
    "due",
    "due_done",
    "done",
    "done_on_time",
    "done_late",
    "open_in_term",
    "open_overdue",
    "no_deadline",
}
COUNT_KEYS = sorted(JSON_KEYS - {"as_of"})


def design_example() -> list[Task]:
    """52 tasks due by 30/06/2016: 16 done, 34 overdue, 2 due that very day."""
    assigned = date(2016, 1, 4)
    tasks = [
        make_task(assigned_on=assigned, due_on=date(2016, 3, 31), done_on=date(2016, 3, 20))
        for _ in range(16)
    ]
    tasks += [make_task(assigned_on=assigned, due_on=date(2016, 4, 30)) for _ in range(34)]
    tasks += [make_task(assigned_on=assigned, due_on=D_2016) for _ in range(2)]
    return tasks


def test_design_example_figures() -> None:
    figures = summarise(design_example(), D_2016, warning_days=3).overall
    assert figures.as_of == D_2016
    assert figures.total == 52
    assert figures.due == 52
    assert figures.due_done == 16
    assert figures.done == figures.done_on_time == 16
    assert figures.open_overdue == 34
    assert figures.open_in_term == 2
    assert figures.due_soon == 2
    assert figures.done_late == figures.no_deadline == 0


# --- an independent computation -----------------------------------------------------------


def deadline_in_force(task: Task, as_of: date) -> date | None:
    """The deadline at ``as_of``: the newest extension recorded by then, else the original."""
    due = task.original_due_on if task.extensions else task.due_on
    for extension in task.extensions:
        if extension.recorded_on <= as_of:
            due = extension.new_due
    return due


def expected_figures(tasks: Iterable[Task], as_of: date) -> dict[str, int]:
    """Section 4's figures, counted with a plain loop from the rules as written."""
    counts = dict.fromkeys([*COUNT_KEYS, "suspended", "cancelled"], 0)
    for task in tasks:
        if task.assigned_on > as_of:
            continue  # not assigned yet
        if task.state is TaskState.SUSPENDED:
            counts["suspended"] += 1
            continue
        if task.state is TaskState.CANCELLED:
            counts["cancelled"] += 1
            continue
        counts["total"] += 1
        due = deadline_in_force(task, as_of)
        done = task.state is TaskState.DONE and task.done_on is not None and task.done_on <= as_of
        if done:
            counts["done"] += 1
            assert task.done_on is not None
            if due is None or task.done_on <= due:
                counts["done_on_time"] += 1
            else:
                counts["done_late"] += 1
        elif due is None:
            counts["no_deadline"] += 1
        elif due >= as_of:
            counts["open_in_term"] += 1
        else:
            counts["open_overdue"] += 1
        if due is not None and due <= as_of:
            counts["due"] += 1
            if done:
                counts["due_done"] += 1
    return counts


UNITS = ["Sở Tài chính", "Sở Y tế", "Sở Kế hoạch và Đầu tư", "UBND huyện Điện Bàn", "Công an tỉnh"]
LEADERS = ["", "Phó Chủ tịch Trần Văn A", "Chủ tịch Lê Thị B"]
SOURCES = ["Chương trình 10/CTr-UBND", "Thông báo 80/TB-UBND ngày 01/4/2016", ""]


def random_tasks(seed: int, count: int) -> list[Task]:
    """Tasks with random assignment, deadline, extensions, completion and state."""
    rng = random.Random(seed)
    start = date(2015, 7, 1)
    tasks = []
    for _ in range(count):
        assigned = start + timedelta(days=rng.randrange(0, 540))
        due = assigned + timedelta(days=rng.randrange(0, 200)) if rng.random() < 0.8 else None
        fields: dict[str, object] = {
            "assigned_on": assigned,
            "due_on": due,
            "lead_unit": rng.choice(UNITS),
            "leader": rng.choice(LEADERS),
            "source": rng.choice(SOURCES),
        }
        if due is not None and rng.random() < 0.25:
            # One or two extensions, recorded after assignment, each later than the last.
            current = due
            recorded = assigned
            extensions = []
            for _ in range(rng.randint(1, 2)):
                recorded = recorded + timedelta(days=rng.randrange(1, 90))
                new_due = current + timedelta(days=rng.randrange(1, 120))
                extensions.append(Extension(current, new_due, "lý do", "", recorded))
                current = new_due
            fields.update(original_due_on=due, due_on=current, extensions=tuple(extensions))
        roll = rng.random()
        if roll < 0.45:
            fields["state"] = TaskState.DONE
            fields["done_on"] = assigned + timedelta(days=rng.randrange(0, 300))
        elif roll < 0.52:
            fields["state"] = TaskState.SUSPENDED
        elif roll < 0.57:
            fields["state"] = TaskState.CANCELLED
        else:
            fields["state"] = TaskState.OPEN
        tasks.append(make_task(**fields))
    return tasks


AS_OF_DATES = [
    date(2015, 6, 30),  # before any task
    date(2015, 9, 30),
    date(2016, 3, 31),
    D_2016,
    date(2016, 12, 31),
    date(2018, 1, 1),  # after everything
]


@pytest.mark.parametrize("as_of", AS_OF_DATES)
def test_random_dataset_matches_an_independent_count(as_of: date) -> None:
    tasks = random_tasks(seed=20160630, count=400)
    figures = summarise(tasks, as_of, warning_days=3).overall
    expected = expected_figures(tasks, as_of)
    actual = {key: getattr(figures, key) for key in expected}
    assert actual == expected


def test_random_dataset_exercises_every_status() -> None:
    tasks = random_tasks(seed=20160630, count=400)
    figures = summarise(tasks, D_2016, warning_days=3).overall
    for key in (*COUNT_KEYS, "suspended", "cancelled"):
        assert getattr(figures, key) > 0, key


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_invariant_holds_on_random_datasets(seed: int) -> None:
    tasks = random_tasks(seed=seed, count=300)
    for as_of in AS_OF_DATES:
        figures = summarise(tasks, as_of, warning_days=3).overall
        parts = (
            figures.done_on_time
            + figures.done_late
            + figures.open_in_term
            + figures.open_overdue
            + figures.no_deadline
        )
        assert parts == figures.total
        assert figures.done == figures.done_on_time + figures.done_late
        assert figures.due_done <= figures.due <= figures.total
        assert figures.on_time + figures.late == figures.total


def test_done_without_deadline_counts_as_done_on_time_not_no_deadline() -> None:
    tasks = [
        make_task(assigned_on=date(2016, 1, 4), done_on=date(2016, 2, 1)),
        make_task(assigned_on=date(2016, 1, 4)),
    ]
    figures = summarise(tasks, D_2016, warning_days=3).overall
    assert figures.done_on_time == 1
    assert figures.no_deadline == 1
    assert figures.due == 0
    assert figures.total == 2


def test_suspended_and_cancelled_are_outside_total_and_due() -> None:
    tasks = [
        make_task(assigned_on=date(2016, 1, 4), due_on=date(2016, 2, 1)),
        make_task(assigned_on=date(2016, 1, 4), due_on=date(2016, 2, 1), state=TaskState.SUSPENDED),
        make_task(assigned_on=date(2016, 1, 4), due_on=date(2016, 2, 1), state=TaskState.CANCELLED),
    ]
    figures = summarise(tasks, D_2016, warning_days=3).overall
    assert (figures.total, figures.due, figures.open_overdue) == (1, 1, 1)
    assert (figures.suspended, figures.cancelled) == (1, 1)


def test_tasks_assigned_after_the_cut_off_are_not_counted() -> None:
    tasks = [
        make_task(assigned_on=D_2016, due_on=D_2016),
        make_task(assigned_on=D_2016 + timedelta(days=1), due_on=D_2016),
    ]
    figures = summarise(tasks, D_2016, warning_days=3).overall
    assert figures.total == 1
    assert figures.due == 1


def test_completion_after_the_cut_off_is_not_counted_as_done() -> None:
    tasks = [
        make_task(assigned_on=date(2016, 1, 4), due_on=date(2016, 5, 1), done_on=date(2016, 7, 1))
    ]
    figures = summarise(tasks, D_2016, warning_days=3).overall
    assert (figures.done, figures.due, figures.due_done, figures.open_overdue) == (0, 1, 0, 1)


def test_invariant_check_refuses_figures_that_do_not_add_up() -> None:
    broken = Figures(D_2016, total=3, done_on_time=1, open_overdue=1)
    with pytest.raises(FiguresDoNotAddUp):
        broken.finish()
    with pytest.raises(FiguresDoNotAddUp):
        Figures(D_2016, total=1, open_overdue=1, due=1, due_done=2).finish()


# --- grouping -----------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["unit", "leader", "source"])
def test_groups_add_up_to_the_overall_figures(by: str) -> None:
    tasks = random_tasks(seed=99, count=300)
    summary = summarise(tasks, D_2016, warning_days=3, by=by)  # type: ignore[arg-type]
    assert summary.by == by
    for key in (*COUNT_KEYS, "suspended", "cancelled", "due_soon"):
        assert sum(getattr(g, key) for g in summary.groups) == getattr(summary.overall, key), key
    names = [g.name for g in summary.groups]
    assert len(names) == len(set(names))


def test_groups_by_unit_match_an_independent_count_per_unit() -> None:
    tasks = random_tasks(seed=5, count=300)
    summary = summarise(tasks, D_2016, warning_days=3, by="unit")
    for group in summary.groups:
        mine = [task for task in tasks if task.lead_unit == group.name]
        expected = expected_figures(mine, D_2016)
        assert {key: getattr(group, key) for key in expected} == expected


def test_groups_are_ordered_most_overdue_first_then_by_name() -> None:
    assigned = date(2016, 1, 4)
    tasks = [
        make_task(lead_unit="Sở Y tế", assigned_on=assigned, due_on=date(2016, 2, 1)),
        make_task(lead_unit="Sở Y tế", assigned_on=assigned, due_on=date(2016, 2, 1)),
        make_task(lead_unit="Sở Tài chính", assigned_on=assigned, due_on=date(2016, 2, 1)),
        make_task(lead_unit="Công an tỉnh", assigned_on=assigned),
        make_task(lead_unit="Ban Dân tộc", assigned_on=assigned),
    ]
    summary = summarise(tasks, D_2016, warning_days=3, by="unit")
    assert [g.name for g in summary.groups] == [
        "Sở Y tế",
        "Sở Tài chính",
        "Ban Dân tộc",
        "Công an tỉnh",
    ]


def test_empty_field_forms_its_own_group() -> None:
    tasks = [
        make_task(assigned_on=date(2016, 1, 4), leader=""),
        make_task(assigned_on=date(2016, 1, 4), leader="A"),
    ]
    summary = summarise(tasks, D_2016, warning_days=3, by="leader")
    assert sorted(g.name for g in summary.groups) == ["", "A"]


def test_no_groups_without_by() -> None:
    summary = summarise(design_example(), D_2016, warning_days=3)
    assert summary.groups == []
    assert summary.by is None


# --- periods ------------------------------------------------------------------------------


def test_period_counts_only_tasks_assigned_within_it() -> None:
    tasks = [
        make_task(assigned_on=date(2021, 6, 30), due_on=date(2021, 7, 10)),  # before Q3
        make_task(assigned_on=date(2021, 7, 1), due_on=date(2021, 7, 10)),
        make_task(assigned_on=date(2021, 9, 30), due_on=date(2021, 10, 5)),
        make_task(assigned_on=date(2021, 10, 1), due_on=date(2021, 10, 5)),  # after Q3
    ]
    period = parse_period("2021-Q3")
    summary = summarise(tasks, date(2021, 12, 31), warning_days=3, period=period)
    assert summary.period == period
    assert summary.overall.total == 2
    assert summary.overall.open_overdue == 2


def test_period_and_cut_off_combine() -> None:
    tasks = random_tasks(seed=11, count=300)
    period = parse_period("2016-H1")
    as_of = date(2016, 4, 15)
    summary = summarise(tasks, as_of, warning_days=3, period=period)
    within = [t for t in tasks if date(2016, 1, 1) <= t.assigned_on <= date(2016, 6, 30)]
    expected = expected_figures(within, as_of)
    assert {key: getattr(summary.overall, key) for key in expected} == expected


# --- JSON ---------------------------------------------------------------------------------


def test_json_keys_are_exactly_those_of_the_design() -> None:
    figures = summarise(design_example(), D_2016, warning_days=3).overall
    data = figures.as_json()
    assert set(data) == JSON_KEYS
    assert data["as_of"] == "2016-06-30"
    assert data["due"] == 52
    assert data["due_done"] == 16
    assert data["open_overdue"] == 34
    assert all(isinstance(data[key], int) for key in COUNT_KEYS)


def test_group_json_adds_only_the_name() -> None:
    summary = summarise(design_example(), D_2016, warning_days=3, by="unit")
    data = summary.groups[0].as_json(with_name=True)
    assert set(data) == JSON_KEYS | {"name"}
    assert data["name"] == "Sở Tài chính"


def test_the_due_soon_row_says_it_counts_tasks_due_today_too() -> None:
    """The header of the TUI counts "đến hạn hôm nay" and "sắp đến hạn" apart; the table
    row that holds both must not call them all "sắp đến hạn" (issue 14, point 3)."""
    from deadline_tui.domain.status import assess
    from deadline_tui.reports.tables import figure_rows

    today = date(2026, 11, 30)
    found = assess(make_task(assigned_on=date(2026, 11, 1), due_on=today), today)
    assert found is not None
    figures = Figures(today).count_all([found]).finish()
    rows = {label.strip(): count for label, count, _share in figure_rows(figures, 1, "half_up")}
    assert rows["trong đó đến hạn hôm nay, sắp đến hạn"] == "1"
