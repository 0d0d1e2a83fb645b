"""The copy of the server book's tasks a reader keeps on this machine (localcopy.py): used
only for the very state it was made from, never for another."""

from __future__ import annotations

import os
import uuid
from typing import Any

import orjson
import pytest

from deadline_tui.domain.task import Task
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.server import localcopy
from deadline_tui.storage.server.book import ServerBook
from deadline_tui.storage.server.connect import connect
from tests.factories import make_task


def _decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From here on, the ids of the tasks decoded from the server's rows."""
    seen: list[int] = []
    decode = ServerBook._decode

    def counted(book: ServerBook, doc_text: str, task_id: int) -> Task:
        seen.append(task_id)
        return decode(book, doc_text, task_id)

    monkeypatch.setattr(ServerBook, "_decode", counted)
    return seen


def test_a_reader_leaves_a_copy_the_next_reader_of_that_state_loads(
    book: ServerBook, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = book.add_many([make_task(title="Báo cáo [/] quý"), make_task()])
    assert list(book.tasks()) == stored
    kept = localcopy.copy_file(server_url)
    assert kept.exists()
    assert os.stat(kept).st_mode & 0o777 == 0o600
    decoded = _decoded(monkeypatch)
    again = ServerBook.open(server_url)
    try:
        assert list(again.tasks()) == stored
    finally:
        again.close()
    assert decoded == []


def test_a_change_from_another_connection_is_seen_by_the_next_read(
    book: ServerBook, server_url: str
) -> None:
    stored = book.add(make_task(note="cũ"))
    assert [t.note for t in book.tasks()] == ["cũ"]  # (leaves a copy of that state)
    other = ServerBook.open(server_url, user="Người khác")
    try:
        other.update(stored.id, lambda task: task._replace(note="mới"))
        other.add(make_task(note="thêm"))
    finally:
        other.close()
    fresh = ServerBook.open(server_url)
    try:
        assert [t.note for t in fresh.tasks()] == ["mới", "thêm"]
    finally:
        fresh.close()
    assert [t.note for t in book.tasks()] == ["mới", "thêm"]


def test_the_same_generation_in_another_state_is_not_the_copy(
    book: ServerBook, server_url: str
) -> None:
    """A restored pg_dump of another moment can have the generation the copy was made at;
    its stamp differs, so neither the copy nor a view's version takes it for that state."""
    stored = book.add(make_task(note="cũ"))
    assert [t.note for t in book.tasks()] == ["cũ"]
    generation = book.version()
    with connect(server_url) as conn:  # (as a restore would: the trigger not firing)
        conn.execute("SELECT set_config('deadline_tui.writing', 'on', true)")
        conn.execute(
            "UPDATE tasks SET doc = jsonb_set(doc, '{note}', '\"khác\"') WHERE id = %s",
            (stored.id,),
        )
        conn.execute("UPDATE book_state SET stamp = gen_random_uuid()")
        conn.commit()
    fresh = ServerBook.open(server_url)
    try:
        now = fresh.version()
        assert isinstance(now, tuple) and isinstance(generation, tuple)
        assert now[0] == generation[0] and now != generation  # same generation, new stamp
        assert [t.note for t in fresh.tasks()] == ["khác"]
    finally:
        fresh.close()


def test_a_damaged_or_foreign_copy_is_only_a_miss(book: ServerBook, server_url: str) -> None:
    stored = book.add(make_task())
    book.tasks()
    kept = localcopy.copy_file(server_url)
    blob = kept.read_bytes()
    kept.write_bytes(blob[:-10] + b"0123456789")  # a wrong checksum
    fresh = ServerBook.open(server_url)
    try:
        assert fresh.tasks() == (stored,)
    finally:
        fresh.close()
    kept.write_bytes(blob)
    kept.chmod(0o644)  # open to others: not trusted
    assert localcopy.load(server_url) is None
    kept.chmod(0o600)
    copy = localcopy.load(server_url)
    assert copy is not None and copy.tasks == (stored,)
    assert copy.stamp.startswith(f"{_stamp(server_url)} ")  # (and the role)


def _stamp(url: str) -> str:
    with connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT stamp::text FROM book_state").fetchone()
    assert row is not None
    return str(row[0])


def test_a_book_at_schema_1_keeps_its_tasks_and_gains_a_stamp(empty_url: str) -> None:
    from deadline_tui.storage.server import schema

    with connect(empty_url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute(schema.MIGRATIONS[0].encode())
            conn.execute("UPDATE schema_version SET version = 1")
        conn.execute(
            "INSERT INTO tasks (id, uid, changed_by, doc) SELECT id, uid, 'x', doc::jsonb"
            " FROM (VALUES (1, 'a1', %s)) AS v (id, uid, doc)",
            (orjson.dumps(encode_task(make_task(uid="a1", id=1))).decode(),),
        )
        assert schema.upgrade(conn, "test") == (1, schema.SCHEMA_VERSION)
        assert _stamp(empty_url)
    book = ServerBook.open(empty_url)
    try:
        assert [t.uid for t in book.tasks()] == ["a1"]
    finally:
        book.close()


def test_a_long_lived_reader_leaves_one_copy_not_one_per_change(
    book: ServerBook, server_url: str
) -> None:
    """The TUI reads again after every change: a save each time would cost more than
    the copy ever saves it."""
    book.add(make_task())
    book.tasks()
    first = os.stat(localcopy.copy_file(server_url)).st_ino
    book.add(make_task())
    assert len(book.tasks()) == 2
    assert os.stat(localcopy.copy_file(server_url)).st_ino == first


def test_a_copy_of_another_state_is_brought_up_to_date_reading_only_what_changed(
    book: ServerBook, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, changed, gone = book.add_many([make_task(), make_task(note="cũ"), make_task()])
    assert len(book.tasks()) == 3  # (leaves the copy)
    other = ServerBook.open(server_url, user="Người khác")
    try:
        other.update(changed.id, lambda task: task._replace(note="mới"))
        other.delete(gone.id)
        added = other.add(make_task())
    finally:
        other.close()
    decoded = _decoded(monkeypatch)
    fresh = ServerBook.open(server_url)
    try:
        assert fresh.tasks() == (kept, changed._replace(note="mới"), added)
    finally:
        fresh.close()
    assert sorted(decoded) == [changed.id, added.id]
    decoded.clear()
    assert book.tasks() == (kept, changed._replace(note="mới"), added)  # its own last read
    assert sorted(decoded) == [changed.id, added.id]


def test_a_task_deleted_and_put_back_is_read_again(book: ServerBook, server_url: str) -> None:
    """Its row is new (the version starts again at 1): the mark still tells it apart."""
    first = book.add(make_task(note="cũ"))
    book.update(first.id, lambda task: task._replace(note="giữa"))
    book.tasks()
    book.delete(first.id)
    book.put(first)  # (as an undo would, with the first content)
    fresh = ServerBook.open(server_url)
    try:
        assert [t.note for t in fresh.tasks()] == ["cũ"]
    finally:
        fresh.close()
    assert [t.note for t in book.tasks()] == ["cũ"]


def test_a_copy_one_role_made_is_not_taken_whole_by_another(
    book: ServerBook, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another role may be allowed to see fewer rows (row-level security, on paper)."""
    stored = book.add(make_task())
    book.tasks()
    role = f"r_{uuid.uuid4().hex[:12]}"
    with connect(server_url, autocommit=True) as conn:
        schema_name = conn.execute("SELECT current_schema()").fetchone()
        assert schema_name is not None
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT USAGE ON SCHEMA "{schema_name[0]}" TO "{role}"')
        conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema_name[0]}" TO "{role}"')
    try:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        other_url = make_conninfo(**{**conninfo_to_dict(server_url), "user": role})
        mine = localcopy.copy_file(server_url)
        monkeypatch.setattr(localcopy, "copy_file", lambda _url: mine)  # (one file for both)
        refreshed: list[str] = []
        refresh = localcopy.refreshed

        def counted(base: localcopy.Copy, stamp: str, *args: Any) -> Any:
            refreshed.append(stamp)
            return refresh(base, stamp, *args)

        monkeypatch.setattr(localcopy, "refreshed", counted)
        theirs = ServerBook.open(other_url)
        try:
            assert theirs.tasks() == (stored,)
        finally:
            theirs.close()
        assert len(refreshed) == 1 and refreshed[0].endswith(f" {role}")
    finally:
        with connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


def test_a_change_made_outside_the_program_is_seen_by_the_next_read(
    book: ServerBook, server_url: str
) -> None:
    """psql or a script changing a task draws a new stamp (a trigger): no copy or snapshot
    of the old state stands for the new one."""
    stored = book.add(make_task(note="cũ"))
    assert [t.note for t in book.tasks()] == ["cũ"]  # (leaves a copy, keeps a snapshot)
    before = book.version()
    with connect(server_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE tasks SET doc = jsonb_set(doc, '{note}', '\"sửa tay\"') WHERE id = %s",
            (stored.id,),
        )
    assert book.version() != before
    assert [t.note for t in book.tasks()] == ["sửa tay"]
    fresh = ServerBook.open(server_url)
    try:
        assert [t.note for t in fresh.tasks()] == ["sửa tay"]
    finally:
        fresh.close()


def test_a_task_changed_outside_the_program_gets_a_new_version_who_and_when(
    book: ServerBook, server_url: str
) -> None:
    """Its row mark moves even where the transaction id repeats (a dump restored into a
    fresh cluster), and a screen editing the old task meets a conflict, not an overwrite."""
    from deadline_tui.errors import ConflictError

    stored = book.add(make_task(note="cũ"))
    shown = book.get(stored.id)
    with connect(server_url, autocommit=True) as conn:
        before = conn.execute("SELECT version, changed_at FROM tasks").fetchone()
        conn.execute("UPDATE tasks SET doc = jsonb_set(doc, '{note}', '\"sửa tay\"')")
        after = conn.execute("SELECT version, changed_at, changed_by, current_user FROM tasks")
        row = after.fetchone()
    assert before is not None and row is not None
    assert row[0] == before[0] + 1 and row[1] > before[1] and row[2] == row[3]
    with pytest.raises(ConflictError):
        book.update(stored.id, lambda t: t._replace(result="x"), expected=shown)


def test_the_outside_write_trigger_lives_and_notifies_beside_the_tables(empty_url: str) -> None:
    """A schema earlier on the search path (one named after the role, say) takes neither
    the trigger's function nor the channel the book listens on."""
    from deadline_tui.storage.server import schema

    home = empty_url.split("search_path%3D")[1].split("&", maxsplit=1)[0]
    other = f"o_{uuid.uuid4().hex[:10]}"
    with connect(empty_url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute(schema.MIGRATIONS[0].encode())
            conn.execute("UPDATE schema_version SET version = 1")
        conn.execute(f'CREATE SCHEMA "{other}"')
    both = empty_url.replace(f"search_path%3D{home}", f"search_path%3D{other}%2C{home}")
    try:
        with connect(both, autocommit=True) as conn:
            assert schema.upgrade(conn, "test") == (1, schema.SCHEMA_VERSION)
            found = conn.execute(
                "SELECT DISTINCT n.nspname FROM pg_proc p JOIN pg_namespace n"
                " ON n.oid = p.pronamespace WHERE p.proname LIKE 'deadline_tui_outside%%'"
                " AND n.nspname IN (%s, %s)",
                (home, other),
            ).fetchall()
        assert found == [(home,)]
        book = ServerBook.open(both)
        try:
            assert book._channel == f"deadline_tui_{home}"
        finally:
            book.close()
    finally:
        with connect(empty_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{other}" CASCADE')
