"""The top line: the office's name and today's date, "Văn phòng UBND tỉnh · Thứ Hai, 23/11/2026".

One Static rather than Textual's Header (icon, title, clock: four widgets to build and
lay out before the first frame). The office name is shown literally, like every user
string.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t


def header_date(day: date) -> str:
    """ "Thứ Hai, 23/11/2026"."""
    return f"{t(f'weekday.{day.weekday()}')}, {format_date(day)}"


class OfficeHeader(Static):
    """The office and the day; :meth:`show_day` when the day turns."""

    def __init__(self, office: str, day: date, *, id: str | None = None) -> None:
        super().__init__(self._content(office, day), id=id)
        self.office = office
        self.day = day

    @staticmethod
    def _content(office: str, day: date) -> Content:
        return Content.assemble((office, "bold"), "  ·  ", header_date(day))

    def show_day(self, day: date) -> None:
        """Show ``day`` (a session left open past midnight)."""
        if day != self.day:
            self.day = day
            self.update(self._content(self.office, day))
