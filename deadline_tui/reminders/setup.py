"""Building a runner from settings (shared by ``remind``, the daemon and the TUI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from deadline_tui.config import Settings
from deadline_tui.domain.names import NameMatcher
from deadline_tui.reminders.engine import ReminderRules

if TYPE_CHECKING:  # the TUI asks for the rules at start; the runner comes later
    from deadline_tui.reminders.channels import Channel
    from deadline_tui.reminders.runner import ReminderRunner
    from deadline_tui.services.tasks import TaskService


def rules_from(settings: Settings) -> ReminderRules:
    """The engine's rules from the validated settings."""
    reminders = settings.reminders
    return ReminderRules(
        lead_days=reminders.lead_days,
        digest_time=reminders.digest_time,
        repeat_overdue=reminders.repeat_overdue,
        warning_days=settings.ui.warning_days,
    )


def make_runner(
    service: TaskService, settings: Settings, channels: Sequence[Channel]
) -> ReminderRunner:
    """A runner over ``service`` delivering through ``channels``."""
    from deadline_tui.reminders.runner import ReminderRunner

    return ReminderRunner(
        service,
        rules_from(settings),
        channels,
        group_above=settings.reminders.group_above,
        matcher=NameMatcher(settings.aliases),
    )
