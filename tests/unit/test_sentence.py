"""The summary sentence of DESIGN section 4, in the seeds' own style.

Covers the design's exact example (as a prefix), the rounding setting, the period
scope, the cases with nothing due or nothing overdue, thousands separators, and that
every percentage shows its base as a fraction.
"""

from __future__ import annotations

import re
from datetime import date

from deadline_tui.i18n import set_language
from deadline_tui.reports.figures import Figures, summarise
from deadline_tui.reports.period import parse_period
from deadline_tui.reports.sentence import summary_sentence
from tests.factories import make_task

D_2016 = date(2016, 6, 30)
DESIGN_SENTENCE = (
    "Tính đến ngày 30/06/2016, có 52 đầu việc đến hạn, đã hoàn thành 16 đầu việc, đạt 30,8% "
    "(16/52); 34 đầu việc quá hạn chưa hoàn thành."
)


def design_figures() -> Figures:
    assigned = date(2016, 1, 4)
    tasks = [
        make_task(assigned_on=assigned, due_on=date(2016, 3, 31), done_on=date(2016, 3, 20))
        for _ in range(16)
    ]
    tasks += [make_task(assigned_on=assigned, due_on=date(2016, 4, 30)) for _ in range(34)]
    tasks += [make_task(assigned_on=assigned, due_on=D_2016) for _ in range(2)]
    return summarise(tasks, D_2016, warning_days=3).overall


def test_design_sentence_is_the_prefix_of_the_output() -> None:
    sentence = summary_sentence(design_figures(), decimals=1, rounding="half_up")
    assert sentence.startswith(DESIGN_SENTENCE)


def test_rounding_down_gives_the_seeds_thirty_point_seven() -> None:
    sentence = summary_sentence(design_figures(), decimals=1, rounding="down")
    assert "đạt 30,7% (16/52)" in sentence
    assert "30,8%" not in sentence


def test_decimals_setting() -> None:
    assert "đạt 30,77% (16/52)" in summary_sentence(
        design_figures(), decimals=2, rounding="half_up"
    )
    assert "đạt 31% (16/52)" in summary_sentence(design_figures(), decimals=0, rounding="half_up")


def test_second_sentence_splits_all_tasks_on_time_and_late() -> None:
    sentence = summary_sentence(design_figures(), decimals=1, rounding="half_up")
    # On time: 16 done on time + 2 in term; late: 34 overdue.
    assert "Trong tổng số 52 đầu việc" in sentence
    assert "34,6% thực hiện đúng hạn (18/52)" in sentence
    assert "65,4% xử lý quá hạn (34/52)" in sentence


def test_every_percentage_names_its_base() -> None:
    sentence = summary_sentence(design_figures(), decimals=1, rounding="half_up")
    # Each percentage is followed by its fraction before the next percentage starts.
    pieces = sentence.split("%")[1:]
    assert len(pieces) == 3
    fractions = [re.search(r"\((\d[\d.]*)/(\d[\d.]*)\)", piece) for piece in pieces]
    assert [m.groups() if m else None for m in fractions] == [
        ("16", "52"),
        ("18", "52"),
        ("34", "52"),
    ]


def test_period_scope_is_named() -> None:
    sentence = summary_sentence(
        design_figures(), decimals=1, rounding="half_up", period=parse_period("2016-H1")
    )
    assert sentence.startswith(
        "Tính đến ngày 30/06/2016, trong các đầu việc giao 6 tháng đầu năm 2016, có 52 đầu việc"
    )


def test_nothing_due_and_nothing_overdue() -> None:
    figures = summarise(
        [make_task(assigned_on=date(2021, 1, 4), due_on=date(2021, 12, 31))],
        date(2021, 3, 1),
        warning_days=3,
    ).overall
    sentence = summary_sentence(figures, decimals=1, rounding="half_up")
    assert sentence.startswith("Tính đến ngày 01/03/2021, chưa có đầu việc nào đến hạn;")
    assert "không có đầu việc quá hạn." in sentence
    assert "đạt" not in sentence


def test_empty_book_has_no_percentages() -> None:
    figures = summarise([], date(2021, 3, 1), warning_days=3).overall
    sentence = summary_sentence(figures, decimals=1, rounding="half_up")
    assert "%" not in sentence
    assert "Trong tổng số" not in sentence


def test_thousands_are_dotted_in_the_sentence() -> None:
    figures = Figures(
        date(2016, 6, 17),
        total=2231,
        due=2231,
        due_done=1450,
        done=1450,
        done_on_time=1450,
        open_overdue=781,
    ).finish()
    sentence = summary_sentence(figures, decimals=0, rounding="half_up")
    assert "có 2.231 đầu việc đến hạn, đã hoàn thành 1.450 đầu việc, đạt 65% (1.450/2.231)" in (
        sentence
    )
    assert "781 đầu việc quá hạn chưa hoàn thành." in sentence
    assert "35% xử lý quá hạn (781/2.231)" in sentence


def test_english_sentence() -> None:
    set_language("en")
    sentence = summary_sentence(design_figures(), decimals=1, rounding="half_up")
    assert sentence.startswith("As of 30/06/2016, 52 tasks were due and 16 of them were completed")
    assert "30.8% (16/52)" in sentence


def test_second_sentence_says_what_it_counts() -> None:
    sentence = summary_sentence(design_figures(), decimals=1, rounding="half_up")
    assert "52 đầu việc đã giao (không kể tạm dừng, hủy)" in sentence
    assert "(18/52) gồm hoàn thành đúng hạn, đang trong hạn và không thời hạn" in sentence
    assert "(34/52) gồm hoàn thành quá hạn và đang quá hạn" in sentence
