"""Vietnamese text: normalisation, matching, collation and number formatting.

Everything here is pure and cheap enough to run over 100.000 titles: matching uses a
precomputed translation table instead of per-character Unicode decomposition.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from decimal import Decimal

Rounding = Literal["half_up", "down"]

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the only form we store."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, trimmed, inner runs of white space collapsed to one space."""
    return _SPACES.sub(" ", nfc(text)).strip()


def _build_fold_table() -> dict[int, str]:
    # Every precomposed Latin letter maps to its bare ASCII letter, so "Ủy", "Uỷ" and
    # "uy" fold alike; đ has no decomposition and is mapped by hand.
    table: dict[int, str] = {0x0110: "d", 0x0111: "d"}
    # Latin-1, Latin Extended-A/B (ơ, ư) and Latin Extended Additional (ạ … ỹ) hold
    # every Vietnamese letter; scanning only them keeps importing this module cheap.
    codes = [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    for code in codes:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base.lower()
    # Stray combining marks (text typed in NFD) vanish.
    for code in range(0x0300, 0x0370):
        table[code] = ""
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Fold for matching: no diacritics, no tone marks, lower case, single spaces.

    ``fold("Sở Kế hoạch và Đầu tư") == "so ke hoach va dau tu"``; "Ủy" and "Uỷ" both give "uy".
    """
    return _SPACES.sub(" ", nfc(text).translate(_FOLD_TABLE).lower()).strip()


def matches(query: str, folded_haystack: str) -> bool:
    """True when every word of ``query`` occurs in the already-folded haystack."""
    return all(word in folded_haystack for word in fold(query).split())


# --- Vietnamese alphabetical order -------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # f j w z sit where Latin puts them
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_MODIFIED = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
# ngang, huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SYLLABLE_SPLIT = re.compile(r"[^\w]+")

SyllableKey = tuple[tuple[int, ...], int]


def _syllable_key(syllable: str) -> SyllableKey:
    ranks: list[int] = []
    tone = 0
    for char in syllable:
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        letter = base
        for mark in decomposed[1:]:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            elif mark in _MODIFIERS:
                letter = _MODIFIED.get((base, _MODIFIERS[mark]), base)
        if letter in _LETTER_RANK:
            ranks.append(100 + _LETTER_RANK[letter])
        elif letter.isdigit():
            ranks.append(int(letter))
        else:
            ranks.append(1000 + ord(letter))
    return tuple(ranks), tone


@lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple[tuple[SyllableKey, ...], str]:
    """Key for Vietnamese alphabetical order, syllable by syllable.

    Letters first (a < ă < â < b ... d < đ), then the syllable's tone (ngang < huyền <
    hỏi < ngã < sắc < nặng); the original text breaks remaining ties.
    """
    lowered = nfc(text).lower()
    syllables = tuple(_syllable_key(s) for s in _SYLLABLE_SPLIT.split(lowered) if s)
    return syllables, text


def sorted_vi(names: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """Names in Vietnamese alphabetical order."""
    return sorted(names, key=sort_key)


# --- numbers and dates ---------------------------------------------------------------


def format_int(value: int) -> str:
    """``2231 -> "2.231"``: thousands separated with a dot."""
    return f"{value:,}".replace(",", ".")


def format_decimal(value: Decimal, decimals: int) -> str:
    """Fixed decimals, decimal comma, dotted thousands: ``Decimal("1234.5") -> "1.234,5"``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent_value(
    part: int, base: int, decimals: int = 1, rounding: Rounding = "half_up"
) -> Decimal:
    """``part/base`` as a percentage rounded with decimal (never banker's) rounding."""
    # Imported here: only figures need it, and it costs every other command ~1 ms.
    from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

    if base <= 0:
        raise ValueError("a percentage needs a positive base")
    mode = ROUND_HALF_UP if rounding == "half_up" else ROUND_DOWN
    exact = Decimal(part) * 100 / Decimal(base)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def format_percent(part: int, base: int, decimals: int = 1, rounding: Rounding = "half_up") -> str:
    """``16, 52 -> "30,8%"`` (half_up) or ``"30,7%"`` (down); ``"–"`` when the base is 0.

    A fraction that is neither none nor all never shows as "0%" or "100%": decimals are
    added until it does not (199/200 at 0 decimals is "99,5%", not "100%" with a task open).
    """
    if base <= 0:
        return "–"
    decimals = shown_decimals(part, base, decimals, rounding)
    return format_decimal(percent_value(part, base, decimals, rounding), decimals) + "%"


def shown_decimals(part: int, base: int, decimals: int, rounding: Rounding = "half_up") -> int:
    """The decimals a percentage is shown with: ``decimals``, or more while rounding would
    show 0% or 100% for a fraction that is neither (199/200 -> "99,5%")."""
    if 0 < part < base:
        while percent_value(part, base, decimals, rounding) in (0, 100):
            decimals += 1
    return decimals


def format_date(value: date | None) -> str:
    """Day-first, as Vietnamese documents write dates: ``31/01/2021``; empty for None."""
    # (strftime is several times slower; a list prints thousands of dates)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""
