"""JSON for scripts: a task as ``list --json`` prints it (section 2 fields, id, status)."""

from __future__ import annotations

from typing import Any

from deadline_tui.domain.status import Status
from deadline_tui.domain.task import Task
from deadline_tui.storage.codec import encode_task


def task_json(task: Task, status: Status | None) -> dict[str, Any]:
    """The task's fields with ISO dates, its list id, and its status at the cut-off."""
    return {"id": task.id, **encode_task(task), "status": status.value if status else None}
