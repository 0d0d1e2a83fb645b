"""The server book's small tables: recurring series and the reminder log.

The server's counterpart of storage/desklog.py. Series are kept by uid, log records by
key, each as its JSON document. Reminder claims insert with ``ON CONFLICT DO NOTHING`` and
re-read records already logged under row locks: two runners, on one machine or several,
can never both take one key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import orjson

from deadline_tui.storage.records import (
    decode_delivery,
    decode_series,
    encode_delivery,
    encode_series,
)
from deadline_tui.storage.server.core import ServerCore, to_json

if TYPE_CHECKING:
    from deadline_tui.domain.delivery import Delivery
    from deadline_tui.domain.series import Series

_INSERT_LOG = "INSERT INTO reminder_log (key, uid, doc) VALUES (%s, %s, %s::jsonb)"


class SeriesAndLog(ServerCore):
    """The series and reminder-log methods of
    :class:`~deadline_tui.storage.server.book.ServerBook` (see the module docstring)."""

    # -- recurring series --------------------------------------------------------------

    def series(self) -> list[Series]:
        """Every recurring series."""
        rows = self._sql("SELECT doc::text FROM series ORDER BY uid").fetchall()
        return [decode_series(orjson.loads(row[0])) for row in rows]

    def save_series(self, series: Series) -> None:
        """Insert or replace a series (by uid)."""
        with self.batch():
            self._store_series([series], "DO UPDATE SET doc = EXCLUDED.doc")

    def delete_series(self, series_uid: str) -> int:
        """Remove a series and every occurrence of it; returns how many tasks went."""
        with self.batch():
            self._write("DELETE FROM series WHERE uid = %s", (series_uid,))
            gone = self._write(
                "DELETE FROM tasks WHERE series_uid = %s RETURNING id, uid", (series_uid,)
            )
            for task_id, uid in gone:
                self._log(int(task_id), str(uid), "delete", [])
        return len(gone)

    def _store_series(self, series: Sequence[Series], on_conflict: str) -> None:
        """Insert series; ``on_conflict`` says what a uid already stored gets."""
        self._write_many(
            f"INSERT INTO series (uid, doc) VALUES (%s, %s::jsonb) ON CONFLICT (uid) {on_conflict}",
            [(one.uid, to_json(encode_series(one))) for one in series],
        )

    # -- reminder log ------------------------------------------------------------------

    def deliveries(self) -> dict[str, Delivery]:
        """The reminder log by key."""
        rows = self._sql("SELECT doc::text FROM reminder_log").fetchall()
        records = (decode_delivery(orjson.loads(row[0])) for row in rows)
        return {record.key: record for record in records}

    def deliveries_of(self, uid: str) -> list[Delivery]:
        """One task's log records, oldest first."""
        rows = self._sql("SELECT doc::text FROM reminder_log WHERE uid = %s", (uid,)).fetchall()
        return sorted((decode_delivery(orjson.loads(r[0])) for r in rows), key=lambda d: d.at)

    def claim_deliveries(
        self, claims: Sequence[Delivery], may_take: Callable[[Delivery | None], bool]
    ) -> list[Delivery]:
        """Take each claim exactly once across every runner: a new key by ``INSERT … ON
        CONFLICT DO NOTHING`` (a concurrent insert of the same key waits, then loses), a
        logged one by re-reading it under a row lock and asking ``may_take``."""
        if not claims:
            return []
        taken: list[Delivery] = []
        # Keys are locked in one order by every runner, so two runners claiming
        # overlapping sets wait for each other instead of deadlocking.
        claims = sorted(claims, key=lambda claim: claim.key)
        with self.batch():
            fresh = [claim for claim in claims if may_take(None)]
            inserted: set[str] = set()
            for claim in fresh:
                rows = self._write(
                    f"{_INSERT_LOG} ON CONFLICT (key) DO NOTHING RETURNING key",
                    (claim.key, claim.uid, to_json(encode_delivery(claim))),
                )
                if rows:
                    inserted.add(claim.key)
                    taken.append(claim)
            rest = [claim for claim in claims if claim.key not in inserted]
            if rest:
                rows = self._sql(
                    "SELECT key, doc::text FROM reminder_log WHERE key = ANY(%s)"
                    " ORDER BY key FOR UPDATE",
                    ([claim.key for claim in rest],),
                ).fetchall()
                logged = {str(key): decode_delivery(orjson.loads(doc)) for key, doc in rows}
                for claim in rest:
                    if claim.key in logged and may_take(logged[claim.key]):
                        self._write(
                            "UPDATE reminder_log SET doc = %s::jsonb WHERE key = %s",
                            (to_json(encode_delivery(claim)), claim.key),
                        )
                        taken.append(claim)
        return taken

    def record_deliveries(self, records: Sequence[Delivery]) -> None:
        """Insert or replace log records by key."""
        if not records:
            return
        with self.batch():
            self._log_deliveries(records, "DO UPDATE SET doc = EXCLUDED.doc, uid = EXCLUDED.uid")

    def forget_deliveries(self, keys: Sequence[str]) -> None:
        """Remove log records (a claim that no channel could carry)."""
        if keys:
            with self.batch():
                self._write("DELETE FROM reminder_log WHERE key = ANY(%s)", (list(keys),))

    def _log_deliveries(self, records: Sequence[Delivery], on_conflict: str) -> None:
        """Insert reminder-log records; ``on_conflict`` says what a key already logged gets."""
        self._write_many(
            f"{_INSERT_LOG} ON CONFLICT (key) {on_conflict}",
            [(r.key, r.uid, to_json(encode_delivery(r))) for r in records],
        )
