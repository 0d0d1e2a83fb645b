"""The TUI on the server book: it opens, and shows another desk's change within a second,
told by LISTEN/NOTIFY rather than by polling."""

from __future__ import annotations

import time
from datetime import date

from textual.css.query import NoMatches
from textual.pilot import Pilot

from deadline_tui.config import ReminderSettings, Settings, UiSettings
from deadline_tui.services.clock import FixedClock
from deadline_tui.storage.server.book import ServerBook
from deadline_tui.tui.app import DeadlineApp
from tests.conftest import NOW
from tests.factories import make_task
from tests.tui.conftest import detail_text, shown_uids, wait_for


async def test_another_desks_change_shows_within_a_second(server_url: str) -> None:
    writer = ServerBook.open(server_url, user="Bàn bên cạnh")
    writer.add(make_task(uid="aaaa000001", title="Việc một", due_on=date(2026, 11, 30)))
    base = Settings()
    settings = base._replace(
        # A long polling interval: only the notification can bring the change in time.
        ui=UiSettings()._replace(refresh_seconds=600),
        database=base.database._replace(url=server_url),
        reminders=ReminderSettings()._replace(channels=("toast",)),
    )
    app = DeadlineApp(settings, clock=FixedClock(NOW), reminders=False)
    try:
        async with app.run_test(size=(150, 40)) as pilot:
            # (not tests.tui's `loaded`: it waits for every worker to finish, and the
            # listener runs as long as the app)
            await wait_for(pilot, lambda: shown_uids(pilot) == ["aaaa000001"])
            await wait_for(pilot, lambda: getattr(app.store.repo, "is_listening", False))
            started = time.monotonic()
            writer.add(make_task(uid="zzzz000001", title="Thêm ở bàn khác"))
            await wait_for(pilot, lambda: "zzzz000001" in shown_uids(pilot), timeout=10)
            assert time.monotonic() - started < 1.0
    finally:
        writer.close()


def _detail(pilot: Pilot[int]) -> str:
    try:
        return detail_text(pilot)
    except NoMatches:  # (not mounted yet)
        return ""


async def test_the_detail_pane_shows_who_changed_the_task(server_url: str) -> None:
    writer = ServerBook.open(server_url, user="Bàn bên cạnh")
    task = writer.add(make_task(uid="aaaa000001", title="Việc một", due_on=date(2026, 11, 30)))
    writer.update(task.id, lambda t: t._replace(note="Đã nhắc"))
    writer.close()
    base = Settings()
    settings = base._replace(
        database=base.database._replace(url=server_url),
        reminders=ReminderSettings()._replace(channels=("toast",)),
    )
    app = DeadlineApp(settings, clock=FixedClock(NOW), reminders=False)
    async with app.run_test(size=(150, 50)) as pilot:
        await wait_for(pilot, lambda: "Lịch sử thay đổi" in _detail(pilot))
        text = detail_text(pilot)
        assert "Bàn bên cạnh  thêm" in text
        assert "Bàn bên cạnh  sửa: Ghi chú" in text
