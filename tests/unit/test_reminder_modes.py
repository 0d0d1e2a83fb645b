"""How reminders run: the daemon's first check and clean stop, the TUI schedule's misfire
settings, and a desktop channel with a dead D-Bus session that fails without a sound."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from deadline_tui.reminders.channels import ChannelError, DesktopChannel
from deadline_tui.reminders.engine import ReminderRules
from deadline_tui.reminders.notices import Notice
from deadline_tui.storage.desk import DeskBook
from deadline_tui.tui.reminders import ReminderSchedule
from tests.factories import make_task


def test_the_daemon_checks_at_start_and_stops_cleanly_on_sigterm(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path)
    repo.add(make_task(uid="daemon0001", title="Quá hạn cần nhắc", due_on=date(2026, 11, 1)))
    repo.close()
    env = {**os.environ, "DEADLINE_TUI_DB": str(db_path)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "deadline_tui", "remind", "--daemon", "--now", "23/11/2026 09:00"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()  # the first check runs at start
        assert "Bản tin đầu việc ngày 23/11/2026" in first_line or "Quá hạn" in first_line
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    repo = DeskBook.open_or_create(db_path)
    try:
        assert any(key.startswith("daemon0001|overdue-22|") for key in repo.deliveries())
    finally:
        repo.close()


async def test_the_tui_schedule_never_drops_a_late_job() -> None:
    fired: list[bool] = []
    schedule = ReminderSchedule(ReminderRules(), lambda: fired.append(True))
    schedule.start(datetime(2026, 11, 23, 9, 0))
    try:
        scheduler = schedule._scheduler
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"periodic-check", "next-reminder"}
        for job in jobs.values():
            # APScheduler's default grace of 1 s would drop a reminder that came due while
            # the laptop slept; None means "run it however late".
            assert job.misfire_grace_time is None
            assert job.coalesce is True
        moment = schedule.reschedule(datetime(2026, 11, 23, 9, 0))
        assert moment == datetime(2026, 11, 24, 7, 30)
        await asyncio.sleep(0)
    finally:
        schedule.stop()


async def test_the_tui_schedule_plans_by_the_app_clock_not_the_system_date() -> None:
    """A clock years away from the real one (a test, a simulated morning) still gets its
    next job ahead of the scheduler's own clock: it is not fired at once as a missed one
    and dropped from the list (the flaky CI of 23/11/2026)."""
    fired: list[bool] = []
    schedule = ReminderSchedule(ReminderRules(), lambda: fired.append(True))
    schedule.start(datetime(2020, 1, 1, 9, 0))
    try:
        for _ in range(5):
            await asyncio.sleep(0.01)
        jobs = {job.id: job for job in schedule._scheduler.get_jobs()}
        assert "next-reminder" in jobs
        wait = jobs["next-reminder"].next_run_time.replace(tzinfo=None) - datetime.now()
        # 09:00 -> 07:30 next morning is 22 h 30 min ahead, by the scheduler's clock too.
        assert timedelta(hours=22, minutes=29) < wait <= timedelta(hours=22, minutes=30)
        assert fired == []
    finally:
        schedule.stop()


def test_a_dead_dbus_session_fails_quietly(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """With a session address but no bus behind it, delivery fails as a ChannelError and
    nothing reaches the terminal (it would garble the TUI)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/deadline-tui-bus")
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(ChannelError):
        DesktopChannel(timeout=5).send(Notice("Tiêu đề", "Nội dung", ()))
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""
