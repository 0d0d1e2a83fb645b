"""One task changed in the file's bytes (storage.splice and TaskRepository.update).

The fast path must give exactly the file a full parse-and-rewrite would give, find only a
task's own record whatever its text holds, and step aside (to the ordinary path) for any
file it does not know to be whole or whose shape it does not know.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.series import Series
from deadline_tui.domain.task import Task, TaskState
from deadline_tui.errors import DamagedDatabaseError
from deadline_tui.storage import jsonstore, rowcache, splice
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.repository import TaskRepository
from tests.factories import make_task

NOW = datetime(2026, 11, 23, 9, 0)
MONTHLY = Recurrence(Frequency.MONTHLY, day=5)

# Text that looks like the file's own structure, escapes, brackets and markup.
TRICKY = [
    "Báo cáo [/] [bold]x[/bold] [footnoteRef:2]",
    '"12":{"uid":"t000000012","title":"giả"}',
    'ngoặc } { ]] [[ và \\ gạch ngược \\" giả',
    '},"tasks":{"1":{"uid":"x"}}',
    'Ký tự lạ: \t tab, \u00a0 cách cứng, emoji 📌, "ngoặc kép"',
]


def _book(repo: TaskRepository, count: int = 12) -> list[Task]:
    tasks = [
        make_task(title=TRICKY[i % len(TRICKY)], note=TRICKY[(i + 2) % len(TRICKY)])
        for i in range(count)
    ]
    return repo.add_many(tasks)


def _book_read_once(db_path: Path, count: int = 12) -> list[Task]:
    """A book written and read by another process (which leaves the row cache of it)."""
    first = TaskRepository.open(db_path)
    stored = _book(first, count)
    first.tasks()
    first.close()
    return stored


def _done(task: Task) -> Task:
    return task.with_changes(NOW, state=TaskState.DONE, done_on=NOW.date(), result='Xong "}{"')


def _never_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: bytes, path: Path) -> object:
        raise AssertionError("the whole book was parsed")

    monkeypatch.setattr(jsonstore, "parse_tables", refuse)


# -- finding a task's bytes ------------------------------------------------------------


def test_a_task_is_found_by_id_and_by_uid_whatever_its_text_holds(
    repo: TaskRepository, db_path: Path
) -> None:
    stored = _book(repo)
    raw = db_path.read_bytes()
    for task in stored:
        for ref in (task.id, str(task.id), task.uid):
            span = splice.task_span(raw, ref)
            assert span is not None, ref
            assert span.doc_id == task.id
            assert orjson.loads(raw[span.start : span.end]) == encode_task(task)
    assert splice.task_span(raw, 999) is None
    assert splice.task_span(raw, "khongco") is None
    assert splice.task_span(raw, 'x"y') is None  # not a uid this program makes


def test_a_series_uid_is_never_taken_for_a_task(repo: TaskRepository, db_path: Path) -> None:
    # Series records also start with a uid and hold a task-shaped template.
    template = make_task(uid="mauseries01")
    series = Series(uid="series0001", template=template, recurrence=MONTHLY, start=date(2026, 1, 1))
    repo.save_series(series)
    stored = _book(repo, 3)
    raw = db_path.read_bytes()
    assert splice.task_span(raw, "series0001") is None
    assert splice.task_span(raw, "mauseries01") is None
    assert splice.task_span(raw, stored[0].uid) is not None


def test_files_of_another_shape_are_left_to_the_ordinary_path(
    repo: TaskRepository, db_path: Path
) -> None:
    stored = _book(repo, 3)
    tables = orjson.loads(db_path.read_bytes())
    pretty = orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    assert splice.task_span(pretty, stored[0].id) is None
    # No "tasks_last" in the meta record: the tasks table may not be the last one.
    del tables["meta"]["1"]["tasks_last"]
    assert splice.task_span(orjson.dumps(tables), stored[0].id) is None
    whole = db_path.read_bytes()
    assert splice.task_span(whole[:-2], stored[0].id) is None  # cut short
    assert splice.task_span(whole[: len(whole) // 2], stored[0].id) is None


def test_spliced_bytes_are_exactly_what_a_full_rewrite_would_hold(
    repo: TaskRepository, db_path: Path
) -> None:
    stored = _book(repo)
    randomness = random.Random(7)
    raw = db_path.read_bytes()
    model = orjson.loads(raw)
    for _ in range(40):
        task = randomness.choice(stored)
        changed = task._replace(title=randomness.choice(TRICKY) * randomness.randint(0, 3))
        span = splice.task_span(raw, task.uid)
        assert span is not None
        generation = f"{randomness.getrandbits(64):016x}"
        pieces = splice.spliced(raw, span, orjson.dumps(encode_task(changed)), generation)
        assert pieces is not None
        raw = b"".join(pieces)
        model["tasks"][str(task.id)] = encode_task(changed)
        model["meta"]["1"]["generation"] = generation
        assert orjson.loads(raw) == model
        assert raw == orjson.dumps(model)  # byte for byte, order included


# -- the repository's update -------------------------------------------------------------


def test_update_of_a_book_read_before_changes_only_the_bytes(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _book_read_once(db_path)

    repo = TaskRepository.open(db_path)  # as the CLI's `done`: nothing read yet
    _never_parse(monkeypatch)
    before, after = repo.update(stored[4].id, _done)
    assert before == stored[4]
    assert after.state is TaskState.DONE and after.result == 'Xong "}{"'
    repo.close()  # brings the row cache to the new version
    monkeypatch.undo()

    on_disk = orjson.loads(db_path.read_bytes())
    assert on_disk["tasks"][str(after.id)] == encode_task(after)
    key = (on_disk["meta"]["1"]["generation"], db_path.stat().st_size)
    cached = rowcache.load(db_path, key)
    assert cached is not None
    assert cached[0][4] == after
    reread = TaskRepository.open(db_path)
    assert reread.tasks() == tuple(after if t.id == after.id else t for t in stored)
    reread.close()


def test_several_updates_carry_the_snapshot_without_reading_the_book_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _book_read_once(db_path)
    repo = TaskRepository.open(db_path)  # as the TUI: the book comes from the row cache
    repo.tasks()
    _never_parse(monkeypatch)
    for task in stored[:5]:
        repo.update(task.uid, _done)
    assert [t.state for t in repo.tasks()[:6]] == [TaskState.DONE] * 5 + [TaskState.OPEN]
    repo.close()
    monkeypatch.undo()
    assert TaskRepository.open(db_path).tasks() == repo.tasks()


def test_a_book_not_known_to_be_whole_is_parsed_as_before(
    repo: TaskRepository, db_path: Path
) -> None:
    stored = _book(repo)
    repo.close()
    rowcache.cache_path(db_path).unlink(missing_ok=True)
    fresh = TaskRepository.open(db_path)  # no row cache, no snapshot: open parses the file
    calls: list[int] = []
    original = jsonstore.parse_tables

    def counting(raw: bytes, path: Path) -> jsonstore.Tables:
        calls.append(len(raw))
        return original(raw, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonstore, "parse_tables", counting)
        fresh._storage.forget()  # ... and forgets it: the next write must parse again
        fresh.update(stored[0].id, _done)
    assert calls, "a file nobody read whole was changed in its bytes"
    fresh.close()
    assert TaskRepository.open(db_path).get(stored[0].id).state is TaskState.DONE


def test_update_inside_a_batch_goes_with_the_batch(repo: TaskRepository, db_path: Path) -> None:
    stored = _book(repo, 3)
    repo.tasks()
    writes = repo._storage.writes
    with repo.batch():
        repo.update(stored[0].id, _done)
        repo.add(make_task(title="cùng một lần ghi"))
        repo.update(stored[1].id, _done)
    assert repo._storage.writes == writes + 1
    reread = TaskRepository.open(db_path)
    assert [t.state for t in reread.tasks()[:2]] == [TaskState.DONE] * 2
    assert len(reread.tasks()) == 4


def test_two_processes_changing_bytes_in_turn_keep_both_changes(db_path: Path) -> None:
    a = TaskRepository.open(db_path)
    stored = _book(a)
    a.tasks()
    b = TaskRepository.open(db_path)
    b.tasks()
    b.update(stored[1].id, _done)
    b.close()  # its row cache is of the version it wrote
    a.update(stored[2].id, _done)  # a's snapshot is stale: it trusts the row cache instead
    assert {t.id for t in a.tasks() if t.state is TaskState.DONE} == {stored[1].id, stored[2].id}
    c = TaskRepository.open(db_path)
    c.add(make_task(title="thêm từ tiến trình khác"))  # a full rewrite by another process
    c.close()
    a.update(stored[3].id, _done)
    a.close()
    final = TaskRepository.open(db_path).tasks()
    assert len(final) == len(stored) + 1
    done = {t.id for t in final if t.state is TaskState.DONE}
    assert done == {stored[1].id, stored[2].id, stored[3].id}


def test_a_damaged_book_is_never_changed_in_its_bytes(db_path: Path) -> None:
    # The head (and generation) is intact, the size is not: no cache was made from this
    # version, so the update parses the file and stops with the damaged-file message.
    stored = _book_read_once(db_path)
    whole = db_path.read_bytes()
    db_path.write_bytes(whole[:-1])
    damaged = TaskRepository(db_path)  # (open() would already refuse it)
    with pytest.raises(DamagedDatabaseError):
        damaged.update(stored[0].id, _done)
    assert db_path.read_bytes() == whole[:-1]


def test_the_row_cache_never_takes_in_a_version_it_did_not_see(db_path: Path) -> None:
    # a changes task 1 in the bytes; b rewrites the book (a new task, no row cache made);
    # a changes task 2 in b's version. Closing a must not label "the old cache plus a's
    # two changes" as the version on disk: b's task would be missing from it.
    stored = _book_read_once(db_path, 4)
    a = TaskRepository.open(db_path)
    a.tasks()
    a.update(stored[0].id, _done)
    b = TaskRepository.open(db_path)
    added = b.add(make_task(title="của tiến trình b"))
    b.close()  # b never read the book: it leaves no row cache of its version
    a.deliveries()  # a reads the reminder log: it parses b's version, so it knows it whole
    a.update(stored[1].id, _done)
    a.close()
    reread = TaskRepository.open(db_path)
    tasks = reread.tasks()
    assert added.uid in {t.uid for t in tasks}
    assert {t.id for t in tasks if t.state is TaskState.DONE} == {stored[0].id, stored[1].id}


def test_a_book_in_the_old_layout_takes_the_new_one_at_its_first_change(
    repo: TaskRepository, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _book(repo, 3)
    repo.close()
    tables = orjson.loads(db_path.read_bytes())
    del tables["meta"]["1"]["tasks_last"]
    old_layout = {
        "meta": tables["meta"],
        "tasks": tables["tasks"],
        "series": {},
        "reminder_log": {},
    }
    db_path.write_bytes(orjson.dumps(old_layout))  # as a version before the in-byte change
    rowcache.cache_path(db_path).unlink(missing_ok=True)

    first = TaskRepository.open(db_path)
    first.tasks()
    first.update(stored[0].id, _done)  # the ordinary path: parse, rewrite in the new layout
    first.close()
    rewritten = orjson.loads(db_path.read_bytes())
    assert list(rewritten)[-1] == "tasks" and rewritten["meta"]["1"]["tasks_last"] is True

    second = TaskRepository.open(db_path)
    _never_parse(monkeypatch)
    second.update(stored[1].id, _done)  # now in the bytes
    second.close()
    monkeypatch.undo()
    done = {t.id for t in TaskRepository.open(db_path).tasks() if t.state is TaskState.DONE}
    assert done == {stored[0].id, stored[1].id}


def test_undo_of_a_change_is_written_in_the_bytes_and_of_a_deletion_as_before(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _book_read_once(db_path, 4)
    repo = TaskRepository.open(db_path)
    repo.tasks()
    with monkeypatch.context() as never:
        _never_parse(never)
        before, _ = repo.update(stored[0].id, _done)
        repo.put(before)  # undo the change
        assert repo.get(stored[0].id) == stored[0]
    removed = repo.delete(stored[1].id)  # the ordinary path
    repo.put(removed)  # undo the deletion: the task is not in the file, so as before
    repo.close()
    assert sorted(TaskRepository.open(db_path).tasks(), key=lambda t: t.id) == stored
