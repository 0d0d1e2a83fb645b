"""Changes spliced into the desk book's bytes (storage.desk, storage.bookfile).

A change to a few tasks of a book known whole, in the one-record-per-line layout, is
spliced into its bytes. What must hold: the spliced file is byte for byte what writing
the whole book gives (so it parses to exactly the same tables); a file in another layout
is written whole on its first change; nothing is ever spliced into a version not known
whole (an outside edit, even of the same size, a damaged record); a kill mid-splice leaves
the old book or the new one, whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.errors import DamagedDatabaseError
from deadline_tui.storage import bookfile
from deadline_tui.storage.backups import BackupPolicy
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]
ODD_TITLES = [
    'Báo "cáo" \\ quý',
    "hai\ndòng",
    '\n"7":{"uid":"x"},',
    '"uid":"t000000001"',
    "Đầu việc 😀 \u2028 \t",
    "}}\n",
]


def a_book(db_path: Path) -> DeskBook:
    return DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=3, interval_seconds=0))


def splices(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each splice the book makes (False: it wrote the whole book instead)."""
    calls: list[bool] = []
    real = bookfile.splice

    def splice(raw: bytes, meta: dict[str, Any], changed: dict[str, Any], spans: Any) -> Any:
        made = real(raw, meta, changed, spans)
        calls.append(made)
        return made

    monkeypatch.setattr(bookfile, "splice", splice)
    return calls


