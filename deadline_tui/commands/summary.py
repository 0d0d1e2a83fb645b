"""``summary``: the figures of DESIGN section 4, opened by the report sentence."""

from __future__ import annotations

import argparse

import orjson

from deadline_tui.commands.context import Context
from deadline_tui.domain.deadlines import parse_date
from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures, Summary, summarise
from deadline_tui.reports.numbers import number, rate
from deadline_tui.reports.period import parse_period
from deadline_tui.reports.sentence import summary_sentence


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


def figure_rows(figures: Figures, decimals: int, rounding: str) -> list[tuple[str, str, str]]:
    """(label, count, share with its base) for each figure."""

    def share(part: int, base: int) -> str:
        return rate(part, base, decimals, rounding) if base else "–"  # type: ignore[arg-type]

    total = figures.total
    return [
        (t("fig.total"), number(total), ""),
        (t("fig.due"), number(figures.due), ""),
        (
            t("fig.due_done"),
            number(figures.due_done),
            share(figures.due_done, figures.due) + t("fig.of_due"),
        ),
        (t("fig.done"), number(figures.done), share(figures.done, total) + t("fig.of_total")),
        (t("fig.done_on_time"), number(figures.done_on_time), share(figures.done_on_time, total)),
        (t("fig.done_late"), number(figures.done_late), share(figures.done_late, total)),
        (t("fig.open_in_term"), number(figures.open_in_term), share(figures.open_in_term, total)),
        (t("fig.due_soon"), number(figures.due_soon), ""),
        (t("fig.open_overdue"), number(figures.open_overdue), share(figures.open_overdue, total)),
        (t("fig.no_deadline"), number(figures.no_deadline), share(figures.no_deadline, total)),
        (t("fig.suspended"), number(figures.suspended), ""),
        (t("fig.cancelled"), number(figures.cancelled), ""),
    ]


def group_columns() -> list[str]:
    """Headers of the per-group table."""
    return [
        t("col.group"),
        t("fig.total"),
        t("fig.due"),
        t("col.due_done_rate"),
        t("fig.done_on_time"),
        t("fig.done_late"),
        t("fig.open_in_term"),
        t("fig.open_overdue"),
        t("fig.no_deadline"),
    ]


def group_cells(group: Figures, decimals: int, rounding: str) -> list[str]:
    """One group's row."""
    done_rate = rate(group.due_done, group.due, decimals, rounding) if group.due else "–"  # type: ignore[arg-type]
    return [
        group.name or t("not_recorded"),
        number(group.total),
        number(group.due),
        done_rate,
        number(group.done_on_time),
        number(group.done_late),
        number(group.open_in_term),
        number(group.open_overdue),
        number(group.no_deadline),
    ]


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
