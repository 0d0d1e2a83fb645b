"""What an extraction produces: draft tasks and the document they come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Draft:
    """One task as the document assigns it; nothing here is stored until reviewed.

    ``span`` is ``[start, end)`` in the NFC text of the document; ``text`` is the whole
    source item, ``title`` the same without its list marker and unit clause.
    ``unknown_units`` names units the text uses that no catalogue knows, and
    ``deadline_problem`` why a time phrase could not be read: the review shows both,
    nothing is silently invented.
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
    recurring: str | None = None
    deadline_span: tuple[int, int] | None = None
    lead_span: tuple[int, int] | None = None
    unknown_units: tuple[str, ...] = ()
    deadline_problem: str = ""

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
