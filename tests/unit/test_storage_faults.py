"""Fault injection on the storage layer (DESIGN section 9), all marked ``slow``.

* A writer process adding, completing, extending, importing and exporting is SIGKILLed
  at random moments, over a hundred times: after every kill the book and the export
  parse and the book holds every task the writer reported; a process restoring backups
  in a loop, killed at random, always leaves one whole book.
* Three processes add 200 tasks each to one database at the same moment, and after each
  add raise one shared counter (a read-modify-write under the lock): nothing is lost,
  no uid or id is handed out twice, the counter ends at 600.
* A damaged database (empty, garbage, half-written JSON) or a deleted one stops every
  command with a message naming the file and the newest good backup, never a traceback,
  never an overwrite, never a silent empty start; ``deadline-tui restore`` brings the
  backup back and keeps the damaged file as the newest backup.

The ``slow`` marker only lets developers skip these locally (``-m 'not slow'``); CI runs
them.
"""

from __future__ import annotations

import os
import random
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from deadline_tui.domain.task import TaskState
from deadline_tui.errors import DamagedDatabaseError
from deadline_tui.storage.backups import BackupPolicy, list_backups, newest_good_backup
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task

pytestmark = pytest.mark.slow

# Forever: adds a task, marks it done, extends it, imports one more task from a backup's
# tables, exports the book as a JSON backup; prints both uids (flushed) only after all
# five returned, so every printed uid is a promise that both tasks are durably stored.
KILLED_WRITER = """
import sys
from datetime import date, datetime
from pathlib import Path
from deadline_tui.domain.task import Task, TaskState, new_uid
from deadline_tui.services.backup_file import write_backup
from deadline_tui.storage.backups import BackupPolicy
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.desk import DeskBook
STAMP = datetime(2026, 1, 1, 8, 0)

def new(number):
    return Task(uid=new_uid(), title=f"Việc [{number}] ghi dở?", lead_unit="Sở Tài chính",
                assigned_on=date(2026, 1, 1), created_at=STAMP, updated_at=STAMP,
                note=f"sửa {{{number}}}")

repo = DeskBook.open_or_create(Path(sys.argv[1]), backups=BackupPolicy(keep=3, interval_seconds=0))
print("ready", flush=True)
number = 0
while True:
    number += 1
    task = repo.add(new(number)._replace(note=""))
    repo.update(task.uid, lambda t: t._replace(state=TaskState.DONE, done_on=date(2026, 2, 1)))
    repo.update(task.uid, lambda t: t._replace(due_on=date(2026, 3, 1), note=f"sửa {{{number}}}"))
    imported = new(number)
    repo.merge({"tasks": {"1": encode_task(imported)}})
    write_backup(repo, Path(sys.argv[2]), STAMP)
    print(task.uid, imported.uid, flush=True)
"""

# Opens the database, says so, waits for "go" on stdin, then N times: adds a task, and
# adds one to the counter kept in task 1's note (a read-modify-write racing the other
# writers); prints
# the added tasks' uids.
CONCURRENT_WRITER = """
import sys
from datetime import date, datetime
from pathlib import Path
from deadline_tui.domain.task import Task, new_uid
STAMP = datetime(2026, 1, 1, 8, 0)
from deadline_tui.storage.desk import DeskBook

repo = DeskBook.open_or_create(Path(sys.argv[1]))
count = int(sys.argv[2])
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit(3)
for number in range(count):
    task = Task(uid=new_uid(), title=f"{sys.argv[3]} #{number}", lead_unit="Sở Nội vụ",
                assigned_on=date(2026, 1, 1), created_at=STAMP, updated_at=STAMP)
    repo.add(task)
    repo.update(1, lambda shared: shared._replace(note=str(int(shared.note or "0") + 1)))
    print(task.uid, flush=True)
repo.close()
"""

KILLS = 110
TASKS_PER_PROCESS = 200


