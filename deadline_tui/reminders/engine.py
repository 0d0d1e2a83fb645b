"""Which reminders are due now: a pure function of tasks, time, rules and the delivery log.

Every reminder of a day fires at the digest time of that day. Per task the kinds are
``before-N`` (N days before the deadline, for each configured lead time), ``due`` (on the
deadline day) and ``overdue-K`` (K days after it; daily, or only K = 1). A reminder's key
is the task uid, the kind and the deadline it is about, so an extended deadline starts
afresh. When several kinds of one task have come due (after a week away), only the
latest is delivered: the user needs to hear "overdue 5 days", not the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.status import Assessment, Status, assess
from deadline_tui.domain.task import Task

DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class ReminderRules:
    """The reminder settings the engine needs."""

    lead_days: tuple[int, ...] = (7, 3, 1, 0)
    digest_time: time = time(7, 30)
    repeat_overdue: bool = True
    warning_days: int = 3
    lease_seconds: float = 600.0  # a claim older than this was lost (its runner died)


class Reminder(NamedTuple):
    """One reminder to deliver. ``task`` is None for the daily digest."""

    key: str
    kind: str
    fires_at: datetime
    task: Task | None = None
    due_on: date | None = None
    days: int = 0  # days left (before / due) or days overdue, at delivery
    # The deadline has passed at delivery. A "due" reminder caught up the next morning
    # (before that day's overdue reminder may fire) is about an overdue task.
    overdue: bool = False
    # An overdue task already reported overdue for this deadline: old news, which the
    # digest counts under its unit instead of listing it again.
    repeat: bool = False

    @property
    def uid(self) -> str:
        """The task's uid, or "digest"."""
        return self.task.uid if self.task else DIGEST


def reminder_key(uid: str, kind: str, due_on: date | None) -> str:
    """The log key: task, kind and the deadline the reminder is about."""
    return f"{uid}|{kind}|{due_on.isoformat() if due_on else '-'}"


def digest_key(day: date) -> str:
    """The log key of one day's digest."""
    return f"{DIGEST}|{day.isoformat()}"


def _at(day: date, rules: ReminderRules) -> datetime:
    return datetime.combine(day, rules.digest_time)


class OverdueTask(NamedTuple):
    """An open overdue task as the digest groups it: by lead unit, with its delay."""

    uid: str
    unit: str
    days: int


@dataclass(frozen=True, slots=True)
class DayCounts:
    """The day's picture for the digest: open tasks overdue, due today, due soon after;
    and every overdue task, for the digest's "by unit" part."""

    overdue: int
    due_today: int
    due_soon: int
    overdue_tasks: tuple[OverdueTask, ...] = ()
    first_digest: bool = False  # no digest was ever delivered from this book


@lru_cache(maxsize=4096)  # a few hundred distinct kinds; called for every log record
def kind_offset(kind: str) -> int | None:
    """Where a reminder's day stands against the deadline, in days: "before-7" is -7,
    "due" 0, "overdue-3" 3; None for the digest. A later reminder has a larger offset."""
    if kind == "due":
        return 0
    name, _, number = kind.partition("-")
    if not number.isdigit():
        return None
    if name == "before":
        return -int(number)
    return int(number) if name == "overdue" else None


class Told(NamedTuple):
    """What the log says was already delivered (a claim does not count)."""

    # (task uid, deadline) -> the largest offset delivered for that deadline.
    latest: dict[tuple[str, date | None], int]
    last_digest_day: date | None
    last_delivery_day: date | None  # of any reminder or digest: the last run that told


def told_from(log: Mapping[str, Delivery]) -> Told:
    """Read the delivery log once per scan."""
    latest: dict[tuple[str, date | None], int] = {}
    last_digest: date | None = None
    last_at: datetime | None = None
    delivered = DeliveryState.DELIVERED
    for record in log.values():
        if record.state is not delivered:
            continue
        kind = record.kind
        if kind == DIGEST:
            day = _digest_day(record.key)
            if day is not None and (last_digest is None or day > last_digest):
                last_digest = day
        else:
            offset = kind_offset(kind)
            if offset is None:
                continue  # not a reminder (a channel's note)
            key = (record.uid, record.due_on)
            if offset > latest.get(key, offset - 1):
                latest[key] = offset
        if last_at is None or record.at > last_at:
            last_at = record.at
    return Told(latest, last_digest, last_at.date() if last_at else None)


def _digest_day(key: str) -> date | None:
    try:
        return date.fromisoformat(key.partition("|")[2])
    except ValueError:
        return None


class Scan(NamedTuple):
    """One pass over the book at ``now``: the reminders to deliver and the day's counts."""

    reminders: list[Reminder]
    counts: DayCounts


