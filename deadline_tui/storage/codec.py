"""Task <-> stored document. Only the storage package sees documents."""

from __future__ import annotations

import sys
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.domain.task import Extension, StateChange, Task, TaskState

Document = dict[str, Any]


class RecordError(ValueError):
    """A stored document that does not decode; the caller says which file it is in."""

    def __init__(self, doc_id: int, detail: str) -> None:
        super().__init__(f"record {doc_id}: {detail}")
        self.doc_id = doc_id
        self.detail = detail


# A book holds a few thousand distinct dates and unit/leader names over many tasks: one
# object each (dates memoised, names interned) decodes faster and makes the derived copy
# (storage.taskcache) a third smaller and faster to load.
_from_iso_date = lru_cache(maxsize=16384)(date.fromisoformat)
_shared = sys.intern
_from_iso_datetime = datetime.fromisoformat


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def encode_task(task: Task) -> Document:
    """The stored form of ``task`` (the id is the document's key, not a field)."""
    return {
        "uid": task.uid,
        "title": task.title,
        "source": task.source,
        "lead_unit": task.lead_unit,
        "support_units": list(task.support_units),
        "leader": task.leader,
        "follower": task.follower,
        "assigned_on": task.assigned_on.isoformat(),
        "deadline_text": task.deadline_text,
        "due_on": _iso(task.due_on),
        "original_due_on": _iso(task.original_due_on),
        "extensions": [
            {
                "old_due": _iso(extension.old_due),
                "new_due": extension.new_due.isoformat(),
                "reason": extension.reason,
                "document": extension.document,
                "recorded_on": extension.recorded_on.isoformat(),
            }
            for extension in task.extensions
        ],
        "recurrence": task.recurrence.to_dict() if task.recurrence else None,
        "series_uid": task.series_uid,
        "state": task.state.value,
        "done_on": _iso(task.done_on),
        "result": task.result,
        "note": task.note,
        "created_at": task.created_at.isoformat(),
        "updated_at": task.updated_at.isoformat(),
        "state_history": [
            {
                "state": change.state.value,
                "on": change.on.isoformat(),
                "recorded_on": change.recorded_on.isoformat(),
                "reason": change.reason,
                "corrects": _iso(change.corrects),
            }
            for change in task.state_history
        ],
    }


def _state_history(items: list[dict[str, Any]] | None) -> tuple[StateChange, ...]:
    # Books written before the history was kept have no such field: an empty history.
    if not items:
        return ()
    return tuple(
        StateChange(
            state=TaskState(item["state"]),
            on=_from_iso_date(item["on"]),
            recorded_on=_from_iso_date(item["recorded_on"]),
            reason=item.get("reason") or "",
            corrects=_date_or_none(item.get("corrects")),
        )
        for item in items
    )


def _date_or_none(value: str | None) -> date | None:
    return _from_iso_date(value) if value else None


def decode_task(doc: Document, doc_id: int) -> Task:
    """The task stored as ``doc``; raises :class:`RecordError` if it cannot be decoded."""
    try:
        extensions = doc.get("extensions") or ()
        recurrence = doc.get("recurrence")
        return Task(
            uid=doc["uid"],
            title=doc["title"],
            lead_unit=_shared(doc["lead_unit"]),
            assigned_on=_from_iso_date(doc["assigned_on"]),
            id=doc_id,
            source=_shared(doc.get("source") or ""),
            support_units=tuple(map(_shared, doc.get("support_units") or ())),
            leader=_shared(doc.get("leader") or ""),
            follower=_shared(doc.get("follower") or ""),
            deadline_text=_shared(doc.get("deadline_text") or ""),
            due_on=_date_or_none(doc.get("due_on")),
            original_due_on=_date_or_none(doc.get("original_due_on")),
            extensions=tuple(
                Extension(
                    old_due=_date_or_none(item.get("old_due")),
                    new_due=_from_iso_date(item["new_due"]),
                    reason=item.get("reason") or "",
                    document=item.get("document") or "",
                    recorded_on=_from_iso_date(item["recorded_on"]),
                )
                for item in extensions
            )
            if extensions
            else (),
            recurrence=Recurrence.from_dict(recurrence) if recurrence else None,
            series_uid=doc.get("series_uid"),
            state=TaskState(doc.get("state") or "open"),
            done_on=_date_or_none(doc.get("done_on")),
            result=doc.get("result") or "",
            note=doc.get("note") or "",
            created_at=_from_iso_datetime(doc["created_at"]),
            updated_at=_from_iso_datetime(doc["updated_at"]),
            state_history=_state_history(doc.get("state_history")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RecordError(doc_id, repr(error)) from error
