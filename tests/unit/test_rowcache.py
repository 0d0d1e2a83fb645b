"""The row cache beside the database: used when it matches the file's generation, never
stale after a write by any process, and harmless when damaged or missing."""

from __future__ import annotations

import marshal
from datetime import date
from pathlib import Path

import pytest

from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.task import Extension, TaskState
from deadline_tui.errors import DamagedDatabaseError
from deadline_tui.storage import jsonstore, rowcache
from deadline_tui.storage.jsonstore import peek_generation
from deadline_tui.storage.repository import TaskRepository
from tests.factories import make_task


def full_task():
    """A task using every field, including extensions and a recurrence."""
    return make_task(
        uid="full000001",
        title="Báo cáo [/] [bold]x[/bold]",
        source="Thông báo 80/TB-UBND",
        support_units=("Sở Y tế", "Sở Tài chính"),
        leader="PCT Lê Thị Hương",
        follower="Trần Văn Bình",
        deadline_text="trước ngày 20 hàng tháng",
        due_on=date(2026, 12, 20),
        original_due_on=date(2026, 11, 20),
        extensions=(
            Extension(
                date(2026, 11, 20),
                date(2026, 12, 20),
                "Chờ ý kiến",
                "CV 1/UBND",
                date(2026, 11, 15),
            ),
        ),
        recurrence=Recurrence(Frequency.MONTHLY, day=20),
        series_uid="series0001",
        state=TaskState.DONE,
        done_on=date(2026, 11, 30),
        result="Báo cáo số 5/BC",
        note="ghi chú",
    )


def test_a_row_round_trips_every_field() -> None:
    task = full_task()._replace(id=7)
    assert rowcache.task_of(rowcache.row_of(task)) == task
    assert len(rowcache.row_of(task)) == rowcache._ROW_FIELDS


def test_the_first_read_makes_the_cache_and_the_next_read_uses_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = TaskRepository.open(db_path)
    writer.add_many([full_task(), make_task(uid="plain00001")])
    writer.close()
    assert not rowcache.cache_path(db_path).exists()
    first = TaskRepository.open(db_path)
    tasks = first.tasks()
    first.close()
    assert rowcache.cache_path(db_path).exists()

    def no_parsing(raw: bytes, path: Path) -> object:
        raise AssertionError("the JSON file was parsed although the cache matches it")

    monkeypatch.setattr(jsonstore, "parse_tables", no_parsing)
    second = TaskRepository.open(db_path)
    try:
        assert second.tasks() == tasks
        assert second.deliveries() == {}  # the small tables come from the cache too
    finally:
        second.close()


def test_every_write_stamps_a_new_generation(repo: TaskRepository, db_path: Path) -> None:
    seen = {peek_generation(db_path)}
    for number in range(5):
        repo.add(make_task(uid=f"gen0000{number:03d}"))
        seen.add(peek_generation(db_path))
    assert None not in seen
    assert len(seen) == 6


def test_a_write_by_another_process_is_never_hidden_by_the_cache(db_path: Path) -> None:
    reader = TaskRepository.open(db_path)
    writer = TaskRepository.open(db_path)
    try:
        writer.add(make_task(uid="aaaa000001", title="Trước"))
        assert [t.title for t in reader.tasks()] == ["Trước"]  # cache made for this version
        # Same size on purpose: "suspended" and "cancelled" have the same length.
        writer.update("aaaa000001", lambda t: t._replace(state=TaskState.SUSPENDED))
        assert reader.get("aaaa000001").state is TaskState.SUSPENDED
        writer.update("aaaa000001", lambda t: t._replace(state=TaskState.CANCELLED))
        assert reader.get("aaaa000001").state is TaskState.CANCELLED
        fresh = TaskRepository.open(db_path)
        assert fresh.get("aaaa000001").state is TaskState.CANCELLED
        fresh.close()
    finally:
        reader.close()
        writer.close()


def _key(db_path: Path) -> rowcache.BookKey:
    generation = peek_generation(db_path)
    assert generation is not None
    return generation, db_path.stat().st_size


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\x00" * 100])
def test_a_damaged_cache_is_ignored(db_path: Path, damage: bytes) -> None:
    writer = TaskRepository.open(db_path)
    writer.add(make_task(uid="bbbb000001", title="Còn nguyên"))
    writer.close()
    rowcache.cache_path(db_path).write_bytes(damage)
    reader = TaskRepository.open(db_path)
    try:
        assert [t.title for t in reader.tasks()] == ["Còn nguyên"]
    finally:
        reader.close()
    # ... and rewritten correctly on that read.
    assert rowcache.load(db_path, _key(db_path)) is not None


def test_a_cache_for_another_generation_is_not_used(db_path: Path) -> None:
    repo = TaskRepository.open(db_path)
    repo.add(make_task(uid="cccc000001"))
    repo.tasks()
    generation, size = _key(db_path)
    assert rowcache.load(db_path, (generation, size)) is not None
    assert rowcache.load(db_path, ("0" * 16, size)) is None
    assert rowcache.load(db_path, (generation, size + 1)) is None
    repo.close()


def test_a_file_cut_short_behind_its_intact_head_is_not_read_from_the_cache(
    db_path: Path,
) -> None:
    """Same generation in the head, different size: the file is read (and found damaged),
    never answered from a cache of the whole version."""
    repo = TaskRepository.open(db_path)
    repo.add(make_task(uid="dddd000001"))
    repo.tasks()
    repo.close()
    raw = db_path.read_bytes()
    db_path.write_bytes(raw[: len(raw) - 5])
    assert not rowcache.matches(db_path, _key(db_path))
    with pytest.raises(DamagedDatabaseError):
        TaskRepository.open(db_path).tasks()


