"""Reminders inside the TUI: an APScheduler AsyncIOScheduler whose jobs only post messages.

The database is the source of truth; the jobs decide nothing. A job fires at the next
digest time (rebuilt after every change) and a periodic one every minute, so reminders
survive a laptop's sleep. ``misfire_grace_time=None``: a job that fires late (the
machine slept, the loop was busy) still runs, instead of APScheduler's default of
silently dropping anything more than a second late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from deadline_tui.reminders.engine import ReminderRules, next_fire_time

PERIODIC_SECONDS = 60


class ReminderSchedule:
    """Owns the scheduler; ``notify`` posts the check message to the app."""

    def __init__(self, rules: ReminderRules, notify: Callable[[], None]) -> None:
        self.rules = rules
        self._notify = notify
        self._scheduler: Any = None  # an AsyncIOScheduler once started (APScheduler is untyped)

    async def _fire(self) -> None:
        # A coroutine job runs on the event loop itself, so posting a message is safe.
        self._notify()

    def start(self, now: datetime) -> None:
        """Start on the running event loop (it fails before the loop runs); ``now`` is the
        app's clock, which plans the first job."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        scheduler = AsyncIOScheduler(
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
        )
        scheduler.add_job(self._fire, "interval", seconds=PERIODIC_SECONDS, id="periodic-check")
        scheduler.start()
        self._scheduler = scheduler
        self.reschedule(now)

    def reschedule(self, now: datetime) -> datetime | None:
        """(Re)plan the job at the next moment a reminder can come due by the app's clock
        ``now``; returns that moment. APScheduler runs on the system clock, so the job is
        set the same distance ahead of it: with the real clock the two agree, and a fixed
        clock (tests, a simulated morning) never yields a run date already in the past."""
        scheduler = self._scheduler
        if scheduler is None:
            return None
        moment = next_fire_time(now, self.rules)
        run_date = datetime.now() + max(moment - now, timedelta(0))
        scheduler.add_job(
            self._fire, "date", run_date=run_date, id="next-reminder", replace_existing=True
        )
        return moment

    def jobs(self) -> list[str]:
        """Ids of the scheduled jobs (for the help screen and tests)."""
        scheduler = self._scheduler
        return [job.id for job in scheduler.get_jobs()] if scheduler is not None else []

    def stop(self) -> None:
        """Shut the scheduler down without waiting for running jobs."""
        scheduler = self._scheduler
        if scheduler is not None:
            scheduler.shutdown(wait=False)
            self._scheduler = None
