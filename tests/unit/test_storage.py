"""The desk book (DESIGN section 9): storage.desk.DeskBook.

Covers: a lossless round trip of every task field; the atomic write (temp file, fsync,
``os.replace``, directory fsync, no temp file left); two books on one file, as two
processes would have them, seeing each other's writes at once and never clashing on ids
(tasks, series and the reminder log); ids of deleted tasks never reused; ``batch()``
being all or nothing; schema migration and refusal of newer files; rotating backups
(copies, in sequence); clean-up of leftover temp files; and ``merge`` of a backup.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.series import Series
from deadline_tui.domain.task import Extension, Task, TaskState
from deadline_tui.errors import DamagedDatabaseError, DataError, NotFoundError
from deadline_tui.storage import schema
from deadline_tui.storage.backups import (
    BackupPolicy,
    list_backups,
    newest_good_backup,
    take_backup,
)
from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task

TRICKY_TITLES = (
    "Báo cáo [/] kết quả [footnoteRef:2]",
    "[b]đậm[/b] [link=https://x.vn]liên kết[/link] [/]",
    "Ủy ban nhân dân tỉnh; Uỷ ban, hoà giải, hòa bình — “trích dẫn” ‘đơn’ \\ \" '",
    "Dòng một\nDòng hai\tcó tab {braces} {0} %s $HOME `lệnh` <tag/>",
    "emoji 📅✅ và chữ Hán 漢字, zero-width\u200b, NUL-free",
)


def full_task(**overrides: object) -> Task:
    """A task with every field of DESIGN section 2 set to something non-default."""
    fields: dict[str, object] = {
        "title": TRICKY_TITLES[0],
        "source": "Thông báo 80/TB-UBND ngày 01/4/2016, mục II.3",
        "lead_unit": "Sở Kế hoạch và Đầu tư",
        "support_units": ("Sở Tài chính", "UBND huyện Đắk Mil", "Ban Quản lý [KCN]"),
        "leader": "Phó Chủ tịch Nguyễn Văn Ấn",
        "follower": "Chuyên viên Trần Thị Bích",
        "assigned_on": date(2021, 1, 4),
        "deadline_text": "trước ngày 20 hàng tháng",
        "due_on": date(2021, 3, 31),
        "original_due_on": date(2021, 1, 20),
        "extensions": (
            Extension(
                date(2021, 1, 20), date(2021, 2, 28), "Chờ ý kiến [Bộ]", "", date(2021, 1, 18)
            ),
            Extension(
                date(2021, 2, 28),
                date(2021, 3, 31),
                "Lý do: thiếu số liệu; cần, bổ sung",
                "Công văn 12/UBND-TH",
                date(2021, 2, 25),
            ),
        ),
        "recurrence": Recurrence(Frequency.MONTHLY, day=20),
        "series_uid": "sabcdefghj",
        "state": TaskState.DONE,
        "done_on": date(2021, 3, 30),
        "result": "Báo cáo số 45/BC-SKHĐT ngày 30/3/2021",
        "note": "Ghi chú có [markup] và\nxuống dòng",
        "created_at": datetime(2021, 1, 4, 8, 15, 30),
        "updated_at": datetime(2021, 3, 30, 16, 45, 1),
    }
    fields.update(overrides)
    return make_task(**fields)


def stored_tasks(path: Path) -> dict[int, dict[str, object]]:
    """The task documents as the file holds them, read without the repository."""
    tables = orjson.loads(path.read_bytes())
    return {int(doc_id): doc for doc_id, doc in tables["tasks"].items()}


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


def delivery(key: str) -> Delivery:
    return Delivery(
        key, f"u-{key}", "due-today", date(2026, 11, 23), DeliveryState.DELIVERED,
        datetime(2026, 11, 23, 7, 30), "test", "stdout",
    )  # fmt: skip


# -- round trip ----------------------------------------------------------------------------


def test_every_field_survives_a_round_trip_through_the_file(db_path: Path) -> None:
    task = full_task()
    writer = DeskBook.open_or_create(db_path)
    stored = writer.add(task)
    writer.close()

    reader = DeskBook.open_or_create(db_path)
    try:
        (loaded,) = reader.tasks()
    finally:
        reader.close()
    assert loaded == task._replace(id=stored.id)
    assert loaded.id == stored.id == 1
    # Not merely equal: the same types (a date is not a string, a tuple not a list).
    assert isinstance(loaded.extensions, tuple)
    assert isinstance(loaded.extensions[0].recorded_on, date)
    assert isinstance(loaded.support_units, tuple)
    assert loaded.recurrence == Recurrence(Frequency.MONTHLY, day=20)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_titles_with_brackets_markup_and_unicode_are_stored_literally(
    repo: DeskBook, db_path: Path, title: str
) -> None:
    stored = repo.add(make_task(title=title, lead_unit="Sở Văn hóa [VH]"))
    assert repo.get(stored.uid).title == title
    assert stored_tasks(db_path)[stored.id]["title"] == title
    assert DeskBook.open_or_create(db_path).get(stored.id).title == title


def test_an_open_task_with_no_optional_fields_round_trips(repo: DeskBook) -> None:
    task = make_task(deadline_text="thường xuyên")
    stored = repo.add(task)
    assert repo.get(stored.id) == task._replace(id=stored.id)
    assert repo.get(stored.id).due_on is None
    assert repo.get(stored.id).recurrence is None


def test_lookup_by_id_and_uid_and_missing_ref(repo: DeskBook) -> None:
    stored = repo.add(make_task())
    assert repo.get(stored.id) == repo.get(str(stored.id)) == repo.get(stored.uid)
    with pytest.raises(NotFoundError):
        repo.get(999)
    with pytest.raises(NotFoundError):
        repo.get("zzzzzzzzzz")


# -- the atomic write ------------------------------------------------------------------------


def test_a_write_replaces_the_file_and_leaves_no_temp_file(repo: DeskBook, db_path: Path) -> None:
    repo.add(make_task())
    old_bytes = db_path.read_bytes()
    old_inode = db_path.stat().st_ino
    with db_path.open("rb") as old_version:
        repo.add(make_task())
        # The old version was never modified: a reader that had it open sees it whole.
        assert old_version.read() == old_bytes
    assert db_path.stat().st_ino != old_inode
    assert temp_files(db_path) == []
    assert len(stored_tasks(db_path)) == 2


def test_a_write_fsyncs_the_temp_file_before_replacing_and_the_directory_after(
    repo: DeskBook, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").is_dir() else ""
        events.append("fsync-dir" if os.path.isdir(target) else f"fsync:{Path(target).name}")
        real_fsync(fd)

    def replace_file(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append(f"replace:{Path(src).name}->{Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace_file)
    repo.add(make_task())

    replaced = [i for i, e in enumerate(events) if e.endswith(f"->{db_path.name}")]
    assert len(replaced) == 1
    temp_name = events[replaced[0]].split(":")[1].split("->")[0]
    assert temp_name.startswith(f".{db_path.name}.tmp-")
    assert events[replaced[0]].endswith(f"->{db_path.name}")
    if Path("/proc/self/fd").is_dir():
        assert f"fsync:{temp_name}" in events[: replaced[0]]
        assert "fsync-dir" in events[replaced[0] + 1 :]


def test_one_batch_is_one_durable_write(repo: DeskBook) -> None:
    before = repo.writes
    with repo.batch():
        first = repo.add(make_task())
        repo.add(make_task())
        repo.update(first.id, lambda t: t._replace(note="đã sửa"))
    assert repo.writes == before + 1
    assert [t.note for t in repo.tasks()] == ["đã sửa", ""]


# -- two repositories on one file (two processes) ----------------------------------------------


def test_two_repositories_see_each_others_writes_immediately(db_path: Path) -> None:
    a = DeskBook.open_or_create(db_path)
    b = DeskBook.open_or_create(db_path)
    try:
        assert a.tasks() == b.tasks() == ()
        added_by_b = b.add(make_task(title="của B"))
        assert [t.uid for t in a.tasks()] == [added_by_b.uid]
        a.update(added_by_b.uid, lambda t: t._replace(note="A sửa"))
        assert b.get(added_by_b.uid).note == "A sửa"
        b.delete(added_by_b.id)
        assert a.tasks() == ()
    finally:
        a.close()
        b.close()


def test_interleaved_adds_never_reuse_or_clash_on_ids(db_path: Path) -> None:
    a = DeskBook.open_or_create(db_path)
    b = DeskBook.open_or_create(db_path)
    try:
        first = a.add(make_task())
        assert a.tasks()  # A has read (and cached) the file and its Table ids
        second = b.add(make_task())
        third = a.add(make_task())  # a stale id counter in A would hand out 2 again
        fourth = b.add_many([make_task(), make_task()])
        ids = [first.id, second.id, third.id, *(t.id for t in fourth)]
        assert ids == [1, 2, 3, 4, 5]
        expected = {first.uid, second.uid, third.uid, *(t.uid for t in fourth)}
        assert {t.uid for t in a.tasks()} == {t.uid for t in b.tasks()} == expected
        assert set(stored_tasks(db_path)) == {1, 2, 3, 4, 5}
    finally:
        a.close()
        b.close()


def test_a_stale_query_cache_does_not_hide_another_repositorys_update(db_path: Path) -> None:
    a = DeskBook.open_or_create(db_path)
    b = DeskBook.open_or_create(db_path)
    try:
        task = a.add(make_task(note="v1"))
        assert a.get(task.id).note == "v1"
        b.update(task.id, lambda t: t._replace(note="v2"))
        assert a.get(task.id).note == "v2"
        # A's update starts from what is on disk now, not from what A last saw.
        before, after = a.update(task.id, lambda t: t._replace(result=t.note + "+A"))
        assert before.note == "v2"
        assert after.result == "v2+A"
        assert b.get(task.id).result == "v2+A"
    finally:
        a.close()
        b.close()


def test_reminder_log_records_of_two_repositories_never_overwrite_each_other(
    db_path: Path,
) -> None:
    # The log is inserted with TinyDB-assigned ids; a cached Table._next_id would make
    # A overwrite the record B just wrote (a reminder then fires twice).
    a = DeskBook.open_or_create(db_path)
    b = DeskBook.open_or_create(db_path)
    try:
        a.record_deliveries([delivery("k1")])
        b.record_deliveries([delivery("k2")])
        a.record_deliveries([delivery("k3"), delivery("k4")])
        b.record_deliveries([delivery("k5")])
        assert sorted(a.deliveries()) == sorted(b.deliveries()) == ["k1", "k2", "k3", "k4", "k5"]
        a.forget_deliveries(["k2"])
        b.record_deliveries([delivery("k6")])
        a.record_deliveries([delivery("k7")])
        assert sorted(b.deliveries()) == ["k1", "k3", "k4", "k5", "k6", "k7"]
    finally:
        a.close()
        b.close()


def test_settling_many_claimed_reminders_rebuilds_the_log_once(
    repo: DeskBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first run on a big book claims thousands of reminders, then settles them all: one
    # table rebuild, not one per record (that was quadratic: minutes at 100.000 tasks).
    from tinydb.table import Table

    claimed = [delivery(f"k{n}")._replace(state=DeliveryState.CLAIMED) for n in range(2000)]
    repo.record_deliveries(claimed)
    rebuilds: list[int] = []
    original = Table._update_table

    def counted(table: Table, updater: object) -> None:
        rebuilds.append(1)
        original(table, updater)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "_update_table", counted)
    settled = [r._replace(state=DeliveryState.DELIVERED, channel="desktop") for r in claimed]
    repo.record_deliveries([*settled, delivery("moi")])
    assert len(rebuilds) <= 2
    log = repo.deliveries()
    assert len(log) == 2001
    assert {record.state for record in log.values()} == {DeliveryState.DELIVERED}
    assert log["k1999"].channel == "desktop"
    assert log["k0"].uid == "u-k0"


def test_series_saved_by_two_repositories_are_all_kept(db_path: Path) -> None:
    a = DeskBook.open_or_create(db_path)
    b = DeskBook.open_or_create(db_path)

    def series(uid: str) -> Series:
        return Series(
            uid=uid,
            template=make_task(),
            recurrence=Recurrence(Frequency.MONTHLY, day=20),
            start=date(2026, 1, 1),
            created_at=datetime(2026, 1, 1, 8, 0),
        )

    try:
        a.save_series(series("s1"))
        b.save_series(series("s2"))
        a.save_series(series("s3"))
        assert sorted(s.uid for s in b.series()) == ["s1", "s2", "s3"]
        b.save_series(replace(series("s1"), until=date(2026, 6, 30)))
        assert {s.uid: s.until for s in a.series()}["s1"] == date(2026, 6, 30)
        assert len(a.series()) == 3
    finally:
        a.close()
        b.close()


def test_deleted_ids_are_never_reused(repo: DeskBook, db_path: Path) -> None:
    tasks = repo.add_many([make_task() for _ in range(3)])
    repo.delete(tasks[2].id)  # the highest id
    repo.delete(tasks[0].uid)
    again = repo.add(make_task())
    assert again.id == 4
    other = DeskBook.open_or_create(db_path)  # another process, which never saw ids 1 and 3
    try:
        assert other.add(make_task()).id == 5
    finally:
        other.close()
    repo.delete(5)
    repo.delete(4)
    repo.delete(2)
    assert repo.tasks() == ()
    assert repo.add(make_task()).id == 6


# -- transactions and the lock -------------------------------------------------------------


class Boom(Exception):
    """Raised inside a batch on purpose."""


def test_an_exception_inside_batch_writes_nothing_and_keeps_the_cache_true(
    repo: DeskBook, db_path: Path
) -> None:
    kept = repo.add(make_task(note="avant"))
    before = db_path.read_bytes()
    writes = repo.writes
    with pytest.raises(Boom), repo.batch():
        repo.add(make_task(title="không được lưu"))
        repo.update(kept.id, lambda t: t._replace(note="không được lưu"))
        repo.delete(kept.uid)
        repo.record_deliveries([delivery("k1")])
        raise Boom
    assert db_path.read_bytes() == before
    assert repo.writes == writes
    assert temp_files(db_path) == []
    # The in-memory data TinyDB changed in place must not survive the failure.
    assert repo.tasks() == (kept,)
    assert repo.deliveries() == {}
    fresh = DeskBook.open_or_create(db_path)
    try:
        assert repo.tasks() == fresh.tasks()
    finally:
        fresh.close()
    # And the next write starts from the file, not from the abandoned changes.
    added = repo.add(make_task())
    assert added.id == 2
    assert [t.id for t in repo.tasks()] == [1, 2]


def test_a_failing_change_function_leaves_the_task_as_it_was(repo: DeskBook, db_path: Path) -> None:
    kept = repo.add(make_task())
    before = db_path.read_bytes()

    def change(task: Task) -> Task:
        raise Boom

    with pytest.raises(Boom):
        repo.update(kept.id, change)
    assert db_path.read_bytes() == before
    assert repo.get(kept.id) == kept


def test_add_many_refuses_a_uid_already_stored_and_writes_nothing(
    repo: DeskBook, db_path: Path
) -> None:
    kept = repo.add(make_task())
    before = db_path.read_bytes()
    with pytest.raises(ValueError, match=kept.uid):
        repo.add_many([make_task(), make_task()._replace(uid=kept.uid)])
    assert db_path.read_bytes() == before
    assert repo.tasks() == (kept,)


# -- schema -------------------------------------------------------------------------------------


def test_a_plain_tinydb_file_is_migrated_after_a_backup(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    doc = {
        "uid": "kcu1legacy",
        "title": "Đầu việc cũ",
        "lead_unit": "Sở Y tế",
        "assigned_on": "2020-05-01",
        "due_on": "2020-06-30",
        "state": "open",
        "created_at": "2020-05-01T08:00:00",
        "updated_at": "2020-05-01T08:00:00",
    }
    legacy = orjson.dumps({"_default": {}, "tasks": {"3": doc, "7": {**doc, "uid": "kcu2legacy"}}})
    db_path.write_bytes(legacy)

    repo = DeskBook.open_or_create(db_path)
    try:
        repo.tasks()  # the first read migrates
        backups = list_backups(db_path)
        assert len(backups) == 1
        assert backups[0].path.read_bytes() == legacy
        tables = orjson.loads(db_path.read_bytes())
        assert schema.version_of(tables) == schema.SCHEMA_VERSION
        assert tables["meta"]["1"]["last_id"] == 7
        assert {"series", "reminder_log", "_default"} <= tables.keys()
        assert [(t.id, t.uid) for t in repo.tasks()] == [(3, "kcu1legacy"), (7, "kcu2legacy")]
        assert repo.add(make_task()).id == 8
    finally:
        repo.close()


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    tables = schema.empty_tables()
    tables["meta"]["1"]["schema"] = schema.SCHEMA_VERSION + 1
    tables["tasks"]["1"] = {"uid": "x", "future_field": [1, 2, 3]}
    content = orjson.dumps(tables)
    db_path.write_bytes(content)
    mtime = db_path.stat().st_mtime_ns

    with pytest.raises(DataError) as raised:
        DeskBook.open_or_create(db_path).tasks()
    assert str(db_path) in raised.value.message()
    assert str(schema.SCHEMA_VERSION + 1) in raised.value.message()
    assert db_path.read_bytes() == content
    assert db_path.stat().st_mtime_ns == mtime
    assert list_backups(db_path) == []


def test_a_new_database_has_the_current_schema(repo: DeskBook, db_path: Path) -> None:
    tables = orjson.loads(db_path.read_bytes())
    assert next(iter(tables)) == "meta"  # first, so readers find the generation in the head
    assert re.fullmatch("[0-9a-f]{16}", tables["meta"]["1"].pop("generation"))
    assert tables == schema.empty_tables()
    assert not schema.needs_migration(tables, str(db_path))


# -- backups and leftovers ------------------------------------------------------------------


def test_backups_rotate_keeping_the_newest_versions(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=3, interval_seconds=0))
    try:
        versions = []
        # Twelve writes within a second or so: ordered by sequence, not by the clock.
        for number in range(12):
            versions.append(db_path.read_bytes())  # what the next write will back up
            repo.add(make_task(title=f"việc {number}"))
        backups = list_backups(db_path)
        assert len(backups) == 3
        # Newest first, and they are the three versions just before the last three writes.
        assert [b.path.read_bytes() for b in backups] == versions[-1:-4:-1]
        assert newest_good_backup(db_path) == backups[0].path
        assert len(orjson.loads(backups[0].path.read_bytes())["tasks"]) == 11
    finally:
        repo.close()


def test_backups_respect_the_interval(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=3600))
    try:
        for _ in range(4):
            repo.add(make_task())
        assert len(list_backups(db_path)) == 1  # the first write backed up; the rest waited
        # A forced backup (before imports and restores) ignores the interval.
        assert repo.backup_now() is not None
        assert len(list_backups(db_path)) == 2
    finally:
        repo.close()


def test_an_old_enough_backup_lets_the_next_write_take_one(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=60))
    try:
        repo.add(make_task())
        (only,) = list_backups(db_path)
        old = only.path.stat().st_mtime - 120
        os.utime(only.path, (old, old))
        repo.add(make_task())
        assert len(list_backups(db_path)) == 2
    finally:
        repo.close()


def test_backups_off_takes_none(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=0, interval_seconds=0))
    try:
        repo.add(make_task())
        repo.add(make_task())
        assert list_backups(db_path) == []
        assert take_backup(db_path, BackupPolicy(keep=0), force=True) is None
    finally:
        repo.close()


def test_a_backup_shares_no_later_changes_with_the_database(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=0))
    try:
        repo.add(make_task())
        backup = list_backups(db_path)[0]
        content = backup.path.read_bytes()
        repo.add(make_task())
        repo.add(make_task())
        assert backup.path.read_bytes() == content  # a copy, never a link to the book
        assert backup.path.stat().st_ino != db_path.stat().st_ino
    finally:
        repo.close()


def test_newest_good_backup_skips_damaged_backups(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=0))
    try:
        repo.add(make_task())
        repo.add(make_task())
        newest, older = list_backups(db_path)[:2]
        newest.path.unlink()
        newest.path.write_bytes(b'{"tasks": {"1": ')
        assert newest_good_backup(db_path) == older.path
    finally:
        repo.close()


def test_leftover_temp_files_are_removed_on_the_next_write(db_path: Path) -> None:
    first = DeskBook.open_or_create(db_path)
    first.add(make_task())
    first.close()
    leftovers = [
        db_path.parent / f".{db_path.name}.tmp-99999-deadbeef",
        db_path.parent / f".{db_path.name}.tmp-restore-4242",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b'{"tasks": {"1": {"half')
    unrelated = db_path.parent / ".other.json.tmp-1-aa"
    unrelated.write_bytes(b"x")

    repo = DeskBook.open_or_create(db_path)
    try:
        assert len(repo.tasks()) == 1  # reading does not touch them
        assert all(p.exists() for p in leftovers)
        repo.add(make_task())
        assert temp_files(db_path) == []
        assert unrelated.exists()
    finally:
        repo.close()


# -- opening -------------------------------------------------------------------------------


def test_a_missing_database_with_backups_is_an_error_not_an_empty_start(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path, backups=BackupPolicy(keep=5, interval_seconds=0))
    repo.add(make_task())
    repo.add(make_task())
    repo.close()
    db_path.unlink()
    with pytest.raises(DamagedDatabaseError) as raised:
        DeskBook.open_or_create(db_path).tasks()
    message = raised.value.message()
    assert str(db_path) in message
    assert str(newest_good_backup(db_path)) in message
    assert not db_path.exists()


def test_a_record_that_does_not_decode_names_the_file_and_the_record(db_path: Path) -> None:
    repo = DeskBook.open_or_create(db_path)
    repo.add(make_task())
    repo.close()
    tables = orjson.loads(db_path.read_bytes())
    del tables["tasks"]["1"]["lead_unit"]
    db_path.write_bytes(orjson.dumps(tables))
    reopened = DeskBook.open_or_create(db_path)
    try:
        with pytest.raises(DamagedDatabaseError) as raised:
            reopened.tasks()
        assert str(db_path) in raised.value.message()
        assert "1" in raised.value.message()
    finally:
        reopened.close()


# -- merge ----------------------------------------------------------------------------------


def _mixed_book(repo: DeskBook) -> list[Task]:
    tasks = repo.add_many(
        [
            full_task(),
            make_task(title=TRICKY_TITLES[1], deadline_text="thường xuyên"),
            make_task(title=TRICKY_TITLES[3], due_on=date(2026, 12, 31)),
            make_task(state=TaskState.CANCELLED),
        ]
    )
    repo.delete(tasks[1].id)  # a gap in the ids
    repo.record_deliveries([delivery("k1"), delivery("k2")])
    repo.save_series(
        Series(
            uid="s1",
            template=make_task(),
            recurrence=Recurrence(Frequency.QUARTERLY),
            start=date(2026, 1, 1),
            created_at=datetime(2026, 1, 1),
        )
    )
    return [t for t in tasks if t.id != tasks[1].id]


def test_merge_into_an_empty_database_is_lossless(tmp_path: Path) -> None:
    source = DeskBook.open_or_create(tmp_path / "a" / "tasks.json")
    target = DeskBook.open_or_create(tmp_path / "b" / "tasks.json")
    try:
        originals = _mixed_book(source)
        tables = orjson.loads((tmp_path / "a" / "tasks.json").read_bytes())
        assert target.merge(tables) == (3, 0)
        assert target.tasks() == tuple(originals)  # same uids, ids and every field
        assert target.deliveries() == source.deliveries()
        assert target.series() == source.series()
        # The id high-water mark came along: the deleted id 2 stays unused.
        assert target.add(make_task()).id == 5
    finally:
        source.close()
        target.close()


def test_merge_skips_uids_already_present_and_renumbers_taken_ids(tmp_path: Path) -> None:
    source = DeskBook.open_or_create(tmp_path / "a" / "tasks.json")
    target = DeskBook.open_or_create(tmp_path / "b" / "tasks.json")
    try:
        originals = _mixed_book(source)
        tables = orjson.loads((tmp_path / "a" / "tasks.json").read_bytes())
        assert target.merge(tables) == (3, 0)
        merged_once = target.export_tables().copy()
        assert target.merge(tables) == (0, 3)
        assert target.tasks() == tuple(originals)
        assert len(target.deliveries()) == 2
        assert len(target.series()) == 1
        assert target.export_tables()["tasks"] == merged_once["tasks"]

        # A database that already uses id 1 for another task: the incoming task keeps
        # its uid and fields but gets a fresh id.
        third = DeskBook.open_or_create(tmp_path / "c" / "tasks.json")
        try:
            own = third.add(make_task(title="của máy này"))
            added, skipped = third.merge(tables)
            assert (added, skipped) == (3, 0)
            by_uid = {t.uid: t for t in third.tasks()}
            assert by_uid[own.uid] == own
            for original in originals:
                moved = by_uid[original.uid]
                assert moved._replace(id=original.id) == original
            assert len({t.id for t in third.tasks()}) == 4
        finally:
            third.close()
    finally:
        source.close()
        target.close()


def test_merge_of_a_damaged_backup_changes_nothing(repo: DeskBook, db_path: Path) -> None:
    repo.add(make_task())
    before = db_path.read_bytes()
    tables = {"tasks": {"1": {"uid": "ok", "title": "thiếu trường"}}}
    with pytest.raises(ValueError):
        repo.merge(tables)
    assert db_path.read_bytes() == before
