"""A book reached through a symlink (DESIGN section 9): the book writes through the link,
and its backups, ``restore`` and the command line's undo history are the ones of the
file the link points to, so every path to one book sees the same backups and history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from deadline_tui.services.clock import SystemClock
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult

Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


@pytest.fixture
def link(tmp_path: Path) -> Path:
    """``desk/so-viec.json`` -> ``shared/tasks.json``: another folder, another name."""
    real = tmp_path / "shared" / "tasks.json"
    real.parent.mkdir()
    DeskBook.open_or_create(real).close()
    path = tmp_path / "desk" / "so-viec.json"
    path.parent.mkdir()
    path.symlink_to(real)
    return path


def add(cli: Cli, db: Path, title: str) -> None:
    result = cli("add", title, "--unit", "Sở Y tế", "--due", "31/12/2026", db=db)
    assert result.code == 0, result.err


def titles(path: Path) -> list[str]:
    book = DeskBook(path)
    try:
        return [task.title for task in book.tasks()]
    finally:
        book.close()


def test_backups_and_restore_through_the_link_find_the_books_backups(cli: Cli, link: Path) -> None:
    add(cli, link, "Việc một")  # the first change backs up the (empty) book first
    listed = cli("backups", db=link)
    assert listed.code == 0, listed.err
    assert str(link.resolve().parent / "backups") in listed.out
    restored = cli("restore", "--yes", db=link)
    assert restored.code == 0, restored.err
    assert str(link) in restored.out  # the message names the path the user gave
    assert titles(link) == [] and link.is_symlink()  # restored through the link


def test_two_paths_to_one_book_share_one_undo_history(cli: Cli, link: Path) -> None:
    add(cli, link, "Việc một")
    add(cli, link.resolve(), "Việc hai")
    # Undo through the link takes back the newest change, made through the target...
    assert cli("undo", db=link).code == 0
    assert titles(link) == ["Việc một"]
    # ... and undo through the target the one made through the link.
    assert cli("undo", db=link.resolve()).code == 0
    assert titles(link) == []
    assert not (link.parent / (link.name + ".undo")).exists()
