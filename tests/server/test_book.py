"""The server book against a real PostgreSQL: behaviour only the server has (conflicts,
claims, the change log, LISTEN/NOTIFY, the schema version)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import date, datetime

import pytest

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.errors import ConflictError, DataError, NotFoundError
from deadline_tui.i18n import t
from deadline_tui.storage.server import schema
from deadline_tui.storage.server.book import ServerBook
from deadline_tui.storage.server.connect import connect
from tests.factories import make_task


def test_tasks_round_trip_with_new_ids_in_order(book: ServerBook) -> None:
    first, second = book.add_many([make_task(title="Báo cáo [/] quý"), make_task()])
    assert (first.id, second.id) == (1, 2)
    assert book.tasks() == (first, second)
    assert book.get(first.uid) == first
    assert book.get("2") == second
    for missing in (99, "99999999999999999999999", "no-such-uid"):
        with pytest.raises(NotFoundError):
            book.get(missing)


def test_a_backup_of_the_server_book_says_the_record_layout_it_holds(book: ServerBook) -> None:
    """Its documents are in the desk book's current layout: a backup that said an older
    one would be migrated again when imported (moving dates the migration must not)."""
    from deadline_tui.storage import schema as book_layout

    book.add(make_task())
    assert book.export_tables()["meta"]["1"]["schema"] == book_layout.SCHEMA_VERSION == 2


def test_a_uid_already_stored_refuses_the_whole_add(book: ServerBook) -> None:
    stored = book.add(make_task())
    with pytest.raises(ValueError, match="already stored"):
        book.add_many([make_task(), make_task(uid=stored.uid)])
    assert book.tasks() == (stored,)


def test_ids_are_never_reused_after_a_delete(book: ServerBook) -> None:
    book.add(make_task())
    last = book.add(make_task())
    book.delete(last.id)
    assert book.add(make_task()).id == last.id + 1


def test_version_changes_with_every_change_from_another_connection(
    book: ServerBook, server_url: str
) -> None:
    before = book.version()
    other = ServerBook.open(server_url)
    try:
        other.add(make_task())
    finally:
        other.close()
    assert book.version() != before
    assert len(book.tasks()) == 1


def test_a_change_made_meanwhile_is_a_conflict_naming_who_and_never_overwritten(
    server_url: str,
) -> None:
    mine = ServerBook.open(server_url, user="Chuyên viên A")
    theirs = ServerBook.open(server_url, user="Chuyên viên B")
    try:
        shown = mine.add(make_task(note="cũ"))
        theirs.update(shown.id, lambda task: task._replace(note="của B"))
        with pytest.raises(ConflictError) as caught:
            mine.update(shown.id, lambda task: task._replace(note="của A"), expected=shown)
        message = caught.value.message()
        assert "đã được Chuyên viên B sửa lúc" in message
        assert "tải lại?" in message
        assert mine.get(shown.id).note == "của B"
        # Reloaded, the same change goes through.
        fresh = mine.get(shown.id)
        mine.update(shown.id, lambda task: task._replace(note="của A"), expected=fresh)
        assert theirs.get(shown.id).note == "của A"
    finally:
        mine.close()
        theirs.close()


def test_the_change_log_says_who_changed_what(book: ServerBook) -> None:
    task = book.add(make_task())
    book.update(task.id, lambda t_: t_._replace(note="x", due_on=date(2026, 12, 1)))
    book.delete(task.id)
    history = book.history(task.id)
    assert [(h.action, h.fields, h.by) for h in history] == [
        ("add", (), "Kiểm thử"),
        ("update", ("due_on", "note"), "Kiểm thử"),
        ("delete", (), "Kiểm thử"),
    ]
    assert history[0].at <= history[-1].at


def test_the_change_log_names_the_database_role_without_a_configured_name(
    server_url: str,
) -> None:
    book = ServerBook.open(server_url)
    try:
        task = book.add(make_task())
        assert book.history(task.uid)[0].by == "postgres"
    finally:
        book.close()


def _claim(key: str) -> Delivery:
    return Delivery(
        key=key,
        uid="u1",
        kind="due_today",
        due_on=date(2026, 11, 23),
        state=DeliveryState.CLAIMED,
        at=datetime(2026, 11, 23, 7, 30),
        by="runner",
    )


def test_a_claim_is_taken_once_and_may_take_sees_the_logged_record(book: ServerBook) -> None:
    seen: list[object] = []

    def only_new(record: Delivery | None) -> bool:
        seen.append(record)
        return record is None

    assert book.claim_deliveries([_claim("k1"), _claim("k2")], only_new) == [
        _claim("k1"),
        _claim("k2"),
    ]
    assert book.claim_deliveries([_claim("k1")], only_new) == []
    assert seen[-1] == _claim("k1")
    # A record the rule lets go (a claim that failed everywhere) can be taken again.
    again = _claim("k1")._replace(by="runner 2")
    assert book.claim_deliveries([again], lambda record: True) == [again]
    assert book.deliveries()["k1"].by == "runner 2"


def test_a_listener_hears_a_change_committed_by_another_process_within_a_second(
    server_url: str,
) -> None:
    listening = ServerBook.open(server_url)
    writer = ServerBook.open(server_url)
    try:
        assert listening.wait_for_change(0.05) is False  # (starts listening)
        heard: list[float] = []
        started = time.monotonic()

        def listen() -> None:
            if listening.wait_for_change(5):
                heard.append(time.monotonic() - started)

        thread = threading.Thread(target=listen)
        thread.start()
        writer.add(make_task())
        thread.join()
        assert heard and heard[0] < 1.0
    finally:
        listening.close()
        writer.close()


def test_a_book_without_the_schema_asks_for_db_upgrade(empty_url: str) -> None:
    with pytest.raises(DataError) as caught:
        ServerBook.open(empty_url)
    assert "deadline-tui db upgrade" in caught.value.message()


def test_a_newer_schema_is_refused_with_a_message(server_url: str) -> None:
    with connect(server_url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (schema.SCHEMA_VERSION + 1,))
    with pytest.raises(DataError) as caught:
        ServerBook.open(server_url)
    assert caught.value.key == "database_newer"
    with connect(server_url, autocommit=True) as conn, pytest.raises(DataError):
        schema.upgrade(conn, "test")


def test_upgrade_twice_changes_nothing_the_second_time(empty_url: str) -> None:
    with connect(empty_url, autocommit=True) as conn:
        assert schema.upgrade(conn, "x") == (0, schema.SCHEMA_VERSION)
        assert schema.upgrade(conn, "x") == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)


def test_backups_are_not_taken_by_the_program(book: ServerBook) -> None:
    assert book.backup_now() is None
    assert "pg_dump" in t("server_backups", location=book.location)


def test_a_connection_lost_mid_session_is_a_message_naming_the_book(
    book: ServerBook, server_url: str
) -> None:
    kept = book.add(make_task())
    with connect(server_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (book._conn.info.backend_pid,))
    with pytest.raises(DataError) as caught:
        book.update(kept.id, lambda task: task._replace(note="mất kết nối"))
    assert caught.value.key == "server_failed"
    assert "Không có thay đổi nào được lưu dở dang" in caught.value.message()
    other = ServerBook.open(server_url)
    try:
        assert other.get(kept.id) == kept
    finally:
        other.close()


@pytest.mark.parametrize("read", ["tasks", "export_tables"])
def test_a_connection_lost_before_a_whole_read_is_a_message_naming_the_book(
    book: ServerBook, server_url: str, read: str
) -> None:
    book.add(make_task())
    with connect(server_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (book._conn.info.backend_pid,))
    book._snapshot = None  # nothing kept: the read must go to the server
    with pytest.raises(DataError) as caught:
        getattr(book, read)()
    assert caught.value.key == "server_failed"


def test_a_role_without_rights_gets_a_message_not_a_traceback(server_url: str) -> None:
    role = f"r_{uuid.uuid4().hex[:10]}"
    with connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'GRANT USAGE ON SCHEMA "{_schema_of(server_url)}" TO "{role}"')
        admin.execute(
            f'GRANT SELECT ON ALL TABLES IN SCHEMA "{_schema_of(server_url)}" TO "{role}"'
        )
    try:
        reader = ServerBook.open(server_url.replace("user=postgres", f"user={role}"))
        try:
            assert reader.tasks() == ()
            with pytest.raises(DataError) as caught:
                reader.add(make_task())
            assert "permission denied" in caught.value.message()
        finally:
            reader.close()
    finally:
        with connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP OWNED BY "{role}"')
            admin.execute(f'DROP ROLE "{role}"')


def _schema_of(url: str) -> str:
    return url.rsplit("search_path%3D", 1)[1]
