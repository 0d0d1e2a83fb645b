"""What one batch of the desk book changes, and the bytes that write it (storage.desk).

A batch starts from the file as read under the lock: its bytes, and its parsed tables if
the process has them. While only task records change, they are kept apart (``changed``:
id -> record, None when deleted) and at the end spliced into the bytes (bookfile.splice):
nothing else is parsed or decoded. Whatever needs the whole book (a series or reminder-log
change, a merge, a migration, a file not in the splice layout) turns the batch into whole
tables (:meth:`Change.whole`), written whole (bookfile.render).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deadline_tui.storage import bookfile, schema
from deadline_tui.storage.book import Tables

Record = dict[str, Any]


class Change:
    """One batch's change (see the module docstring). ``parsed``: the tables ``raw``
    holds, if parsed already (never changed here); ``spliceable``: ``raw`` is known whole
    and in the splice layout."""

    def __init__(self, raw: bytearray, parsed: Tables | None, *, spliceable: bool, path: Path):
        self.raw, self.parsed, self.path = raw, parsed, path
        self.meta: Record = dict(
            parsed[schema.META][schema.META_DOC_ID] if parsed else bookfile.head_meta(raw)
        )
        self.tables: Tables | None = None  # None while the change can be spliced
        self.changed: dict[str, Record | None] = {}
        self.spans: dict[str, bookfile.Span | None] = {}  # task lines found in ``raw``
        self.dirty = False
        self.bulk = False  # a bulk change: its write asks the next change for a backup
        if not spliceable:
            self.whole()

    def whole(self) -> Tables:
        """The whole tables being changed (from now on the book is written whole)."""
        if self.tables is None:
            if self.parsed is None:  # known whole: parsed, nothing decoded
                self.parsed = bookfile.parse_tables(self.raw, self.path)
            self.tables = {name: dict(table) for name, table in self.parsed.items()}
            tasks = self.tables.setdefault(schema.TASKS, {})
            for key, record in self.changed.items():
                if record is None:
                    tasks.pop(key, None)
                else:
                    tasks[key] = record
        meta = self.tables.get(schema.META, {})
        self.tables[schema.META] = {**meta, schema.META_DOC_ID: self.meta}
        return self.tables

    def table(self, name: str) -> dict[str, Any]:
        """A table of the whole tables, to change."""
        self.dirty = True
        return self.whole().setdefault(name, {})

    def _tasks(self) -> Mapping[str, Record | None]:
        """The task records known here: all of them once whole, else the changed ones."""
        return self.changed if self.tables is None else self.tables.get(schema.TASKS, {})

    def record(self, key: str) -> Record | None:
        """Task ``key``'s record as changed so far (spliceable: read from its line)."""
        if self.tables is not None or key in self.changed:
            return self._tasks().get(key)
        if key not in self.spans:
            self.spans[key] = bookfile.task_span(self.raw, key)
        return bookfile.task_record(self.raw, self.spans[key])

    def key_of(self, uid: str) -> str | None:
        """The id of the task with ``uid``, if there is one."""
        known = self._tasks()
        found = [key for key, doc in known.items() if doc is not None and doc.get("uid") == uid]
        if self.tables is None:
            found += [key for key in bookfile.keys_with_uid(self.raw, uid) if key not in known]
        return found[0] if found else None

    def store(self, key: str, record: Record | None) -> None:
        """Set (None: remove) task ``key``'s record."""
        self.dirty = True
        if self.tables is None:
            self.changed[key] = record
        elif record is None:
            self.tables.get(schema.TASKS, {}).pop(key, None)
        else:
            self.tables.setdefault(schema.TASKS, {})[key] = record

    def next_ids(self, count: int, at_least: int = 0) -> list[int]:
        """``count`` new ids above every id ever given out (the high-water mark moves).
        Spliceable, the mark is at or above every id in the file (bookfile.in_layout)."""
        self.dirty = True
        highest = max(int(self.meta.get("last_id", 0)), *map(int, self._tasks()), at_least)
        self.meta["last_id"] = highest + count
        return list(range(highest + 1, highest + 1 + count))

    def payload(self) -> tuple[bytearray, Tables | None]:
        """The new file's bytes, with a new generation, and the tables they hold (None:
        spliced into a book this process never parsed). A splice changes ``raw`` itself."""
        meta: Record = {"generation": bookfile.new_generation()}  # first: see bookfile
        meta.update((key, value) for key, value in self.meta.items() if key != "generation")
        meta["last_id"] = max([int(meta.get("last_id", 0)), *map(int, self._tasks())])
        self.meta = meta
        if self.tables is None and bookfile.splice(self.raw, meta, self.changed, self.spans):
            return self.raw, self._patched()
        tables = {**self.whole()}  # a new object: a snapshot of the batch's is not of these
        return bookfile.render(tables), tables

    def _patched(self) -> Tables | None:
        """The parsed tables with the changed records, if they were parsed (no parse)."""
        if self.parsed is None:
            return None
        tasks = dict(self.parsed.get(schema.TASKS, {}))
        for key, record in self.changed.items():
            if record is None:
                tasks.pop(key, None)
            else:
                tasks[key] = record
        meta = {**self.parsed[schema.META], schema.META_DOC_ID: self.meta}
        return {**self.parsed, schema.META: meta, schema.TASKS: tasks}
