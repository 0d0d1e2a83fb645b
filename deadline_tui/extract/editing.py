"""The review's edits on drafts: change fields, split one in two, merge two into one.

Pure functions on :class:`Draft`; a changed deadline phrase is read again by the one
deadline reader so the review shows what it means.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from deadline_tui.extract import timing
from deadline_tui.extract.model import Draft
from deadline_tui.extract.segment import clause_starts


def with_deadline(draft: Draft, phrase: str, anchor: date) -> Draft:
    """``draft`` with a new deadline phrase (empty: none)."""
    found = timing.read_phrase(phrase, anchor) if phrase.strip() else None
    return replace(
        draft,
        deadline_text=phrase.strip(),
        due_on=found.due_on if found else None,
        rules=found.rules if found else (),
        deadline_span=None if phrase.strip() != draft.deadline_text else draft.deadline_span,
        deadline_problem="",
    )


def edited(
    draft: Draft,
    *,
    title: str,
    lead_unit: str,
    support_units: tuple[str, ...],
    deadline: str,
    anchor: date,
) -> Draft:
    """``draft`` as the reviewer corrected it; a unit typed by the reviewer is theirs,
    no longer "unknown"."""
    changed = replace(
        draft,
        title=title.strip(),
        lead_unit=lead_unit.strip() or None,
        support_units=support_units,
        collective=draft.collective and lead_unit.strip() == (draft.lead_unit or ""),
        unknown_units=tuple(
            u for u in draft.unknown_units if u in (lead_unit.strip(), *support_units)
        ),
    )
    if deadline.strip() != draft.deadline_text:
        changed = with_deadline(changed, deadline, anchor)
    return changed


def _split_point(title: str) -> int | None:
    middle = len(title) // 2
    starts = clause_starts(title)
    if starts:
        return min(starts, key=lambda start: abs(start - middle))
    spaces = [m.end() for m in re.finditer(r"\s+", title)]
    return min(spaces, key=lambda start: abs(start - middle)) if spaces else None


def split(draft: Draft, anchor: date, at: int | None = None) -> tuple[Draft, Draft] | None:
    """Two drafts from one, cut at ``at`` in the title (default: the sentence or
    ";"-clause boundary nearest the middle). Each half keeps the units; each keeps the
    deadline only if its phrase is in its own text. None when the title cannot be cut."""
    cut = at if at is not None else _split_point(draft.title)
    if cut is None or not 0 < cut < len(draft.title):
        return None
    halves: list[Draft] = []
    for suffix, text in (("-1", draft.title[:cut]), ("-2", draft.title[cut:])):
        title = text.strip().rstrip(" .;,")
        title = title[:1].upper() + title[1:]
        half = replace(draft, section=draft.section + suffix, title=title)
        if draft.deadline_text and draft.deadline_text not in text:
            found = timing.find_deadlines(title, anchor)
            half = with_deadline(half, found[0].text if found else "", anchor)
        halves.append(half)
    return halves[0], halves[1]


def merge(first: Draft, second: Draft) -> Draft:
    """One draft from two adjacent ones: the first's lead, both texts and partners, the
    first deadline found."""
    joiner = " " if first.title.endswith((".", ";")) else "; "
    partners = first.support_units + tuple(
        u for u in second.support_units if u not in first.support_units
    )
    deadline = first if first.deadline_text else second
    return replace(
        first,
        section=f"{first.section}+{second.section}",
        title=first.title + joiner + second.title[:1].lower() + second.title[1:],
        text=first.text + " " + second.text,
        span=(min(first.span[0], second.span[0]), max(first.span[1], second.span[1])),
        lead_unit=first.lead_unit or second.lead_unit,
        support_units=partners,
        deadline_text=deadline.deadline_text,
        due_on=deadline.due_on,
        rules=deadline.rules,
        deadline_span=deadline.deadline_span,
        unknown_units=tuple(dict.fromkeys(first.unknown_units + second.unknown_units)),
    )
