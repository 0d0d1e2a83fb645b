"""The server book's tables: numbered migrations and the schema version.

Migration N is ``MIGRATIONS[N - 1]``; ``deadline-tui db upgrade`` applies the missing
ones in one transaction (under an advisory lock, so two upgrades cannot interleave) and
records the new version. A book opened by this program must be exactly at
:data:`SCHEMA_VERSION`: an older one asks for ``db upgrade``, a newer one is refused.

Each task is one row: the codec's JSON document in ``doc`` (so a new task field needs no
migration) beside the columns the server itself needs: ``id``, ``uid``, the row's
``version`` (bumped by every change, for conflicts), who changed it last and when, and
``series_uid`` (to remove a series' occurrences without reading every document).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadline_tui.errors import DataError

if TYPE_CHECKING:
    import psycopg

_FIRST = """
CREATE TABLE schema_version (version integer NOT NULL);
INSERT INTO schema_version VALUES (0);
-- One row: the book's version token (bumped at the end of every write transaction) and
-- the highest task id ever given (ids are never reused; an id taken by a transaction that
-- rolled back is free again, as in the desk book).
CREATE TABLE book_state (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    generation bigint NOT NULL DEFAULT 0,
    last_id bigint NOT NULL DEFAULT 0
);
INSERT INTO book_state DEFAULT VALUES;
CREATE TABLE tasks (
    id bigint PRIMARY KEY,
    uid text NOT NULL UNIQUE,
    version bigint NOT NULL DEFAULT 1,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL,
    series_uid text,
    doc jsonb NOT NULL
);
CREATE INDEX tasks_series ON tasks (series_uid) WHERE series_uid IS NOT NULL;
CREATE TABLE series (uid text PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE reminder_log (key text PRIMARY KEY, uid text NOT NULL, doc jsonb NOT NULL);
CREATE INDEX reminder_log_uid ON reminder_log (uid);
-- Who changed what and when; never rewritten.
CREATE TABLE change_log (
    seq bigserial PRIMARY KEY,
    task_id bigint NOT NULL,
    uid text NOT NULL,
    action text NOT NULL,
    fields text[] NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    by_name text NOT NULL
);
CREATE INDEX change_log_task ON change_log (task_id);
"""

# The book's stamp: a random uuid every write transaction draws anew with the generation,
# so that equal stamps mean the same committed state even across a restored pg_dump (the
# key of the copy of the tasks a reader keeps, localcopy.py). This program's transactions
# draw it at their end (and say so in deadline_tui.writing); a change to the tasks made
# any other way (psql, a script) draws it, and announces it, at once, so no copy or
# snapshot of the old state is ever taken for the new one.
_STAMP = """
ALTER TABLE book_state ADD COLUMN stamp uuid NOT NULL DEFAULT gen_random_uuid();
CREATE FUNCTION deadline_tui_outside_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('deadline_tui.writing', true), '') <> 'on' THEN
        EXECUTE format(
            'UPDATE %I.book_state SET generation = generation + 1, stamp = gen_random_uuid()',
            TG_TABLE_SCHEMA);
        PERFORM pg_notify('deadline_tui_' || TG_TABLE_SCHEMA, 'outside');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tasks_outside_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tasks
    FOR EACH STATEMENT EXECUTE FUNCTION deadline_tui_outside_write();
-- A row changed outside the program is a change like ours: a new version (so a screen
-- editing it meets a conflict, and a reader's copy, whose row marks hold the version,
-- reads it again even after a dump is restored into another cluster) and who and when.
CREATE FUNCTION deadline_tui_outside_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('deadline_tui.writing', true), '') <> 'on' THEN
        NEW.version := OLD.version + 1;
        NEW.changed_at := clock_timestamp();
        NEW.changed_by := current_user;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tasks_outside_row BEFORE UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION deadline_tui_outside_row();
"""

MIGRATIONS: tuple[str, ...] = (_FIRST, _STAMP)
SCHEMA_VERSION = len(MIGRATIONS)
_LOCK_KEY = 0x6474_7569  # "dtui": one upgrade at a time per database


def home_schema(conn: psycopg.Connection[tuple[object, ...]]) -> str:
    """The schema that holds the book's tables (the first one on the search path that has
    them): where its functions live, and the name of its notification channel."""
    row = conn.execute(
        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.oid = to_regclass('tasks')"
    ).fetchone()
    return str(row[0]) if row else "public"


def stored_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """The schema version of the book the connection sees (0: no schema yet)."""
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    version = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(str(version[0])) if version else 0


def check(conn: psycopg.Connection[tuple[object, ...]], location: str) -> None:
    """Refuse a book whose schema is not the one this program writes."""
    version = stored_version(conn)
    if version > SCHEMA_VERSION:
        raise DataError("database_newer", path=location, version=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        raise DataError("server_needs_upgrade", location=location, version=version)


def upgrade(conn: psycopg.Connection[tuple[object, ...]], location: str) -> tuple[int, int]:
    """Apply the missing migrations in one transaction; returns (old, new) versions."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        old = stored_version(conn)
        if old > SCHEMA_VERSION:
            raise DataError("database_newer", path=location, version=old, supported=SCHEMA_VERSION)
        for number in range(old + 1, SCHEMA_VERSION + 1):
            if number > 1:  # what a migration creates goes beside the tables it serves
                home = home_schema(conn)
                conn.execute("SELECT set_config('search_path', quote_ident(%s), true)", (home,))
            conn.execute(MIGRATIONS[number - 1].encode())
            conn.execute("UPDATE schema_version SET version = %s", (number,))
    return old, SCHEMA_VERSION
