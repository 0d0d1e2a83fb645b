"""Messages the app's parts send each other (past-tense facts)."""

from __future__ import annotations

from textual.message import Message


class ReminderCheckDue(Message):
    """A scheduler job fired: time to look for due reminders."""

    def __init__(self, *, at_start: bool = False) -> None:
        super().__init__()
        self.at_start = at_start


class KeyHandled(Message):
    """Posted right behind a key to the widget that got it: that widget has dealt with
    the key (and run the action it is bound to) once this reaches the app."""
