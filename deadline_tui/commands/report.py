"""``report -o FILE.xlsx|FILE.docx``: the report pack the office sends upward (DESIGN 13)."""

from __future__ import annotations

import argparse
from pathlib import Path

from deadline_tui.commands.context import Context, date_argument
from deadline_tui.commands.summary import period_of
from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reports.numbers import number
from deadline_tui.reports.pack.content import make_pack
from deadline_tui.reports.pack.output import check_destination, report_format
from deadline_tui.reports.pack.save import save_pack


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    """Count at the cut-off and write the file the extension names."""
    path = Path(args.output)
    report_format(path)
    # A bad destination is refused before the book is read, and again when written.
    check_destination(path)
    as_of = date_argument(args.as_of, "--as-of") if args.as_of is not None else ctx.today()
    period = period_of(args)
    pack = make_pack(
        ctx.repo.tasks(),
        as_of,
        settings=ctx.settings,
        period=period,
        by=args.by,
        written_on=ctx.today(),
        period_by=args.period_by,
    )
    save_pack(pack, path)
    ctx.say(
        t(
            "report_done",
            date=format_date(as_of),
            total=number(pack.summary.overall.total),
            overdue=number(pack.summary.overall.open_overdue),
            path=str(path.resolve()),
        )
    )
    return 0
