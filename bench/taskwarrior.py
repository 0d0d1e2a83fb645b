"""Taskwarrior as the baseline: the same tasks, in a private data directory per size.

DESIGN section 10 compares our commands with Taskwarrior 2.6 on the same tasks. The
tasks are converted so both programs answer the same questions with the same counts:

* ``done`` -> ``completed`` (``end`` = the completion day), ``cancelled`` -> ``deleted``,
  open and suspended -> ``pending``; Taskwarrior has no "suspended", so those carry the
  tag ``suspended`` and the overdue query excludes them (``+OVERDUE -suspended``).
* A deadline runs to the end of its day (DESIGN section 3), so ``due`` is 23:59:59 local
  time: ``+OVERDUE`` then means exactly our ``open_overdue``.
* ``uuid`` is derived from our task id, so a task can be found on both sides.

Each size gets its own ``taskrc`` that makes ``task`` non-interactive and quiet, so a
measured run never waits for an answer or prints a nag.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from bench.layout import taskwarrior_dir
from deadline_tui.domain.task import Task, TaskState

_NAMESPACE = uuid.UUID("6f1c4a52-6b8e-4d59-9d0e-3c1f5b2a7e10")
DATA_FILES = ("pending.data", "completed.data", "undo.data", "backlog.data")


def task_uuid(task_id: int) -> str:
    """The Taskwarrior uuid of our task ``task_id`` (the same every run)."""
    return str(uuid.uuid5(_NAMESPACE, f"deadline-tui-bench/{task_id}"))


def project_name(unit: str) -> str:
    """An ASCII project name for a lead unit: "Sở Kế hoạch và Đầu tư" -> "So_Ke_hoach_va_Dau_tu"."""
    text = unicodedata.normalize("NFD", unit.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in text).split()
    return "_".join(words)


def _stamp(day: date, at: time) -> str:
    """Local ``day`` at ``at`` in Taskwarrior's UTC form (20261123T165959Z)."""
    moment = datetime.combine(day, at).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def to_taskwarrior(task: Task) -> dict[str, Any]:
    """One task as a Taskwarrior import object (see the module docstring for the mapping)."""
    record: dict[str, Any] = {
        "uuid": task_uuid(task.id),
        "description": task.title,
        "project": project_name(task.lead_unit),
        "entry": _stamp(task.assigned_on, time(8, 0)),
    }
    if task.state is TaskState.DONE and task.done_on is not None:
        record["status"] = "completed"
        record["end"] = _stamp(task.done_on, time(17, 0))
    elif task.state is TaskState.CANCELLED:
        record["status"] = "deleted"
        record["end"] = _stamp(task.assigned_on, time(9, 0))
    else:
        record["status"] = "pending"
    if task.state is TaskState.SUSPENDED:
        record["tags"] = ["suspended"]
    if task.due_on is not None:
        record["due"] = _stamp(task.due_on, time(23, 59, 59))
    return record


def is_pending(task: Task) -> bool:
    """Whether Taskwarrior keeps this task in pending.data (and gives it an id)."""
    return task.state in (TaskState.OPEN, TaskState.SUSPENDED)


def version(task_program: Path) -> str:
    """``task --version`` (e.g. "2.6.2")."""
    found = subprocess.run(
        [str(task_program), "--version"], capture_output=True, text=True, check=False
    )
    return found.stdout.strip() or "unknown"


class Taskwarrior:
    """One size's private Taskwarrior: taskrc, import file, pristine and working data."""

    def __init__(self, size: int, program: Path) -> None:
        self.root = taskwarrior_dir(size)
        self.program = program
        self.taskrc = self.root / "taskrc"
        self.data = self.root / "data"
        self.pristine = self.root / "pristine"
        self.import_file = self.root / "import.json"

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """``base`` with this taskrc (and nothing that could point elsewhere)."""
        env = {k: v for k, v in base.items() if k not in ("TASKRC", "TASKDATA")}
        env["TASKRC"] = str(self.taskrc)
        return env

    def argv(self, *words: str) -> list[str]:
        """A ``task`` command line."""
        return [str(self.program), *words]

    def build(self, tasks: Sequence[Task]) -> None:
        """Write taskrc and import file, import into an empty data dir, keep a pristine copy."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.data.mkdir(parents=True)
        self._write_taskrc()
        self._write_import(tasks)
        found = subprocess.run(
            self.argv("import", str(self.import_file)),
            env=self.env(dict(os.environ)),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if found.returncode != 0:
            raise RuntimeError(f"task import failed: {found.stderr.strip()[-500:]}")
        shutil.copytree(self.data, self.pristine)

    def _write_taskrc(self) -> None:
        settings = {
            "data.location": str(self.data),
            "confirmation": "off",  # never ask "are you sure?"
            "bulk": "0",  # no change counts as "bulk" (those ask even with confirmation=off)
            "verbose": "nothing",
            "gc": "off",  # ids stay stable between runs, so each run can name its task by id
            "hooks": "off",
            "recurrence": "off",
            "color": "off",
            "news.version": version(self.program),  # no "please run task news" nag
            "dependency.confirmation": "off",
            "recurrence.confirmation": "off",
        }
        lines = ["# Written by bench/taskwarrior.py: a private, non-interactive Taskwarrior."]
        lines += [f"{key}={value}" for key, value in settings.items()]
        self.taskrc.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _write_import(self, tasks: Iterable[Task]) -> None:
        with self.import_file.open("w", encoding="utf-8") as out:
            for task in tasks:
                out.write(json.dumps(to_taskwarrior(task), ensure_ascii=False) + "\n")

    def is_built(self) -> bool:
        """Whether taskrc and pristine data exist."""
        return self.taskrc.is_file() and (self.pristine / "pending.data").is_file()

    def uuid_of(self, task_id: int, env: dict[str, str]) -> str:
        """The uuid Taskwarrior gives id ``task_id`` (checks that ids map as expected)."""
        found = subprocess.run(
            self.argv(str(task_id), "_uuids"),
            env=self.env(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        return found.stdout.strip()
