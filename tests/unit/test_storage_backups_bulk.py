"""Backups after a bulk change (DESIGN section 9): after an import (CSV, XLSX, a JSON
backup, a document), a restore or the making of the demo book, the next change backs up
the book the bulk change produced, whatever the hour between backups says, so a mistake
made within that hour can be undone without losing what the bulk change brought. Other
single-task changes still take none within the hour.

The hour is never waited for: every test runs well within it (the newest backup's mtime
is the clock the interval is measured on)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from deadline_tui.demo.build import build_demo
from deadline_tui.services.clock import SystemClock
from deadline_tui.storage.backups import BackupPolicy, list_backups, task_count
from deadline_tui.storage.book import bulk_change
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]
DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
COUNT = 30


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's system clock reads 23/11/2026 09:00."""
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


class Listed(NamedTuple):
    """One line of ``deadline-tui backups``."""

    sequence: int
    taken: str
    count: int
    path: str


def ok(result: CliResult) -> CliResult:
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return result


def listing(cli: Cli) -> list[Listed]:
    """``backups`` as printed: every line has a date and a task count."""
    lines = []
    for line in ok(cli("backups")).out.splitlines():
        sequence, taken, count, path = line.split("\t")
        assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", taken), line
        assert count.endswith(" đầu việc"), line
        lines.append(Listed(int(sequence), taken, int(count.split()[0]), path))
    return lines


def uids(db_path: Path) -> list[str]:
    """Every task's uid, in id order (``list`` leaves out some occurrences of a series)."""
    book = DeskBook(db_path)
    try:
        return [task.uid for task in book.tasks()]
    finally:
        book.close()


def source_file(cli: Cli, tmp_path: Path, kind: str, name: str = "tasks") -> tuple[Path, list[str]]:
    """A file to import, made by ``export`` from another book of COUNT tasks (or a
    document); with the extra arguments its import needs."""
    if kind == "document":
        return DOCUMENTS / "notice_directive.txt", ["--yes"]
    other = tmp_path / f"other-{name}" / "tasks.json"
    book = DeskBook.open_or_create(other)
    book.add_many([make_task(title=f"Việc nhập {n}") for n in range(COUNT)])
    book.close()
    path = tmp_path / f"{name}.{kind}"
    ok(cli("export", str(path), db=other))
    return path, []


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json", "document"])
def test_an_import_then_a_mistake_within_the_hour_can_be_undone(
    cli: Cli, db_path: Path, tmp_path: Path, kind: str
) -> None:
    source, extra = source_file(cli, tmp_path, kind)
    ok(cli("init", str(db_path)))
    ok(cli("import", str(source), *extra))
    imported = uids(db_path)
    assert len(imported) == COUNT if kind != "document" else len(imported) >= 8
    ok(cli("delete", "1", "--yes"))  # the mistake, within the hour
    assert len(uids(db_path)) == len(imported) - 1

    holding = [line for line in listing(cli) if line.count == len(imported)]
    assert holding, listing(cli)
    restored = ok(cli("restore", "--yes", holding[0].path))
    assert f"bản sao lưu có {len(imported)} đầu việc" in restored.out
    assert uids(db_path) == imported


