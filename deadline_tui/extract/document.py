"""Read a document file into draft tasks: the one entry point of the package."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from deadline_tui.errors import InputError
from deadline_tui.extract.cleanup import paragraphs
from deadline_tui.extract.extractor import read_paragraphs
from deadline_tui.extract.header import (
    document_date,
    document_kind,
    document_number,
    latest_cited_date,
)
from deadline_tui.extract.loading import Loaded, load
from deadline_tui.extract.model import Document, Draft
from deadline_tui.extract.tables import table_drafts
from deadline_tui.extract.units import catalogue, resolve_book_spelling


def extract_file(
    path: Path,
    *,
    dated: date | None = None,
    book_units: Iterable[str] = (),
) -> Document:
    """The drafts ``path`` assigns; raises :class:`InputError` for bad input and for a
    document in which no task is found."""
    document = extract_loaded(str(path), load(path), dated=dated, book_units=book_units)
    if not document.drafts:
        raise InputError("extract_no_tasks", path=str(path))
    return document


def extract_loaded(
    name: str,
    loaded: Loaded,
    *,
    dated: date | None = None,
    book_units: Iterable[str] = (),
) -> Document:
    """The drafts of already loaded text (see :func:`extract_file`).

    The document's own date (its header's, or ``dated``) anchors relative deadlines
    ("trong 10 ngày làm việc kể từ ngày ký"). Without one there is no anchor: such a
    phrase gets a ``deadline_problem`` instead of a date counted from something else (a
    resolution it cites, today), and a deadline before the latest date it cites is kept
    and flagged for review, never dropped.
    """
    text = loaded.text
    number = document_number(text)
    own_date = dated or document_date(text)
    cited = None if own_date else latest_cited_date(text)
    units = tuple(book_units)
    known = catalogue(units)
    table_lines = {row.offsets[0] for table in loaded.tables for row in table.rows}
    body = [
        p
        for p in paragraphs(text, wrapped_lines=loaded.wrapped_lines)
        if p.start not in table_lines and " | " not in p.text
    ]
    drafts = read_paragraphs(body, known, own_date, not_before=own_date, cited=cited)
    for table in loaded.tables:
        drafts += table_drafts(table, known, own_date)
    drafts.sort(key=lambda d: d.span)
    if units:
        drafts = [_book_spelling(d, units) for d in drafts]
    return Document(
        path=name,
        text=text,
        kind=document_kind(text, number),
        number=number,
        dated=own_date,
        drafts=tuple(drafts),
    )


def _book_spelling(draft: Draft, units: tuple[str, ...]) -> Draft:
    lead = draft.lead_unit
    if lead and not draft.collective:
        lead = resolve_book_spelling(lead, units)
    supports = tuple(resolve_book_spelling(u, units) for u in draft.support_units)
    return replace(draft, lead_unit=lead, support_units=supports)
