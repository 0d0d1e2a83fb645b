"""The reminder delivery log's records: what was delivered, so nothing fires twice."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class DeliveryState(StrEnum):
    """A runner first claims a reminder, then confirms it once a channel carried it."""

    CLAIMED = "claimed"
    DELIVERED = "delivered"
    SUPERSEDED = "superseded"  # a later reminder for the same task went out instead


class Delivery(NamedTuple):
    """One reminder in the log. ``key`` is unique: task uid, kind and the deadline it is about."""

    key: str
    uid: str
    kind: str
    due_on: date | None
    state: DeliveryState
    at: datetime
    by: str = ""
    channel: str = ""
