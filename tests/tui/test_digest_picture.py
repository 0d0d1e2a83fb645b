"""The TUI's digest screen keeps the digest's order (issue 14 point 9): due today, due
soon, then the overdue grouped by lead unit with counts and the longest delay."""

from __future__ import annotations

from datetime import date, timedelta

from deadline_tui.services.query import assess_all
from deadline_tui.tui.screens.digest import picture
from tests.factories import make_task

TODAY = date(2026, 12, 1)


def test_the_picture_groups_the_overdue_by_unit_after_today_and_soon() -> None:
    assigned = date(2026, 1, 5)
    overdue = {"Sở Tài chính": [3, 40, 200], "Sở Y tế": [1], "sở tài chính": [10]}
    tasks = [
        make_task(lead_unit=unit, assigned_on=assigned, due_on=TODAY - timedelta(days=days))
        for unit, delays in overdue.items()
        for days in delays
    ]
    tasks += [
        make_task(title="Hạn hôm nay", assigned_on=assigned, due_on=TODAY),
        make_task(title="Còn hai ngày", assigned_on=assigned, due_on=TODAY + timedelta(days=2)),
    ]
    text = picture(assess_all(tasks, TODAY, 3)).plain
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "Đến hạn hôm nay (1)"
    assert lines[1].endswith("Hạn hôm nay")
    assert lines[2] == "Sắp đến hạn (1)"
    assert lines[3].endswith("Còn hai ngày")
    assert lines[4] == "Quá hạn theo đơn vị chủ trì (5)"
    # "Sở Tài chính" and "sở tài chính" are one unit (matching ignores case).
    assert lines[5] == "Sở Tài chính: 4 đầu việc, lâu nhất quá 200 ngày"
    assert lines[6] == "Sở Y tế: 1 đầu việc, lâu nhất quá 1 ngày"
    assert len(lines) == 7


def test_the_picture_groups_aliases_as_summary_by_unit_does() -> None:
    assigned = date(2026, 1, 5)
    overdue = {"UBND huyện Cẩm Xuyên": [5, 9], "Uỷ ban nhân dân huyện Cẩm Xuyên": [30]}
    tasks = [
        make_task(lead_unit=unit, assigned_on=assigned, due_on=TODAY - timedelta(days=days))
        for unit, delays in overdue.items()
        for days in delays
    ]
    text = picture(assess_all(tasks, TODAY, 3)).plain
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[-1] == "Uỷ ban nhân dân huyện Cẩm Xuyên: 3 đầu việc, lâu nhất quá 30 ngày"
    assert lines[-2] == "Quá hạn theo đơn vị chủ trì (3)"
