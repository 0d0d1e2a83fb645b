"""A desktop notification that really arrives (issue 14, point 12).

A private D-Bus session bus, a virtual X display (Xvfb) and a real notification server
(dunst) are started for the test; the reminder runner delivers through the desktop
channel, and dunst's own history says what arrived. Skipped with a message where the
programs are missing (``apt-get install dbus dunst xvfb libnotify-bin``); required when
``DEADLINE_TUI_REQUIRE_DESKTOP=1`` (set by .ci/run in CI), so CI can never skip it.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from deadline_tui.domain.printable import printable
from deadline_tui.reminders.channels import DesktopChannel
from deadline_tui.reminders.engine import ReminderRules
from deadline_tui.reminders.runner import ReminderRunner
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task

PROGRAMS = ("dbus-daemon", "Xvfb", "dunst", "dunstctl", "notify-send")
REQUIRED = os.environ.get("DEADLINE_TUI_REQUIRE_DESKTOP") == "1"
TITLE = "Báo cáo <b>kết quả</b> & [/] [footnoteRef:2] của Sở Tài nguyên và Môi trường"


def _wait_until(ready: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    """Poll an outside program until it is ready (it starts in its own time)."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not start within {seconds} s")
        time.sleep(0.05)


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private session bus, a virtual display and dunst; yields their environment."""
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if missing:
        message = f"needs {', '.join(missing)} (apt-get install dbus dunst xvfb libnotify-bin)"
        if REQUIRED:
            pytest.fail(f"DEADLINE_TUI_REQUIRE_DESKTOP=1 but this machine {message}")
        pytest.skip(message)
    started: list[subprocess.Popen[bytes]] = []
    try:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as stream:
            display = f":{stream.readline().strip()}"
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        started.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        env = {
            **os.environ,
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "HOME": str(tmp_path),
        }
        config = tmp_path / "dunstrc"
        config.write_text("[global]\n    markup = full\n    history_length = 50\n", "utf-8")
        dunst = subprocess.Popen(
            ["dunst", "-config", str(config)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(dunst)

        def answering() -> bool:
            probe = subprocess.run(
                ["dunstctl", "count", "history"], env=env, capture_output=True, check=False
            )
            return probe.returncode == 0

        _wait_until(answering, "dunst")
        yield env
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def history(env: dict[str, str]) -> list[dict[str, str]]:
    """What dunst received: every notification, closed so that it enters the history."""
    subprocess.run(["dunstctl", "close-all"], env=env, check=True)
    _wait_until(
        lambda: (
            subprocess.run(
                ["dunstctl", "count", "displayed"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            == "0"
        ),
        "closing",
    )
    raw = subprocess.run(
        ["dunstctl", "history"], env=env, capture_output=True, text=True, check=True
    ).stdout
    return [
        {key: value["data"] for key, value in entry.items()} for entry in json.loads(raw)["data"][0]
    ]


def test_a_reminder_arrives_once_as_written(
    desktop: dict[str, str], repo: DeskBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.setenv(name, desktop[name])
    task = repo.add(
        make_task(
            title=TITLE + "\x00\x1b[2J",
            lead_unit="Sở Tài nguyên và Môi trường",
            assigned_on=date(2026, 11, 1),
            due_on=date(2026, 11, 30),
        )
    )
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))  # before-7, after the digest time
    channel = DesktopChannel()
    runner = ReminderRunner(
        TaskService(repo, clock), ReminderRules(), [channel], group_above=3, runner_id="A"
    )
    result = runner.run(clock.now())
    assert result.failures == [] and result.undelivered == []
    assert task.uid in {r.uid for r in result.delivered}
    [(notice, carried)] = result.notices
    assert carried == ["desktop"]
    # Once: a second run delivers nothing more.
    assert runner.run(clock.now()).notices == []

    [arrived] = history(desktop)
    assert arrived["appname"] == "deadline-tui"
    assert arrived["summary"] == notice.title == "Bản tin đầu việc ngày 23/11/2026"
    # The body travels markup-escaped, so the server shows the tags as text...
    assert "&lt;b&gt;kết quả&lt;/b&gt; &amp;" in arrived["body"]
    # ...and, read back, it is the notice word for word, Vietnamese text intact.
    assert html.unescape(arrived["body"]) == printable(notice.body)
    assert f"{TITLE}[2J" in html.unescape(arrived["body"])
    assert "Còn 7 ngày" in arrived["body"]
