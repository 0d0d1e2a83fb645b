"""The main screen as a user meets it: figures, the table in urgency order, the detail
pane, plain-text rendering of any title, filters, sorting, and the key map."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from deadline_tui.config import Settings
from deadline_tui.domain.task import TaskState
from deadline_tui.services.clock import FixedClock
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.widgets.detail_pane import DetailPane
from tests.factories import make_task
from tests.tui.conftest import (
    BRACKET_TITLE,
    detail_text,
    idle,
    loaded,
    main_screen,
    screen_text,
    settings_for,
    shown_uids,
    table,
    wait_for,
    write_book,
)

TODAY = date(2026, 11, 23)


def book() -> list:
    """Five tasks, one per status at 23/11/2026, plus one due today and one due soon."""
    return [
        make_task(
            uid="ontime0001",
            title="Đã xong đúng hạn",
            due_on=date(2026, 10, 1),
            done_on=date(2026, 9, 30),
        ),
        make_task(
            uid="overdue001",
            title="Báo cáo quá hạn lâu",
            lead_unit="Sở Tài chính",
            due_on=date(2026, 9, 1),
        ),
        make_task(
            uid="overdue002",
            title="Quá hạn gần đây",
            lead_unit="Sở Y tế",
            due_on=date(2026, 11, 20),
        ),
        make_task(
            uid="today00001",
            title="Đến hạn hôm nay",
            lead_unit="Sở Kế hoạch và Đầu tư",
            due_on=TODAY,
        ),
        make_task(
            uid="later00001",
            title="Còn lâu mới đến hạn",
            lead_unit="UBND huyện Cẩm Xuyên",
            due_on=date(2027, 3, 31),
        ),
        make_task(uid="nodeadline", title="Việc thường xuyên", deadline_text="thường xuyên"),
        make_task(
            uid="bracket001", title=BRACKET_TITLE, lead_unit="Sở Nội vụ", due_on=date(2026, 12, 31)
        ),
        make_task(
            uid="suspended1",
            title="Đang tạm dừng",
            due_on=date(2026, 5, 1),
            state=TaskState.SUSPENDED,
        ),
    ]


async def test_first_screen_shows_figures_and_urgency_order(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        assert shown_uids(pilot)[:4] == ["overdue001", "overdue002", "today00001", "bracket001"]
        text = screen_text(pilot)
        assert "Văn phòng UBND tỉnh" in text and "Thứ Hai, 23/11/2026" in text
        # 7 counted (suspended is apart); due: overdue×2 + today + done = 4; done 1/4; overdue 2.
        assert "7 đầu việc" in text
        assert "đến hạn 4" in text
        assert "hoàn thành 1/4 (25,0%)" in text
        assert "quá hạn 2" in text
        assert "quá 83 ngày" in text  # 01/09 -> 23/11
        assert "hạn hôm nay" in text


async def test_markup_like_titles_show_as_written(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        table(pilot).cursor = shown_uids(pilot).index("bracket001")
        await wait_for(pilot, lambda: BRACKET_TITLE in screen_text(pilot).split("Nội dung:")[-1])
        text = screen_text(pilot)
        assert BRACKET_TITLE in text  # in the table row and in the detail pane
        assert main_screen(pilot).query_one(DetailPane).is_mounted


async def test_detail_pane_follows_the_cursor(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("down")
        await wait_for(
            pilot, lambda: "Quá hạn gần đây" in screen_text(pilot).split("Tình trạng: ")[-1]
        )
        text = screen_text(pilot)
        assert "overdue002" in text
        assert "Đơn vị chủ trì: Sở Y tế" in text


async def test_search_ignores_diacritics(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await pilot.press(*"bao cao qua han")
        await wait_for(pilot, lambda: shown_uids(pilot) == ["overdue001"])
        await pilot.press("escape")
        assert table(pilot).has_focus


async def test_status_filter_cycles_and_clears(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("f")  # -> overdue
        await wait_for(pilot, lambda: shown_uids(pilot) == ["overdue001", "overdue002"])
        await pilot.press("f")  # -> due soon (due today counts)
        await wait_for(pilot, lambda: shown_uids(pilot) == ["today00001"])
        # The bar counts today's apart from the later ones: the filter's name says it
        # lists both, so its one row is not read as contradicting "sắp đến hạn 0".
        assert "Hôm nay, sắp đến hạn" in screen_text(pilot)
        assert "đến hạn hôm nay 1" in screen_text(pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: len(shown_uids(pilot)) == 8)


async def test_unit_filter_ignores_diacritics(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        main_screen(pilot).query_one("#filter-unit", Input).value = "so ke hoach"
        await wait_for(pilot, lambda: shown_uids(pilot) == ["today00001"])


async def test_cut_off_date_recomputes_every_status(make_app: Callable[..., DeadlineApp]) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        # At 15/08/2026 nothing was overdue yet and the completion had not happened.
        main_screen(pilot).query_one("#filter-as-of", Input).value = "15/08/2026"
        await wait_for(pilot, lambda: "Xem tại ngày 15/08/2026" in screen_text(pilot))
        statuses = {row.task.uid: row.found.status.value for row in table(pilot).rows}
        assert statuses["overdue001"] == "open_in_term"
        assert statuses["ontime0001"] == "open_in_term"
        assert "quá hạn 0" in screen_text(pilot)


async def test_unreadable_cut_off_is_marked_and_ignored(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        field = main_screen(pilot).query_one("#filter-as-of", Input)
        field.value = "31/02/2026"
        await wait_for(pilot, lambda: field.has_class("-invalid"))
        assert len(shown_uids(pilot)) == 8


async def test_sort_key_cycles_and_header_click_reverses(
    make_app: Callable[..., DeadlineApp],
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("o")  # urgency -> due date
        await wait_for(pilot, lambda: main_screen(pilot).query_state.order == "due")
        await wait_for(pilot, lambda: shown_uids(pilot)[0] == "suspended1")
        await pilot.click("#task-table", offset=(25, 0))  # the due column header (x 22-31)
        await wait_for(pilot, lambda: main_screen(pilot).query_state.reverse)
        await wait_for(pilot, lambda: shown_uids(pilot)[-1] == "suspended1")


async def test_keys_can_be_remapped_by_binding_id(
    db_path: Path, make_app: Callable[..., DeadlineApp]
) -> None:
    settings: Settings = settings_for(db_path)

    app = make_app(
        book(), settings=settings._replace(keys={"summary": "ctrl+t", "new-task": "ctrl+n"})
    )
    async with app.run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "MainScreen"
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "SummaryScreen")


def midnight(pilot: Pilot[int], clock: FixedClock) -> None:
    """Two minutes later it is tomorrow; the screen's watch timer looks."""
    clock.moment = datetime(2026, 11, 24, 0, 1)
    main_screen(pilot).check_for_outside_changes()


