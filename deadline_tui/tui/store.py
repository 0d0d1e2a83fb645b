"""The TUI's way to the database: every storage call runs on one dedicated thread.

TinyDB is not thread-safe, and saving must never freeze the screen: so the repository,
the services and the view model live on a single worker thread, and the UI awaits
their results. Opening starts before Textual is even imported (see :func:`preload`);
the real program works out the first screen in a child process (tui.firstview).
The screen polls :meth:`BookStore.changed_on_disk` (the book's ``version()``, a stat
and a few bytes) and reloads when anyone changed the book.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from deadline_tui.config import Settings
from deadline_tui.services.clock import Clock, SystemClock
from deadline_tui.services.query import SortKey, TaskFilter
from deadline_tui.services.view import TaskView, ViewResult
from deadline_tui.storage.book import TaskBook
from deadline_tui.storage.open import open_book
from deadline_tui.tui import firstview

if TYPE_CHECKING:
    from deadline_tui.services.tasks import TaskService

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Query:
    """What the main screen asks the view for."""

    as_of: date
    task_filter: TaskFilter = field(default_factory=TaskFilter)
    order: SortKey = "urgency"
    reverse: bool = False


class BookStore:
    """Repository, services and view model, owned by one worker thread."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deadline-storage")
        self._repo: TaskBook | None = None
        self._service: TaskService | None = None  # made on first use, after the first frame
        self._view = TaskView(settings.ui.warning_days)
        self._loaded = False  # has the whole book been read?
        self.version: object = None  # the book version on screen (see TaskBook.version)
        self._opening: Future[ViewResult] | None = None

    # -- running on the storage thread ---------------------------------------------------

    def submit(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        """Run ``function`` on the storage thread."""
        return self._executor.submit(function, *args, **kwargs)

    async def call(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Await ``function`` run on the storage thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(function, *args, **kwargs))

    @property
    def repo(self) -> TaskBook:
        """The repository, opened on first use (storage thread only)."""
        if self._repo is None:
            self._repo = open_book(self.settings)
        return self._repo

    @property
    def service(self) -> TaskService:
        """The task use cases (storage thread only)."""
        if self._service is None:
            from deadline_tui.services.tasks import TaskService

            # The office's [calendar] counts "N ngày làm việc", as on the command line.
            calendar = self.settings.calendar.work_calendar()
            self._service = TaskService(self.repo, self.clock, calendar)
        return self._service

    @property
    def view(self) -> TaskView:
        """The view model over the whole book, read first if need be (storage thread only)."""
        if not self._loaded:
            self.reload()
        return self._view

    def today(self) -> date:
        """Today by the store's clock."""
        return self.clock.now().date()

    # -- opening and refreshing (call through submit/call) -----------------------------------

    def _open(self) -> ViewResult:
        return self.query(Query(as_of=self.today()))

    def _open_in_child(self) -> ViewResult:
        """(in the child of tui.firstview) The first view; the book is closed after."""
        try:
            return self._open()
        finally:
            if self._repo is not None:
                self._repo.close()

    def _from_child(self, child: firstview.Child) -> ViewResult:
        found = firstview.result(child)
        return found if found is not None else self._open()

    def start(self, *, in_child: bool = False) -> None:
        """Begin opening and loading the book in the background. ``in_child``: the first
        view is worked out in a forked child (tui.firstview; call it while this process
        has one thread), the whole book read here once it is on screen."""
        if self._opening is None:
            child = firstview.fork(self._open_in_child) if in_child else None
            if child is None:
                self._opening = self.submit(self._open)
            else:
                self._opening = self.submit(self._from_child, child)

    def opened_already(self) -> ViewResult | None:
        """The first view if opening has already finished well, else None (no waiting)."""
        opening = self._opening
        if opening is None or not opening.done() or opening.exception() is not None:
            return None
        return opening.result()

    async def opened(self) -> ViewResult:
        """The first view of the book; raises what opening raised (e.g. a damaged file)."""
        self.start()
        assert self._opening is not None
        return await asyncio.wrap_future(self._opening)

    def reload(self) -> bool:
        """Re-read the book if anyone changed it; True when it did. (The version is read
        before the tasks: if a write lands in between, the next poll reloads again.)"""
        version = self.repo.version()
        changed = version != self.version
        if changed or not self._loaded:
            self._view.load(self.repo.tasks(), version)
        self.version = version
        self._loaded = True
        return changed

    def changed_on_disk(self) -> bool:
        """Has another process (or this one) written since the last reload? (a stat and
        the file's first bytes)"""
        return self.repo.version() != self.version

    def query(self, query: Query) -> ViewResult:
        """The rows and figures for a query, from the book as last loaded."""
        return self.view.query(query.as_of, query.task_filter, query.order, query.reverse)

    def close(self) -> None:
        """Finish pending work and release the database."""

        def release() -> None:
            if self._repo is not None:
                self._repo.close()

        self._executor.submit(release)
        self._executor.shutdown(wait=True)


def preload(settings: Settings, clock: Clock | None = None, *, in_child: bool = False) -> BookStore:
    """Create the store and start loading the book right away (no Textual import here).
    ``in_child``: see :meth:`BookStore.start`."""
    store = BookStore(settings, clock)
    store.start(in_child=in_child)
    return store
