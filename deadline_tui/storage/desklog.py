"""The desk book's small tables (recurring series, the reminder log), merging and
restoring a backup, and the backups taken around bulk changes.

A mixin of :class:`~deadline_tui.storage.desk.DeskBook`, kept apart so each file reads in
one sitting: every change here runs in the book's :meth:`batch` on the tables it hands
out (``_table``), and reads go through ``_small_table`` (the parsed copy, or the cached
copy of the same exact version).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from deadline_tui.domain.delivery import Delivery
from deadline_tui.domain.series import Series
from deadline_tui.storage import backups, schema
from deadline_tui.storage import records as stored_forms
from deadline_tui.storage.backups import BackupPolicy
from deadline_tui.storage.book import Tables
from deadline_tui.storage.bookfile import write_durably
from deadline_tui.storage.deskchange import Change
from deadline_tui.storage.validate import check_tables


class SeriesAndLog(ABC):
    """Series and reminder-log methods of the desk book (see the module docstring)."""

    @abstractmethod
    def batch(self) -> AbstractContextManager[None]:
        """One locked, durable, all-or-nothing write of the changes made inside."""

    def _table(self, name: str) -> dict[str, Any]:
        """A table of the running batch's whole tables, to change."""
        return self._change().table(name)

    @abstractmethod
    def _small_table(self, name: str) -> dict[str, Any]:
        """A table other than the tasks, to read."""

    @abstractmethod
    def _change(self) -> Change:
        """The running batch's change."""

    path: Path  # (given by the desk book)
    _policy: BackupPolicy

    @abstractmethod
    def _locked(self) -> AbstractContextManager[None]:
        """The book's lock, held."""

    @abstractmethod
    def close(self) -> None:
        """Drop the parsed copy."""

    def series(self) -> list[Series]:
        """Every recurring series."""
        return [
            stored_forms.decode_series(doc) for doc in self._small_table(schema.SERIES).values()
        ]

    def _upsert(self, name: str, field: str, docs: Sequence[dict[str, Any]]) -> None:
        """Insert or replace records of a small table by their ``field``."""
        table = self._table(name)
        keys = {doc.get(field): key for key, doc in table.items()}
        highest = max(map(int, table), default=0)
        for doc in docs:
            if doc[field] not in keys:
                highest += 1
                keys[doc[field]] = str(highest)
            table[keys[doc[field]]] = doc

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid)."""
        with self.batch():
            self._upsert(schema.SERIES, "uid", [stored_forms.encode_series(series)])

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; how many tasks went."""
        with self.batch():
            for name, field in ((schema.SERIES, "uid"), (schema.TASKS, "series_uid")):
                table = self._table(name)
                gone = [k for k, doc in table.items() if doc.get(field) == series_uid]
                for key in gone:
                    del table[key]
        return len(gone)

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        log = self._small_table(schema.REMINDER_LOG)
        return {doc["key"]: stored_forms.decode_delivery(doc) for doc in log.values()}

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """One task's log records, oldest first."""
        return sorted((d for d in self.deliveries().values() if d.uid == uid), key=lambda d: d.at)

    def claim_deliveries(
        self, claims: Sequence[Delivery], may_take: Callable[[Delivery | None], bool]
    ) -> list[Delivery]:
        """Record each claim the log lets ``may_take`` have, in one locked write."""
        with self.batch():
            log = self.deliveries()
            taken = [claim for claim in claims if may_take(log.get(claim.key))]
            self.record_deliveries(taken)
        return taken

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records by key."""
        if records:
            with self.batch():
                self._upsert(
                    schema.REMINDER_LOG, "key", [stored_forms.encode_delivery(r) for r in records]
                )

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim that no channel could carry)."""
        wanted = set(keys)
        with self.batch():
            table = self._table(schema.REMINDER_LOG)
            for key in [k for k, doc in table.items() if doc.get("key") in wanted]:
                del table[key]

    def merge(self, tables: Tables) -> tuple[int, int]:
        """Add what ``tables`` holds and the book lacks; refuses bad records whole
        (:class:`RecordError` naming the record and the field)."""
        check_tables(tables)
        incoming = tables.get(schema.TASKS, {})
        with self.batch():
            mine = self._table(schema.TASKS)
            uids = {doc.get("uid") for doc in mine.values()}
            fresh = [(key, doc) for key, doc in incoming.items() if doc["uid"] not in uids]
            # An incoming id keeps its number only if this book never gave it out: a
            # deleted task's id is never reused (undo of that deletion relies on it).
            meta = self._table(schema.META).get(schema.META_DOC_ID, {})
            given_out = max(int(meta.get("last_id", 0)), max(map(int, mine), default=0))
            mine.update((key, doc) for key, doc in fresh if int(key) > given_out)
            theirs = tables.get(schema.META, {}).get(schema.META_DOC_ID, {})
            renumber = [doc for key, doc in fresh if mine.get(key) is not doc]
            new_ids = self._change().next_ids(len(renumber), int(theirs.get("last_id") or 0))
            mine.update((str(i), doc) for i, doc in zip(new_ids, renumber, strict=True))
            for name, field in ((schema.SERIES, "uid"), (schema.REMINDER_LOG, "key")):
                have = {doc.get(field) for doc in self._table(name).values()}
                new = [doc for doc in tables.get(name, {}).values() if doc[field] not in have]
                self._upsert(name, field, new)
        return len(fresh), len(incoming) - len(fresh)

    def restore(self, backup: Path) -> Path | None:
        """Put ``backup``'s bytes in place of the book (damaged or not) under the lock,
        after keeping the book as the newest backup (returned); the next change backs up
        the restored book first (``backup`` may be rotated out, or lie outside backups/)."""
        raw = backups.read_backup(backup)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            keep = self._policy._replace(keep=max(self._policy.keep, 2))
            kept = backups.take_backup(self.path, keep, force=True)
            write_durably(self.path, raw)
            backups.back_up_next_change(self.path)
        self.close()
        return kept

    def backup_now(self) -> Path | None:
        """Take a backup now, whatever the interval (before bulk changes: book.bulk_change)."""
        with self.batch():
            return backups.take_backup(self.path, self._policy, force=True)

    def back_up_next_change(self) -> None:
        """See TaskBook: called in the bulk change's batch, whose write (under its lock,
        so no other writer comes in between) leaves the note (backups.back_up_next_change)."""
        self._change().bulk = True  # (outside a batch: the assertion in _change)
