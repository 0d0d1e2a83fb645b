"""80×24 works; 200 columns and more put the detail pane beside the table (issue 14.8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.widgets import Select

from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.summary import SummaryScreen
from tests.factories import make_task
from tests.tui.conftest import loaded, main_screen, screen_text, table, wait_for


def book() -> list:
    return [
        make_task(
            uid=f"task{number:06d}",
            title=f"Đầu việc thứ {number} cần theo dõi",
            due_on=date(2026, 11, 1) + timedelta(days=number),
            assigned_on=date(2026, 10, 1),
        )
        for number in range(40)
    ]


async def test_80x24_shows_ten_task_rows_and_the_key_facts_of_the_task(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "Hạn xử lý:" in screen_text(pilot))
        lines = screen_text(pilot).splitlines()
        rows = [line for line in lines if "Đầu việc thứ" in line and "Nội dung:" not in line]
        assert len(rows) >= 10
        assert table(pilot).size.width == 80  # the detail pane is under the table
        detail = lines[lines.index(next(line for line in lines if "Tình trạng:" in line)) :]
        assert any("Hạn xử lý:" in line for line in detail)  # status and deadline first


async def test_80x24_summary_keeps_the_group_selector_on_screen(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        selector = app.screen.query_one("#summary-by", Select)
        await wait_for(pilot, lambda: selector.region.width > 0)
        assert selector.region.right <= 80


async def test_wide_terminals_put_the_detail_beside_the_table(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        detail = main_screen(pilot).query_one("#detail-slot")
        assert detail.region.x > table(pilot).region.x
        assert detail.region.y == table(pilot).region.y
