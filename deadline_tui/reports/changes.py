"""A task's change log in words, for ``deadline-tui log ID`` and the detail pane."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from deadline_tui.domain.change import ChangeRecord
from deadline_tui.i18n import t


def _printable(text: str) -> str:
    # A name typed into the config or a database role could hold control characters.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def _field_label(name: str) -> str:
    try:
        return t(f"field.{name}")
    except KeyError:  # a field without a label of its own (e.g. state, series_uid)
        return name


def change_lines(records: Sequence[ChangeRecord]) -> list[str]:
    """One line per change, oldest first: when (local time), who, what."""
    lines = []
    for record in records:
        what = t(f"log_action_{record.action}")
        if record.fields:
            what += ": " + ", ".join(_field_label(name) for name in record.fields)
        when = record.at.astimezone().strftime("%d/%m/%Y %H:%M")
        lines.append(f"{when}  {_printable(record.by)}  {what}")
    return lines
