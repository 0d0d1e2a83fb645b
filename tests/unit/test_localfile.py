"""The private file both copies of decoded tasks are kept in (storage.localfile): read only
when it is the user's own, whole and of the same head; each repeated text and time kept
once, never merged with a merely equal value of another offset."""

from __future__ import annotations

import os
import pickle
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from deadline_tui.domain.task import Task
from deadline_tui.storage import localfile
from tests.factories import make_task

HEAD = b"deadline-tui test\nkey 1\n"


def test_a_saved_value_loads_back_under_its_head_only(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "copy.pickle"
    localfile.save(target, HEAD, ("a", (1, 2)))
    assert localfile.load(target, HEAD) == ("a", (1, 2))
    assert localfile.load(target, b"deadline-tui test\nkey 2\n") is None
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["copy.pickle"]  # no temp left


@pytest.mark.parametrize(
    "spoil",
    ["flip", "cut", "mode", "symlink"],
)
def test_a_damaged_exposed_or_linked_file_is_a_miss(tmp_path: Path, spoil: str) -> None:
    target = tmp_path / "copy.pickle"
    localfile.save(target, HEAD, list(range(100)))
    blob = target.read_bytes()
    if spoil == "flip":
        target.write_bytes(blob[:-5] + bytes([blob[-5] ^ 1]) + blob[-4:])
    elif spoil == "cut":
        target.write_bytes(blob[: len(HEAD) + 2])
    elif spoil == "mode":
        target.chmod(0o640)
    else:
        real = tmp_path / "elsewhere.pickle"
        target.rename(real)
        os.symlink(real, target)
    assert localfile.load(target, HEAD) is None


def test_repeated_texts_and_times_become_one_object_and_stay_equal() -> None:
    at = datetime(2026, 3, 1, 8, 30)
    tasks = tuple(
        make_task(title="Báo cáo tháng", result="".join(["Đã ", "xong"]), created_at=at)._replace(
            updated_at=at.replace(), id=n
        )
        for n in (1, 2, 3)
    )
    kept = localfile.unpacked(pickle.loads(pickle.dumps(localfile.packed(tasks))))
    assert kept == tasks and kept is not None and all(type(t) is Task for t in kept)
    assert len({id(t.title) for t in kept}) == 1
    assert len({id(t.result) for t in kept}) == 1
    assert len({id(t.created_at) for t in kept} | {id(t.updated_at) for t in kept}) == 1


def test_equal_times_of_other_offsets_or_folds_are_kept_apart() -> None:
    utc = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
    hanoi = utc.astimezone(timezone(timedelta(hours=7)))
    naive, folded = datetime(2026, 3, 1, 1, 0), datetime(2026, 3, 1, 1, 0, fold=1)
    assert utc == hanoi and naive == folded  # equal, yet not the same value
    tasks = (
        make_task(created_at=utc, updated_at=hanoi),
        make_task(created_at=naive, updated_at=folded),
    )
    kept = localfile.unpacked(pickle.loads(pickle.dumps(localfile.packed(tasks))))
    assert kept is not None
    for before, after in zip(tasks, kept, strict=True):
        assert after.created_at.utcoffset() == before.created_at.utcoffset()
        assert after.updated_at.utcoffset() == before.updated_at.utcoffset()
        assert (after.created_at.fold, after.updated_at.fold) == (
            before.created_at.fold,
            before.updated_at.fold,
        )


def test_a_fifo_in_place_of_the_file_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "copy.pickle"
    os.mkfifo(path, 0o600)
    assert localfile.read_own(path) is None  # (a blocking open would never return)


@pytest.mark.parametrize(
    "value",
    [
        [("a",) * len(Task._fields)],  # a list, not a tuple
        (("a",) * (len(Task._fields) - 1),),  # a row one field short
        (["a"] * len(Task._fields),),  # a row that is a list
        ("not a row",),
        None,
    ],
)
def test_a_copy_of_another_shape_is_a_miss(value: object) -> None:
    assert localfile.unpacked(value) is None
