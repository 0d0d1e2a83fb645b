"""The deadline and state histories as lines a person reads, and back (CSV/XLSX exports).

An export carries every extension ("Gia hạn") and every change of state ("Lịch sử tình
trạng") in words, one per line, so that the file reads in a spreadsheet and imports back
with the same figures at every past cut-off (DESIGN section 7):

    01/02/2026 → 15/03/2026: chờ số liệu — văn bản: 12/UBND-TH [ghi ngày 25/01/2026]
    20/09/2026: Hoàn thành [ghi ngày 20/09/2026]
    30/07/2026: Sửa ngày hoàn thành (thay 15/08/2026): ghi nhầm [ghi ngày 23/11/2026]

Lines written in English ("[recorded 25/01/2026]", "Done") read back too.
"""

from __future__ import annotations

import re
from datetime import date

from deadline_tui.domain.task import Extension, StateChange, TaskState
from deadline_tui.domain.vntext import fold, format_date
from deadline_tui.errors import InputError

_WORDS = {
    "vi": {
        "recorded": "ghi ngày",
        "document": "văn bản",
        TaskState.DONE: "Hoàn thành",
        TaskState.OPEN: "Đang thực hiện",
        TaskState.SUSPENDED: "Tạm dừng",
        TaskState.CANCELLED: "Hủy",
        "corrected": "Sửa ngày hoàn thành (thay {old})",
    },
    "en": {
        "recorded": "recorded",
        "document": "document",
        TaskState.DONE: "Done",
        TaskState.OPEN: "Open",
        TaskState.SUSPENDED: "Suspended",
        TaskState.CANCELLED: "Cancelled",
        "corrected": "Completion date corrected (was {old})",
    },
}
_STATES = {fold(str(words[state])): state for words in _WORDS.values() for state in TaskState}
_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_RECORDED = re.compile(rf"^(?P<body>.*) \[(?:ghi ngày|recorded) (?P<rec>{_DATE})\]$")
_EXTENSION = re.compile(rf"^(?P<old>{_DATE}|–) → (?P<new>{_DATE}): (?P<rest>.*)$", re.S)
_STATE = re.compile(rf"^(?P<on>{_DATE}): (?P<body>.*)$", re.S)
_CORRECTED = re.compile(
    rf"^(?:sửa ngày hoàn thành \(thay|completion date corrected \(was) (?P<old>{_DATE})\)"
    r"(?:: (?P<reason>.*))?$",
    re.S | re.I,
)
_DOCUMENT = re.compile(r" — (?:văn bản|document): ")


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def extension_lines(extensions: tuple[Extension, ...], language: str = "vi") -> str:
    """Every extension, one line each."""
    words = _WORDS[language]
    lines = []
    for extension in extensions:
        line = (
            f"{format_date(extension.old_due) or '–'} → {format_date(extension.new_due)}: "
            f"{extension.reason}"
        )
        if extension.document:
            line += f" — {words['document']}: {extension.document}"
        lines.append(f"{line} [{words['recorded']} {format_date(extension.recorded_on)}]")
    return "\n".join(lines)


def state_lines(history: tuple[StateChange, ...], language: str = "vi") -> str:
    """Every change of state, one line each."""
    words = _WORDS[language]
    lines = []
    for change in history:
        if change.corrects is not None:
            body = str(words["corrected"]).format(old=format_date(change.corrects))
            body += f": {change.reason}" if change.reason else ""
        else:
            body = str(words[change.state])
            body += f": {change.reason}" if change.reason else ""
        recorded = f"[{words['recorded']} {format_date(change.recorded_on)}]"
        lines.append(f"{format_date(change.on)}: {body} {recorded}")
    return "\n".join(lines)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def read_extensions(text: str) -> tuple[Extension, ...]:
    """The extensions of an "Gia hạn" cell; :class:`InputError` names a line it cannot read."""
    found = []
    for line in _lines(text):
        recorded = _RECORDED.match(line)
        extension = _EXTENSION.match(recorded["body"]) if recorded else None
        if recorded is None or extension is None:
            raise InputError("history_line_unreadable", value=line)
        parts = _DOCUMENT.split(extension["rest"], maxsplit=1)
        reason_text, document = parts[0], parts[1] if len(parts) > 1 else ""
        try:
            old = None if extension["old"] == "–" else _day(extension["old"])
            found.append(
                Extension(old, _day(extension["new"]), reason_text, document, _day(recorded["rec"]))
            )
        except ValueError:
            raise InputError("history_line_unreadable", value=line) from None
    return tuple(found)


def read_state_history(text: str) -> tuple[StateChange, ...]:
    """The changes of a "Lịch sử tình trạng" cell; :class:`InputError` names a bad line."""
    found = []
    for line in _lines(text):
        recorded = _RECORDED.match(line)
        change = _STATE.match(recorded["body"]) if recorded else None
        if recorded is None or change is None:
            raise InputError("history_line_unreadable", value=line)
        try:
            on, recorded_on = _day(change["on"]), _day(recorded["rec"])
            corrected = _CORRECTED.match(change["body"])
            if corrected is not None:
                old = _day(corrected["old"])
                found.append(
                    StateChange(TaskState.DONE, on, recorded_on, corrected["reason"] or "", old)
                )
                continue
            label, _, reason = change["body"].partition(": ")
            state = _STATES.get(fold(label))
            if state is None:
                raise InputError("history_line_unreadable", value=line)
            found.append(StateChange(state, on, recorded_on, reason))
        except ValueError:
            raise InputError("history_line_unreadable", value=line) from None
    return tuple(found)
