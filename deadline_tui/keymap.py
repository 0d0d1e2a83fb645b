"""The ``[keys]`` table: which key strings Textual understands, and remaps that clash.

Checked when the config is read, before anything starts, without importing Textual
(every command reads the config). A key is what Textual's ``Binding`` takes: modifiers
joined by "+" and one key, several keys separated by ",": ``ctrl+n``, ``f5``,
``question_mark``, ``escape,q``. Textual names a printable key that is not a letter or
digit by its Unicode name ("?" is ``question_mark``, "/" is ``slash``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

# The TUI's remappable bindings and their default keys (tests/tui keeps this equal to
# the screens' BINDINGS; config.BINDING_IDS lists the same ids, in this order).
DEFAULT_KEYS: dict[str, str] = {
    "new-task": "n",
    "import-document": "i",
    "edit-task": "e",
    "mark-done": "d",
    "reopen-task": "r",
    "extend-deadline": "g",
    "suspend-task": "t",
    "cancel-task": "x",
    "delete-task": "delete",
    "undo": "u",
    "search": "slash",
    "summary": "s",
    "write-report": "ctrl+s",  # on the summary screen; still one key, one job app-wide
    "filter-status": "f",
    "as-of": "a",
    "clear-filters": "c",
    "sort": "o",
    "reminder-digest": "b",
    "month-view": "m",
    "help": "question_mark",
    "quit": "q",
}

# Keys the program needs for itself; a remap onto one of them would take it away.
RESERVED: dict[str, str] = {
    "escape": "keys.reserved.escape",
    "tab": "keys.reserved.tab",
    "shift+tab": "keys.reserved.tab",
    "enter": "keys.reserved.enter",
    "up": "keys.reserved.arrows",
    "down": "keys.reserved.arrows",
    "left": "keys.reserved.arrows",
    "right": "keys.reserved.arrows",
    "pageup": "keys.reserved.arrows",
    "pagedown": "keys.reserved.arrows",
    "home": "keys.reserved.arrows",
    "end": "keys.reserved.arrows",
    "ctrl+q": "keys.reserved.quit",
    "ctrl+c": "keys.reserved.quit",
    "ctrl+p": "keys.reserved.palette",
}

MODIFIERS = ("ctrl", "alt", "meta", "super", "hyper", "shift")
NAMED_KEYS = frozenset(
    {
        "escape", "enter", "tab", "backspace", "delete", "insert", "home", "end",
        "pageup", "pagedown", "up", "down", "left", "right", "space",
        *(f"f{number}" for number in range(1, 25)),
    }
)  # fmt: skip


def _valid_base(name: str) -> bool:
    if name in NAMED_KEYS:
        return True
    if len(name) == 1:
        return name.isalnum()  # "?" must be written question_mark, as Textual names it
    if name != name.lower() or not name.replace("_", "").isalpha():
        return False
    try:
        character = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return character.isprintable() and not character.isalnum() and not character.isspace()


def valid_key(key: str) -> bool:
    """True when ``key`` (one key, no commas) is a key Textual can bind."""
    *modifiers, base = key.split("+")
    if len(set(modifiers)) != len(modifiers) or not all(m in MODIFIERS for m in modifiers):
        return False
    return _valid_base(base)


def keys_of(value: str) -> list[str]:
    """The keys of a binding's value ("escape,q" -> ["escape", "q"])."""
    return [part.strip() for part in value.split(",")]


class Clash(NamedTuple):
    """A key bound twice: ``binding`` (remapped in [keys]) and ``other`` (a binding id,
    or a RESERVED message id), with the other's keys as configured."""

    key: str
    binding: str
    other: str
    other_keys: str


def find_clash(remaps: Mapping[str, str]) -> Clash | None:
    """The first key that two bindings would share once ``remaps`` apply, if any."""
    effective = {**DEFAULT_KEYS, **remaps}
    owner: dict[str, str] = {}
    # Remapped bindings are checked last, so the clash names the binding the user moved.
    order = [b for b in effective if b not in remaps] + [b for b in effective if b in remaps]
    for binding in order:
        for key in keys_of(effective[binding]):
            if key in RESERVED:
                return Clash(key, binding, RESERVED[key], key)
            other = owner.get(key)
            if other is not None and other != binding:
                return Clash(key, binding, other, effective[other])
            owner[key] = binding
    return None
