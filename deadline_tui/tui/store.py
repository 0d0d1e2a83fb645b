"""The TUI's way to the database: every storage call runs on one dedicated thread.

TinyDB is not thread-safe, and saving must never freeze the screen: so the repository,
the services and the view model live on a single worker thread, and the UI awaits
their results. Opening starts before Textual is even imported (see :func:`preload`).
When the book's opening view for today is kept beside it (storage.opening), opening
returns just that, and the whole book is read on the first call that needs it, after
the first frame; otherwise opening reads the whole book and keeps its opening view.
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
from deadline_tui.services.opening import keep_opening, read_opening
from deadline_tui.services.query import SortKey, TaskFilter
from deadline_tui.services.view import TaskView, ViewResult
from deadline_tui.storage.repository import TaskRepository

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
        self._repo: TaskRepository | None = None
        self._service: TaskService | None = None  # made on first use, after the first frame
        self._view = TaskView(settings.ui.warning_days)
        self._loaded = False  # has the whole book been read? (not yet after an opening view)
        self._kept_opening: tuple[object, date] | None = None  # (version, day) kept last
        self.version: object = None  # the book version on screen (see TaskRepository.version)
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
    def repo(self) -> TaskRepository:
        """The repository (storage thread only)."""
        assert self._repo is not None, "the book is not open"
        return self._repo

    @property
    def service(self) -> TaskService:
        """The task use cases (storage thread only)."""
        if self._service is None:
            from deadline_tui.services.tasks import TaskService

            self._service = TaskService(self.repo, self.clock)
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
        from deadline_tui.commands.context import open_repository

        self._repo = open_repository(self.settings)
        # Rebuilding the row cache (after another program changed the book) costs about
        # as much as reading it: done after the first frame (see after_first_frame).
        self._repo.defer_cache = True
        today = self.today()
        found = read_opening(self._repo, today, self.settings.ui.warning_days)
        if found is not None:
            self._kept_opening = (self._repo.version(), today)
            return found
        return self.query(Query(as_of=today))

    def start(self) -> None:
        """Begin opening and loading the book in the background."""
        if self._opening is None:
            self._opening = self.submit(self._open)

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

    def after_first_frame(self) -> None:
        """Work that opening left for after the first frame: the row cache."""
        self.repo.write_deferred_cache()

    def reload(self) -> bool:
        """Re-read the book if the file changed; True when it did."""
        snapshot = self.repo.snapshot()
        changed = snapshot.version != self.version or snapshot.version is None
        self.version = snapshot.version
        self._view.load(snapshot.tasks, snapshot.version or object())
        self._loaded = True
        return changed

    def changed_on_disk(self) -> bool:
        """Has another process (or this one) written since the last reload? (reads the
        file's first bytes)"""
        return self.repo.version() != self.version

    def query(self, query: Query) -> ViewResult:
        """The rows and figures for a query, from the current snapshot. The opening view
        (no filter, by urgency, at today) is kept for the next start."""
        view = self.view
        result = view.query(query.as_of, query.task_filter, query.order, query.reverse)
        today = self.today()
        if query == Query(as_of=today) and self._kept_opening != (self.version, today):
            self._kept_opening = (self.version, today)
            keep_opening(self.repo, self.version, today, view.warning_days, result)
        return result

    def close(self) -> None:
        """Finish pending work and release the database."""

        def release() -> None:
            if self._repo is not None:
                self._repo.write_deferred_cache()  # quit before it was written: now
                self._repo.close()

        self._executor.submit(release)
        self._executor.shutdown(wait=True)


def preload(settings: Settings, clock: Clock | None = None) -> BookStore:
    """Create the store and start loading the book right away (no Textual import here)."""
    store = BookStore(settings, clock)
    store.start()
    return store
