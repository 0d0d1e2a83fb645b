"""``remind --install``: a systemd user timer (Persistent=true, so a run missed while the
machine was off happens at the next boot) and the cron line for systems without systemd."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from datetime import time
from pathlib import Path

UNIT = "deadline-tui-remind"


@dataclass(frozen=True, slots=True)
class InstallPlan:
    """The files to write and the lines to show."""

    service_path: Path
    timer_path: Path
    service: str
    timer: str
    cron_line: str
    enable_command: str


def _program() -> list[str]:
    found = shutil.which("deadline-tui")
    if found:
        return [os.path.abspath(found)]
    return [sys.executable, "-m", "deadline_tui"]


def plan_install(config: Path | None, db: Path | str, digest_time: time) -> InstallPlan:
    """Unit files that run ``deadline-tui remind`` at the digest time and every hour.
    ``db``: the book's path, or a server book's URL (given without its password)."""
    argv = [*_program()]
    if config is not None:
        argv += ["--config", str(config.absolute())]
    argv += ["--db", db if isinstance(db, str) else str(db.absolute()), "remind"]
    command = shlex.join(argv)
    folder = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "systemd" / "user"
    service = (
        "[Unit]\nDescription=deadline-tui: nhắc hạn đầu việc (reminders)\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n"
    )
    timer = (
        "[Unit]\nDescription=deadline-tui reminders: digest time and hourly\n\n"
        f"[Timer]\nOnCalendar=*-*-* {digest_time:%H:%M}:00\nOnCalendar=hourly\n"
        "Persistent=true\n\n[Install]\nWantedBy=timers.target\n"
    )
    cron = f"{digest_time.minute} * * * * {command} >/dev/null 2>&1"
    enable = f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
    return InstallPlan(
        folder / f"{UNIT}.service", folder / f"{UNIT}.timer", service, timer, cron, enable
    )


def write_install(plan: InstallPlan) -> None:
    """Write the unit files (the directory is created if needed)."""
    plan.service_path.parent.mkdir(parents=True, exist_ok=True)
    plan.service_path.write_text(plan.service, encoding="utf-8")
    plan.timer_path.write_text(plan.timer, encoding="utf-8")