def test_spliced_changes_give_exactly_the_file_a_whole_write_gives(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = a_book(db_path)
    spliced = splices(monkeypatch)
    model: dict[str, Task] = {}
    rng = random.Random(12)
    for step in range(120):
        action = rng.choice(["add", "add", "update", "delete", "put"] if model else ["add"])
        title = rng.choice([*ODD_TITLES, f"Việc {step}"])
        if action == "add":
            task = book.add(make_task(title=title))
            model[str(task.id)] = task
        elif action == "update":
            key = rng.choice(sorted(model))
            _, after = book.update(int(key), lambda t, x=title: t._replace(title=x, note=x))
            model[key] = after
        elif action == "delete":
            key = rng.choice(sorted(model))
            deleted = book.delete(int(key))
            del model[key]
            if rng.random() < 0.5:  # undo of the deletion: back under its own id
                model[key] = book.put(deleted)
        else:
            key = rng.choice(sorted(model))
            model[key] = book.put(model[key]._replace(result=title))
        raw = db_path.read_bytes()
        tables = orjson.loads(raw)
        assert tables["tasks"] == {key: encode_task(task) for key, task in model.items()}
        assert bookfile.in_layout(raw, tables)  # byte for byte what a whole write gives
        assert DeskBook(db_path).tasks() == tuple(sorted(model.values(), key=lambda t: t.id))
    assert all(spliced) and len(spliced) == book.writes - 1  # all but the first write


def test_several_tasks_in_one_batch_are_spliced_and_read_back(db_path: Path) -> None:
    book = a_book(db_path)
    first, second = book.add(make_task(title="Một")), book.add(make_task(title="Hai"))
    with book.batch():
        book.update(first.id, lambda t: t._replace(title='Một "mới"'))
        book.add(make_task(title="Ba\nbốn"))
        book.update(second.id, lambda t: t._replace(state=TaskState.DONE, done_on=date(2026, 2, 1)))
    raw = db_path.read_bytes()
    assert bookfile.in_layout(raw, orjson.loads(raw))
    assert [t.title for t in DeskBook(db_path).tasks()] == ['Một "mới"', "Hai", "Ba\nbốn"]


@pytest.mark.parametrize("indent", [None, 2])
def test_a_file_in_another_layout_is_written_whole_on_its_first_change(
    db_path: Path, indent: int | None
) -> None:
    task = make_task(title="Từ TinyDB")
    tables = {"meta": {"1": {"schema": 2, "last_id": 1}}, "tasks": {"1": encode_task(task)}}
    import json

    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(json.dumps(tables, indent=indent))  # TinyDB's own or pretty-printed
    book = DeskBook(db_path)
    book.update(1, lambda t: t._replace(note="đã sửa"))
    raw = db_path.read_bytes()
    assert bookfile.in_layout(raw, orjson.loads(raw))
    assert [(t.title, t.note) for t in DeskBook(db_path).tasks()] == [("Từ TinyDB", "đã sửa")]


def _edit_keeping_size_and_mtime(path: Path, old: bytes, new: bytes) -> None:
    """An outside program's same-size edit that even puts the mtime back (only the ctime
    tells)."""
    assert len(old) == len(new)
    raw, before = path.read_bytes(), path.stat()
    assert raw.count(old) == 1
    with open(path, "r+b") as handle:
        handle.write(raw.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_same_size_outside_edit_between_two_writes_is_never_spliced_into(
    db_path: Path,
) -> None:
    book = a_book(db_path)
    book.add(make_task(title="Việc một"))
    book.add(make_task(title="Việc hai"))
    _edit_keeping_size_and_mtime(db_path, "Việc một".encode(), "Việc bốn".encode())
    book.update(2, lambda t: t._replace(note="x"))  # holds the old bytes: must not use them
    assert [(t.title, t.note) for t in DeskBook(db_path).tasks()] == [
        ("Việc bốn", ""),
        ("Việc hai", "x"),
    ]


def test_same_size_damage_between_two_writes_refuses_the_next_write(db_path: Path) -> None:
    book = a_book(db_path)
    book.add(make_task(title="Việc một"))
    book.add(make_task(title="Việc hai"))
    _edit_keeping_size_and_mtime(db_path, 'một","'.encode(), 'một"}"'.encode())
    damaged = db_path.read_bytes()
    with pytest.raises(DamagedDatabaseError):
        book.update(2, lambda t: t._replace(note="x"))
    with pytest.raises(DamagedDatabaseError):
        DeskBook(db_path).add(make_task())
    assert db_path.read_bytes() == damaged


def test_one_damaged_record_refuses_add_and_done_and_changes_nothing(
    cli: Cli, db_path: Path
) -> None:
    good, bad = make_task(title="Tốt"), make_task(title="Hỏng")
    tables = {
        "meta": {"1": {"schema": 2, "last_id": 2}},
        "tasks": {"1": encode_task(good), "2": {**encode_task(bad), "assigned_on": "hôm qua"}},
    }
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(orjson.dumps(tables))
    before = db_path.read_bytes()
    for command in (
        ["add", "Việc mới", "--unit", "Sở Y tế", "--due", "31/12/2030"],
        ["done", "1", "--on", "01/02/2026"],
    ):
        result = cli(*command)
        assert result.code == 1, (command, result)
        assert str(db_path) in result.err and "Traceback" not in result.err
    assert db_path.read_bytes() == before


def test_a_uid_twice_refuses_a_write_too(db_path: Path) -> None:
    task = make_task()
    record = encode_task(task)
    tables = {"meta": {"1": {"schema": 2, "last_id": 2}}, "tasks": {"1": record, "2": record}}
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(orjson.dumps(tables))
    with pytest.raises(DamagedDatabaseError):
        DeskBook(db_path).add(make_task())
    assert orjson.loads(db_path.read_bytes()) == tables


SPLICER = """
import sys
from pathlib import Path
from deadline_tui.storage.backups import BackupPolicy
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task
book = DeskBook(Path(sys.argv[1]), backups=BackupPolicy(keep=2, interval_seconds=3600))
print("ready", flush=True)
number = 0
while True:
    number += 1
    book.update(1 + number % 50, lambda t: t._replace(note=f"lần {number}"))
    book.add(make_task(title=f"mới {number}"))
"""


@pytest.mark.slow
def test_a_splicing_writer_killed_at_random_moments_leaves_a_whole_book(db_path: Path) -> None:
    book = a_book(db_path)
    with book.batch():
        for number in range(300):
            book.add(make_task(title=f"Việc {number} " + "x" * 200))
    rng = random.Random(5)
    root = Path(__file__).resolve().parents[2]
    for _ in range(25):
        process = subprocess.Popen(
            [sys.executable, "-c", SPLICER, str(db_path)], stdout=subprocess.PIPE, cwd=root
        )
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.3))
        process.send_signal(signal.SIGKILL)
        process.wait()
        raw = db_path.read_bytes()
        tables = orjson.loads(raw)
        assert bookfile.in_layout(raw, tables)
        assert len(DeskBook(db_path).tasks()) >= 300


@pytest.mark.parametrize("order", ["ascending", "shuffled", "one undone deletion last"])
def test_a_task_line_is_found_by_halving_or_read_through_alike(order: str) -> None:
    rng = random.Random(7)
    keys = list(range(1, 400, 3))
    if order == "shuffled":
        rng.shuffle(keys)
    elif order == "one undone deletion last":
        keys.append(keys.pop(40))
    tasks = {
        str(k): encode_task(make_task(id=k, title=rng.choice([*ODD_TITLES, f"Việc {k}"])))
        for k in keys
    }
    meta = {"generation": "0123456789abcdef", "schema": 2, "last_id": 400}
    raw = bookfile.render({"meta": {"1": meta}, "tasks": tasks})
    for number in range(0, 402):
        prefix = b'\n"%d":' % number
        at = raw.find(prefix)  # the plain search, which the halving must agree with
        span = bookfile.task_span(raw, str(number))
        if at < 0:
            assert span is None
        else:
            assert span is not None and span[0] == at
            assert bookfile.task_record(raw, span) == tasks[str(number)]
