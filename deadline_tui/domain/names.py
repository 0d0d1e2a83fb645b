"""One unit, one leader, one document: names matched by key, shown in one spelling.

DESIGN section 2. Names are stored as typed; they are compared by a key that ignores
case, spacing, diacritics and tone placement and expands abbreviations ("UBND" = "Ủy ban
nhân dân", more in config ``[aliases]``). A source document is known by its number and
symbol ("80/TB-UBND"). Where a group holds several spellings, reports show the one used
most often among those with full diacritics; on a tie, the one with the tone on the first
vowel ("hòa", "Thủy", "Ủy").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

from deadline_tui.domain.vntext import fold, sort_key

BUILT_IN_ALIASES = {"UBND": "Ủy ban nhân dân"}

_TONES = "\u0300\u0301\u0303\u0309\u0323"


# The patterns are compiled on first use: at import they cost every command 0,35 ms,
# and only grouping by source and choosing a group's spelling use them.
@cache
def _document() -> re.Pattern[str]:
    # "80/TB-UBND", "10/CTr-UBND", "01/2021/NQ-HĐND": a number, then a symbol with a letter.
    return re.compile(r"(\d+)\s*/\s*(?:\d{4}\s*/\s*)?([^\W\d_][\w\-]*)")


@cache
def _tone_placements() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Old-style tone placement, on the first vowel of oa, oe, uy ("hòa", "thủy"), and new.
    old = re.compile(rf"o[{_TONES}][ae]|u[{_TONES}]y")
    return old, re.compile(rf"o[ae][{_TONES}]|uy[{_TONES}]")


class NameMatcher:
    """Keys for grouping and matching names, with the office's aliases."""

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        table = {**BUILT_IN_ALIASES, **(aliases or {})}
        self._aliases = {fold(short): fold(full) for short, full in table.items() if fold(short)}
        shorts = sorted(self._aliases, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(s) for s in shorts) + r")\b")
            if shorts
            else None
        )
        self.key = lru_cache(maxsize=16384)(self._key)

    def _key(self, name: str) -> str:
        folded = fold(name)
        if self._pattern is None:
            return folded
        return self._pattern.sub(lambda m: self._aliases[m.group(0)], folded)

    def matches(self, query: str, name: str) -> bool:
        """True when every word of ``query`` (aliases expanded) occurs in ``name``'s key."""
        haystack = self.key(name)
        return all(word in haystack for word in self.key(query).split())

    def document_key(self, source: str) -> str:
        """A source document's identity: its number and symbol ("80/tb-ubnd"), or the name's
        key when it has none."""
        found = _document().search(source)
        if found is None:
            return self.key(source)
        number, symbol = found.groups()
        return f"{int(number)}/{fold(symbol)}"


def _marks(name: str) -> int:
    return sum(1 for char in name if not char.isascii())


def _tone_first(name: str) -> int:
    decomposed = unicodedata.normalize("NFD", name.lower())
    first, second = _tone_placements()
    return len(first.findall(decomposed)) - len(second.findall(decomposed))


def display_name(spellings: Mapping[str, int] | Iterable[str]) -> str:
    """The spelling a report shows for one group, from its spellings and their counts.

    The spellings with the most diacritics (full marks), then the most used, then the
    tone on the first vowel; then sentence case over ALL CAPS or all lower case, the
    fewest capitals, and Vietnamese alphabetical order (so the choice never depends on
    the order the book was read in).
    """
    counts = dict(spellings) if isinstance(spellings, Mapping) else _count(spellings)
    if not counts:
        return ""
    most = max(_marks(name) for name in counts)
    full = [name for name in counts if _marks(name) == most]
    best_use = max(counts[name] for name in full)
    used = [name for name in full if counts[name] == best_use]
    best_tone = max(_tone_first(name) for name in used)
    tied = [name for name in used if _tone_first(name) == best_tone]
    return min(tied, key=_case_rank)


def _case_rank(name: str) -> tuple[bool, bool, int, object]:
    capitals = sum(1 for char in name if char.isupper())
    return name.isupper(), not name[:1].isupper(), capitals, sort_key(name)


def _count(names: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return counts
