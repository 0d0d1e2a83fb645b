"""One contract, every book: the registry of :class:`TaskBook` implementations.

Each entry makes an empty book and can open it again by its location (a second handle,
as another process or another machine would have). A second implementation joins the
suite with one line in ``IMPLEMENTATIONS``; entries that cannot run here (no server)
skip themselves in ``new``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from deadline_tui.storage.book import TaskBook
from deadline_tui.storage.desk import DeskBook


class Implementation(NamedTuple):
    """How to make an empty book (returns its location) and open one by location.
    Both are module-level functions, so worker processes can call them too."""

    new: Callable[[Path], str]
    open: Callable[[str], TaskBook]


def new_desk_book(folder: Path) -> str:
    path = folder / "book" / "tasks.json"
    DeskBook.open_or_create(path).close()
    return str(path)


def open_desk_book(location: str) -> TaskBook:
    return DeskBook(Path(location))


def new_server_book(folder: Path) -> str:
    """A fresh, upgraded schema on the test server, dropped when the tests end; skips (fails
    in CI) without a server. See tests/server/pg.py."""
    from tests.server.pg import new_schema_url

    return new_schema_url(folder)


def open_server_book(location: str) -> TaskBook:
    from deadline_tui.storage.server.book import ServerBook

    return ServerBook.open(location)


IMPLEMENTATIONS: dict[str, Implementation] = {
    "desk": Implementation(new_desk_book, open_desk_book),
    "server": Implementation(new_server_book, open_server_book),
}


class Books(NamedTuple):
    """The book under test: where it is, and how to open (another handle on) it."""

    kind: str
    location: str
    implementation: Implementation

    def open(self) -> TaskBook:
        return self.implementation.open(self.location)


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def books(request: pytest.FixtureRequest, tmp_path: Path) -> Books:
    """A new empty book of each implementation in turn."""
    implementation = IMPLEMENTATIONS[request.param]
    return Books(request.param, implementation.new(tmp_path), implementation)


@pytest.fixture
def book(books: Books) -> Iterator[TaskBook]:
    """A handle on the new empty book."""
    handle = books.open()
    yield handle
    handle.close()
