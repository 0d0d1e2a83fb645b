"""Numbers as the user's language writes them: "2.231" and "30,8%" in Vietnamese,
"2,231" and "30.8%" in English. Rounding is a setting and never banker's."""

from __future__ import annotations

from deadline_tui.domain.vntext import Rounding, format_int, format_percent
from deadline_tui.i18n import current_language


def number(value: int) -> str:
    """A whole number with the language's thousands separator."""
    text = format_int(value)
    return text if current_language() == "vi" else text.replace(".", ",")


def percent(part: int, base: int, decimals: int, rounding: Rounding) -> str:
    """A percentage with the language's decimal mark; "–" when the base is 0."""
    text = format_percent(part, base, decimals, rounding)
    if current_language() == "vi":
        return text
    return text.replace(".", "\x00").replace(",", ".").replace("\x00", ",")


def rate(part: int, base: int, decimals: int, rounding: Rounding) -> str:
    """A percentage with its base beside it, as every figure must show: "30,8% (16/52)"."""
    return f"{percent(part, base, decimals, rounding)} ({number(part)}/{number(base)})"
