"""The behaviour every :class:`TaskBook` shares (DESIGN section 9), for each implementation
in the registry (tests/contract/conftest.py)."""

from __future__ import annotations

import copy
import multiprocessing
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.errors import ConflictError, NotFoundError
from deadline_tui.storage.book import TaskBook
from deadline_tui.storage.codec import RecordError
from tests.contract.conftest import IMPLEMENTATIONS, Books
from tests.factories import make_task

NOW = datetime(2026, 11, 23, 7, 30)


class Boom(Exception):
    pass


def claim(key: str, by: str) -> Delivery:
    return Delivery(
        key, f"u-{key}", "due-today", date(2026, 11, 23), DeliveryState.CLAIMED, NOW, by
    )


def _free(logged: Delivery | None) -> bool:
    return logged is None


def test_add_get_update_delete(book: TaskBook) -> None:
    first = book.add(make_task(title="Báo cáo [/] quý"))
    second = book.add(make_task())
    assert (first.id, second.id) == (1, 2)
    assert book.get(first.id) == first == book.get(first.uid) == book.get(str(first.id))
    before, after = book.update(first.uid, lambda t: t._replace(note="đã sửa", id=99, uid="x"))
    assert before == first
    assert (after.id, after.uid, after.note) == (first.id, first.uid, "đã sửa")
    assert book.get(first.id) == after
    assert book.delete(second.id) == second
    assert book.tasks() == (after,)
    with pytest.raises(NotFoundError):
        book.get(second.id)
    with pytest.raises(NotFoundError):
        book.update(second.uid, lambda t: t)


def test_a_uid_already_stored_refuses_the_whole_add(book: TaskBook) -> None:
    kept = book.add(make_task())
    with pytest.raises(ValueError):
        book.add_many([make_task(), kept])
    assert book.tasks() == (kept,)


def test_an_exception_inside_a_batch_leaves_nothing(books: Books, book: TaskBook) -> None:
    kept = book.add(make_task(note="trước"))
    version = book.version()
    with pytest.raises(Boom), book.batch():
        book.add(make_task())
        book.update(kept.id, lambda t: t._replace(note="sau"))
        book.record_deliveries([claim("k1", "a")])
        raise Boom
    assert book.version() == version
    other = books.open()
    for handle in (book, other):
        assert handle.tasks() == (kept,)
        assert handle.deliveries() == {}
    assert book.add(make_task()).id == 2  # the abandoned id 2 was never taken
    other.close()


def test_the_version_moves_on_every_write_from_any_handle(books: Books, book: TaskBook) -> None:
    seen = [book.version()]
    task = book.add(make_task())
    seen.append(book.version())
    book.update(task.id, lambda t: t._replace(note="x"))
    seen.append(book.version())
    other = books.open()
    other.update(task.id, lambda t: t._replace(note="y"))  # same size as "x"
    seen.append(book.version())
    assert len(set(seen)) == len(seen)
    assert book.get(task.id).note == "y"  # and the change is seen at once
    assert book.version() == other.version() == seen[-1]  # reading changes nothing
    other.close()


def test_update_with_a_stale_expected_task_is_a_conflict(books: Books, book: TaskBook) -> None:
    shown = book.add(make_task())
    other = books.open()
    other.update(shown.id, lambda t: t._replace(note="người khác"))
    with pytest.raises(ConflictError):
        book.update(shown.id, lambda t: t._replace(note="tôi"), expected=shown)
    assert book.get(shown.id).note == "người khác"
    current = book.get(shown.id)
    _, after = book.update(shown.id, lambda t: t._replace(note="tôi"), expected=current)
    assert after.note == "tôi"
    other.close()


def test_delete_with_a_stale_expected_task_is_a_conflict(books: Books, book: TaskBook) -> None:
    shown = book.add(make_task())
    other = books.open()
    other.update(shown.id, lambda t: t._replace(result="BC 99"))
    with pytest.raises(ConflictError) as refused:
        book.delete(shown.id, expected=shown)
    assert str(shown.id) in refused.value.message()  # named by its number
    assert book.get(shown.id).result == "BC 99"  # nothing removed
    assert book.delete(shown.id, expected=book.get(shown.id)).result == "BC 99"
    other.close()


def test_ids_are_never_reused(books: Books, book: TaskBook) -> None:
    first, second = book.add(make_task()), book.add(make_task())
    book.delete(second.id)
    book.delete(first.id)
    other = books.open()
    assert other.add(make_task()).id == 3
    assert book.add(make_task()).id == 4
    other.close()


def test_put_undoes_a_change_and_a_deletion(book: TaskBook) -> None:
    task = book.add(make_task())
    book.add(make_task())
    before, _ = book.update(task.id, lambda t: t._replace(note="đổi"))
    book.put(before)
    assert book.get(task.id) == task
    gone = book.delete(task.id)
    book.put(gone)
    assert book.get(task.uid) == task
    assert [t.id for t in book.tasks()] == [1, 2]


