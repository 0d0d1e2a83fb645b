"""The derived copy of the decoded tasks (storage.taskcache, DESIGN 9): in the user's cache
directory, 0600, keyed on the book's exact version, never trusted blindly, written only by
readers, and deleting it changes nothing but speed."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson
import pytest

from deadline_tui.config import DatabaseSettings, Settings
from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.task import Task
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage import bookfile, codec, localfile, schema, taskcache
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.factories import make_task
from tests.unit.test_services_tasks import draft
from tests.unit.test_storage_odd import a_book, edit_in_place

Cli = Callable[..., CliResult]
READS = (("list", "--json"), ("summary",), ("show", "1"), ("list", "--status", "overdue"))


def cache_of(db_path: Path) -> Path:
    return taskcache.cache_file(db_path.resolve())


def plant(db_path: Path, *titles: str) -> None:
    """A cached copy, for the version on disk now, that says something the book does not:
    whatever shows these titles was served from the cache."""
    version = bookfile.version_on_disk(db_path.resolve())
    assert version is not None
    fakes = tuple(make_task(title=title)._replace(id=i) for i, title in enumerate(titles, 1))
    taskcache.save(db_path.resolve(), version, taskcache.Copy(fakes, {}))


def listed(cli: Cli) -> list[str]:
    result = cli("list", "--json")
    assert result.code == 0, result.err
    return [task["title"] for task in orjson.loads(result.out)]


def test_a_reader_leaves_a_0600_copy_in_the_user_cache_never_beside_the_book(
    cli: Cli, db_path: Path, isolated: Path
) -> None:
    a_book(db_path, "Báo cáo quý một").close()
    assert not cache_of(db_path).exists()
    assert listed(cli) == ["Báo cáo quý một"]
    cached = cache_of(db_path)
    home_cache = Path(os.environ["XDG_CACHE_HOME"]) / "deadline-tui"
    assert cached.is_file() and cached.is_relative_to(home_cache)
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert stat.S_IMODE(cached.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == ["tasks.json"]
    # the next reader of that exact version loads it instead of the book
    plant(db_path, "Từ bản sao")
    assert listed(cli) == ["Từ bản sao"]


def test_a_same_size_outside_edit_is_never_served_from_the_cache(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Báo cáo quý một").close()
    plant(db_path, "Bản sao cũ")
    edit_in_place(db_path, "quý một".encode(), "quý bốn".encode())
    for command in READS:
        result = cli(*command)
        assert result.code == 0, (command, result.err)
        assert "Bản sao cũ" not in result.out, command
    assert listed(cli) == ["Báo cáo quý bốn"]
    assert "quý bốn" in cli("show", "1").out


def test_the_tui_store_never_shows_a_cached_copy_of_an_older_version(db_path: Path) -> None:
    from deadline_tui.tui.store import BookStore

    a_book(db_path, "Một").close()
    plant(db_path, "Cũ")
    edit_in_place(db_path, "Một".encode(), "Bốn".encode())
    store = BookStore(Settings(database=DatabaseSettings(path=db_path)))
    try:
        store.start()
        store.submit(store.reload).result(30)
        assert [t.title for t in store.submit(lambda: store.view.tasks).result(30)] == ["Bốn"]
        plant(db_path, "Cũ")  # a copy of this version now: a same-size edit moves on from it
        edit_in_place(db_path, "Bốn".encode(), "Bảy".encode())
        assert store.submit(store.reload).result(30)
        assert [t.title for t in store.submit(lambda: store.view.tasks).result(30)] == ["Bảy"]
    finally:
        store.close()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p.write_bytes(p.read_bytes()[:-7]),  # cut short
        lambda p: p.write_bytes(p.read_bytes()[:-3] + b"\x00\xff\x00"),  # damaged bytes
        lambda p: p.write_bytes(b"not a cache at all"),
        lambda p: p.write_bytes(b""),
        lambda p: p.chmod(0o644),  # open to others: not the user's private copy
    ],
    ids=["truncated", "damaged", "foreign", "empty", "mode-0644"],
)
def test_a_damaged_or_exposed_cache_is_ignored(
    cli: Cli, db_path: Path, spoil: Callable[[Path], object]
) -> None:
    a_book(db_path, "Việc thật").close()
    plant(db_path, "Bản sao")
    spoil(cache_of(db_path))
    assert listed(cli) == ["Việc thật"]


def test_a_copy_made_by_other_code_is_not_read(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, "Việc thật").close()
    plant(db_path, "Bản sao")
    monkeypatch.setattr(localfile, "code_layout", lambda: b"another version of the program")
    assert listed(cli) == ["Việc thật"]


def test_an_older_program_refuses_a_newer_book_even_with_a_copy_cached(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, "Việc thật").close()
    plant(db_path, "Bản sao")  # left by this program for the version on disk
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION - 1)
    result = cli("list", "--json")
    assert result.code == 1
    assert "Bản sao" not in result.out
    assert f"{schema.SCHEMA_VERSION + 1}" in result.err  # the book's newer schema, named


def test_deleting_the_cache_changes_no_output(cli: Cli, db_path: Path) -> None:
    book = a_book(db_path, "Báo cáo tháng", "Kế hoạch năm", "Tờ trình")
    book.update(2, lambda t: t._replace(note="ghi chú"))
    book.close()
    first = [cli(*command) for command in READS]
    assert cache_of(db_path).exists()
    served = [cli(*command) for command in READS]
    cache_of(db_path).unlink()
    fresh = [cli(*command) for command in READS]
    assert [(r.code, r.out) for r in first] == [(r.code, r.out) for r in served]
    assert [(r.code, r.out) for r in served] == [(r.code, r.out) for r in fresh]


def test_writers_never_write_the_cache(cli: Cli, db_path: Path) -> None:
    a_book(db_path, "Một", "Hai").close()
    for command in (
        ("add", "Việc mới", "--unit", "Sở Y tế", "--due", "31/12/2030"),
        ("done", "1", "--on", "20/11/2026"),
    ):
        assert cli(*command).code == 0
        assert not cache_of(db_path).exists(), command


def test_a_process_holding_the_version_it_wrote_does_not_parse_or_decode_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, *(f"Việc {n}" for n in range(1, 6))).close()
    DeskBook(db_path).tasks()  # a reader: leaves the cache
    reads: list[Path] = []
    decodes: list[int] = []
    real_read, real_decode = bookfile.read_book, codec.decode_task

    def read_book(path: Path) -> tuple[bookfile.Version, bytes] | None:
        reads.append(path)
        return real_read(path)

    def decode_task(doc: codec.Document, doc_id: int) -> Task:
        decodes.append(doc_id)
        return real_decode(doc, doc_id)

    monkeypatch.setattr(bookfile, "read_book", read_book)
    monkeypatch.setattr("deadline_tui.storage.desk.decode_task", decode_task)
    monkeypatch.setattr("deadline_tui.storage.desk.parse_tables", None)  # never called
    book = DeskBook(db_path)  # the TUI at start: the tasks come from the cache
    assert len(book.tasks()) == 5 and (reads, decodes) == ([], [])
    book.update(3, lambda t: t._replace(note="một"))  # the first change reads, splices
    assert len(reads) == 1 and decodes == [3, 3]  # record 3 as stored, and as written
    assert book.tasks()[2].note == "một"
    book.update(4, lambda t: t._replace(note="hai"))
    assert [t.note for t in book.tasks()] == ["", "", "một", "hai", ""]
    assert len(reads) == 1  # its own writes are never parsed again
    assert sorted(decodes) == [3, 3, 4, 4]  # only what it changed is decoded


def test_series_and_the_reminder_log_are_read_from_the_copy_too(
    service: TaskService, repo: DeskBook, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.add(draft(deadline="trước ngày 20 hàng tháng", assigned="01/11/2026"))
    sent = Delivery("k-1", "u-1", "due-today", date(2026, 11, 23), DeliveryState.CLAIMED, NOW, "an")
    repo.record_deliveries([sent])
    repo.close()
    series, log = DeskBook(db_path).series(), DeskBook(db_path).deliveries()
    assert len(series) == 1 and log == {"k-1": sent}
    tasks = DeskBook(db_path).tasks()  # a reader: leaves the copy
    reads: list[Path] = []
    real_read = bookfile.read_book

    def read_book(path: Path) -> tuple[bookfile.Version, bytes] | None:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(bookfile, "read_book", read_book)
    book = DeskBook(db_path)
    assert (book.tasks(), book.series(), book.deliveries()) == (tasks, series, log)
    assert reads == []
    edit_in_place(db_path, b'"by":"an"', b'"by":"em"')  # a same-size outside edit
    assert book.deliveries()["k-1"].by == "em"
    assert len(reads) == 1


def test_add_done_and_extend_decode_only_the_task_they_change(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, *(f"Việc {n}" for n in range(1, 8))).close()
    decodes: list[int] = []
    real_decode = codec.decode_task

    def decode_task(doc: codec.Document, doc_id: int) -> Task:
        decodes.append(doc_id)
        return real_decode(doc, doc_id)

    monkeypatch.setattr("deadline_tui.storage.desk.decode_task", decode_task)
    assert cli("add", "Việc mới", "--unit", "so y te", "--due", "31/12/2030").code == 0
    assert decodes == []
    assert cli("done", "3", "--on", "20/11/2026").code == 0
    assert decodes == [3]
    extended = cli("extend", "5", "--to", "31/01/2031", "--reason", "Chờ ý kiến bộ")
    assert extended.code == 0, extended.err
    assert decodes == [3, 5]


def test_a_writer_notes_the_version_it_wrote_whole_and_the_note_is_never_trusted_blindly(
    db_path: Path,
) -> None:
    a_book(db_path, "Một").close()
    book, version = db_path.resolve(), bookfile.version_on_disk(db_path.resolve())
    raw = db_path.read_bytes()
    assert version is not None and taskcache.is_whole(book, version, raw)
    note = cache_of(db_path).with_suffix(".whole")
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    assert not taskcache.is_whole(book, version._replace(ctime_ns=version.ctime_ns + 1), raw)
    note.chmod(0o644)  # open to others: not ours to trust
    assert not taskcache.is_whole(book, version, raw)
    note.chmod(0o600)
    note.write_bytes(note.read_bytes()[:100])  # torn
    assert not taskcache.is_whole(book, version, raw)


def test_a_note_of_a_racy_version_is_trusted_only_for_the_bytes_it_noted(db_path: Path) -> None:
    a_book(db_path, "Một").close()
    book, version = db_path.resolve(), bookfile.version_on_disk(db_path.resolve())
    assert version is not None
    raw = db_path.read_bytes()
    taskcache.mark_whole(book, version, raw)  # racy: the note holds the bytes' crc32
    assert taskcache.is_whole(book, version, raw)
    assert not taskcache.is_whole(book, version, raw.replace(b"M", b"N"))  # same size


def test_a_note_written_for_another_layout_of_the_file_is_not_trusted(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, "Một").close()
    book, version = db_path.resolve(), bookfile.version_on_disk(db_path.resolve())
    assert version is not None
    raw = db_path.read_bytes()
    assert taskcache.is_whole(book, version, raw)
    real = bookfile.layout_sum()
    monkeypatch.setattr(taskcache, "layout_sum", lambda: (real or 0) + 1)  # another build
    assert not taskcache.is_whole(book, version, raw)


def test_a_process_that_loaded_the_cache_decodes_nothing_again_after_a_whole_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_book(db_path, *(f"Việc {n}" for n in range(1, 6))).close()
    DeskBook(db_path).tasks()  # a reader: leaves the cache
    decodes: list[int] = []
    real_decode = codec.decode_task

    def decode_task(doc: codec.Document, doc_id: int) -> Task:
        decodes.append(doc_id)
        return real_decode(doc, doc_id)

    monkeypatch.setattr("deadline_tui.storage.desk.decode_task", decode_task)
    book = DeskBook(db_path)  # the TUI at start: the tasks come from the cache
    assert len(book.tasks()) == 5
    assert book.get(2).title == "Việc 2" and decodes == [2]  # parses, decodes that one
    assert len(book.tasks()) == 5 and decodes == [2]  # still the cached tasks
    decodes.clear()
    sent = Delivery("k-1", "u-1", "due-today", date(2026, 11, 23), DeliveryState.CLAIMED, NOW, "an")
    book.record_deliveries([sent])  # the reminder log: the book is written whole
    assert [t.title for t in book.tasks()] == [f"Việc {n}" for n in range(1, 6)]
    assert decodes == []  # the cached tasks were paired with the records they came from
