"""Messages the app's parts send each other (past-tense facts)."""

from __future__ import annotations

from textual.message import Message


class ReminderCheckDue(Message):
    """A scheduler job fired: time to look for due reminders."""

    def __init__(self, *, at_start: bool = False) -> None:
        super().__init__()
        self.at_start = at_start