def test_a_claim_is_taken_exactly_once(books: Books, book: TaskBook) -> None:
    other = books.open()
    mine = book.claim_deliveries([claim("a", "1"), claim("b", "1")], _free)
    theirs = other.claim_deliveries([claim("b", "2"), claim("c", "2")], _free)
    assert [d.key for d in mine] == ["a", "b"]
    assert [d.key for d in theirs] == ["c"]
    assert {k: d.by for k, d in book.deliveries().items()} == {"a": "1", "b": "1", "c": "2"}
    book.forget_deliveries(["a"])
    assert [d.key for d in other.claim_deliveries([claim("a", "2")], _free)] == ["a"]
    other.close()


def _claim_all(implementation: str, location: str, runner: str, keys: list[str]) -> list[str]:
    book = IMPLEMENTATIONS[implementation].open(location)
    taken = []
    for key in keys:  # one claim per write: as many chances to interleave as possible
        taken += [d.key for d in book.claim_deliveries([claim(key, runner)], _free)]
    book.close()
    return taken


def _add_many(implementation: str, location: str, count: int) -> list[str]:
    book = IMPLEMENTATIONS[implementation].open(location)
    uids = [book.add(make_task(uid=f"p{os.getpid()}-{n}")).uid for n in range(count)]
    book.close()
    return uids


def test_several_processes_claim_each_key_exactly_once(books: Books) -> None:
    keys = [f"k{n}" for n in range(30)]
    context = multiprocessing.get_context("fork")
    with context.Pool(3) as pool:
        results = pool.starmap(
            _claim_all, [(books.kind, books.location, str(n), keys) for n in range(3)]
        )
    taken = [key for result in results for key in result]
    assert sorted(taken) == sorted(keys)


def test_several_processes_writing_lose_nothing(books: Books, book: TaskBook) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(3) as pool:
        results = pool.starmap(_add_many, [(books.kind, books.location, 15)] * 3)
    acknowledged = {uid for result in results for uid in result}
    stored = book.tasks()
    assert {t.uid for t in stored} == acknowledged
    assert len(stored) == 45
    assert sorted(t.id for t in stored) == list(range(1, 46))


def test_merge_adds_what_is_missing_and_keeps_ids_where_free(books: Books, tmp_path: Path) -> None:
    source = books.open()
    a, b = source.add(make_task()), source.add(make_task())
    source.claim_deliveries([claim("k", "x")], _free)
    tables = source.export_tables()
    source.close()
    # A second empty book of the same kind receives the backup.
    target = books.implementation.open(books.implementation.new(tmp_path / "second"))
    target.add(make_task())  # takes id 1: a is renumbered, b keeps 2
    assert target.merge(tables) == (2, 0)
    assert {t.uid: t.id for t in target.tasks()}[b.uid] == 2
    assert target.get(a.uid).id == 3
    assert set(target.deliveries()) == {"k"}
    assert target.merge(tables) == (0, 2)  # nothing twice
    target.close()


def test_merge_never_gives_a_deleted_id_out_again(books: Books, tmp_path: Path) -> None:
    """A backup from elsewhere whose task has the number of a task deleted here gets a
    new number: an id is never reused, so undoing that deletion (``put``) cannot land
    on another task."""
    book = books.open()
    book.add(make_task())
    deleted = book.add(make_task())
    book.delete(deleted.id)
    other = books.implementation.open(books.implementation.new(tmp_path / "other"))
    other.add(make_task())
    stranger = other.add(make_task())  # id 2, like the deleted one
    tables = other.export_tables()
    other.close()
    assert book.merge(tables) == (2, 0)
    assert book.get(stranger.uid).id not in (1, 2)
    book.put(deleted)  # undo of the deletion
    assert book.get(deleted.uid).id == deleted.id
    assert book.get(stranger.uid).title == stranger.title  # not overwritten
    assert len(book.tasks()) == 4
    book.close()


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda docs: docs["2"].update(uid=docs["1"]["uid"]), id="duplicate-uid"),
        pytest.param(lambda docs: docs["2"].update(title=42), id="title-a-number"),
        pytest.param(lambda docs: docs["2"].update(due_on="9999-12-31"), id="year-9999"),
        pytest.param(lambda docs: docs["2"].update(assigned_on="31/12/0027"), id="not-iso"),
        pytest.param(lambda docs: docs["2"].update(support_units="Sở Y tế"), id="units-a-text"),
    ],
)
def test_merge_refuses_a_bad_record_whole_naming_it(
    book: TaskBook, spoil: Callable[[dict[str, Any]], None]
) -> None:
    book.add(make_task())
    book.add(make_task())
    tables = copy.deepcopy(book.export_tables())
    tables["tasks"] = {"1": tables["tasks"]["1"], "2": tables["tasks"]["2"]}
    for doc in tables["tasks"].values():
        doc["uid"] = "n" + doc["uid"]
    spoil(tables["tasks"])
    version, before = book.version(), book.tasks()
    with pytest.raises(RecordError) as raised:
        book.merge(tables)
    assert raised.value.doc_id == 2
    assert book.version() == version
    assert book.tasks() == before


def test_merge_refuses_task_ids_that_are_not_plain_numbers(book: TaskBook) -> None:
    book.add(make_task())
    tables = copy.deepcopy(book.export_tables())
    doc = tables["tasks"].pop("1")
    for key in ("01", "x", "-1"):
        with pytest.raises(RecordError, match="not a number"):
            book.merge({**tables, "tasks": {key: {**doc, "uid": "moi"}}})
    assert len(book.tasks()) == 1