def _latest_for_task(
    task: Task,
    found: Assessment,
    now: datetime,
    rules: ReminderRules,
    leads: tuple[int, ...],
    *,
    old_news: bool = False,
) -> Reminder | None:
    """The most recent reminder of ``task`` (open, assessed at today as ``found``) whose
    time has come, if any. ``leads`` are the lead days, smallest first; ``old_news``: the
    task's being overdue was already told (see :attr:`Reminder.repeat`)."""
    today = now.date()
    due = found.due_on
    if due is None:
        return None
    overdue = found.status is Status.OPEN_OVERDUE
    if not overdue and (found.days or 0) > (leads[-1] if leads else 0):
        return None  # most of a book: even the first reminder is still ahead
    # Candidates newest first: today's overdue reminder (or yesterday's while today's
    # time has not come yet), then the lead times from the deadline day backwards. The
    # first whose moment has come is the one; none from before the task was assigned.
    candidates: list[tuple[date, int]] = []  # (day, days overdue)
    if overdue:
        overdue_days = (today - due).days
        counts = (overdue_days, overdue_days - 1) if rules.repeat_overdue else (1,)
        candidates += [(due + timedelta(days=k), k) for k in counts if k >= 1]
    for day, count in candidates:
        moment = _moment_if_come(task, now, rules, day)
        if moment is not None:
            return _reminder(task, f"overdue-{count}", moment, due, today, old_news=old_news)
    for lead in leads:
        moment = _moment_if_come(task, now, rules, due - timedelta(days=lead))
        if moment is not None:
            kind = "due" if lead == 0 else f"before-{lead}"
            return _reminder(task, kind, moment, due, today, old_news=old_news)
    return None


def _moment_if_come(task: Task, now: datetime, rules: ReminderRules, day: date) -> datetime | None:
    """When the reminder of ``day`` fires, if that has come and the task was assigned."""
    if day < task.assigned_on or day > now.date():
        return None
    moment = _at(day, rules)
    return moment if moment <= now else None


def _reminder(
    task: Task, kind: str, moment: datetime, due: date, today: date, *, old_news: bool
) -> Reminder:
    overdue = today > due
    days = (today - due).days if overdue else (due - today).days
    key = reminder_key(task.uid, kind, due)
    return Reminder(key, kind, moment, task, due, days, overdue, overdue and old_news)


def is_settled(record: Delivery | None, now: datetime, rules: ReminderRules) -> bool:
    """True when a log record blocks delivery: delivered, or claimed within the lease."""
    if record is None:
        return False
    if record.state is not DeliveryState.CLAIMED:
        return True
    return (now - record.at).total_seconds() < rules.lease_seconds


def scan(
    tasks: Iterable[Task], now: datetime, rules: ReminderRules, log: Mapping[str, Delivery]
) -> Scan:
    """Reminders to deliver now: the latest pending one per task, and today's digest
    once its time has come, most urgent first (overdue longest, then nearest deadline);
    and the day's counts, from the same assessment of each task."""
    today = now.date()
    leads = tuple(sorted(rules.lead_days))
    told = told_from(log)
    # A task "became overdue" since the last run that delivered when its deadline is on
    # or after that run's day (on that day it was still in term). Before any run, within
    # the longest lead time: older overdue tasks (an imported book) are grouped by unit,
    # not announced one by one as news.
    news_since = told.last_delivery_day or today - timedelta(days=max((1, *rules.lead_days)))
    due: list[Reminder] = []
    overdue: list[OverdueTask] = []
    due_today = due_soon = 0
    for task in tasks:
        found = assess(task, today, rules.warning_days)
        if found is None:
            continue
        status = found.status
        if status is Status.OPEN_OVERDUE:
            overdue.append(OverdueTask(task.uid, task.lead_unit, found.days or 0))
        elif status is Status.OPEN_IN_TERM:
            if found.days == 0:
                due_today += 1
            elif found.due_soon:
                due_soon += 1
        else:
            continue  # only open tasks with a deadline are reminded
        delivered = told.latest.get((task.uid, found.due_on))
        old_news = status is Status.OPEN_OVERDUE and (
            (delivered is not None and delivered > 0)
            or (found.due_on is not None and found.due_on < news_since)
        )
        reminder = _latest_for_task(task, found, now, rules, leads, old_news=old_news)
        if reminder is None or is_settled(log.get(reminder.key), now, rules):
            continue
        # Never a reminder older than one already delivered for this deadline (the clock
        # was set back after a run): the user has heard newer news.
        offset = kind_offset(reminder.kind)
        if delivered is not None and offset is not None and offset <= delivered:
            continue
        due.append(reminder)
    due.sort(key=lambda r: (r.due_on or date.max, r.task.id if r.task else 0))
    digest_time = _at(today, rules)
    key = digest_key(today)
    if (
        now >= digest_time
        and not is_settled(log.get(key), now, rules)
        and (told.last_digest_day is None or told.last_digest_day < today)
    ):
        due.insert(0, Reminder(key, DIGEST, digest_time))
    counts = DayCounts(
        len(overdue), due_today, due_soon, tuple(overdue), told.last_digest_day is None
    )
    return Scan(due, counts)


def reminders_due(
    tasks: Iterable[Task], now: datetime, rules: ReminderRules, log: Mapping[str, Delivery]
) -> list[Reminder]:
    """Just the reminders of :func:`scan`."""
    return scan(tasks, now, rules, log).reminders


def next_fire_time(now: datetime, rules: ReminderRules) -> datetime:
    """When the next reminder can come due: today's digest time if still ahead, else
    tomorrow's. (Every reminder fires at the digest time of its day.)"""
    today_at = _at(now.date(), rules)
    return today_at if today_at > now else _at(now.date() + timedelta(days=1), rules)
