"""Test isolation: no test ever reads the developer's own config or database."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from deadline_tui.i18n import set_language
from deadline_tui.services.clock import FixedClock
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run every test in an empty working directory with its own config and data dirs."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("DEADLINE_TUI_CONFIG", "DEADLINE_TUI_DB", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    set_language("vi")
    yield work
    set_language("vi")
    # A command run in-process turns the cyclic collector off for good (a real command
    # exits right after): switch it back on, so no later test runs without it.
    gc.enable()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "db" / "tasks.json"


@pytest.fixture
def repo(db_path: Path) -> Iterator[DeskBook]:
    """A fresh, empty database."""
    repository = DeskBook.open_or_create(db_path)
    yield repository
    repository.close()


@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at 23/11/2026 09:00."""
    return FixedClock(NOW)


@pytest.fixture
def service(repo: DeskBook, clock: FixedClock) -> TaskService:
    """The task use cases on the fresh database and the frozen clock."""
    return TaskService(repo, clock)


@dataclass
class CliResult:
    """What one in-process CLI run produced."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path) -> Callable[..., CliResult]:
    """Run ``deadline-tui`` in-process against the test database."""
    from deadline_tui.cli import main

    def run(*args: str, db: Path | None = None) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(["--db", str(db or db_path), *args])
            except SystemExit as exit_:
                code = int(exit_.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run
