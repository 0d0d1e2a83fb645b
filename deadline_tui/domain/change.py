"""One line of a task's change log (the server book keeps it): who changed what, when."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class ChangeRecord(NamedTuple):
    """``action`` is add, update, put (undo), delete or import; ``fields`` names the
    stored fields that changed (empty for add, delete and import)."""

    task_id: int
    action: str
    fields: tuple[str, ...]
    at: datetime
    by: str
