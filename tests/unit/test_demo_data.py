"""The demo book reads like a real one: every task's document is dated the day it assigned
the task, and no deadline falls before that day."""

from __future__ import annotations

import re
from datetime import date

from deadline_tui.demo.generate import generate_tasks

TODAY = date(2026, 11, 23)
SIGNED = re.compile(r"ngày (\d{2})/(\d{2})/(\d{4})")


def test_every_document_is_signed_the_day_it_assigned_the_task() -> None:
    tasks = generate_tasks(400, seed=2026, today=TODAY)
    for task in tasks:
        found = SIGNED.search(task.source)
        assert found is not None, task.source
        day, month, year = (int(part) for part in found.groups())
        assert date(year, month, day) == task.assigned_on, (task.source, task.assigned_on)


def test_no_deadline_falls_before_its_document() -> None:
    tasks = generate_tasks(400, seed=2026, today=TODAY)
    dated = [task for task in tasks if task.due_on is not None]
    assert len(dated) > 300
    for task in dated:
        assert task.due_on is not None
        assert task.due_on >= task.assigned_on, (task.source, task.deadline_text, task.due_on)
