"""Opening a large book with its opening view kept: the first frame shows the figures and
the most urgent rows at once; the whole book follows without moving the user's cursor."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from deadline_tui.services.opening import OPENING_ROWS
from deadline_tui.tui.app import DeadlineApp
from deadline_tui.tui.store import BookStore
from tests.factories import make_task
from tests.tui.conftest import loaded, main_screen, screen_text, shown_uids, table, wait_for

TODAY = date(2026, 11, 23)
COUNT = OPENING_ROWS + 200


def big_book() -> list:
    """Open tasks due on every day around today, so the urgency order is easy to predict."""
    return [
        make_task(uid=f"big{n:07d}", title=f"Việc số {n}", due_on=TODAY + timedelta(days=n - 250))
        for n in range(COUNT)
    ]


class HeldRead:
    """Holds every full read of the book, once armed, until released."""

    def __init__(self) -> None:
        self.armed = False
        self.released = threading.Event()

    def release(self) -> None:
        self.released.set()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldRead:
    """Arm it after the first session: from then on the whole book is read only when the
    test releases it, so the opening view stays on screen as long as the test needs."""
    hold = HeldRead()
    reload = BookStore.reload

    def held_reload(store: BookStore) -> bool:
        if hold.armed:
            assert hold.released.wait(10), "the test never released the full read"
        return reload(store)

    monkeypatch.setattr(BookStore, "reload", held_reload)
    return hold


async def test_the_first_frame_comes_from_the_opening_view_and_the_rest_follows(
    make_app: Callable[..., DeadlineApp], held: HeldRead
) -> None:
    # A first session reads the whole book and keeps its opening view.
    first = make_app(big_book())
    async with first.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        everything = shown_uids(pilot)
    assert len(everything) == COUNT

    held.armed = True
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: len(table(pilot).rows) == OPENING_ROWS)
        screen = main_screen(pilot)
        assert not screen.loaded
        assert shown_uids(pilot) == everything[:OPENING_ROWS]
        text = screen_text(pilot)
        assert f"{COUNT} đầu việc" in text.replace(".", "")  # the whole book's figures
        # The user moves before the rest has arrived ...
        await pilot.press("down", "down", "down")
        chosen = table(pilot).current
        assert chosen is not None and chosen.task.uid == everything[3]
        held.release()
        await loaded(pilot)
        # ... and stays on the same task once every row is there.
        assert shown_uids(pilot) == everything
        current = table(pilot).current
        assert current is not None and current.task.uid == everything[3]


async def test_end_pressed_before_the_whole_book_is_read_goes_to_its_last_task(
    make_app: Callable[..., DeadlineApp], held: HeldRead
) -> None:
    first = make_app(big_book())
    async with first.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        last = shown_uids(pilot)[-1]
    held.armed = True
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: len(table(pilot).rows) == OPENING_ROWS)
        await pilot.press("end")
        held.release()
        await loaded(pilot)
        current = table(pilot).current
        assert current is not None and current.task.uid == last
        await pilot.press("home")
        assert table(pilot).cursor == 0