def test_a_deferred_cache_is_written_later_and_only_for_the_version_on_disk(
    db_path: Path,
) -> None:
    writer = TaskRepository.open(db_path)
    writer.add_many([full_task(), make_task(uid="plain00001")])
    writer.close()
    reader = TaskRepository.open(db_path)
    reader.defer_cache = True
    tasks = reader.tasks()
    assert not rowcache.cache_path(db_path).exists()  # not before the first frame
    assert reader.write_deferred_cache()
    generation = peek_generation(db_path)
    assert generation is not None
    loaded = rowcache.load(db_path, (generation, db_path.stat().st_size))
    assert loaded is not None and loaded[0] == list(tasks)
    reader.close()

    # The book changes between the read and the deferred write: nothing is written.
    rowcache.cache_path(db_path).unlink()
    late = TaskRepository.open(db_path)
    late.defer_cache = True
    late.tasks()
    other = TaskRepository.open(db_path)
    other.add(make_task(uid="other00001"))
    other.close()
    rowcache.cache_path(db_path).unlink(missing_ok=True)  # (the writer refreshed it)
    assert not late.write_deferred_cache()
    assert not rowcache.cache_path(db_path).exists()
    assert not late.defer_cache  # later reads write their cache at once
    late.close()


# -- the patch: what changes made in the book's bytes leave beside the cache ---------------


def _book_key(db_path: Path) -> rowcache.BookKey:
    generation = peek_generation(db_path)
    assert generation is not None
    return generation, db_path.stat().st_size


def _made_and_read(db_path: Path, count: int) -> list[int]:
    repo = TaskRepository.open(db_path)
    stored = repo.add_many([make_task() for _ in range(count)])
    repo.tasks()  # makes the cache
    repo.close()
    return [task.id for task in stored]


def _change(db_path: Path, ids: list[int], note: str) -> None:
    repo = TaskRepository.open(db_path)  # as `done`: one process per change
    for task_id in ids:
        repo.update(task_id, lambda task: task._replace(note=note))
    repo.close()


def test_changes_in_the_bytes_patch_the_cache_instead_of_rewriting_it(db_path: Path) -> None:
    ids = _made_and_read(db_path, 20)
    cache_bytes = rowcache.cache_path(db_path).read_bytes()
    _change(db_path, ids[:2], "một")
    _change(db_path, ids[1:4], "hai")  # a second process carries the first one's patch on
    assert rowcache.cache_path(db_path).read_bytes() == cache_bytes
    assert rowcache.patch_path(db_path).exists()
    key = _book_key(db_path)
    assert rowcache.matches(db_path, key)
    loaded = rowcache.load(db_path, key)
    assert loaded is not None
    notes = {task.id: task.note for task in loaded[0]}
    assert [notes[i] for i in ids[:5]] == ["một", "hai", "hai", "hai", ""]
    assert loaded[1]["meta"]["1"]["generation"] == key[0]
    # ... and it is exactly what reading the file gives.
    rowcache.cache_path(db_path).unlink()
    assert TaskRepository.open(db_path).tasks() == tuple(loaded[0])


def test_a_patch_is_folded_into_the_cache_past_its_limit(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rowcache, "PATCH_LIMIT", 3)
    ids = _made_and_read(db_path, 10)
    _change(db_path, ids[:2], "a")
    assert rowcache.patch_path(db_path).exists()
    _change(db_path, ids[2:5], "b")  # five rows: folded
    assert not rowcache.patch_path(db_path).exists()
    key = _book_key(db_path)
    loaded = rowcache.load(db_path, key)
    assert loaded is not None
    assert [task.note for task in loaded[0][:6]] == ["a", "a", "b", "b", "b", ""]


def test_a_patch_that_does_not_lead_from_the_cache_to_the_book_is_never_used(
    db_path: Path,
) -> None:
    ids = _made_and_read(db_path, 5)
    _change(db_path, ids[:1], "vá")
    patch = rowcache.patch_path(db_path).read_bytes()
    key = _book_key(db_path)
    # Another program rewrites the book whole (a new version the patch does not lead to).
    writer = TaskRepository.open(db_path)
    writer.add(make_task())
    writer.close()
    assert not rowcache.matches(db_path, _book_key(db_path))
    assert rowcache.load(db_path, _book_key(db_path)) is None
    # A full read makes a new cache and drops the old patch; put the old patch back: it
    # is of another base, so it is ignored even when asked for the version it names.
    TaskRepository.open(db_path).tasks()
    assert not rowcache.patch_path(db_path).exists()
    rowcache.patch_path(db_path).write_bytes(patch)
    assert not rowcache.matches(db_path, key)
    assert rowcache.load(db_path, key) is None
    assert rowcache.matches(db_path, _book_key(db_path))


def test_a_damaged_patch_means_no_cache(db_path: Path) -> None:
    ids = _made_and_read(db_path, 5)
    _change(db_path, ids[:1], "vá")
    key = _book_key(db_path)
    whole = rowcache.patch_path(db_path).read_bytes()
    short_rows = whole[: rowcache._PATCH_HEADER.size] + marshal.dumps([(1, 2)])
    for damage in (b"", whole[:10], whole[:-3], b"DTRP" + b"\xff" * 60, short_rows):
        rowcache.patch_path(db_path).write_bytes(damage)
        assert not rowcache.matches(db_path, key)
        assert rowcache.load(db_path, key) is None
        _change(db_path, ids[1:2], "sau")  # a change meanwhile neither fails nor trusts it
        key = _book_key(db_path)
    rowcache.patch_path(db_path).unlink()
    assert TaskRepository.open(db_path).get(ids[0]).note == "vá"
