"""Issue 13 point 1: one leader, one document, one unit: one row, in one spelling.

Expected groups and counts are written out by hand from the fixture, not computed by
the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.domain.names import NameMatcher, display_name
from deadline_tui.reports.figures import summarise
from tests.factories import make_task

AS_OF = date(2026, 6, 30)


def rows(tasks: list, by: str, matcher: NameMatcher | None = None) -> dict[str, tuple[int, int]]:
    summary = summarise(tasks, AS_OF, warning_days=3, by=by, matcher=matcher)  # type: ignore[arg-type]
    return {g.name: (g.total, g.done) for g in summary.groups}


def test_leaders_spelled_with_either_tone_placement_are_one_row() -> None:
    tasks = [
        make_task(leader="Nguyễn Thị Hòa", done_on=date(2026, 3, 1)),
        make_task(leader="Nguyễn Thị Hoà"),
        make_task(leader="nguyễn thị hoà"),
        make_task(leader="Trần Văn Thủy"),
        make_task(leader="Trần Văn Thuỷ"),
    ]
    # Hòa / Hoà tie 1:1 among full spellings: tone on the first vowel wins.
    assert rows(tasks, "leader") == {"Nguyễn Thị Hòa": (3, 1), "Trần Văn Thủy": (2, 0)}


def test_units_group_by_key_and_show_the_most_used_full_spelling() -> None:
    tasks = [
        make_task(lead_unit="uy ban nhan dan huyen Xuan Loc"),
        make_task(lead_unit="uy ban nhan dan huyen Xuan Loc"),
        make_task(lead_unit="Ủy ban nhân dân huyện Xuân Lộc"),
        make_task(lead_unit="UBND huyện Xuân Lộc", done_on=date(2026, 2, 2)),
        make_task(lead_unit="Uỷ ban nhân dân huyện Xuân Lộc"),
        make_task(lead_unit="Sở thủy lợi"),
        make_task(lead_unit="Sở thuỷ lợi"),
    ]
    assert rows(tasks, "unit") == {
        "Ủy ban nhân dân huyện Xuân Lộc": (5, 1),
        "Sở thủy lợi": (2, 0),
    }


def test_config_aliases_join_abbreviations() -> None:
    tasks = [make_task(lead_unit="SKHĐT"), make_task(lead_unit="Sở Kế hoạch và Đầu tư")]
    assert len(rows(tasks, "unit")) == 2
    matcher = NameMatcher({"SKHĐT": "Sở Kế hoạch và Đầu tư"})
    assert rows(tasks, "unit", matcher) == {"Sở Kế hoạch và Đầu tư": (2, 0)}


def test_documents_are_one_by_number_and_symbol() -> None:
    tasks = [
        make_task(source="Thông báo 80/TB-UBND"),
        make_task(source="TB 80/TB-UBND ngày 01/4/2016"),
        make_task(source="Thông báo số 80/TB-UBND ngày 01/4/2016, mục II.3"),
        make_task(source="Chương trình 10/CTr-UBND"),
        make_task(source=""),
    ]
    grouped = rows(tasks, "source")
    assert sorted(total for total, _ in grouped.values()) == [1, 1, 3]
    assert grouped["Chương trình 10/CTr-UBND"] == (1, 0)
    assert grouped[""] == (1, 0)


def test_follower_grouping() -> None:
    tasks = [make_task(follower="Lê Thị Thủy"), make_task(follower="le thi thuy")]
    assert rows(tasks, "follower") == {"Lê Thị Thủy": (2, 0)}


@pytest.mark.parametrize(
    ("spellings", "shown"),
    [
        ({"Ủy ban": 1, "Uỷ ban": 1}, "Ủy ban"),
        ({"Uỷ ban": 3, "Ủy ban": 1}, "Uỷ ban"),  # most used wins over tone placement
        ({"uy ban": 9, "Uỷ ban": 1}, "Uỷ ban"),  # full diacritics first
        ({"hoà bình": 1, "hòa bình": 1}, "hòa bình"),
    ],
)
def test_display_spelling_rule(spellings: dict[str, int], shown: str) -> None:
    assert display_name(spellings) == shown
