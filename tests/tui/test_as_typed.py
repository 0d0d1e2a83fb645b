"""What a person sees and types: dates typed key by key, phrases in the other language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deadline_tui.domain.task import TaskState
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.screens.small_forms import DoneDateScreen
from tests.tui.conftest import loaded, read_book, screen_text, wait_for
from tests.tui.test_actions import book


async def test_an_impossible_date_typed_after_clearing_the_field_is_refused(
    make_app: Callable[..., DeadlineApp], db_path: Path
) -> None:
    app = make_app(book())
    async with app.run_test(size=(150, 45)) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneDateScreen))
        await pilot.press("ctrl+u", *"31/02/2026")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoneDateScreen)
        assert read_book(db_path)["first00001"].state is TaskState.OPEN
        assert "31/02/2026" in screen_text(pilot)


def test_the_days_column_fits_english_phrases_and_keeps_its_vietnamese_width() -> None:
    from deadline_tui.i18n import set_language, t
    from deadline_tui.tui.widgets.task_table import COLUMNS, layout

    days = [c.header for c in COLUMNS].index("col.days")
    try:
        set_language("en")
        assert layout(140)[days] >= len(t("days_overdue", days=296)) == len("296 days overdue")
    finally:
        set_language("vi")
    assert layout(140)[days] == 14  # (a task due today says so in the status column)
