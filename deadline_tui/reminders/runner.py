"""Delivering due reminders once: claim in the log, send, confirm.

Two runners (the TUI and cron) may run at the same moment. Each first claims the
reminders it will send, under the database lock, skipping any another runner has
claimed or delivered; so no reminder goes out twice. A claim whose notice no channel
could carry is withdrawn, so the next run tries again; a claim left by a runner that
died mid-way expires after the lease and is retried.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.names import NameMatcher
from deadline_tui.reminders.channels import Channel, ChannelError
from deadline_tui.reminders.engine import Reminder, ReminderRules, Scan, is_settled, scan
from deadline_tui.reminders.notices import Notice, compose
from deadline_tui.services.tasks import TaskService

CHANNEL_NOTE = "channel-failed"


def channel_note_key(channel: str, day: date) -> str:
    """The log key of "channel X failed on day D": one note per channel and day."""
    return f"channel|{channel}|{day.isoformat()}"


@dataclass
class RunResult:
    """What one run did. ``failures`` are the channels that failed for the first time
    today (each is noted once a day in the delivery log; a channel that stays
    unavailable, such as the desktop without a D-Bus session, is not reported again)."""

    delivered: list[Reminder] = field(default_factory=list)
    undelivered: list[Reminder] = field(default_factory=list)
    notices: list[tuple[Notice, list[str]]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (channel, reason)


def _host_name() -> str:
    """This machine's name, for the log's "claimed by" (os.uname: no socket import)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


class ReminderRunner:
    """Finds, claims and delivers reminders through the given channels."""

    def __init__(
        self,
        service: TaskService,
        rules: ReminderRules,
        channels: Sequence[Channel],
        *,
        group_above: int = 3,
        runner_id: str | None = None,
        matcher: NameMatcher | None = None,
    ) -> None:
        self.service = service
        self.rules = rules
        self.channels = list(channels)
        self.group_above = group_above
        self.matcher = matcher or NameMatcher()  # the office's [aliases], for the digest
        self.runner_id = runner_id or f"{_host_name()}:{os.getpid()}"

    def scan(self, now: datetime) -> Scan:
        """What is due now and the day's counts, without delivering or writing anything."""
        repo = self.service.repo
        return scan(repo.tasks(), now, self.rules, repo.deliveries())

    def pending(self, now: datetime) -> list[Reminder]:
        """What is due now, without delivering or writing anything (``--dry-run``)."""
        return self.scan(now).reminders

    def _claim(self, due: Sequence[Reminder], now: datetime) -> list[Reminder]:
        # The book checks each key against its log under its own lock (or row locks):
        # another runner may have been first, and then that key is not ours.
        by_key = {r.key: r for r in due}
        taken = self.service.repo.claim_deliveries(
            [
                Delivery(r.key, r.uid, r.kind, r.due_on, DeliveryState.CLAIMED, now, self.runner_id)
                for r in due
            ],
            lambda logged: not is_settled(logged, now, self.rules),
        )
        return [by_key[claim.key] for claim in taken]

    def run(self, now: datetime) -> RunResult:
        """Deliver everything due now, once."""
        result = RunResult()
        self.service.top_up_series()
        due, counts = self.scan(now)
        if not due:
            return result
        claimed = self._claim(due, now)
        if not claimed:
            return result
        failed: dict[str, str] = {}
        for notice in compose(claimed, counts, now.date(), self.group_above, self.matcher):
            carried: list[str] = []
            for channel in self.channels:
                try:
                    channel.send(notice)
                except ChannelError as error:
                    failed.setdefault(channel.name, error.reason)
                else:
                    carried.append(channel.name)
            result.notices.append((notice, carried))
            (result.delivered if carried else result.undelivered).extend(notice.reminders)
        noted = self.service.repo.deliveries()
        result.failures = [
            (name, reason)
            for name, reason in failed.items()
            if channel_note_key(name, now.date()) not in noted
        ]
        self._settle(result, now)
        return result

    def _settle(self, result: RunResult, now: datetime) -> None:
        repo = self.service.repo
        channels = {
            r.key: ",".join(names) for notice, names in result.notices for r in notice.reminders
        }
        with repo.batch():
            repo.record_deliveries(
                [
                    Delivery(
                        r.key,
                        r.uid,
                        r.kind,
                        r.due_on,
                        DeliveryState.DELIVERED,
                        now,
                        self.runner_id,
                        channels.get(r.key, ""),
                    )
                    for r in result.delivered
                ]
                + [
                    Delivery(
                        channel_note_key(name, now.date()),
                        "",
                        CHANNEL_NOTE,
                        None,
                        DeliveryState.DELIVERED,
                        now,
                        self.runner_id,
                        f"{name}: {reason}"[:300],
                    )
                    for name, reason in result.failures
                ]
            )
            if result.undelivered:
                repo.forget_deliveries([r.key for r in result.undelivered])
