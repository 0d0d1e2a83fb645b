"""What an extraction produces: draft tasks and the document they come from."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from deadline_tui.domain.recurrence import Frequency, Recurrence


def recurring_form(rule: Recurrence) -> str:
    """The scorer's form of a rule: "monthly day 20", "quarterly", "yearly"."""
    name = "half-yearly" if rule.frequency is Frequency.HALF_YEARLY else rule.frequency.value
    if rule.frequency is Frequency.YEARLY and rule.month is not None:
        # No day: the month's last ("trong quý III hằng năm" is 30/09 every year).
        day = rule.day or calendar.monthrange(2001, rule.month)[1]
        if (day, rule.month) != (31, 12):
            return f"{name} day {day} month {rule.month}"
        return name
    return f"{name} day {rule.day}" if rule.day else name


@dataclass(frozen=True, slots=True)
class Draft:
    """One task as the document assigns it; nothing here is stored until reviewed.

    ``span`` is ``[start, end)`` in the NFC text of the document; ``text`` is the whole
    source item, ``title`` the same without its list marker and unit clause.
    ``unknown_units`` names units the text uses that no catalogue knows, and
    ``deadline_problem`` why a time phrase could not be read: the review shows both,
    nothing is silently invented. ``rules`` are the recurring deadline's rules (a report
    "hàng tháng, quý và năm" has three); ``recurring`` is their scorer's form.
    """

    section: str
    title: str
    text: str
    span: tuple[int, int]
    lead_unit: str | None = None
    support_units: tuple[str, ...] = ()
    collective: bool = False
    deadline_text: str = ""
    due_on: date | None = None
    rules: tuple[Recurrence, ...] = ()
    deadline_span: tuple[int, int] | None = None
    lead_span: tuple[int, int] | None = None
    unknown_units: tuple[str, ...] = ()
    deadline_problem: str = ""

    @property
    def recurring(self) -> str | None:
        """The rules in the scorer's form ("monthly day 20; quarterly"), or None."""
        return "; ".join(recurring_form(rule) for rule in self.rules) or None

    def to_json(self) -> dict[str, object]:
        """The scorer's form (``../shared/directives/score.py``)."""
        return {
            "section": self.section,
            "title": self.title,
            "text": self.text,
            "lead_unit": self.lead_unit,
            "support_units": list(self.support_units),
            "collective": self.collective,
            "deadline_text": self.deadline_text,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "recurring": self.recurring,
            "span": list(self.span),
            "unknown_units": list(self.unknown_units),
            "deadline_problem": self.deadline_problem,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its NFC text, what its header says, and the drafts found."""

    path: str
    text: str
    kind: str = ""
    number: str = ""
    dated: date | None = None
    drafts: tuple[Draft, ...] = field(default_factory=tuple)

    @property
    def source(self) -> str:
        """The source as the book writes it: "Thông báo 80/TB-UBND ngày 01/04/2016"."""
        parts = [part for part in (self.kind, self.number) if part]
        if self.dated is not None:
            parts.append(f"ngày {self.dated.day:02d}/{self.dated.month:02d}/{self.dated.year}")
        return " ".join(parts)

    def to_json(self) -> dict[str, object]:
        """The document and its drafts as plain data."""
        return {
            "path": self.path,
            "kind": self.kind,
            "number": self.number,
            "dated": self.dated.isoformat() if self.dated else None,
            "source": self.source,
            "tasks": [draft.to_json() for draft in self.drafts],
        }
