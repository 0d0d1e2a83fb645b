"""Typed errors that carry a readable message: no raw exception ever reaches a user.

Each error holds a message id and its parameters, and renders in the user's language
only when shown, so the same error reads right in the CLI, the TUI and the logs.
"""

from __future__ import annotations

from deadline_tui.i18n import t

# The command line's exit codes (DESIGN section 7).
EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A problem the user can act on. ``exit_code`` is what the CLI returns for it."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        """The message in the current language."""
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message()


class InputError(UserError):
    """A value typed or imported by the user cannot be used (what, where and why)."""


class DeadlineError(InputError):
    """A deadline phrase or date that cannot be read; the message names the phrase."""


class NotFoundError(UserError):
    """No task with the given id or uid."""


class ConflictError(UserError):
    """The change no longer applies: another process changed the task first."""


class DataError(UserError):
    """The database cannot be read or written safely."""


class DamagedDatabaseError(DataError):
    """The database file is unreadable; the message names it and the newest good backup."""


class BusyError(DataError):
    """Another process held the database lock for too long."""


class ConfigError(UserError):
    """The configuration file is invalid; the program stops before starting (exit 2)."""

    exit_code = EXIT_USAGE
