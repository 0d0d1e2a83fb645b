"""Write an export so that a kill or a full disk leaves the previous file whole
(:mod:`deadline_tui.durable`), and never over the book itself."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from deadline_tui.durable import remove_dead_leftovers, replacing
from deadline_tui.errors import InputError


def refuse_the_book(target: Path, book: Path) -> None:
    """An export never replaces the task book itself (by any name that leads to it)."""
    same = target.resolve() == book.resolve()
    if not same and target.exists() and book.exists():
        with contextlib.suppress(OSError):
            same = target.samefile(book)
    if same:
        raise InputError("export_onto_book", path=str(target))


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on a clean exit it becomes ``target``
    (:func:`deadline_tui.durable.replacing`), keeping the old file's mode; a new file is
    0600, as the book (it holds every title)."""
    remove_dead_leftovers(target)
    try:
        with replacing(target, new_mode=0o600) as temp:
            yield temp
    except OSError as error:
        raise InputError(
            "export_failed", path=str(target), detail=error.strerror or str(error)
        ) from None
