"""Which reminders are due, and the notices they become (DESIGN section 6), with explicit
``now`` values: the pure ``reminders_due`` and ``compose``.

Covers each lead time (7, 3, 1, 0 days) firing on its day at the digest time and not
before, the deadline day, overdue reminders repeated daily or once, the daily digest,
catch-up after days away (only the latest reminder per task), reminders never dated
before the assignment, fresh keys after an extension, the log and its lease, and the
grouping of many reminders into one digest notice.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.reminders.engine import (
    DIGEST,
    DayCounts,
    OverdueTask,
    Reminder,
    ReminderRules,
    digest_key,
    is_settled,
    next_fire_time,
    reminder_key,
    reminders_due,
    scan,
)
from deadline_tui.reminders.notices import compose, reminder_headline
from tests.factories import make_task

DUE = date(2026, 11, 30)
RULES = ReminderRules()
AT_DIGEST = time(7, 30)


def at(day: date, moment: time = AT_DIGEST) -> datetime:
    return datetime.combine(day, moment)


def task_due(due: date = DUE, **fields: object) -> Task:
    values: dict[str, object] = {"id": 1, "assigned_on": date(2026, 11, 1), "due_on": due}
    values.update(fields)
    return make_task(**values)


def task_reminders(
    tasks: list[Task],
    now: datetime,
    rules: ReminderRules = RULES,
    log: dict[str, Delivery] | None = None,
) -> list[Reminder]:
    return [r for r in reminders_due(tasks, now, rules, log or {}) if r.kind != DIGEST]


def delivered(reminders: list[Reminder], when: datetime) -> dict[str, Delivery]:
    """A log in which ``reminders`` were delivered at ``when``."""
    return {
        r.key: Delivery(r.key, r.uid, r.kind, r.due_on, DeliveryState.DELIVERED, when)
        for r in reminders
    }


def simulate(
    tasks: list[Task], start: datetime, end: datetime, step: timedelta, rules: ReminderRules = RULES
) -> list[tuple[datetime, Reminder]]:
    """Run the engine every ``step`` from ``start`` to ``end``, logging what it returns."""
    log: dict[str, Delivery] = {}
    fired: list[tuple[datetime, Reminder]] = []
    now = start
    while now <= end:
        due = reminders_due(tasks, now, rules, log)
        fired += [(now, r) for r in due]
        log.update(delivered(due, now))
        now += step
    return fired


# --- each kind on its day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_before", "kind"), [(7, "before-7"), (3, "before-3"), (1, "before-1"), (0, "due")]
)
def test_each_lead_time_fires_on_its_day_at_the_digest_time(days_before: int, kind: str) -> None:
    day = DUE - timedelta(days=days_before)
    task = task_due()
    early = [r.kind for r in task_reminders([task], at(day, time(7, 29)))]
    assert kind not in early
    [reminder] = task_reminders([task], at(day))
    assert reminder.kind == kind
    assert reminder.key == f"{task.uid}|{kind}|2026-11-30"
    assert reminder.fires_at == at(day)
    assert reminder.due_on == DUE
    assert reminder.days == days_before
    assert reminder.task == task


def test_nothing_before_the_first_lead_time() -> None:
    task = task_due()
    for day in range(1, 23):
        assert task_reminders([task], at(date(2026, 11, day), time(23, 59))) == []


def test_a_whole_month_minute_by_quarter_hour_fires_each_kind_once() -> None:
    task = task_due()
    fired = simulate(
        [task],
        at(date(2026, 11, 20), time(0, 0)),
        at(date(2026, 12, 4), time(23, 45)),
        timedelta(minutes=15),
    )
    kinds = [(when, r.kind) for when, r in fired if r.kind != DIGEST]
    assert kinds == [
        (at(date(2026, 11, 23)), "before-7"),
        (at(date(2026, 11, 27)), "before-3"),
        (at(date(2026, 11, 29)), "before-1"),
        (at(date(2026, 11, 30)), "due"),
        (at(date(2026, 12, 1)), "overdue-1"),
        (at(date(2026, 12, 2)), "overdue-2"),
        (at(date(2026, 12, 3)), "overdue-3"),
        (at(date(2026, 12, 4)), "overdue-4"),
    ]
    digests = [when for when, r in fired if r.kind == DIGEST]
    assert digests == [at(date(2026, 11, 20) + timedelta(days=n)) for n in range(15)]
    assert all(when.time() >= AT_DIGEST for when, _ in fired)


def test_overdue_only_once_when_not_repeated() -> None:
    rules = ReminderRules(repeat_overdue=False)
    fired = simulate(
        [task_due()],
        at(date(2026, 11, 20), time(0, 0)),
        at(date(2026, 12, 10), time(23, 0)),
        timedelta(hours=1),
        rules,
    )
    kinds = [r.kind for _, r in fired if r.kind != DIGEST]
    assert kinds == ["before-7", "before-3", "before-1", "due", "overdue-1"]


def test_overdue_reminder_counts_days() -> None:
    [reminder] = task_reminders([task_due()], at(date(2026, 12, 5), time(8, 0)))
    assert reminder.kind == "overdue-5"
    assert reminder.days == 5
    assert reminder_headline(reminder) == "Quá hạn 5 ngày"


def test_custom_lead_days_and_digest_time() -> None:
    rules = ReminderRules(lead_days=(10, 0), digest_time=time(6, 0))
    fired = simulate(
        [task_due()],
        at(date(2026, 11, 15), time(0, 0)),
        at(date(2026, 11, 30), time(23, 30)),
        timedelta(minutes=30),
        rules,
    )
    kinds = [(when, r.kind) for when, r in fired if r.kind != DIGEST]
    assert kinds == [
        (datetime(2026, 11, 20, 6, 0), "before-10"),
        (datetime(2026, 11, 30, 6, 0), "due"),
    ]


def test_without_lead_days_only_overdue_reminders_come() -> None:
    rules = ReminderRules(lead_days=())
    fired = simulate(
        [task_due()],
        at(date(2026, 11, 20), time(0, 0)),
        at(date(2026, 12, 2), time(23, 30)),
        timedelta(hours=1),
        rules,
    )
    assert [r.kind for _, r in fired if r.kind != DIGEST] == ["overdue-1", "overdue-2"]


def test_far_deadlines_are_skipped_but_a_far_new_deadline_recorded_later_is_not() -> None:
    """The engine's quick exit (deadline beyond every lead time) must not hide a task
    whose deadline in force today is near although its latest deadline is far."""
    today = date(2026, 11, 28)
    far = task_due(due=today + timedelta(days=30))
    assert task_reminders([far], at(today)) == []
    extended_later = task_due(
        due=today + timedelta(days=30),
        original_due_on=DUE,
        extensions=(Extension(DUE, today + timedelta(days=30), "x", "", today + timedelta(5)),),
    )
    assert [r.kind for r in task_reminders([extended_later], at(today))] == ["before-3"]


def test_reminders_before_the_assignment_are_skipped() -> None:
    # Assigned 28/11, due 30/11: before-7 and before-3 fell before it existed.
    task = task_due(assigned_on=date(2026, 11, 28))
    fired = simulate(
        [task],
        at(date(2026, 11, 20), time(0, 0)),
        at(date(2026, 11, 30), time(12, 0)),
        timedelta(hours=1),
    )
    assert [r.kind for _, r in fired if r.kind != DIGEST] == ["before-1", "due"]


def test_no_reminders_for_done_suspended_cancelled_or_deadline_less_tasks() -> None:
    now = at(date(2026, 12, 5))
    tasks = [
        task_due(id=1, done_on=date(2026, 11, 29)),
        task_due(id=2, state=TaskState.SUSPENDED),
        task_due(id=3, state=TaskState.CANCELLED),
        task_due(id=4, due_on=None),
        task_due(id=5, assigned_on=date(2026, 12, 6)),  # not assigned yet
    ]
    assert task_reminders(tasks, now) == []


def test_task_done_after_now_is_still_reminded() -> None:
    task = task_due(done_on=date(2026, 12, 3))
    [reminder] = task_reminders([task], at(date(2026, 12, 1)))
    assert reminder.kind == "overdue-1"


# --- the digest ---------------------------------------------------------------------------


def test_digest_once_a_day_at_its_time() -> None:
    assert reminders_due([], at(date(2026, 11, 23), time(7, 29)), RULES, {}) == []
    [digest] = reminders_due([], at(date(2026, 11, 23)), RULES, {})
    assert digest.kind == DIGEST
    assert digest.key == digest_key(date(2026, 11, 23)) == "digest|2026-11-23"
    assert digest.uid == DIGEST
    assert digest.task is None
    log = delivered([digest], at(date(2026, 11, 23)))
    assert reminders_due([], at(date(2026, 11, 23), time(23, 59)), RULES, log) == []
    assert [r.key for r in reminders_due([], at(date(2026, 11, 24)), RULES, log)] == [
        "digest|2026-11-24"
    ]


def test_digest_comes_first() -> None:
    due = reminders_due([task_due()], at(DUE), RULES, {})
    assert [r.kind for r in due] == [DIGEST, "due"]


def test_next_fire_time() -> None:
    assert next_fire_time(at(DUE, time(6, 0)), RULES) == at(DUE)
    assert next_fire_time(at(DUE, time(7, 30)), RULES) == at(DUE + timedelta(days=1))
    assert next_fire_time(at(DUE, time(23, 0)), RULES) == at(DUE + timedelta(days=1))


# --- catch-up -----------------------------------------------------------------------------


def test_catch_up_after_a_week_away_gives_only_the_latest_per_task() -> None:
    tasks = [
        task_due(id=1, due_on=date(2026, 11, 25)),  # overdue now
        task_due(id=2, due_on=date(2026, 12, 2)),  # two days left
        task_due(id=3, due_on=date(2026, 12, 7)),  # seven days left
        task_due(id=4, due_on=date(2026, 12, 20)),  # nothing yet
    ]
    now = at(date(2026, 11, 30), time(9, 15))  # back after a week away, nothing in the log
    due = task_reminders(tasks, now)
    assert [(r.task.id if r.task else 0, r.kind, r.days) for r in due] == [
        (1, "overdue-5", 5),
        (2, "before-3", 2),
        (3, "before-7", 7),
    ]


def test_catch_up_before_the_digest_time_takes_yesterdays_reminder() -> None:
    now = at(date(2026, 12, 5), time(6, 0))
    [reminder] = task_reminders([task_due()], now)
    assert reminder.kind == "overdue-4"
    assert reminder.fires_at == at(date(2026, 12, 4))
    assert reminder.days == 5  # as it stands at delivery
    assert reminder_headline(reminder) == "Quá hạn 5 ngày"


def test_missed_deadline_day_reminder_caught_up_the_next_morning_says_overdue() -> None:
    # The machine was off on the deadline day; at 06:00 the next day (before the digest
    # time) the missed "due" reminder is delivered. The task is overdue by then, and the
    # notice must say so, not "1 day left".
    now = at(DUE + timedelta(days=1), time(6, 0))
    [reminder] = task_reminders([task_due()], now)
    assert reminder.kind == "due"
    assert reminder.days == 1
    headline = reminder_headline(reminder)
    assert headline == "Quá hạn 1 ngày"
    [notice] = compose([reminder], DayCounts(1, 0, 0), now.date(), group_above=3)
    assert notice.urgent
    assert "Còn" not in notice.text


def test_delivered_latest_reminder_blocks_older_ones() -> None:
    task = task_due()
    now = at(date(2026, 12, 3), time(9, 0))
    [latest] = task_reminders([task], now)
    log = delivered([latest], now)
    assert task_reminders([task], now + timedelta(hours=5), log=log) == []


# --- extensions and series ----------------------------------------------------------------


def test_extension_starts_reminders_afresh_with_the_new_deadline_in_the_key() -> None:
    task = task_due()
    first_week = simulate(
        [task],
        at(date(2026, 11, 23), time(0, 0)),
        at(date(2026, 12, 2), time(23, 0)),
        timedelta(hours=1),
    )
    assert [r.kind for _, r in first_week if r.kind != DIGEST][-1] == "overdue-2"
    new_due = date(2026, 12, 10)
    extended = task_due(
        uid=task.uid,
        due_on=new_due,
        original_due_on=DUE,
        extensions=(Extension(DUE, new_due, "lý do", "", date(2026, 12, 2)),),
    )
    log = delivered([r for _, r in first_week], at(date(2026, 12, 2)))
    [fresh] = task_reminders([extended], at(date(2026, 12, 3)), log=log)
    assert fresh.kind == "before-7"
    assert fresh.key == reminder_key(task.uid, "before-7", new_due)
    assert "2026-12-10" in fresh.key
    assert fresh.key not in log


def test_extension_recorded_later_does_not_change_todays_reminder() -> None:
    # Reminders use the deadline in force today: an extension recorded tomorrow is ignored.
    new_due = date(2026, 12, 31)
    task = task_due(
        due_on=new_due,
        original_due_on=DUE,
        extensions=(Extension(DUE, new_due, "lý do", "", date(2026, 12, 2)),),
    )
    [reminder] = task_reminders([task], at(date(2026, 12, 1)))
    assert (reminder.kind, reminder.due_on) == ("overdue-1", DUE)


# --- the log ------------------------------------------------------------------------------


def test_claims_block_within_the_lease_only() -> None:
    now = at(DUE)
    rules = ReminderRules(lease_seconds=600)

    def claim(age: float) -> Delivery:
        return Delivery("k", "u", "due", DUE, DeliveryState.CLAIMED, now - timedelta(seconds=age))

    assert is_settled(claim(0), now, rules)
    assert is_settled(claim(599), now, rules)
    assert not is_settled(claim(600), now, rules)
    assert not is_settled(claim(3600), now, rules)
    assert not is_settled(None, now, rules)
    old_delivery = Delivery("k", "u", "due", DUE, DeliveryState.DELIVERED, now - timedelta(days=9))
    assert is_settled(old_delivery, now, rules)


def test_stale_claim_is_due_again() -> None:
    task = task_due()
    now = at(DUE, time(9, 0))
    key = reminder_key(task.uid, "due", DUE)
    stale = {
        key: Delivery(key, task.uid, "due", DUE, DeliveryState.CLAIMED, now - timedelta(hours=1))
    }
    fresh = {
        key: Delivery(key, task.uid, "due", DUE, DeliveryState.CLAIMED, now - timedelta(minutes=1))
    }
    assert [r.key for r in task_reminders([task], now, log=stale)] == [key]
    assert task_reminders([task], now, log=fresh) == []


# --- notices ------------------------------------------------------------------------------


def reminders_for(count: int, now: datetime) -> list[Reminder]:
    tasks = [task_due(id=n, due_on=now.date() + timedelta(days=1)) for n in range(1, count + 1)]
    return task_reminders(tasks, now)


def test_few_reminders_become_single_notices() -> None:
    now = at(date(2026, 11, 29))
    due = reminders_for(3, now)
    notices = compose(due, DayCounts(0, 0, 3), now.date(), group_above=3)
    assert len(notices) == 3
    assert [n.reminders for n in notices] == [(r,) for r in due]
    assert notices[0].title == "Còn 1 ngày: đầu việc số 1"
    assert "30/11/2026" in notices[0].body
    assert not notices[0].urgent


def test_many_reminders_become_one_digest_notice() -> None:
    now = at(date(2026, 11, 29))
    due = reminders_for(14, now)
    [notice] = compose(due, DayCounts(2, 0, 14), now.date(), group_above=3)
    assert notice.reminders == tuple(due)
    assert notice.title == "Bản tin đầu việc ngày 29/11/2026"
    lines = notice.body.splitlines()
    assert sum(line.startswith("• ") for line in lines) == 5  # the list is capped
    assert "… và 9 đầu việc khác" in lines
    assert notice.urgent  # two tasks overdue today


def test_the_daily_digest_groups_even_a_single_reminder() -> None:
    now = at(DUE)
    due = reminders_due([task_due()], now, RULES, {})
    [notice] = compose(due, DayCounts(0, 1, 0), now.date(), group_above=3)
    assert notice.reminders == tuple(due)
    assert "Đến hạn hôm nay" in notice.body


def test_nothing_to_compose() -> None:
    assert compose([], DayCounts(0, 0, 0), DUE, group_above=3) == []


def test_notice_text_is_plain_user_text() -> None:
    now = at(DUE)
    task = task_due(title="Báo cáo [/] kết quả [footnoteRef:2]")
    [notice] = compose(task_reminders([task], now), DayCounts(0, 1, 0), now.date(), group_above=3)
    assert "Báo cáo [/] kết quả [footnoteRef:2]" in notice.text


def test_the_days_counts_come_from_the_same_assessment_as_the_status_function() -> None:
    today = date(2026, 11, 28)
    book = [
        task_due(id=1, due=today - timedelta(days=3)),  # overdue
        task_due(id=2, due=today),  # due today
        task_due(id=3, due=today + timedelta(days=2)),  # due soon (warning 3 days)
        task_due(id=4, due=today + timedelta(days=20)),  # in term, not soon
        task_due(id=5, due=today - timedelta(days=1), state=TaskState.DONE, done_on=today),
        task_due(id=6, due=today - timedelta(days=9), state=TaskState.SUSPENDED),
        task_due(id=7, due=None, deadline_text=""),
        task_due(id=8, due=today - timedelta(days=2), assigned_on=today + timedelta(days=1)),
    ]
    found = scan(book, at(today), RULES, {})
    counts = found.counts
    assert (counts.overdue, counts.due_today, counts.due_soon) == (1, 1, 1)
    assert counts.overdue_tasks == (OverdueTask(book[0].uid, book[0].lead_unit, 3),)
    assert [r.task.id for r in found.reminders if r.task] == [1, 2, 3]
