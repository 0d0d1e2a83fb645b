"""``summary``: the figures of DESIGN section 4, opened by the report sentence."""

from __future__ import annotations

import argparse

import orjson

from deadline_tui.commands.context import Context, date_argument
from deadline_tui.domain.names import NameMatcher
from deadline_tui.errors import InputError
from deadline_tui.reports.figures import Summary, summarise
from deadline_tui.reports.period import Period, parse_period, period_between
from deadline_tui.reports.sentence import summary_sentence
from deadline_tui.reports.tables import figure_rows, group_cells, group_columns


def period_of(args: argparse.Namespace) -> Period | None:
    """The period asked for: ``--period P`` or ``--from D1 --to D2`` (both, or neither)."""
    start, end = getattr(args, "period_from", None), getattr(args, "period_to", None)
    if start is None and end is None:
        return parse_period(args.period) if args.period is not None else None
    if start is None or end is None or args.period is not None:
        raise InputError("period_needs_both")
    return period_between(date_argument(start, "--from"), date_argument(end, "--to"))


def build_summary(ctx: Context, args: argparse.Namespace) -> Summary:
    """The figures asked for on the command line."""
    as_of = date_argument(args.as_of, "--as-of") if args.as_of is not None else ctx.today()
    period = period_of(args)
    return summarise(
        ctx.repo.tasks(),
        as_of,
        warning_days=ctx.settings.ui.warning_days,
        period=period,
        by=args.by,
        period_by=getattr(args, "period_by", "assigned"),
        matcher=NameMatcher(ctx.settings.aliases),
    )


def cmd_summary(ctx: Context, args: argparse.Namespace) -> int:
    """Print the sentence, the figures and, with --by, one row per group."""
    summary = build_summary(ctx, args)
    figures = ctx.settings.figures
    sentence = summary_sentence(
        summary.overall,
        decimals=figures.decimals,
        rounding=figures.rounding,
        period=summary.period,
        period_by=summary.period_by,
    )
    if args.json:
        payload = summary.overall.as_json()
        payload["sentence"] = sentence
        if summary.by is not None:
            payload["groups"] = [g.as_json(with_name=True) for g in summary.groups]
        ctx.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    rows = figure_rows(summary.overall, figures.decimals, figures.rounding)
    groups = [group_cells(g, figures.decimals, figures.rounding) for g in summary.groups]
    if not ctx.is_terminal:
        ctx.say(sentence)
        ctx.say("")
        for label, count, share in rows:
            ctx.say("\t".join(part for part in (label, count, share) if part))
        if groups:
            ctx.say("")
            ctx.say("\t".join(group_columns()))
            for cells in groups:
                ctx.say("\t".join(cells))
        return 0
    _print_rich(ctx, sentence, rows, groups)
    return 0


def _print_rich(
    ctx: Context, sentence: str, rows: list[tuple[str, str, str]], groups: list[list[str]]
) -> None:
    from rich.table import Table
    from rich.text import Text

    console = ctx.console()
    console.print(Text(sentence), soft_wrap=True)
    console.print()
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column()
    table.add_column(justify="right")
    table.add_column()
    for label, count, share in rows:
        table.add_row(Text(label), Text(count), Text(share))
    console.print(table)
    if groups:
        console.print()
        grid = Table(header_style="bold")
        for index, name in enumerate(group_columns()):
            grid.add_column(name, justify="left" if index == 0 else "right", overflow="fold")
        for cells in groups:
            grid.add_row(*(Text(cell) for cell in cells))
        console.print(grid)
