"""Delivering reminders once (DESIGN section 6): ``ReminderRunner`` over a real database
file, with a simulated clock and recording fake channels.

Covers delivery at the digest time and never twice over days of hourly runs, the log
records, catch-up after a week away (latest reminder per task, one digest notice), an
extension's fresh reminders, recurring occurrences, channels that fail (others still
deliver; with none carrying a notice the claims are withdrawn and the next run
retries), claims older than the lease, and no duplicates between two runners over two
repositories on one file, run one after another, interleaved, and as two real OS
processes at once. Also the concrete channels and building a runner from settings.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from deadline_tui.config import parse_settings
from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.reminders import channels as channels_module
from deadline_tui.reminders.channels import (
    CallbackChannel,
    Channel,
    ChannelError,
    CommandChannel,
    DesktopChannel,
    StreamChannel,
)
from deadline_tui.reminders.engine import DIGEST, Reminder, ReminderRules, reminder_key
from deadline_tui.reminders.notices import Notice
from deadline_tui.reminders.runner import CHANNEL_NOTE, ReminderRunner, RunResult
from deadline_tui.reminders.setup import make_runner, rules_from
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook

DIGEST_TIME = time(7, 30)


@dataclass
class RecordingChannel:
    """A channel that keeps every notice it is given."""

    name: str = "recording"
    notices: list[Notice] = field(default_factory=list)

    def send(self, notice: Notice) -> None:
        self.notices.append(notice)

    @property
    def keys(self) -> list[str]:
        return [r.key for notice in self.notices for r in notice.reminders]


@dataclass
class BrokenChannel:
    """A channel that is unavailable (no D-Bus, no display)."""

    name: str = "broken"
    attempts: int = 0

    def send(self, notice: Notice) -> None:
        self.attempts += 1
        raise ChannelError("no D-Bus session")


class RunnerDied(Exception):
    """Stands for the process being killed in the middle of a delivery."""


@dataclass
class DyingChannel:
    name: str = "dying"

    def send(self, notice: Notice) -> None:
        raise RunnerDied


def at(day: date, moment: time = DIGEST_TIME) -> datetime:
    return datetime.combine(day, moment)


def add_task(service: TaskService, deadline: str, title: str = "Báo cáo", **fields: str) -> int:
    values = {"assigned": "01/11/2026", **fields}
    draft = TaskDraft(title=title, lead_unit="Sở Tài chính", deadline=deadline, **values)  # type: ignore[arg-type]
    return service.add(draft).task.id


def runner_for(
    service: TaskService,
    *channels: Channel,
    runner_id: str = "A",
    rules: ReminderRules | None = None,
) -> ReminderRunner:
    return ReminderRunner(service, rules or ReminderRules(), channels, runner_id=runner_id)


def run_at(runner: ReminderRunner, clock: FixedClock, now: datetime) -> RunResult:
    clock.moment = now
    return runner.run(now)


def kinds(result: RunResult) -> list[str]:
    return [r.kind for r in result.delivered]


# --- delivering once ----------------------------------------------------------------------


def test_delivers_at_the_digest_time_and_records_the_log(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    task_id = add_task(service, "30/11/2026")
    uid = repo.get(task_id).uid
    channel = RecordingChannel()
    runner = runner_for(service, channel)
    assert run_at(runner, clock, at(date(2026, 11, 23), time(7, 29))).delivered == []
    assert channel.notices == []
    result = run_at(runner, clock, at(date(2026, 11, 23)))
    assert kinds(result) == [DIGEST, "before-7"]
    assert result.undelivered == [] and result.failures == []
    [notice] = channel.notices  # the morning digest carries the reminder
    assert notice.title == "Bản tin đầu việc ngày 23/11/2026"
    log = repo.deliveries()
    record = log[reminder_key(uid, "before-7", date(2026, 11, 30))]
    assert record.state is DeliveryState.DELIVERED
    assert record.channel == "recording"
    assert record.by == "A"
    assert record.at == at(date(2026, 11, 23))
    assert log["digest|2026-11-23"].state is DeliveryState.DELIVERED
    # Running again the same day delivers nothing more.
    assert run_at(runner, clock, at(date(2026, 11, 23), time(18, 0))).delivered == []
    assert len(channel.notices) == 1


def test_hourly_runs_over_two_weeks_deliver_each_reminder_once(
    service: TaskService, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026", title="Một")
    add_task(service, "thường xuyên", title="Hai")
    add_task(service, "25/11/2026", title="Ba", done="20/11/2026")
    channel = RecordingChannel()
    runner = runner_for(service, channel)
    now = at(date(2026, 11, 20), time(0, 0))
    delivered: list[tuple[datetime, Reminder]] = []
    while now < at(date(2026, 12, 4), time(0, 0)):
        delivered += [(now, r) for r in run_at(runner, clock, now).delivered]
        now += timedelta(hours=1)
    task_kinds = [(when, r.kind) for when, r in delivered if r.kind != DIGEST]
    assert task_kinds == [
        (at(date(2026, 11, 23), time(8, 0)), "before-7"),
        (at(date(2026, 11, 27), time(8, 0)), "before-3"),
        (at(date(2026, 11, 29), time(8, 0)), "before-1"),
        (at(date(2026, 11, 30), time(8, 0)), "due"),
        (at(date(2026, 12, 1), time(8, 0)), "overdue-1"),
        (at(date(2026, 12, 2), time(8, 0)), "overdue-2"),
        (at(date(2026, 12, 3), time(8, 0)), "overdue-3"),
    ]
    digests = [when.date() for when, r in delivered if r.kind == DIGEST]
    assert digests == [date(2026, 11, 20) + timedelta(days=n) for n in range(14)]
    assert all(when.time() >= DIGEST_TIME for when, _ in delivered)
    assert not [key for key, n in Counter(channel.keys).items() if n > 1]


def test_overdue_once_when_not_repeated(service: TaskService, clock: FixedClock) -> None:
    add_task(service, "30/11/2026")
    runner = runner_for(service, RecordingChannel(), rules=ReminderRules(repeat_overdue=False))
    delivered = []
    for day in range(30):
        result = run_at(runner, clock, at(date(2026, 11, 20) + timedelta(days=day), time(9, 0)))
        delivered += [r.kind for r in result.delivered if r.kind != DIGEST]
    assert delivered == ["before-7", "before-3", "before-1", "due", "overdue-1"]


def test_catch_up_after_a_week_away_sends_one_digest_with_the_latest_per_task(
    service: TaskService, clock: FixedClock
) -> None:
    ids = [add_task(service, f"{day:02d}/11/2026", title=f"Việc {day}") for day in (24, 26, 28)]
    ids.append(add_task(service, "02/12/2026", title="Việc 2/12"))
    ids.append(add_task(service, "20/12/2026", title="Việc 20/12"))  # nothing due yet
    channel = RecordingChannel()
    runner = runner_for(service, channel)
    # Away from 20/11 to 30/11: back at 06:00, before the digest time.
    result = run_at(runner, clock, at(date(2026, 11, 30), time(6, 0)))
    by_id = {r.task.id: r.kind for r in result.delivered if r.task}
    assert by_id == {
        ids[0]: "overdue-5",
        ids[1]: "overdue-3",
        ids[2]: "overdue-1",
        ids[3]: "before-3",
    }
    assert DIGEST not in kinds(result)  # today's digest is not due before 07:30
    [notice] = channel.notices  # four reminders > group_above (3): one digest notice
    assert len(notice.reminders) == 4
    assert notice.urgent
    # Each line says where the task stands now: yesterday's overdue-5 is 6 days today.
    assert "Quá hạn 6 ngày — số 1" in notice.body
    assert "Còn 2 ngày — số 4" in notice.body
    # At 07:30 the day's digest comes, with only what is new today.
    later = run_at(runner, clock, at(date(2026, 11, 30)))
    assert sorted(kinds(later)) == sorted([DIGEST, "overdue-6", "overdue-4", "overdue-2"])


def test_few_reminders_outside_the_digest_are_single_notices(
    service: TaskService, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    channel = RecordingChannel()
    runner = runner_for(service, channel)
    run_at(runner, clock, at(date(2026, 11, 23)))  # digest and before-7
    channel.notices.clear()
    # An hour later a new task whose "due" reminder is already due.
    add_task(service, "23/11/2026", title="Việc gấp")
    result = run_at(runner, clock, at(date(2026, 11, 23), time(8, 30)))
    assert kinds(result) == ["due"]
    [notice] = channel.notices
    assert notice.title.startswith("Đến hạn hôm nay")


def test_extension_produces_fresh_reminders(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    task_id = add_task(service, "30/11/2026")
    runner = runner_for(service, RecordingChannel())
    for day in (23, 27, 29, 30):
        run_at(runner, clock, at(date(2026, 11, day)))
    result = run_at(runner, clock, at(date(2026, 12, 1)))
    assert "overdue-1" in kinds(result)
    clock.moment = at(date(2026, 12, 1), time(10, 0))
    service.extend(task_id, "08/12/2026", "Chờ ý kiến Bộ")
    result = run_at(runner, clock, at(date(2026, 12, 1), time(10, 0)))
    [fresh] = [r for r in result.delivered if r.kind != DIGEST]
    assert fresh.kind == "before-7"
    assert fresh.key == reminder_key(repo.get(task_id).uid, "before-7", date(2026, 12, 8))
    assert "2026-12-08" in fresh.key
    # The old deadline's reminders stay in the log; the new one goes on from here.
    assert kinds(run_at(runner, clock, at(date(2026, 12, 5)))) == [DIGEST, "before-3"]


def test_recurring_occurrences_get_reminders(service: TaskService, clock: FixedClock) -> None:
    add_task(service, "trước ngày 20 hằng tháng", title="Báo cáo tháng")
    runner = runner_for(service, RecordingChannel())
    delivered: list[tuple[date | None, str]] = []
    day = date(2026, 12, 1)
    while day <= date(2027, 1, 21):
        result = run_at(runner, clock, at(day, time(8, 0)))
        delivered += [(r.due_on, r.kind) for r in result.delivered if r.kind != DIGEST]
        day += timedelta(days=1)
    assert {due for due, _ in delivered} == {
        date(2026, 11, 20),
        date(2026, 12, 20),
        date(2027, 1, 20),
    }
    november = [kind for due, kind in delivered if due == date(2026, 11, 20)]
    assert november == [f"overdue-{n}" for n in range(11, 63)]  # still open: every day
    january = [kind for due, kind in delivered if due == date(2027, 1, 20)]
    assert january == ["before-7", "before-3", "before-1", "due", "overdue-1"]
    december = [kind for due, kind in delivered if due == date(2026, 12, 20)]
    assert december[:4] == ["before-7", "before-3", "before-1", "due"]
    assert december[4:] == [f"overdue-{n}" for n in range(1, 33)]


def test_series_is_topped_up_by_the_runner(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    add_task(service, "trước ngày 20 hằng tháng", title="Báo cáo tháng")
    last_before = max(t.due_on for t in repo.tasks() if t.due_on)
    runner = runner_for(service, RecordingChannel())
    run_at(runner, clock, at(date(2027, 10, 1)))
    assert max(t.due_on for t in repo.tasks() if t.due_on) > last_before


# --- failing channels ---------------------------------------------------------------------


def reminder_log(repo: DeskBook) -> dict[str, Delivery]:
    """The log's reminders, without the once-a-day notes of failed channels."""
    return {k: d for k, d in repo.deliveries().items() if d.kind != CHANNEL_NOTE}