def wait_for_line(process: subprocess.Popen[bytes], timeout: float = 30.0) -> bytes:
    """The next line the process prints, or fail after ``timeout`` seconds."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            pytest.fail(f"no output from the writer within {timeout} s")
    return process.stdout.readline()


def complete_lines(output: bytes) -> list[str]:
    """Lines that were printed whole (a kill can cut the last one short)."""
    lines = output.split(b"\n")
    return [line.decode() for line in lines[:-1] if line]


def temp_files(path: Path) -> list[Path]:
    return list(path.parent.glob(f".{path.name}.tmp-*"))


# -- (a) kill -9 at random moments ----------------------------------------------------------


def test_a_writer_killed_at_random_moments_never_damages_or_loses_a_reported_task(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    exported = db_path.parent / "export.json"
    randomness = random.Random(20261123)
    promised: list[str] = []
    kills = kills_mid_write = awaited = 0
    one_add = 0.02  # seconds; a running estimate of one add's duration
    started = time.monotonic()
    while kills < KILLS:
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(db_path), str(exported)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert wait_for_line(writer) == b"ready\n", writer.stderr
        # The random moment is the test. It is counted in the writer's own adds, not in
        # wall-clock time, so a slow machine kills as often mid-write as a fast one: wait
        # for a random number of reported adds, then a random part of one add's time.
        adds_awaited = randomness.randint(0, 3)
        lines_seen: list[str] = []
        for _ in range(adds_awaited):
            began = time.monotonic()
            lines_seen += wait_for_line(writer).decode().split()
            one_add = 0.8 * one_add + 0.2 * (time.monotonic() - began)
        time.sleep(randomness.uniform(0.0, one_add))
        os.kill(writer.pid, signal.SIGKILL)
        output, errors = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, errors.decode()
        kills += 1
        awaited += adds_awaited
        promised += lines_seen + [uid for line in complete_lines(output) for uid in line.split()]
        kills_mid_write += bool(temp_files(db_path))

        # The book and the export parse, and the book holds every task the writer reported.
        orjson.loads(db_path.read_bytes())
        if exported.exists():
            orjson.loads(exported.read_bytes())
        repo = DeskBook.open_or_create(db_path)
        try:
            stored = repo.tasks()
        finally:
            repo.close()
        uids = {task.uid for task in stored if task.note.startswith("sửa {")}
        missing = set(promised) - uids
        assert not missing, f"kill {kills}: {len(missing)} reported tasks or changes lost"
        assert len({task.id for task in stored}) == len(stored)
        # At most two adds per kill can have been stored without being reported.
        assert len(stored) - len(promised) <= 2 * kills

    elapsed = time.monotonic() - started
    assert len(promised) >= awaited > KILLS  # the writer really wrote between kills
    assert kills_mid_write > 0  # and some kills really fell inside a write
    assert len(set(promised)) == len(promised)
    # The next write clears what killed writers left behind.
    repo = DeskBook.open_or_create(db_path)
    try:
        repo.add(make_task())
        assert temp_files(db_path) == []
        assert len(repo.tasks()) >= len(promised) + 1
        assert {t.state for t in repo.tasks() if t.uid in set(promised[::2])} == {TaskState.DONE}
    finally:
        repo.close()
    print(
        f"\nkill -9: {kills} kills ({kills_mid_write} left a temp file), "
        f"{len(promised)} reported tasks verified after every kill, {elapsed:.1f} s"
    )


RESTORER = """
import sys
from pathlib import Path
from deadline_tui.storage.desk import DeskBook
book = DeskBook(Path(sys.argv[1]))
print("ready", flush=True)
while True:
    for backup in sys.argv[2:]:
        book.restore(Path(backup))
