"""Completion of unit, document and person names that ignores diacritics and tone placement."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester

from deadline_tui.domain.vntext import fold


class FoldingSuggester(Suggester):
    """Suggests a known name whose folded form starts with the folded input
    ("so ke" -> "Sở Kế hoạch và Đầu tư"). With ``last_part_after`` (e.g. ";"), only the
    text after the last separator is completed, for lists of units."""

    def __init__(self, names: Iterable[str] = (), *, last_part_after: str | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._names: list[tuple[str, str]] = []
        self._separator = last_part_after
        self.set_names(names)

    def set_names(self, names: Iterable[str]) -> None:
        """Replace the known names (kept in the given order, which is Vietnamese order)."""
        self._names = [(fold(name), name) for name in names]

    async def get_suggestion(self, value: str) -> str | None:
        head, part = "", value
        if self._separator and self._separator in value:
            cut = value.rindex(self._separator) + 1
            head, part = value[:cut], value[cut:]
            if part.startswith(" "):
                head, part = head + " ", part[1:]
        wanted = fold(part)
        if not wanted:
            return None
        for folded, name in self._names:
            if folded.startswith(wanted) and name != part:
                return head + name
        return None
