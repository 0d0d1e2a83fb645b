"""The desk book against the world (issue 12): outside edits of the same size, damage of the
same size, odd paths, file modes, a full disk, clocks that jump, poisoned backups, a
missing book, and a lock file unlinked while writers run."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from deadline_tui.config import Settings
from deadline_tui.errors import DataError
from deadline_tui.services.backup_file import FORMAT
from deadline_tui.storage.backups import BackupPolicy, list_backups
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]
ADD = ("add", "Việc mới", "--unit", "Sở Y tế", "--due", "31/12/2030")
AS_ROOT = os.geteuid() == 0


def a_book(db_path: Path, *titles: str) -> DeskBook:
    book = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=10, interval_seconds=0))
    for title in titles:
        book.add(make_task(title=title))
    return book


def edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes of the file in place, keeping its size and inode (an editor, a sync
    tool), with the mtime moved on as any write moves it."""
    assert len(old) == len(new)
    raw = path.read_bytes()
    assert raw.count(old) == 1
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.write(raw.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    after = path.stat()
    assert (after.st_size, after.st_ino) == (before.st_size, before.st_ino)


# -- never stale -------------------------------------------------------------------------


def test_a_same_size_outside_edit_is_seen_by_a_held_book_and_every_command(
    cli: Cli, db_path: Path
) -> None:
    book = a_book(db_path, "Báo cáo quý một")
    assert book.get(1).title == "Báo cáo quý một"
    edit_in_place(db_path, "quý một".encode(), "quý bốn".encode())
    assert book.get(1).title == "Báo cáo quý bốn"
    listed = cli("list", "--json")
    assert [t["title"] for t in orjson.loads(listed.out)] == ["Báo cáo quý bốn"]
    shown = cli("show", "1")
    assert "quý bốn" in shown.out


def test_the_tui_store_notices_an_outside_write(db_path: Path) -> None:
    from deadline_tui.config import DatabaseSettings
    from deadline_tui.tui.store import BookStore

    a_book(db_path, "Một")
    settings = Settings(database=DatabaseSettings(path=db_path))
    store = BookStore(settings)
    try:
        store.start()
        assert store.submit(store.reload).result(30) in (True, False)
        assert not store.submit(store.changed_on_disk).result(30)
        edit_in_place(db_path, "Một".encode(), "Bốn".encode())
        assert store.submit(store.changed_on_disk).result(30)
        assert store.submit(store.reload).result(30)
        assert [t.title for t in store.submit(lambda: store.view.tasks).result(30)] == ["Bốn"]
    finally:
        store.close()


def test_same_size_damage_is_refused_by_reads_and_writes(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Việc một", "Việc hai").close()
    edit_in_place(db_path, '"Việc một"'.encode(), '}Việc một"'.encode())
    damaged = db_path.read_bytes()
    backups = list_backups(db_path)
    for command in (["list"], ["summary"], ["done", "1", "--on", "01/02/2026"], list(ADD)):
        result = cli(*command)
        assert result.code == 1, command
        assert str(db_path) in result.err
        assert str(backups[0].path) in result.err  # the newest good backup is named
    assert db_path.read_bytes() == damaged
    assert list_backups(db_path) == backups  # no damaged "backup" was taken


# -- odd paths ---------------------------------------------------------------------------


def _assert_refused(cli: Cli, path: Path, *commands: tuple[str, ...]) -> None:
    for command in commands:
        result = cli(*command, db=path)
        assert result.code == 1, (command, result)
        assert str(path) in result.err, result.err
        assert "Traceback" not in result.err


def test_a_directory_as_the_book_is_refused(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    _assert_refused(cli, folder, ("list",), ADD)
    assert list(folder.iterdir()) == []


def test_a_fifo_as_the_book_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "book.json"
    os.mkfifo(fifo)
    for command in (["list"], list(ADD)):
        result = subprocess.run(
            [sys.executable, "-m", "deadline_tui", "--db", str(fifo), *command],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1
        assert str(fifo) in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_as_the_book_is_refused(cli: Cli) -> None:
    _assert_refused(cli, Path("/dev/zero"), ("list",), ("summary",), ADD)


def test_a_book_that_is_not_utf8_is_refused_and_left_alone(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Việc").close()
    edit_in_place(db_path, "Việc".encode(), b"Vi\xff\xfe\xfd\xfc")
    damaged = db_path.read_bytes()
    _assert_refused(cli, db_path, ("list",), ("done", "1"))
    assert db_path.read_bytes() == damaged


def test_a_symlinked_book_is_written_through_its_link(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "shared" / "tasks.json"
    a_book(target, "Một").close()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert cli(*ADD, db=link).code == 0
    assert link.is_symlink()
    assert len(orjson.loads(target.read_bytes())["tasks"]) == 2


@pytest.mark.parametrize("mode", [0o600, 0o664, 0o640])
def test_the_books_own_mode_is_kept(cli: Cli, db_path: Path, mode: int) -> None:
    a_book(db_path, "Một").close()
    db_path.chmod(mode)
    assert cli(*ADD).code == 0
    assert stat.S_IMODE(db_path.stat().st_mode) == mode


def test_a_read_only_book_refuses_writes_with_a_message(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Một").close()
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    _assert_refused(cli, db_path, ADD, ("done", "1"))
    assert db_path.read_bytes() == before
    assert cli("list").code == 0  # reading is fine


@pytest.mark.skipif(AS_ROOT, reason="root reads and writes through permissions")
def test_no_permission_and_a_read_only_folder_are_named(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Một").close()
    db_path.chmod(0o000)
    _assert_refused(cli, db_path, ("list",))
    db_path.chmod(0o600)
    db_path.parent.chmod(0o500)
    try:
        _assert_refused(cli, db_path, ADD)
    finally:
        db_path.parent.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "when"),
    [(errno.EACCES, "reading"), (errno.EROFS, "writing"), (errno.EACCES, "writing")],
)
def test_no_permission_and_a_read_only_disk_are_named_even_as_root(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, when: str
) -> None:
    """What the kernel says to a user without permission, or on a read-only mount (root
    is not refused by file modes, so the refusal is injected where the kernel gives it)."""
    a_book(db_path, "Một").close()
    before = db_path.read_bytes()
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        name = Path(path).name
        if (when == "reading" and name == db_path.name) or (
            when == "writing" and flags & os.O_CREAT and ".tmp-" in name
        ):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    result = cli("list") if when == "reading" else cli(*ADD)
    monkeypatch.undo()
    assert result.code == 1
    assert str(db_path) in result.err
    assert os.strerror(code) in result.err
    assert db_path.read_bytes() == before


def test_a_full_disk_leaves_the_book_whole_and_says_so(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, "Một").close()
    before = db_path.read_bytes()
    backups = list_backups(db_path)

    def no_space(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    for command in (ADD, ("done", "1"), ("restore", "--yes", str(backups[-1].path))):
        result = cli(*command)
        assert result.code == 1, command
        assert str(db_path) in result.err or "backups" in result.err
        assert os.strerror(errno.ENOSPC) in result.err
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob(".*.tmp-*")) == []


def test_files_beside_the_book_are_private(db_path: Path) -> None:
    a_book(db_path, "Một", "Hai").close()
    for path in (db_path, *(b.path for b in list_backups(db_path))):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_json_export_onto_the_book_itself_is_refused(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Một").close()
    before = db_path.read_bytes()
    _assert_refused(cli, db_path, ("export", str(db_path)))
    assert db_path.read_bytes() == before


# -- a missing book --------------------------------------------------------------------------


def test_a_missing_book_is_named_and_never_created_by_a_read(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "tasks.json"
    for command in (["list"], ["summary"], ["remind", "--dry-run"], ["done", "1"]):
        result = cli(*command, db=missing)
        assert result.code == 1, command
        assert str(missing) in result.err
    assert not missing.parent.exists()


def test_add_and_init_create_a_book_and_say_so(cli: Cli, tmp_path: Path) -> None:
    added_to = tmp_path / "new" / "tasks.json"
    added = cli(*ADD, db=added_to)
    assert added.code == 0
    assert str(added_to) in added.err
    made = tmp_path / "made" / "book.json"
    init = cli("init", str(made))
    assert init.code == 0 and str(made) in init.out
    assert orjson.loads(cli("list", "--json", db=made).out) == []
    again = cli("init", str(made))
    assert again.code == 1  # an existing book is never replaced


# -- backups and the clock -----------------------------------------------------------------


def test_backups_follow_their_sequence_whatever_the_clock_says(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=3, interval_seconds=3600))
    book.add(make_task())
    (first,) = list_backups(db_path)
    # The clock ran a day ahead when the backup was taken, then was corrected: the next
    # change must still be covered, not wait a day.
    ahead = time.time() + 86400
    os.utime(first.path, (ahead, ahead))
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        book.add(make_task())
        second = list_backups(db_path)[0]
        assert second.sequence == first.sequence + 1
        assert orjson.loads(second.path.read_bytes())["tasks"].keys() == {"1"}
        # Rotation keeps the highest sequences, whatever their mtimes say.
        old = time.time() - 7 * 86400
        for _ in range(4):
            book.backup_now()
            os.utime(list_backups(db_path)[0].path, (old, old))
        assert [b.sequence for b in list_backups(db_path)] == [6, 5, 4]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


# -- poisoned backups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spoil", "named"),
    [
        (lambda docs: docs["2"].update(uid=docs["1"]["uid"]), "uid"),
        (lambda docs: docs["2"].update(title=42), "title"),
        (lambda docs: docs["2"].update(due_on="0000-01-01"), "due_on"),
    ],
)
def test_a_poisoned_json_backup_is_refused_whole(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    spoil: Callable[[dict[str, dict[str, object]]], None],
    named: str,
) -> None:
    source = tmp_path / "other.json"
    a_book(source, "Một", "Hai").close()
    tables = orjson.loads(source.read_bytes())
    spoil(tables["tasks"])
    backup = tmp_path / "poisoned.json"
    backup.write_bytes(orjson.dumps({"format": FORMAT, "schema": 1, "tables": tables}))
    a_book(db_path, "Có sẵn").close()
    before = db_path.read_bytes()
    result = cli("import", str(backup))
    assert result.code == 1
    assert named in result.err and "2" in result.err
    assert db_path.read_bytes() == before


# -- the lock ------------------------------------------------------------------------------

LOCK_WRITER = """
import sys
from pathlib import Path
from deadline_tui.domain.task import new_uid
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task
book = DeskBook(Path(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    task = book.add(make_task(uid=new_uid()))
    print(task.uid, flush=True)
"""


@pytest.mark.slow
def test_unlinking_the_lock_file_during_five_writers_loses_nothing(db_path: Path) -> None:
    a_book(db_path).close()
    lock = Path(f"{db_path}.lock")  # what the book locked before: nothing may depend on it
    lock.touch()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", LOCK_WRITER, str(db_path), "60"],
            stdout=subprocess.PIPE,
            cwd=Path(__file__).parents[2],
        )
        for _ in range(5)
    ]
    while any(w.poll() is None for w in writers):
        lock.unlink(missing_ok=True)  # another program "cleaning up"
        time.sleep(0.002)
    acknowledged = set()
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        acknowledged |= set(out.decode().split())
    stored = {t.uid for t in DeskBook(db_path).tasks()}
    assert len(acknowledged) == 300
    assert acknowledged <= stored


def test_the_tui_on_a_missing_book_names_it_and_creates_nothing(tmp_path: Path) -> None:
    import asyncio

    from deadline_tui.config import DatabaseSettings
    from deadline_tui.tui.store import BookStore

    missing = tmp_path / "typo" / "tasks.json"
    store = BookStore(Settings(database=DatabaseSettings(path=missing)))
    try:
        with pytest.raises(DataError) as raised:
            asyncio.run(store.opened())
        assert str(missing) in raised.value.message()
    finally:
        store.close()
    assert not missing.parent.exists()


@pytest.mark.parametrize("value", ['"x"', "null", '"2"', "1.5", "true", "-1"])
def test_a_damaged_meta_record_is_refused_not_migrated(tmp_path: Path, value: str) -> None:
    """A schema number that is not a whole number used to read as version 0 and be
    "migrated", which reset the id counter (deleted ids given out again)."""
    from deadline_tui.errors import DamagedDatabaseError
    from deadline_tui.storage.desk import DeskBook

    path = tmp_path / "tasks.json"
    book = DeskBook.open_or_create(path)
    book.add(make_task())
    book.close()
    damaged = path.read_bytes().replace(b'"schema":2', b'"schema":' + value.encode(), 1)
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    book = DeskBook(path)
    with pytest.raises(DamagedDatabaseError):
        book.tasks()
    with pytest.raises(DamagedDatabaseError):
        book.add(make_task())
    book.close()
    assert path.read_bytes() == damaged
