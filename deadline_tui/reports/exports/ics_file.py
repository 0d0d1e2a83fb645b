"""ICS export (RFC 5545): one all-day event per deadline, with a reminder the day before,
so the office calendar shows what falls due when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.i18n import t


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into 75-octet pieces without cutting a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return pieces


def calendar_text(tasks: Sequence[Task], now: datetime) -> str:
    """The calendar: open and done tasks with a deadline (suspended and cancelled are left out)."""
    # RFC 5545: DTSTAMP is in UTC. A naive ``now`` is the machine's local time.
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//deadline-tui//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(t('calendar_name'))}",
    ]
    for task in tasks:
        if task.due_on is None or task.state in (TaskState.SUSPENDED, TaskState.CANCELLED):
            continue
        description = "\n".join(
            part
            for part in (
                f"{t('field.lead_unit')}: {task.lead_unit}",
                f"{t('field.source')}: {task.source}" if task.source else "",
                f"{t('field.deadline_text')}: {task.deadline_text}" if task.deadline_text else "",
            )
            if part
        )
        summary = f"[{task.id}] {task.title}"
        if task.state is TaskState.DONE:
            summary = "✓ " + summary
        lines += [
            "BEGIN:VEVENT",
            f"UID:{task.uid}@deadline-tui",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{task.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{task.due_on + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
        ]
        if task.state is TaskState.OPEN:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_escape(task.title)}",
                "TRIGGER:-P1D",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))


def write_ics(tasks: Sequence[Task], path: Path, now: datetime) -> int:
    """Write the calendar file; returns how many events it holds."""
    text = calendar_text(tasks, now)
    path.write_bytes(text.encode("utf-8"))
    return text.count("BEGIN:VEVENT")
