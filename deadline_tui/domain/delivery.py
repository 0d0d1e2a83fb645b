"""The reminder delivery log's records: what was delivered, so nothing fires twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DeliveryState(StrEnum):
    """A runner first claims a reminder, then confirms it once a channel carried it."""

    CLAIMED = "claimed"
    DELIVERED = "delivered"
    SUPERSEDED = "superseded"  # a later reminder for the same task went out instead


@dataclass(frozen=True, slots=True)
class Delivery:
    """One reminder in the log. ``key`` is unique: task uid, kind and the deadline it is about."""

    key: str
    uid: str
    kind: str
    due_on: date | None
    state: DeliveryState
    at: datetime
    by: str = ""
    channel: str = ""
