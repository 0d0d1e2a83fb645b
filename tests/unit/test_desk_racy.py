"""The desk book's version cannot be fooled into a splice over bytes it does not hold.

- Racy versions (storage.racy): on coarse timestamps an outside same-size write in the
  same tick keeps the version; the change must see it (or refuse damage), in-process and
  across processes. Simulated deterministically (the probe's answer, the timestamps and
  the clock patched); one real ramfs run when this machine lets us mount one.
- An outside save between our rename and our stat is not recorded as our bytes.
- A meta table with another record besides "1" (valid TinyDB) keeps working.
- A file written in place forever is refused by name, not read forever; a folder flush
  that fails after the rename says the change is on disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from deadline_tui.errors import DamagedDatabaseError, DataError
from deadline_tui.storage import bookfile, racy
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.unit.test_storage_odd import a_book

TICK = 1_700_000_000 * 10**9  # every timestamp, on the simulated coarse file system


def coarse_times(monkeypatch: pytest.MonkeyPatch, *, seen_after_tick_ns: int = 1_000_000) -> None:
    """Every write falls in one timestamp tick (so a same-size write in place keeps the
    version), the probe finds coarse times, and the clock reads ``seen_after_tick_ns``
    after that tick."""
    real = bookfile._version

    def version(info: os.stat_result, head: bytes | bytearray) -> bookfile.Version:
        return real(info, head)._replace(mtime_ns=TICK, ctime_ns=TICK)

    monkeypatch.setattr(bookfile, "_version", version)
    monkeypatch.setattr(racy, "coarse", lambda folder, name: True)
    monkeypatch.setattr(racy, "now_ns", lambda: TICK + seen_after_tick_ns)


def edit_in_place(path: Path, old: str, new: str) -> None:
    """An outside program's same-size write in place (same inode)."""
    raw = path.read_bytes()
    assert raw.count(old.encode()) == 1 and len(old.encode()) == len(new.encode())
    with open(path, "r+b") as handle:
        handle.write(raw.replace(old.encode(), new.encode()))


def notes_and_titles(path: Path) -> list[tuple[str, str]]:
    return [(t.title, t.note) for t in DeskBook(path).tasks()]


# -- racy versions --------------------------------------------------------------------------


@pytest.mark.parametrize("same_object", [True, False], ids=["in-process", "next-process"])
def test_a_same_tick_outside_edit_on_coarse_timestamps_is_kept_by_the_next_change(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, same_object: bool
) -> None:
    coarse_times(monkeypatch)
    book = a_book(db_path, "Việc một", "Việc hai")
    before = bookfile.version_on_disk(db_path)
    edit_in_place(db_path, "Việc một", "Việc bốn")
    assert bookfile.version_on_disk(db_path) == before  # the bad thing: a stat cannot tell
    writer = book if same_object else DeskBook(db_path)  # (the next: the note's crc32)
    writer.update(2, lambda t: t._replace(note="x"))
    assert notes_and_titles(db_path) == [("Việc bốn", ""), ("Việc hai", "x")]


