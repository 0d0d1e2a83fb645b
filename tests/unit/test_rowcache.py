"""The row cache beside the database: used when it matches the file's generation, never
stale after a write by any process, and harmless when damaged or missing."""

from __future__ import annotations

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