def test_a_restore_then_a_mistake_within_the_hour_can_be_undone(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    # A copy kept elsewhere (not in backups/), restored over a book of one task.
    elsewhere = tmp_path / "usb" / "tasks.json"
    book = DeskBook.open_or_create(elsewhere)
    book.add_many([make_task() for _ in range(COUNT)])
    book.close()
    ok(cli("init", str(db_path)))
    ok(cli("add", "Có sẵn", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    ok(cli("restore", "--yes", str(elsewhere)))
    restored = uids(db_path)
    assert len(restored) == COUNT
    ok(cli("delete", "1", "--yes"))  # the mistake, within the hour

    newest = listing(cli)[0]
    assert newest.count == COUNT  # the restored book, newer than the one it replaced
    ok(cli("restore", "--yes"))  # the newest good backup
    assert uids(db_path) == restored


def test_restoring_the_oldest_backup_keeps_it(db_path: Path) -> None:
    """The book kept by a restore rotates the oldest backup out: when that is the one
    restored, the restored book must still be in a backup."""
    policy = BackupPolicy(keep=2, interval_seconds=3600)
    book = DeskBook.open_or_create(db_path, backups=policy)
    try:
        book.add_many([make_task(), make_task()])
        book.backup_now()
        book.add(make_task())
        book.backup_now()
        oldest = list_backups(db_path)[-1]
        assert task_count(oldest.path) == 2
        book.restore(oldest.path)
        assert len(book.tasks()) == 2
        book.delete(1)  # the mistake, within the hour
        holding = [b for b in list_backups(db_path) if task_count(b.path) == 2]
        assert holding
        book.restore(holding[0].path)
        assert len(book.tasks()) == 2
    finally:
        book.close()


def test_a_restore_with_backups_off_keeps_only_the_book_it_replaced(
    db_path: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "usb" / "tasks.json"
    DeskBook.open_or_create(elsewhere).add(make_task())
    book = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=0))
    try:
        book.add_many([make_task(), make_task()])
        assert list_backups(db_path) == []
        kept = book.restore(elsewhere)
        assert [b.path for b in list_backups(db_path)] == [kept]
        assert kept is not None
        assert task_count(kept) == 2
    finally:
        book.close()


def test_two_imports_in_a_row_back_up_each_book_once(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    first, _ = source_file(cli, tmp_path, "csv", "first")
    second, _ = source_file(cli, tmp_path, "csv", "second")
    ok(cli("init", str(db_path)))
    ok(cli("import", str(first)))
    ok(cli("import", str(second)))
    # Before the first; before the second (= the first's book).
    assert [line.count for line in listing(cli)] == [COUNT, 0]
    ok(cli("add", "Sau khi nhập", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    assert [line.count for line in listing(cli)] == [2 * COUNT, COUNT, 0]
    assert [line.sequence for line in listing(cli)] == [3, 2, 1]


def test_restore_right_after_an_import_undoes_it(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    source, _ = source_file(cli, tmp_path, "csv")
    ok(cli("init", str(db_path)))
    ok(cli("add", "Có sẵn", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    ok(cli("import", str(source)))
    assert len(uids(db_path)) == COUNT + 1
    restored = ok(cli("restore", "--yes"))  # the newest: the book before the import
    assert "bản sao lưu có 1 đầu việc" in restored.out
    assert len(uids(db_path)) == 1


def test_a_backup_that_cannot_be_noted_never_fails_the_import(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note asking the next change for a backup is written after the import: if it
    cannot be (a full disk), the import has still succeeded and says so."""
    from deadline_tui.storage import backups

    source, _ = source_file(cli, tmp_path, "csv")
    ok(cli("init", str(db_path)))

    def no_space(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(backups, "_write_note", no_space)
    imported = cli("import", str(source))
    assert imported.code == 0, imported.err
    assert len(uids(db_path)) == COUNT


def test_a_symlinked_newest_backup_is_not_taken_for_a_copy(db_path: Path) -> None:
    """A link planted as the newest backup, pointing at the book, never stands in for a
    real copy: a bulk change still copies the book before it."""
    book = DeskBook.open_or_create(db_path)
    try:
        book.add(make_task())
        newest = list_backups(db_path)[0]
        planted = newest.path.with_name(f"{db_path.stem}-{newest.sequence + 1:06d}.json")
        planted.symlink_to(db_path)
        taken = book.backup_now()
        assert taken is not None and not taken.is_symlink()
        assert taken.read_bytes() == db_path.read_bytes()
    finally:
        book.close()


def test_the_demo_book_is_backed_up_before_its_first_change(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "demo.json"
    count = build_demo(path, date(2026, 11, 23), count=20)
    book = DeskBook(path)
    try:
        book.delete(1)  # the mistake, within the hour: the demo as built is in a backup
        newest = list_backups(path)[0]
        assert task_count(newest.path) == count
        book.restore(newest.path)
        assert len(book.tasks()) == count
    finally:
        book.close()


def test_single_changes_within_the_hour_take_no_backup(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    source, _ = source_file(cli, tmp_path, "csv")
    ok(cli("init", str(db_path)))
    ok(cli("add", "Thứ nhất", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    assert [line.count for line in listing(cli)] == [0]  # the book's first change
    ok(cli("add", "Thứ hai", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    assert [line.count for line in listing(cli)] == [0]
    ok(cli("import", str(source)))
    ok(cli("add", "Thứ ba", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    after_import = list_backups(db_path)  # (this first change after it backed it up)
    assert listing(cli)[0].count == COUNT + 2
    ok(cli("add", "Thứ tư", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    ok(cli("done", "3", "--on", "20/11/2026"))
    assert list_backups(db_path) == after_import


def _import(book: DeskBook, count: int) -> None:
    with bulk_change(book), book.batch():
        book.add_many([make_task(title=f"Việc nhập {n}") for n in range(count)])


def test_two_books_in_one_folder_keep_their_own_note(tmp_path: Path) -> None:
    first = DeskBook.open_or_create(tmp_path / "a.json")
    second = DeskBook.open_or_create(tmp_path / "b.json")
    try:
        first.add(make_task())
        second.add(make_task())
        _import(first, 5)
        _import(second, 3)  # (must not overwrite or drop the first book's note)
        first.delete(first.tasks()[-1].id)  # the mistake, right after the first import
        assert 6 in [task_count(b.path) for b in list_backups(first.path)]
    finally:
        first.close()
        second.close()


def test_another_writer_right_after_an_import_backs_up_the_imported_book(
    db_path: Path,
) -> None:
    """The note is left by the import's own write, under its lock: no other process's
    change can come between the write and the note."""
    importer = DeskBook.open_or_create(db_path)
    other = DeskBook(db_path)
    try:
        importer.add(make_task())
        _import(importer, 5)
        other.delete(other.tasks()[-1].id)
        assert 6 in [task_count(b.path) for b in list_backups(db_path)]
    finally:
        importer.close()
        other.close()


@pytest.mark.parametrize("planted", ["directory", "symlink"])
def test_an_odd_note_never_fails_a_change(db_path: Path, tmp_path: Path, planted: str) -> None:
    book = DeskBook.open_or_create(db_path)
    try:
        book.add(make_task())
        note = db_path.parent / "backups" / f".{db_path.stem}.bulk-since"
        if planted == "directory":
            note.mkdir()
        else:
            target = tmp_path / "elsewhere"
            target.write_text(list_backups(db_path)[0].path.name)
            note.symlink_to(target)
        before = len(list_backups(db_path))
        _import(book, 3)
        book.add(make_task())
        assert len(book.tasks()) == 5
        assert len(list_backups(db_path)) <= before + 2
    finally:
        book.close()


def test_with_one_backup_kept_a_restore_keeps_the_book_it_replaced(db_path: Path) -> None:
    book = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=1))
    try:
        book.add(make_task())  # backs up the empty book
        for _ in range(4):
            book.add(make_task())
        kept = book.restore(list_backups(db_path)[0].path)  # by mistake
        assert kept is not None and task_count(kept) == 5
        book.add(make_task())  # one change after it
        assert 5 in [task_count(b.path) for b in list_backups(db_path)]
    finally:
        book.close()


def test_restore_takes_the_number_backups_prints(cli: Cli, db_path: Path) -> None:
    ok(cli("init", str(db_path)))
    ok(cli("add", "Việc một", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    ok(cli("restore", "--yes"))  # the book of no tasks; the one task kept as a backup
    assert uids(db_path) == []
    holding = [line for line in listing(cli) if line.count == 1]
    assert len(holding) == 1 and holding[0].sequence >= 2  # not the first: "1" proves nothing
    restored = ok(cli("restore", "--yes", str(holding[0].sequence)))
    assert holding[0].path in restored.out
    assert len(uids(db_path)) == 1


def test_restore_of_a_number_with_no_backup_says_so(cli: Cli, db_path: Path) -> None:
    ok(cli("init", str(db_path)))
    ok(cli("add", "Việc một", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    before = db_path.read_bytes()
    result = cli("restore", "--yes", "99")
    assert result.code == 1
    assert "Không có bản sao lưu số 99" in result.err and "deadline-tui backups" in result.err
    assert db_path.read_bytes() == before


def test_with_one_backup_kept_an_import_keeps_both_sides_at_the_next_change(
    db_path: Path,
) -> None:
    """backups = 1: the backup the note asks for keeps the one from before the import."""
    book = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=1))
    try:
        book.add(make_task())
        _import(book, 5)
        book.delete(book.tasks()[-1].id)  # the mistake, right after the import
        assert sorted(task_count(b.path) for b in list_backups(db_path)) == [1, 6]
    finally:
        book.close()