def test_a_failing_channel_does_not_stop_the_others(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    broken, good = BrokenChannel(), RecordingChannel()
    runner = runner_for(service, broken, good)
    result = run_at(runner, clock, at(date(2026, 11, 23)))
    assert kinds(result) == [DIGEST, "before-7"]
    assert result.failures == [("broken", "no D-Bus session")]
    assert broken.attempts == 1
    assert len(good.notices) == 1
    [(_, carried)] = result.notices
    assert carried == ["recording"]
    assert {d.channel for d in reminder_log(repo).values()} == {"recording"}


def test_when_no_channel_carries_a_notice_the_claims_are_withdrawn(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    now = at(date(2026, 11, 23))
    failing = runner_for(service, BrokenChannel(), BrokenChannel(name="also-broken"))
    result = run_at(failing, clock, now)
    assert result.delivered == []
    assert sorted(r.kind for r in result.undelivered) == sorted([DIGEST, "before-7"])
    assert len(result.failures) == 2
    assert reminder_log(repo) == {}  # nothing claimed any more
    # The next run (here a minute later, well within the lease) tries again.
    good = RecordingChannel()
    retry = run_at(runner_for(service, good), clock, now + timedelta(minutes=1))
    assert kinds(retry) == [DIGEST, "before-7"]
    assert len(good.notices) == 1


def test_no_channels_at_all_delivers_nothing_and_keeps_nothing(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    result = run_at(runner_for(service), clock, at(date(2026, 11, 23)))
    assert result.delivered == []
    assert repo.deliveries() == {}


# --- claims and leases --------------------------------------------------------------------


def test_a_runner_that_died_after_claiming_is_retried_after_the_lease(
    service: TaskService, repo: DeskBook, db_path: Path, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    now = at(date(2026, 11, 23))
    with pytest.raises(RunnerDied):
        run_at(runner_for(service, DyingChannel(), runner_id="dead"), clock, now)
    claims = repo.deliveries()
    assert {d.state for d in claims.values()} == {DeliveryState.CLAIMED}
    assert {d.by for d in claims.values()} == {"dead"}
    other_repo = DeskBook.open_or_create(db_path)
    try:
        other = TaskService(other_repo, clock)
        channel = RecordingChannel()
        runner = runner_for(other, channel, runner_id="B", rules=ReminderRules(lease_seconds=600))
        assert run_at(runner, clock, now + timedelta(seconds=599)).delivered == []
        late = run_at(runner, clock, now + timedelta(seconds=600))
        assert kinds(late) == [DIGEST, "before-7"]
        assert {d.state for d in other_repo.deliveries().values()} == {DeliveryState.DELIVERED}
        assert {d.by for d in other_repo.deliveries().values()} == {"B"}
    finally:
        other_repo.close()


def test_a_claim_written_in_the_log_is_respected_then_expires(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    task_id = add_task(service, "30/11/2026")
    uid = repo.get(task_id).uid
    now = at(date(2026, 11, 23), time(9, 0))
    key = reminder_key(uid, "before-7", date(2026, 11, 30))
    with repo.batch():
        repo.record_deliveries(
            [Delivery(key, uid, "before-7", date(2026, 11, 30), DeliveryState.CLAIMED, now, "X")]
        )
    runner = runner_for(service, RecordingChannel())
    assert kinds(run_at(runner, clock, now + timedelta(minutes=5))) == [DIGEST]
    assert kinds(run_at(runner, clock, now + timedelta(minutes=11))) == ["before-7"]


# --- two runners on one database ----------------------------------------------------------


@pytest.fixture
def second_service(db_path: Path, repo: DeskBook, clock: FixedClock):  # type: ignore[no-untyped-def]
    """Another program's view of the same file: its own repository and service."""
    other = DeskBook.open_or_create(db_path)
    yield TaskService(other, clock)
    other.close()


def test_two_runners_one_after_the_other_do_not_repeat(
    service: TaskService, second_service: TaskService, clock: FixedClock
) -> None:
    for due_day in (24, 26, 28, 30):
        add_task(service, f"{due_day:02d}/11/2026", title=f"Việc {due_day}")
    first, second = RecordingChannel(), RecordingChannel()
    runner_a = runner_for(service, first, runner_id="A")
    runner_b = runner_for(second_service, second, runner_id="B")
    day = date(2026, 11, 16)
    while day <= date(2026, 12, 3):
        # Who runs first changes from day to day; both run several times a day.
        pair = (runner_a, runner_b) if day.toordinal() % 2 else (runner_b, runner_a)
        for hour in (7, 8, 12):
            for runner in pair:
                run_at(runner, clock, at(day, time(hour, 40)))
        day += timedelta(days=1)
    keys = first.keys + second.keys
    assert keys  # something was delivered
    assert first.keys and second.keys  # by both runners
    assert not [key for key, n in Counter(keys).items() if n > 1]


def test_interleaved_runners_claim_by_one_run_by_the_other(
    service: TaskService, second_service: TaskService, clock: FixedClock
) -> None:
    for day in (24, 26, 28, 30):
        add_task(service, f"{day:02d}/11/2026", title=f"Việc {day}")
    now = at(date(2026, 11, 27))
    b_channel = RecordingChannel()
    runner_b = runner_for(second_service, b_channel, runner_id="B")
    results_b: list[RunResult] = []
    a_channel = RecordingChannel()

    def while_a_delivers(notice: Notice) -> None:
        # A has claimed and is delivering: B runs in between, on its own repository.
        results_b.append(runner_b.run(now))
        a_channel.send(notice)

    runner_a = runner_for(service, CallbackChannel("a", while_a_delivers), runner_id="A")
    result_a = run_at(runner_a, clock, now)
    assert len(result_a.delivered) == 5  # the digest and one reminder per task
    assert results_b and all(r.delivered == [] for r in results_b)
    assert b_channel.notices == []
    # After A has confirmed, B still finds nothing to deliver.
    assert runner_b.run(now + timedelta(minutes=1)).delivered == []
    assert Counter(a_channel.keys) == Counter(r.key for r in result_a.delivered)


def test_dry_run_pending_writes_nothing(
    service: TaskService, repo: DeskBook, clock: FixedClock
) -> None:
    add_task(service, "30/11/2026")
    runner = runner_for(service, RecordingChannel())
    writes = repo.writes
    pending = runner.pending(at(date(2026, 11, 23)))
    assert [r.kind for r in pending] == [DIGEST, "before-7"]
    assert repo.writes == writes
    assert repo.deliveries() == {}


@pytest.mark.slow
def test_two_processes_at_once_deliver_each_reminder_once(
    service: TaskService, repo: DeskBook, db_path: Path, tmp_path: Path
) -> None:
    for day in range(17, 30):
        add_task(service, f"{day:02d}/11/2026", title=f"Việc ngày {day}")
    add_task(service, "trước ngày 20 hằng tháng", title="Báo cáo tháng")
    repo.close()
    # The oracle: one runner in this process, on a copy of the same database.
    reference = tmp_path / "reference" / "tasks.json"
    reference.parent.mkdir()
    shutil.copyfile(db_path, reference)
    sink = tmp_path / "sink.py"
    sink.write_text("import sys\nsys.stdin.read()\n", encoding="utf-8")
    config = tmp_path / "remind.toml"
    command = shlex.join([sys.executable, str(sink)])
    config.write_text(
        f'[reminders]\nchannels = ["command"]\ncommand = {json.dumps(command)}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "DEADLINE_TUI_DB": str(db_path), "DEADLINE_TUI_CONFIG": str(config)}
    moments = [at(date(2026, 11, 23)), at(date(2026, 11, 24)), at(date(2026, 11, 24), time(9, 0))]
    delivered: list[tuple[object, ...]] = []
    for moment in moments:
        args = [
            *(sys.executable, "-m", "deadline_tui", "remind", "--json"),
            *("--now", moment.strftime("%d/%m/%Y %H:%M")),
        ]
        processes = [
            subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)
        ]
        for process in processes:
            out, err = process.communicate(timeout=60)
            assert process.returncode == 0, err.decode()
            delivered += [
                (moment, item["uid"], item["kind"], item["due_on"]) for item in json.loads(out)
            ]
    duplicates = [item for item, n in Counter(delivered).items() if n > 1]
    assert duplicates == []
    expected: list[tuple[object, ...]] = []
    reference_repo = DeskBook.open_or_create(reference)
    try:
        clock = FixedClock(moments[0])
        runner = runner_for(TaskService(reference_repo, clock), RecordingChannel())
        for moment in moments:
            expected += [
                (moment, r.uid, r.kind, r.due_on.isoformat() if r.due_on else None)
                for r in run_at(runner, clock, moment).delivered
            ]
    finally:
        reference_repo.close()
    assert len(expected) > 20
    assert sorted(map(repr, delivered)) == sorted(map(repr, expected))
    check = DeskBook.open_or_create(db_path)
    try:
        log = check.deliveries()
    finally:
        check.close()
    assert len(log) == len(delivered)
    assert {d.state for d in log.values()} == {DeliveryState.DELIVERED}


# --- channels -----------------------------------------------------------------------------


def sample_notice(title: str = "Còn 3 ngày: đầu việc số 1") -> Notice:
    return Notice(title, "Báo cáo [/] quý\nSở Tài chính · hạn 30/11/2026", (), urgent=True)


def test_stream_channel_writes_plain_text() -> None:
    stream = io.StringIO()
    StreamChannel(stream).send(sample_notice())
    assert stream.getvalue() == (
        "Còn 3 ngày: đầu việc số 1\nBáo cáo [/] quý\nSở Tài chính · hạn 30/11/2026\n\n"
    )


def test_stream_channel_on_a_closed_stream_raises_channel_error() -> None:
    stream = io.StringIO()
    stream.close()
    with pytest.raises(ChannelError):
        StreamChannel(stream).send(sample_notice())


def test_callback_channel_turns_any_failure_into_channel_error() -> None:
    def explode(notice: Notice) -> None:
        raise RuntimeError("toast failed")

    with pytest.raises(ChannelError) as caught:
        CallbackChannel("toast", explode).send(sample_notice())
    assert "toast failed" in caught.value.reason


def test_command_channel_gets_the_notice_on_stdin(tmp_path: Path) -> None:
    out = tmp_path / "got.txt"
    script = tmp_path / "bot.py"
    script.write_text(
        "import os, sys\n"
        f"open({str(out)!r}, 'w', encoding='utf-8').write("
        "os.environ['DEADLINE_TUI_URGENT'] + '|' + os.environ['DEADLINE_TUI_TITLE'] + '|' "
        "+ sys.stdin.buffer.read().decode('utf-8'))\n",
        encoding="utf-8",
    )
    CommandChannel(shlex.join([sys.executable, str(script)])).send(sample_notice())
    assert out.read_text(encoding="utf-8") == (
        "1|Còn 3 ngày: đầu việc số 1|Còn 3 ngày: đầu việc số 1\n"
        "Báo cáo [/] quý\nSở Tài chính · hạn 30/11/2026"
    )


@pytest.mark.parametrize(
    "command",
    [
        "",
        "   ",
        "/nonexistent/deadline-bot",
        f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(3)'",
        "'unbalanced",
    ],
)
def test_command_channel_failures_are_channel_errors(command: str) -> None:
    with pytest.raises(ChannelError) as caught:
        CommandChannel(command).send(sample_notice())
    assert caught.value.reason


def test_desktop_channel_without_a_session_bus_fails_cleanly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(channels_module, "dbus_session_available", lambda: False)
    with pytest.raises(ChannelError) as caught:
        DesktopChannel().send(sample_notice())
    assert "D-Bus" in caught.value.reason


# --- building from settings ---------------------------------------------------------------


def test_runner_from_settings(service: TaskService) -> None:
    settings = parse_settings(
        {
            "ui": {"warning_days": 5},
            "reminders": {
                "lead_days": [2, 0],
                "digest_time": "06:45",
                "repeat_overdue": False,
                "group_above": 7,
            },
        },
        None,
    )
    rules = rules_from(settings)
    assert rules.lead_days == (2, 0)
    assert rules.digest_time == time(6, 45)
    assert rules.repeat_overdue is False
    assert rules.warning_days == 5
    runner = make_runner(service, settings, [RecordingChannel()])
    assert runner.rules == rules
    assert runner.group_above == 7