"""


def test_a_restore_killed_at_random_moments_leaves_a_whole_book(
    db_path: Path, tmp_path: Path
) -> None:
    versions = []
    for count in (1, 3):
        source = tmp_path / f"source-{count}" / "tasks.json"
        book = DeskBook.open_or_create(source)
        book.add_many([make_task() for _ in range(count)])
        versions.append(source)
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(versions[0].read_bytes())
    whole = {path.read_bytes() for path in versions}
    randomness = random.Random(20261130)
    for _ in range(30):
        restorer = subprocess.Popen(
            [sys.executable, "-c", RESTORER, str(db_path), *map(str, versions)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert wait_for_line(restorer) == b"ready\n", restorer.stderr
        time.sleep(randomness.uniform(0.0, 0.05))
        os.kill(restorer.pid, signal.SIGKILL)
        restorer.communicate(timeout=30)
        assert db_path.read_bytes() in whole  # one book or the other, never half of one
    assert all(orjson.loads(b.path.read_bytes()) for b in list_backups(db_path))


# -- (b) three processes at once ----------------------------------------------------------


def test_three_processes_adding_and_changing_at_the_same_time_lose_nothing(
    db_path: Path,
) -> None:
    # Created first, so no writer races to create it; task 1 holds the shared counter.
    setup = DeskBook.open_or_create(db_path)
    setup.add(make_task(title="bộ đếm"))
    setup.tasks()
    setup.close()
    started = time.monotonic()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(db_path), str(TASKS_PER_PROCESS), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("A", "B", "C")
    ]
    try:
        for writer in writers:
            assert wait_for_line(writer) == b"ready\n"
        for writer in writers:  # all are waiting with the database open: start them together
            assert writer.stdin is not None
            writer.stdin.write(b"go\n")
            writer.stdin.flush()
        results = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    elapsed = time.monotonic() - started

    printed: list[str] = []
    for writer, (output, errors) in zip(writers, results, strict=True):
        assert writer.returncode == 0, errors.decode()
        assert errors == b""
        lines = complete_lines(output)
        assert len(lines) == TASKS_PER_PROCESS
        printed += lines

    repo = DeskBook.open_or_create(db_path)
    try:
        stored = repo.tasks()
    finally:
        repo.close()
    total = 3 * TASKS_PER_PROCESS
    counter, *added = sorted(stored, key=lambda task: task.id)
    assert counter.note == str(total)  # no increment lost
    assert len(added) == total
    assert len({task.uid for task in added}) == total
    assert [task.id for task in added] == list(range(2, total + 2))
    assert {task.uid for task in added} == set(printed)
    titles = [task.title for task in added]
    for name in ("A", "B", "C"):
        assert sorted(t for t in titles if t.startswith(name)) == sorted(
            f"{name} #{n}" for n in range(TASKS_PER_PROCESS)
        )
    print(
        f"\nconcurrent: 3 x {TASKS_PER_PROCESS} adds and counter changes, "
        f"{len(stored)} tasks, counter {counter.note}, {elapsed:.1f} s"
    )


# -- (c) damaged and missing files ----------------------------------------------------------


def _book_with_backup(db_path: Path) -> tuple[list[str], Path]:
    """Three tasks, and a backup holding all three (the newest good one).

    The backup is the one a write takes of the version it replaces, so it is a different
    file from the live one (a damage written in place does not reach it)."""
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=0))
    try:
        uids = [repo.add(make_task(title=f"Việc [{n}]")).uid for n in range(3)]
        repo.update(uids[0], lambda task: task.with_changes(task.updated_at, note="sau sao lưu"))
    finally:
        repo.close()
    backup = newest_good_backup(db_path)
    assert backup is not None
    assert [doc["uid"] for doc in orjson.loads(backup.read_bytes())["tasks"].values()] == uids
    assert backup.stat().st_ino != db_path.stat().st_ino
    return uids, backup


def _damage(kind: str, path: Path) -> None:
    content = path.read_bytes()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"\x00\x00\x00\xff\xfe garbage \x00")
    elif kind == "half-json":
        path.write_bytes(content[: len(content) // 2])
    elif kind == "not-tables":
        path.write_bytes(b'[{"tasks": 1}]')
    else:
        raise AssertionError(kind)


DAMAGES = ("empty", "garbage", "half-json", "not-tables")


@pytest.mark.parametrize("kind", DAMAGES)
def test_opening_a_damaged_file_names_it_and_the_newest_good_backup(
    db_path: Path, kind: str
) -> None:
    _, backup = _book_with_backup(db_path)
    _damage(kind, db_path)
    damaged = db_path.read_bytes()
    with pytest.raises(DamagedDatabaseError) as raised:
        DeskBook.open_or_create(db_path).tasks()
    message = raised.value.message()
    assert str(db_path) in message
    assert str(backup) in message
    assert db_path.read_bytes() == damaged


def test_a_damaged_file_without_any_good_backup_says_so(db_path: Path) -> None:
    DeskBook.open_or_create(db_path).close()
    db_path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError) as raised:
        DeskBook.open_or_create(db_path).tasks()
    assert str(db_path) in raised.value.message()
    assert "sao lưu" in raised.value.message()
    assert db_path.read_bytes() == b""


def _assert_clean_failure(result: CliResult, *names: str) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    for name in names:
        assert name in result.err
    assert result.out == ""


@pytest.mark.parametrize("kind", DAMAGES)
def test_the_cli_stops_on_a_damaged_file_and_restore_brings_the_backup_back(
    cli: Callable[..., CliResult], db_path: Path, kind: str
) -> None:
    uids, backup = _book_with_backup(db_path)
    _damage(kind, db_path)
    damaged = db_path.read_bytes()
    siblings = sorted(p.name for p in db_path.parent.iterdir())

    for command in (
        ["list"],
        ["summary", "--json"],
        ["add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2030"],
        ["done", "1", "--on", "01/02/2026"],
        ["remind", "--dry-run"],
        ["export", str(db_path.parent.parent / "out.csv")],
    ):
        result = cli(*command)
        _assert_clean_failure(result, str(db_path), str(backup))
        assert "deadline-tui restore" in result.err
        assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in db_path.parent.iterdir()) == siblings

    asked = cli("restore")  # not a terminal, no --yes: nothing happens
    assert asked.code == 1
    assert db_path.read_bytes() == damaged
    restored = cli("restore", "--yes")
    assert restored.code == 0, restored.err
    assert str(backup) in restored.out
    # The damaged book is kept, as the newest backup (a copy), not thrown away.
    kept = [b.path for b in list_backups(db_path) if b.path.read_bytes() == damaged]
    assert len(kept) == 1
    assert kept[0] == list_backups(db_path)[0].path
    assert kept[0].read_bytes() == damaged
    assert str(kept[0]) in restored.out

    listed = cli("list", "--json")
    assert listed.code == 0, listed.err
    assert [task["uid"] for task in orjson.loads(listed.out)] == uids
    added = cli("add", "Sau khôi phục", "--unit", "Sở Y tế", "--due", "31/12/2030")
    assert added.code == 0, added.err
    assert added.out.strip() == "4"


def test_a_damaged_file_stops_a_real_process_with_exit_1_and_no_traceback(
    db_path: Path,
) -> None:
    _, backup = _book_with_backup(db_path)
    _damage("half-json", db_path)
    damaged = db_path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "deadline_tui", "--db", str(db_path), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(db_path) in result.stderr
    assert str(backup) in result.stderr
    assert db_path.read_bytes() == damaged


def test_a_deleted_database_with_backups_is_an_error_not_an_empty_start(
    cli: Callable[..., CliResult], db_path: Path
) -> None:
    uids, backup = _book_with_backup(db_path)
    db_path.unlink()
    for command in (["list"], ["add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2030"]):
        result = cli(*command)
        _assert_clean_failure(result, str(db_path), str(backup))
        assert not db_path.exists()

    restored = cli("restore", "--yes")
    assert restored.code == 0, restored.err
    listed = cli("list", "--json")
    assert listed.code == 0
    assert [task["uid"] for task in orjson.loads(listed.out)] == uids


def test_restore_without_any_good_backup_fails_cleanly(
    cli: Callable[..., CliResult], db_path: Path
) -> None:
    DeskBook.open_or_create(db_path).close()
    db_path.write_bytes(b"{")
    result = cli("restore")
    _assert_clean_failure(result, str(db_path))
    assert db_path.read_bytes() == b"{"


def test_restore_of_a_named_backup_and_the_backups_listing(
    cli: Callable[..., CliResult], db_path: Path
) -> None:
    _book_with_backup(db_path)
    backups = list_backups(db_path)
    oldest = backups[-1]  # the empty book, before the first add
    listing = cli("backups")
    assert listing.code == 0
    lines = [line.split("\t") for line in listing.out.splitlines()]
    assert [fields[-1] for fields in lines] == [str(b.path) for b in backups]
    assert [fields[0] for fields in lines] == [str(b.sequence) for b in backups]
    assert lines[-1][2] == "0 đầu việc"  # the empty book's count, then growing
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", lines[0][1])

    restored = cli("restore", "--yes", str(oldest.path))
    assert restored.code == 0, restored.err
    assert "bản sao lưu có 0 đầu việc" in restored.out
    assert orjson.loads(cli("list", "--json").out) == []
