"""What every command gets: settings, the clock, output, and the database opened on demand."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TextIO, cast

from deadline_tui.config import Settings
from deadline_tui.domain.printable import printable, terminal_safe
from deadline_tui.errors import InputError
from deadline_tui.services.clock import Clock, SystemClock
from deadline_tui.storage.book import TaskBook
from deadline_tui.storage.open import open_book

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.extract.model import Document
    from deadline_tui.services.document_import import Reviewed
    from deadline_tui.services.tasks import TaskService

    Review = Callable[[Document, date, list[str], WorkCalendar], Reviewed | None]


def date_argument(text: str, option: str) -> date:
    """A date typed on the command line (``--as-of``, ``--from``), day-first; a bad one
    is refused naming ``option`` as well as the value.

    The deadline reader is imported here, not by the reading commands' modules: its
    patterns cost ``summary`` and ``list`` ~1,5 ms when no date is given."""
    from deadline_tui.domain.deadlines import parse_date

    with naming_option(option):
        return parse_date(text)


@contextmanager
def naming_option(option: str) -> Iterator[None]:
    """An input error raised in the block names the command-line ``option`` whose value
    it is about ("--as-of: Ngày “31/13/2026” không có trong lịch.")."""
    try:
        yield
    except InputError as error:
        raise InputError("cli_option_value", option=option, problem=error.message()) from None


CREATING_HANDLERS = frozenset({"tasks:cmd_add", "transfer:cmd_import", "restore:cmd_init"})
"""The commands that may create a missing book (DESIGN 9); any other one names the path
and creates nothing."""


class _SafeStream:
    """A terminal stream that lets through Rich's colour codes and no other control
    character (a unit name in a summary table cannot clear the screen either)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"


class Context:
    """Shared state of one command run. (A plain class: a dataclass costs every command
    0,4 ms to define.)"""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        creates_book: bool = False,
        review: Review | None = None,
    ) -> None:
        self.settings = settings
        self.clock: Clock = SystemClock() if clock is None else clock
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.creates_book = creates_book
        self.review = review
        """The review screen for ``import NOTICE`` on a terminal; the command line passes
        it in (commands never import the TUI)."""
        self._repo: TaskBook | None = None

    @property
    def repo(self) -> TaskBook:
        """The book, opened the first time a command needs it."""
        if self._repo is None:
            self._repo = open_book(self.settings, create=self.creates_book)
        return self._repo

    def service(self) -> TaskService:
        """The task use cases over this run's database and clock."""
        from deadline_tui.services.tasks import TaskService

        return TaskService(self.repo, self.clock, self.settings.calendar.work_calendar())

    def today(self) -> date:
        """Today by this run's clock."""
        return self.clock.now().date()

    @property
    def is_terminal(self) -> bool:
        """True when stdout is a terminal: tables and colour; otherwise plain text."""
        return self.stdout.isatty()

    def console(self) -> Console:
        """A Rich console on stdout (only used on a terminal)."""
        from rich.console import Console

        safe = cast(TextIO, _SafeStream(self.stdout))  # the part of TextIO Rich uses
        return Console(file=safe, highlight=False, soft_wrap=False)

    def say(self, text: str) -> None:
        """A line on stdout, as plain text without control characters (a title must not
        clear the screen or write to the clipboard, on a terminal or through a pipe)."""
        print(printable(text), file=self.stdout)

    def warn(self, text: str) -> None:
        """A line on stderr, without control characters."""
        print(printable(text), file=self.stderr)

    def close(self) -> None:
        """Release the book; say so if this run created it."""
        if self._repo is not None:
            self._repo.close()
            if getattr(self._repo, "created", False):
                from deadline_tui.i18n import t

                self.warn(t("book_created", path=self._repo.location))
