"""Building tasks for tests without going through the service."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

from deadline_tui.domain.task import Task, TaskState

_counter = itertools.count(1)


def make_task(**fields: Any) -> Task:
    """A task with sensible defaults; pass any field to override it."""
    number = next(_counter)
    defaults: dict[str, Any] = {
        "uid": f"t{number:09d}",
        "title": f"Đầu việc {number}",
        "lead_unit": "Sở Tài chính",
        "assigned_on": date(2026, 1, 1),
        "created_at": datetime(2026, 1, 1, 8, 0),
        "updated_at": datetime(2026, 1, 1, 8, 0),
    }
    defaults.update(fields)
    if defaults.get("done_on") and "state" not in fields:
        defaults["state"] = TaskState.DONE
    return Task(**defaults)