def test_a_same_tick_outside_edit_on_coarse_timestamps_moves_the_version_a_view_polls(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coarse_times(monkeypatch)
    book = a_book(db_path, "Việc một", "Việc hai")
    book.update(2, lambda t: t._replace(note="x"))  # our write: its version is racy
    polled = book.version()
    assert book.version() == polled  # nothing written: the same token
    edit_in_place(db_path, "Việc một", "Việc bốn")
    assert bookfile.version_on_disk(db_path) == polled  # the stat cannot tell
    assert book.version() != polled  # the bytes can: the TUI reloads
    assert [t.title for t in book.tasks()] == ["Việc bốn", "Việc hai"]


@pytest.mark.parametrize("same_object", [True, False], ids=["in-process", "next-process"])
def test_same_tick_damage_on_coarse_timestamps_refuses_the_next_change(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, same_object: bool
) -> None:
    coarse_times(monkeypatch)
    book = a_book(db_path, "Việc một", "Việc hai")
    edit_in_place(db_path, 'một","', 'một"}"')
    damaged = db_path.read_bytes()
    writer = book if same_object else DeskBook(db_path)
    with pytest.raises(DamagedDatabaseError):
        writer.update(2, lambda t: t._replace(note="x"))
    assert db_path.read_bytes() == damaged


@pytest.mark.parametrize("fine, seen_after", [(True, 1_000_000), (False, 10 * 10**9)])
def test_fine_timestamps_or_a_tick_long_over_compare_no_bytes(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, fine: bool, seen_after: int
) -> None:
    coarse_times(monkeypatch, seen_after_tick_ns=seen_after)
    monkeypatch.setattr(racy, "coarse", lambda folder, name: not fine)
    book = a_book(db_path, "Việc một", "Việc hai")
    reads: list[Path] = []
    real = bookfile.read_book
    monkeypatch.setattr(bookfile, "read_book", lambda p: reads.append(p) or real(p))
    book.update(2, lambda t: t._replace(note="x"))
    book.tasks()
    assert reads == []  # the change costs no read: the budget on fine timestamps


def test_the_probe_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    assert racy.coarse.__wrapped__(folder, "tasks.json") in (True, False)
    assert not [*folder.iterdir()]
    assert racy.coarse.__wrapped__(tmp_path / "missing", "tasks.json")  # cannot tell: coarse


@pytest.fixture
def ramfs(tmp_path: Path) -> Any:
    """A ramfs folder (coarse timestamps on any kernel), or a skip."""
    folder = tmp_path / "ramfs"
    folder.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("mounting a ramfs needs root and mount(8)")
    made = subprocess.run(
        ["mount", "-t", "ramfs", "ramfs", str(folder)], check=False, capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a ramfs here: {made.stderr.decode(errors='replace')}")
    try:
        (folder / "clock").write_bytes(b"")
        if abs((folder / "clock").stat().st_ctime_ns - time.time_ns()) > 10**9:
            pytest.skip("this process's clock is not the file system's (faketime?)")
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_on_a_real_ramfs_no_same_tick_outside_edit_is_lost(ramfs: Path) -> None:
    path = ramfs / "tasks.json"
    book = a_book(path, *(f"AAAA{n}" for n in range(5)))
    lost = 0
    for n in range(40):
        book.update(1, lambda t, x=n: t._replace(note=f"{x:05d}"))
        old, new = ("AAAA2", "BBBB2") if n % 2 == 0 else ("BBBB2", "AAAA2")
        edit_in_place(path, old, new)  # microseconds after our write: the same tick
        book.update(2, lambda t: t._replace(result="x"))
        lost += new.encode() not in path.read_bytes()
    assert lost == 0


# -- an outside save between our rename and our stat ----------------------------------------


def test_an_outside_save_right_after_our_write_is_not_taken_for_ours(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = a_book(db_path, "Việc một", "Việc hai")
    real = bookfile.write_durably

    def write_then_an_editor_saves(path: Path, payload: bytes | bytearray, **options: Any) -> Any:
        written = real(path, payload, **options)
        if path == book.path:  # (not a backup)
            saved = bytes(payload).replace("Việc một".encode(), "Việc bốn".encode())
            (path.parent / "editor.tmp").write_bytes(saved)
            os.replace(path.parent / "editor.tmp", path)
        return written

    monkeypatch.setattr(bookfile, "write_durably", write_then_an_editor_saves)
    book.update(2, lambda t: t._replace(note="x"))
    monkeypatch.setattr(bookfile, "write_durably", real)
    book.update(2, lambda t: t._replace(result="y"))
    assert notes_and_titles(db_path) == [("Việc bốn", ""), ("Việc hai", "x")]
    assert [t.result for t in DeskBook(db_path).tasks()] == ["", "y"]


# -- a meta table with another record -------------------------------------------------------


def test_a_book_with_another_meta_record_takes_add_done_and_import(
    db_path: Path, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    assert cli("add", "một", "--unit", "P", "--due", "31/12/2027").code == 0
    tables = orjson.loads(db_path.read_bytes())
    tables["meta"]["2"] = {"note": "x"}  # valid TinyDB: restore accepts it
    other = tmp_path / "other.json"
    other.write_bytes(orjson.dumps(tables))
    assert cli("restore", str(other), "--yes").code == 0
    for step in range(2):  # the first writes whole, the second splices
        added = cli("add", f"hai {step}", "--unit", "P", "--due", "31/12/2027")
        assert added.code == 0, added.err
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "deadline-tui", ignore_errors=True)
    done = cli("done", "1")
    assert done.code == 0, done.err
    exported = tmp_path / "exported.json"
    assert cli("export", str(exported)).code == 0
    imported = cli("import", str(exported))
    assert imported.code == 0, imported.err
    raw = db_path.read_bytes()
    assert orjson.loads(raw)["meta"]["2"] == {"note": "x"}
    assert bookfile.in_layout(raw, orjson.loads(raw))
    assert len(DeskBook(db_path).tasks()) >= 3


# -- reads that never end, flushes that fail ------------------------------------------------


def test_a_file_written_in_place_during_every_read_is_refused_by_name(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, "Việc một").close()
    real, calls = os.fstat, [0]

    class Moving:  # each stat sees a new ctime: another program writing all the time
        def __init__(self, info: os.stat_result) -> None:
            calls[0] += 1
            self.info, self.st_ctime_ns = info, calls[0]

        def __getattr__(self, name: str) -> Any:
            return getattr(self.info, name)

    monkeypatch.setattr(bookfile.os, "fstat", lambda fd: Moving(real(fd)))
    with pytest.raises(DataError) as refused:
        bookfile.read_book(db_path)
    assert str(db_path) in str(refused.value)


def test_a_folder_flush_that_fails_after_the_rename_says_the_change_is_on_disk(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = a_book(db_path, "Việc một")
    real = os.fsync

    def fsync(fd: int) -> None:  # the book's folder only (not its backups')
        if os.fstat(fd).st_ino == db_path.parent.stat().st_ino:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(DataError) as failed:
        book.update(1, lambda t: t._replace(note="x"))
    assert failed.value.key == "book_not_flushed"
    monkeypatch.setattr(os, "fsync", real)
    assert notes_and_titles(db_path) == [("Việc một", "x")]  # on disk, as the message says
