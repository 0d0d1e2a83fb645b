"""Stored form of series and reminder-log records (tasks are in codec.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from deadline_tui.domain.delivery import Delivery, DeliveryState
from deadline_tui.domain.recurrence import Recurrence
from deadline_tui.domain.series import Series
from deadline_tui.storage.codec import decode_task, encode_task


def encode_series(series: Series) -> dict[str, Any]:
    """Stored form of a series; the template is stored like a task."""
    return {
        "uid": series.uid,
        "template": encode_task(series.template),
        "recurrence": series.recurrence.to_dict(),
        "start": series.start.isoformat(),
        "until": series.until.isoformat() if series.until else None,
        "last_due": series.last_due.isoformat() if series.last_due else None,
        "created_at": series.created_at.isoformat(),
    }


def decode_series(doc: dict[str, Any]) -> Series:
    """Inverse of :func:`encode_series`."""
    return Series(
        uid=doc["uid"],
        template=decode_task(doc["template"], 0),
        recurrence=Recurrence.from_dict(doc["recurrence"]),
        start=date.fromisoformat(doc["start"]),
        until=date.fromisoformat(doc["until"]) if doc.get("until") else None,
        last_due=date.fromisoformat(doc["last_due"]) if doc.get("last_due") else None,
        created_at=datetime.fromisoformat(doc["created_at"]),
    )


def encode_delivery(record: Delivery) -> dict[str, Any]:
    """Stored form of a reminder-log record."""
    return {
        "key": record.key,
        "uid": record.uid,
        "kind": record.kind,
        "due_on": record.due_on.isoformat() if record.due_on else None,
        "state": record.state.value,
        "at": record.at.isoformat(),
        "by": record.by,
        "channel": record.channel,
    }


def decode_delivery(doc: dict[str, Any]) -> Delivery:
    """Inverse of :func:`encode_delivery`."""
    return Delivery(
        key=doc["key"],
        uid=doc["uid"],
        kind=doc["kind"],
        due_on=date.fromisoformat(doc["due_on"]) if doc.get("due_on") else None,
        state=DeliveryState(doc["state"]),
        at=datetime.fromisoformat(doc["at"]),
        by=doc.get("by", ""),
        channel=doc.get("channel", ""),
    )
