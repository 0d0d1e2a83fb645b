"""Checking records that come from outside (a ``.json`` backup, an import) before any of
them is stored: a bad record refuses the whole file, naming the record and the field.

Kept apart from codec.py on purpose: decoding is about turning a good record into a
Task; this is about saying exactly what is wrong with a bad one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from deadline_tui.storage import schema
from deadline_tui.storage.codec import RecordError, decode_task

YEARS = range(1900, 2201)
_TEXT = ("title", "lead_unit")
_OPTIONAL_TEXT = ("source", "leader", "follower", "deadline_text", "result", "note", "series_uid")
_DATES = ("assigned_on", "due_on", "original_due_on", "done_on")
_STAMPS = ("created_at", "updated_at")


def _check_date(doc_id: int, field: str, value: Any, *, required: bool, parse: Any) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise RecordError(doc_id, f"{field}: not a date ({value!r})")
    try:
        parsed = parse(value)
    except ValueError:
        raise RecordError(doc_id, f"{field}: not a date ({value!r})") from None
    if parsed.year not in YEARS:
        raise RecordError(doc_id, f"{field}: year {parsed.year} outside 1900-2200")


def check_task_document(doc: Any, doc_id: int) -> None:
    """Raise :class:`RecordError` naming the first field of ``doc`` that is wrong."""
    if not isinstance(doc, dict):
        raise RecordError(doc_id, "not an object")
    uid = doc.get("uid")
    if not isinstance(uid, str) or not uid:
        raise RecordError(doc_id, f"uid: not a text ({uid!r})")
    for field in _TEXT:
        if not isinstance(doc.get(field), str) or not doc[field].strip():
            raise RecordError(doc_id, f"{field}: not a text ({doc.get(field)!r})")
    for field in _OPTIONAL_TEXT:
        if doc.get(field) is not None and not isinstance(doc[field], str):
            raise RecordError(doc_id, f"{field}: not a text ({doc[field]!r})")
    units = doc.get("support_units") or []
    if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
        raise RecordError(doc_id, f"support_units: not a list of texts ({units!r})")
    for field in _DATES:
        _check_date(
            doc_id, field, doc.get(field), required=field == "assigned_on", parse=date.fromisoformat
        )
    for field in _STAMPS:
        _check_date(doc_id, field, doc.get(field), required=True, parse=datetime.fromisoformat)
    extensions = doc.get("extensions") or []
    if not isinstance(extensions, list) or not all(isinstance(e, dict) for e in extensions):
        raise RecordError(doc_id, "extensions: not a list of objects")
    for item in extensions:
        for field, required in (("old_due", False), ("new_due", True), ("recorded_on", True)):
            _check_date(
                doc_id,
                f"extensions.{field}",
                item.get(field),
                required=required,
                parse=date.fromisoformat,
            )
    decode_task(doc, doc_id)  # what the checks above do not cover (state, recurrence)


def check_tables(tables: Any) -> None:
    """Check every record of a book's tables; raise :class:`RecordError` at the first bad one."""
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise RecordError(0, "not a book's tables")
    seen: dict[str, int] = {}
    for key, doc in tables.get(schema.TASKS, {}).items():
        if not (isinstance(key, str) and key.isascii() and key.isdigit() and key == str(int(key))):
            raise RecordError(0, f"task id {key!r} is not a number")
        doc_id = int(key)
        check_task_document(doc, doc_id)
        if doc["uid"] in seen:
            raise RecordError(
                doc_id, f"uid: {doc['uid']} is also the uid of record {seen[doc['uid']]}"
            )
        seen[doc["uid"]] = doc_id
    for name, field in ((schema.SERIES, "uid"), (schema.REMINDER_LOG, "key")):
        keys: set[str] = set()
        for key, doc in tables.get(name, {}).items():
            value = doc.get(field) if isinstance(doc, dict) else None
            if not isinstance(value, str) or value in keys:
                raise RecordError(int(key) if key.isdigit() else 0, f"{name}.{field}: {value!r}")
            keys.add(value)
