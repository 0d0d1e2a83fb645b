"""The morning digest and the reminder clock (issue 14, points 9-11; DESIGN section 6).

Every moment is given with ``--now`` or a fixed clock; the system clock is frozen too.
Expected figures are computed here from the dates written in the test, not by the code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.task import Task
from deadline_tui.reminders.channels import ChannelError, CommandChannel, DesktopChannel
from deadline_tui.reminders.engine import DIGEST, ReminderRules, digest_key, reminders_due, scan
from deadline_tui.reminders.notices import Notice, compose
from deadline_tui.reminders.runner import ReminderRunner
from deadline_tui.services.clock import FixedClock, SystemClock
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task
from tests.unit.test_reminder_runner import RecordingChannel

Cli = Callable[..., CliResult]
RULES = ReminderRules()
MORNING = datetime(2026, 12, 1, 7, 30)
REAL_NOW = datetime(2026, 12, 1, 9, 0)

# The old overdue tasks: unit -> deadlines (all before 30/11/2026).
OLD_OVERDUE = {
    "Sở Tài chính": [date(2026, 6, 30), date(2026, 9, 15), date(2026, 10, 31)],
    "Sở Kế hoạch và Đầu tư": [date(2026, 11, 10 + k) for k in range(6)],
    "UBND huyện Cẩm Xuyên": [date(2026, 8, 1), date(2026, 11, 20)],
    "Sở Y tế": [date(2026, 11, 25)],
}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda self: REAL_NOW)


@pytest.fixture
def stdout_only(tmp_path: Path) -> str:
    path = tmp_path / "stdout.toml"
    path.write_text('[reminders]\nchannels = ["stdout"]\n', encoding="utf-8")
    return str(path)


@dataclass
class Morning:
    new_overdue: list[Task]
    due_today: Task
    lead_time: Task


@pytest.fixture
def morning(repo: DeskBook) -> Morning:
    """A book reminded on 30/11 at 07:30; on 01/12, seven tasks went overdue overnight."""
    assigned = date(2026, 5, 1)
    old = [
        make_task(title=f"Việc cũ {unit} {due:%d/%m}", lead_unit=unit, assigned_on=assigned,
                  due_on=due)
        for unit, dues in OLD_OVERDUE.items()
        for due in dues
    ]  # fmt: skip
    new = [
        make_task(title=f"Việc hạn 30/11 số {n}", lead_unit="Sở Nội vụ", assigned_on=assigned,
                  due_on=date(2026, 11, 30))
        for n in range(7)
    ]  # fmt: skip
    today = make_task(title="Việc hạn hôm nay", assigned_on=assigned, due_on=date(2026, 12, 1))
    lead = make_task(title="Việc còn 7 ngày", assigned_on=assigned, due_on=date(2026, 12, 8))
    stored = repo.add_many([*old, *new, today, lead])
    repo.close()
    count = len(old)
    return Morning(stored[count : count + 7], stored[count + 7], stored[count + 8])


def test_the_digest_leads_with_what_is_new_then_the_old_overdue_by_unit(
    cli: Cli, morning: Morning, stdout_only: str
) -> None:
    yesterday = cli("remind", "--now", "30/11/2026 07:30", "--config", stdout_only)
    assert yesterday.code == 0, yesterday.err
    result = cli("remind", "--now", "01/12/2026 07:30", "--dry-run", "--config", stdout_only)
    assert result.code == 0, result.err
    lines = result.out.strip().splitlines()
    assert lines[0] == "Bản tin đầu việc ngày 01/12/2026"
    assert lines[1] == (
        "Mới từ bản tin trước: 7 vừa quá hạn, 1 đến hạn hôm nay, 1 đến mốc nhắc trước hạn."
    )
    assert lines[2] == "Vừa quá hạn (7):"
    listed_new = lines[3:8]
    assert all(line.startswith("• Quá hạn 1 ngày — số ") for line in listed_new)
    assert lines[8] == "… và 2 đầu việc khác"
    assert lines[9] == "Đến hạn hôm nay (1):"
    today_id, lead_id = morning.due_today.id, morning.lead_time.id
    assert lines[10] == f"• Đến hạn hôm nay — số {today_id} — Sở Tài chính: Việc hạn hôm nay"
    assert lines[11] == "Đến mốc nhắc trước hạn (1):"
    assert lines[12] == f"• Còn 7 ngày — số {lead_id} — Sở Tài chính: Việc còn 7 ngày"
    # The rest of the overdue: counted by unit, longest delay at 01/12/2026.
    old_total = sum(len(d) for d in OLD_OVERDUE.values())
    assert lines[13] == f"Còn quá hạn từ trước ({old_total}), theo đơn vị chủ trì:"
    expected = sorted(
        (
            (unit, len(dues), max((date(2026, 12, 1) - d).days for d in dues))
            for unit, dues in OLD_OVERDUE.items()
        ),
        key=lambda g: (-g[1], -g[2]),
    )
    assert lines[14 : 14 + len(expected)] == [
        f"• {unit}: {count} đầu việc, lâu nhất quá {longest} ngày"
        for unit, count, longest in expected
    ]
    assert expected[0] == ("Sở Kế hoạch và Đầu tư", 6, 21)
    assert lines[-1] == (
        f"Cả sổ hôm nay: {old_total + 7} quá hạn, 1 đến hạn hôm nay, 0 sắp đến hạn."
    )


def test_the_notification_carries_the_same_text_as_remind_prints(
    cli: Cli, morning: Morning, tmp_path: Path
) -> None:
    received = tmp_path / "received.txt"
    config = tmp_path / "command.toml"
    config.write_text(
        f'[reminders]\nchannels = ["command"]\ncommand = "tee -a {received}"\n', encoding="utf-8"
    )
    preview = cli("remind", "--now", "01/12/2026 07:30", "--dry-run", "--config", str(config))
    assert preview.code == 0, preview.err
    sent = cli("remind", "--now", "01/12/2026 07:30", "--config", str(config))
    assert sent.code == 0, sent.err
    assert received.read_text(encoding="utf-8").strip() == preview.out.strip()


def test_nothing_new_says_so_and_still_groups_the_overdue(morning: Morning) -> None:
    tasks = [*morning.new_overdue]
    first = reminders_due(tasks, MORNING, RULES, {})
    log = {
        r.key: Delivery(r.key, r.uid, r.kind, r.due_on, DeliveryState.DELIVERED, MORNING)
        for r in first
    }
    next_day = MORNING + timedelta(days=1)
    found = scan(tasks, next_day, RULES, log)
    assert all(r.repeat for r in found.reminders if r.kind != DIGEST)
    [notice] = compose(found.reminders, found.counts, next_day.date(), group_above=3)
    lines = notice.body.splitlines()
    assert lines[0] == "Không có gì mới từ bản tin trước."
    assert lines[1] == "Còn quá hạn từ trước (7), theo đơn vị chủ trì:"
    assert lines[2] == "• Sở Nội vụ: 7 đầu việc, lâu nhất quá 2 ngày"


def test_the_first_digest_of_a_new_book_calls_only_the_last_weeks_deadlines_new() -> None:
    """An imported book full of old overdue tasks: before any run, only what became
    overdue within the longest lead time (7 days) is news; the rest is grouped."""
    tasks = [
        make_task(lead_unit="Sở Tài chính", assigned_on=date(2026, 1, 5), due_on=due)
        for due in (date(2026, 11, 30), date(2026, 11, 20), date(2026, 3, 31))
    ]
    found = scan(tasks, MORNING, RULES, {})
    [notice] = compose(found.reminders, found.counts, MORNING.date(), group_above=3)
    lines = notice.body.splitlines()
    # No digest came before this one: nothing is "new since the last digest".
    assert lines[0] == (
        "Bản tin đầu tiên của sổ: 1 vừa quá hạn, 0 đến hạn hôm nay, 0 đến mốc nhắc trước hạn."
    )
    assert lines[1] == "Vừa quá hạn (1):"
    assert lines[2].startswith("• Quá hạn 1 ngày — số ")
    assert lines[3] == "Còn quá hạn từ trước (2), theo đơn vị chủ trì:"
    longest = (MORNING.date() - date(2026, 3, 31)).days  # 245
    assert lines[4] == f"• Sở Tài chính: 2 đầu việc, lâu nhất quá {longest} ngày"


def test_a_first_digest_with_nothing_new_does_not_speak_of_a_previous_one() -> None:
    tasks = [make_task(lead_unit="Sở Y tế", assigned_on=date(2026, 1, 5), due_on=date(2026, 3, 31))]
    found = scan(tasks, MORNING, RULES, {})
    [notice] = compose(found.reminders, found.counts, MORNING.date(), group_above=3)
    lines = notice.body.splitlines()
    assert lines[0] == "Bản tin đầu tiên của sổ: không có đầu việc nào vừa quá hạn hay đến hạn."
    assert "bản tin trước" not in notice.body
    assert lines[1] == "Còn quá hạn từ trước (1), theo đơn vị chủ trì:"


def test_the_digest_groups_units_as_summary_by_unit_does(
    cli: Cli, repo: DeskBook, tmp_path: Path
) -> None:
    """ "UBND" is "Ủy ban nhân dân" (built in), "TC" is "Tài chính" (the office's
    [aliases]); the group shows the spelling with full diacritics, as summary does."""
    assigned = date(2026, 1, 5)
    spellings = {
        "UBND huyện Cẩm Xuyên": [date(2026, 3, 31), date(2026, 4, 30)],
        "Uỷ ban nhân dân huyện Cẩm Xuyên": [date(2026, 2, 28)],
        "Sở TC": [date(2026, 5, 31)],
        "Sở Tài chính": [date(2026, 6, 30)],
    }
    repo.add_many(
        [
            make_task(lead_unit=unit, assigned_on=assigned, due_on=due)
            for unit, dues in spellings.items()
            for due in dues
        ]
    )
    repo.close()
    day = date(2026, 12, 1)
    config = tmp_path / "aliases.toml"
    config.write_text(
        '[reminders]\nchannels = ["stdout"]\n[aliases]\nTC = "Tài chính"\n', encoding="utf-8"
    )
    result = cli("remind", "--now", "01/12/2026 07:30", "--dry-run", "--config", str(config))
    assert result.code == 0, result.err
    cam_xuyen = (day - date(2026, 2, 28)).days
    finance = (day - date(2026, 5, 31)).days
    assert f"• Uỷ ban nhân dân huyện Cẩm Xuyên: 3 đầu việc, lâu nhất quá {cam_xuyen} ngày" in (
        result.out.splitlines()
    )
    assert f"• Sở Tài chính: 2 đầu việc, lâu nhất quá {finance} ngày" in result.out.splitlines()
    assert "UBND huyện" not in result.out and "Sở TC" not in result.out
    summary = cli("summary", "--by", "unit", "--as-of", "01/12/2026", "--config", str(config))
    assert summary.code == 0, summary.err
    assert "Uỷ ban nhân dân huyện Cẩm Xuyên" in summary.out and "UBND huyện" not in summary.out
    assert "Sở TC" not in summary.out


# -- point 10: the clock ----------------------------------------------------------------


def test_a_delivering_now_later_than_the_real_clock_is_refused(
    cli: Cli, morning: Morning, db_path: Path, stdout_only: str
) -> None:
    before = db_path.read_bytes()
    result = cli("remind", "--now", "01/12/2026 09:01", "--config", stdout_only)
    assert result.code == 1
    assert "--dry-run" in result.err and "01/12/2026 09:00" in result.err
    assert db_path.read_bytes() == before
    assert (
        cli("remind", "--now", "02/12/2026 07:30", "--dry-run", "--config", stdout_only).code == 0
    )
    assert cli("remind", "--now", "01/12/2026 09:00", "--config", stdout_only).code == 0


def test_a_clock_set_back_never_brings_an_older_reminder(repo: DeskBook) -> None:
    task = repo.add(make_task(assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 30)))
    clock = FixedClock(datetime(2026, 12, 5, 7, 30))
    channel = RecordingChannel()
    runner = ReminderRunner(TaskService(repo, clock), RULES, [channel], runner_id="A")
    first = runner.run(clock.now())
    assert {r.kind for r in first.delivered} == {DIGEST, "overdue-5"}
    # The clock goes back two days (a wrong NTP server, a dead CMOS battery).
    clock.moment = datetime(2026, 12, 3, 7, 30)
    back = runner.run(clock.now())
    assert back.delivered == [] and len(channel.notices) == 1
    # And forward again: the next newer reminder comes as usual.
    clock.moment = datetime(2026, 12, 6, 7, 30)
    later = runner.run(clock.now())
    assert {r.kind for r in later.delivered} == {DIGEST, "overdue-6"}
    assert task.uid in {r.uid for r in later.delivered}


def test_an_older_days_digest_is_not_delivered_after_a_newer_one() -> None:
    key = digest_key(date(2026, 12, 5))
    log = {
        key: Delivery(key, DIGEST, DIGEST, None, DeliveryState.DELIVERED, datetime(2026, 12, 5, 8))
    }
    assert reminders_due([], datetime(2026, 12, 3, 7, 30), RULES, log) == []
    assert [r.kind for r in reminders_due([], datetime(2026, 12, 6, 7, 30), RULES, log)] == [DIGEST]


# -- point 11: failing channels and hostile titles ----------------------------------------


@dataclass
class Unavailable:
    name: str = "desktop"

    def send(self, notice: Notice) -> None:
        raise ChannelError("no D-Bus session")


def test_an_unavailable_channel_is_reported_once_a_day(repo: DeskBook) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 7, 30))
    service = TaskService(repo, clock)
    runner = ReminderRunner(service, RULES, [Unavailable(), RecordingChannel()], runner_id="A")
    repo.add(make_task(assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 30)))
    first = runner.run(clock.now())
    assert first.failures == [("desktop", "no D-Bus session")]
    note = repo.deliveries()["channel|desktop|2026-11-23"]
    assert note.channel == "desktop: no D-Bus session"
    # Later the same day, something new is due: delivered, the failure not repeated.
    repo.add(make_task(assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 26)))
    clock.moment = datetime(2026, 11, 23, 18, 0)
    second = runner.run(clock.now())
    assert second.delivered and second.failures == []
    # The next day it is said again, once.
    clock.moment = datetime(2026, 11, 24, 7, 30)
    assert runner.run(clock.now()).failures == [("desktop", "no D-Bus session")]


def test_remind_says_no_dbus_session_once_a_day(
    cli: Cli, repo: DeskBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("deadline_tui.reminders.channels.dbus_session_available", lambda: False)
    monkeypatch.setattr(sys, "platform", "linux")
    config = tmp_path / "desktop.toml"
    config.write_text('[reminders]\nchannels = ["desktop", "stdout"]\n', encoding="utf-8")
    repo.add(make_task(assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 30)))
    first = cli("remind", "--now", "01/12/2026 07:30", "--config", str(config))
    assert first.code == 0, first.err
    assert first.err.count("no D-Bus session") == 1
    repo.add(make_task(assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 25)))
    second = cli("remind", "--now", "01/12/2026 08:30", "--config", str(config))
    assert second.code == 0
    assert "Quá hạn" in second.out  # delivered on stdout
    assert second.err == ""


HOSTILE = "Báo cáo\x00 <b>kết quả</b> & \x1b]52;c;aGk=\x07[/]\x1b[2J"


def test_a_title_with_nul_and_escapes_goes_through_every_channel(
    repo: DeskBook, tmp_path: Path
) -> None:
    task = repo.add(
        make_task(title=HOSTILE, assigned_on=date(2026, 11, 1), due_on=date(2026, 11, 30))
    )
    clock = FixedClock(datetime(2026, 12, 1, 7, 30))
    received = tmp_path / "received.txt"
    command = CommandChannel(f"sh -c 'printf %s \"$DEADLINE_TUI_TITLE\" >&2; cat > {received}'")
    runner = ReminderRunner(TaskService(repo, clock), RULES, [command], runner_id="A")
    result = runner.run(clock.now())
    assert result.failures == [] and task.uid in {r.uid for r in result.delivered}
    text = received.read_text(encoding="utf-8")
    assert "Báo cáo <b>kết quả</b> & ]52;c;aGk=[/][2J" in text
    for control in ("\x00", "\x1b", "\x07"):
        assert control not in text


def test_the_desktop_channel_never_crashes_on_a_nul(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """notify-send is replaced by a script that records its arguments."""
    record = tmp_path / "argv.txt"
    fake = tmp_path / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    monkeypatch.setattr(sys, "platform", "linux")
    notice = Notice(
        "Quá hạn 1 ngày: đầu việc số 1", f"{HOSTILE}\nSở Tài chính · hạn 30/11/2026", ()
    )
    DesktopChannel().send(notice)
    argv = record.read_text(encoding="utf-8")
    assert "Báo cáo &lt;b&gt;kết quả&lt;/b&gt; &amp; ]52;c;aGk=[/][2J" in argv
    assert "\x1b" not in argv
