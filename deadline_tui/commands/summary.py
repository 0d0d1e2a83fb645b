"""``summary``: the figures of DESIGN section 4, opened by the report sentence."""

from __future__ import annotations

import argparse

import orjson

from deadline_tui.commands.context import Context
from deadline_tui.domain.deadlines import parse_date
from deadline_tui.reports.figures import Summary, summarise
from deadline_tui.reports.period import parse_period
from deadline_tui.reports.sentence import summary_sentence
from deadline_tui.reports.tables import figure_rows, group_cells, group_columns


def build_summary(ctx: Context, args: argparse.Namespace) -> Summary:
    """The figures asked for on the command line."""
    as_of = parse_date(args.as_of) if args.as_of else ctx.today()
    period = parse_period(args.period) if args.period else None
    return summarise(
        ctx.repo.tasks(),
        as_of,
        warning_days=ctx.settings.ui.warning_days,
        period=period,
        by=args.by,
    )


def cmd_summary(ctx: Context, args: argparse.Namespace) -> int:
    """Print the sentence, the figures and, with --by, one row per group."""
    summary = build_summary(ctx, args)
    figures = ctx.settings.figures
    sentence = summary_sentence(
        summary.overall, decimals=figures.decimals, rounding=figures.rounding, period=summary.period
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
