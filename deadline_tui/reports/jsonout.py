"""JSON for scripts: a task as ``list --json`` prints it (section 2 fields, id, status)."""

from __future__ import annotations

from typing import Any

from deadline_tui.domain.status import Assessment
from deadline_tui.domain.task import Task
from deadline_tui.storage.codec import encode_task


def task_json(task: Task, found: Assessment | None) -> dict[str, Any]:
    """The task's fields with ISO dates, its list id, and its status at the cut-off.

    ``due_on`` is the deadline in force at the cut-off (as the status uses it) and
    ``current_due_on`` today's, after every extension recorded since (DESIGN section 3).
    """
    fields = encode_task(task)
    current = fields["due_on"]
    if found is not None:
        fields["due_on"] = found.due_on.isoformat() if found.due_on else None
    return {
        "id": task.id,
        **fields,
        "current_due_on": current,
        "status": found.status.value if found else None,
    }
