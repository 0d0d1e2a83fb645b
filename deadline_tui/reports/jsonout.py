"""JSON for scripts: a task as ``list --json`` prints it (section 2 fields, id, status)."""

from __future__ import annotations

from datetime import date
from typing import Any

from deadline_tui.domain.status import Assessment
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.storage.codec import encode_task


def task_json(task: Task, found: Assessment | None, as_of: date) -> dict[str, Any]:
    """The task's fields with ISO dates, its list id, and its status at the cut-off.

    Everything "at D" uses the facts in force at the cut-off ``as_of`` (DESIGN section 3):
    ``due_on`` is the deadline in force then (as the status uses it), ``state`` and
    ``done_on`` the state as it stood then (a task done or cancelled later was open).
    ``current_due_on``, ``current_state`` and ``current_done_on`` are today's.
    """
    fields = encode_task(task)
    current = {
        "current_due_on": fields["due_on"],
        "current_state": fields["state"],
        "current_done_on": fields["done_on"],
    }
    if found is not None:
        fields["due_on"] = found.due_on.isoformat() if found.due_on else None
        state, done_on = task.state_at(as_of)
        if done_on is not None and done_on > as_of:  # done without a history, after D
            state, done_on = TaskState.OPEN, None
        fields["state"] = state.value
        fields["done_on"] = done_on.isoformat() if done_on else None
    return {
        "id": task.id,
        **fields,
        **current,
        "status": found.status.value if found else None,
    }
