"""``extract FILE`` and the document branch of ``import FILE`` (DESIGN section 12)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from deadline_tui.commands.context import Context, date_argument
from deadline_tui.domain.vntext import format_date
from deadline_tui.extract.model import Document
from deadline_tui.i18n import t
from deadline_tui.reports.detail import rules_text
from deadline_tui.reports.numbers import number

if TYPE_CHECKING:
    from deadline_tui.services.document_import import Reviewed


def _book_units(ctx: Context) -> list[str]:
    # The book is read only if it exists: extracting never creates one.
    if not Path(ctx.settings.database.path).exists():
        return []
    from deadline_tui.services.query import known_units

    return known_units(ctx.repo.tasks())


def read_document(ctx: Context, args: argparse.Namespace) -> Document:
    """The drafts of ``args.file``, anchored on ``--dated`` or the header's date."""
    from deadline_tui.extract.document import extract_file

    dated = (
        date_argument(args.dated, "--dated") if getattr(args, "dated", None) is not None else None
    )
    return extract_file(Path(args.file), dated=dated, book_units=_book_units(ctx))


def cmd_extract(ctx: Context, args: argparse.Namespace) -> int:
    """Print the drafts; the book is never written."""
    document = read_document(ctx, args)
    if args.json:
        payload = document.to_json()
        ctx.say(json.dumps(payload, ensure_ascii=False, indent=1))
        return 0
    source = document.source or t("extract_no_source")
    ctx.say(t("extract_header", source=source, count=number(len(document.drafts))))
    for draft in document.drafts:
        ctx.say("")
        ctx.say(f"[{draft.section}] {draft.title}")
        lead = draft.lead_unit or t("extract_no_lead")
        ctx.say("  " + t("extract_line_lead", unit=lead))
        if draft.support_units:
            ctx.say("  " + t("extract_line_support", units="; ".join(draft.support_units)))
        if draft.deadline_text:
            shown = draft.deadline_text
            if draft.due_on:
                shown += f" → {format_date(draft.due_on)}"
            elif draft.rules:
                shown += f" → {rules_text(draft.rules)}"
            ctx.say("  " + t("extract_line_deadline", text=shown))
        if draft.deadline_problem:
            ctx.say("  " + draft.deadline_problem)
        if draft.unknown_units:
            ctx.say("  " + t("extract_unknown_units", units="; ".join(draft.unknown_units)))
    return 0


def cmd_import_document(ctx: Context, args: argparse.Namespace) -> int:
    """Review the drafts (TUI), or accept all (``--yes``), or show them (``--dry-run``);
    then one all-or-nothing batch."""
    from deadline_tui.services.document_import import Reviewed, plan_document, store_plan

    document = read_document(ctx, args)
    reviewed: Reviewed | None = Reviewed.all_of(document)
    if not args.dry_run and not args.yes:
        if ctx.review is None or not (ctx.stdout.isatty() and ctx.stderr.isatty()):
            ctx.warn(t("extract_import_needs_review", path=args.file))
            return 1
        calendar = ctx.settings.calendar.work_calendar()
        reviewed = ctx.review(document, ctx.today(), _book_units(ctx), calendar)
        if reviewed is None:
            ctx.say(t("extract_import_cancelled"))
            return 0
    assert reviewed is not None
    # A missing book is made at the first write only: a refused or dry-run import
    # creates none (DESIGN 9).
    plan = plan_document(ctx.service(), reviewed)
    if plan.problems:
        for line in plan.problems:
            ctx.warn(line)
        ctx.warn(
            t(
                "extract_import_rejected",
                bad=number(plan.bad),
                count=number(len(reviewed.drafts)),
                path=args.file,
            )
        )
        return 1
    source = reviewed.source or t("extract_no_source")
    if args.dry_run:
        if plan.duplicates:
            ctx.warn(t("extract_duplicates", count=number(plan.duplicates)))
        ctx.say(
            t(
                "extract_import_dry",
                count=number(len(plan.prepared)),
                records=number(plan.task_count),
                path=args.file,
                source=source,
            )
        )
        for item in plan.prepared:
            first = item.tasks[0]
            ctx.say(f"  {first.title[:80]} — {first.lead_unit}")
        return 0
    stored = store_plan(ctx.service(), plan)  # (finds the drafts stored meanwhile too)
    if plan.duplicates:
        ctx.warn(t("extract_duplicates", count=number(plan.duplicates)))
    ctx.say(
        t(
            "extract_import_done",
            count=number(len(plan.prepared)),
            records=number(len(stored)),
            path=args.file,
            source=source,
        )
    )
    return 0
