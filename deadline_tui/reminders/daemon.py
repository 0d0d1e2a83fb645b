"""``remind --daemon``: an APScheduler that checks for due reminders every minute.

Checking often (rather than sleeping until 07:30) is what makes it survive a laptop's
sleep and clock changes; the delivery log makes every check idempotent. The database
is the source of truth, so there is nothing to rebuild after a change.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable
from datetime import datetime
from types import FrameType

CHECK_SECONDS = 60


def run_daemon(check: Callable[[datetime], None], now: Callable[[], datetime]) -> None:
    """Run ``check(now())`` at start and every minute until SIGTERM or Ctrl-C."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler()
    scheduler.add_job(
        lambda: check(now()),
        "interval",
        seconds=CHECK_SECONDS,
        id="reminder-check",
        next_run_time=datetime.now(),
        # Never drop a late run (the default grace of 1 s drops a check that woke up
        # late after sleep); run a missed series of checks once.
        misfire_grace_time=None,
        coalesce=True,
        max_instances=1,
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    with contextlib.suppress(KeyboardInterrupt):
        scheduler.start()