async def test_past_midnight_the_header_and_the_view_move_to_the_new_day(
    make_app: Callable[..., DeadlineApp],
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 23, 59))
    async with make_app(book(), clock=clock).run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        assert "Thứ Hai, 23/11/2026" in screen_text(pilot)
        assert "quá hạn 2" in screen_text(pilot)
        midnight(pilot, clock)
        # The task due on 23/11 is overdue now; the bar speaks of today, not "xem tại ngày".
        await wait_for(pilot, lambda: "quá hạn 3" in screen_text(pilot))
        text = screen_text(pilot)
        assert "Thứ Ba, 24/11/2026" in text
        assert "Xem tại ngày" not in text


async def test_past_midnight_a_cut_off_the_user_typed_stays(
    make_app: Callable[..., DeadlineApp],
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 23, 59))
    async with make_app(book(), clock=clock).run_test(size=(150, 40)) as pilot:
        await loaded(pilot)
        main_screen(pilot).query_one("#filter-as-of", Input).value = "15/08/2026"
        await wait_for(pilot, lambda: "Xem tại ngày 15/08/2026" in screen_text(pilot))
        midnight(pilot, clock)
        await wait_for(pilot, lambda: "Thứ Ba, 24/11/2026" in screen_text(pilot))
        await idle(pilot)
        assert "Xem tại ngày 15/08/2026" in screen_text(pilot)
        assert main_screen(pilot).query_state.as_of == date(2026, 8, 15)


async def test_detail_pane_names_reminder_channels_in_words(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    from deadline_tui.domain.delivery import Delivery, DeliveryState
    from deadline_tui.storage.desk import DeskBook

    write_book(db_path, book())
    repo = DeskBook(db_path)
    try:
        repo.record_deliveries(
            [
                Delivery(
                    "overdue001:overdue-1", "overdue001", "overdue-1", date(2026, 9, 1),
                    DeliveryState.DELIVERED, datetime(2026, 9, 2, 7, 30), "r", "desktop,bell",
                )
            ]
        )  # fmt: skip
    finally:
        repo.close()
    app = make_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        assert shown_uids(pilot)[0] == "overdue001"
        await wait_for(pilot, lambda: "02/09/2026 07:30" in detail_text(pilot))
        assert "(thông báo trên màn hình, chuông)" in detail_text(pilot)
        assert "bell" not in detail_text(pilot)
