"""Text that is safe to print on a terminal.

A title is free text (DESIGN section 2) and may hold anything a paste or an import
brought in: ESC sequences that clear the screen (ESC[2J), set the window title (OSC 0)
or write to the clipboard (OSC 52), a NUL byte, a carriage return that hides what was
before it. None of that may reach a terminal or a program's argument: every control
character (C0, DEL, C1) is removed; only the line break and, where asked, the tab stay.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_TAB = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str, *, keep_tab: bool = True) -> str:
    """``text`` without control characters; line breaks (and tabs, unless ``keep_tab``
    is False) are kept."""
    pattern = _CONTROLS if keep_tab else _CONTROLS_AND_TAB
    return pattern.sub("", text)


def one_line(text: str) -> str:
    """``text`` without any control character, line breaks and tabs turned into spaces:
    one cell of a table, one argument of a notification."""
    return _CONTROLS_AND_BREAKS.sub(lambda match: " " if match[0] in "\t\n\r" else "", text)


# What Rich writes for colours and styles (SGR); any other escape sequence, and every
# other control character, comes from user text and is removed from a terminal stream.
_NOT_SGR = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")


def terminal_safe(rendered: str) -> str:
    """Rich's rendered output with nothing but its colour codes left as escapes: the last
    guard for user text that reached a table or a sentence without :func:`printable`."""
    return _NOT_SGR.sub("", rendered)
