"""``remind``: deliver due reminders once and exit (cron, systemd), or keep running
(``--daemon``), or install a systemd user timer (``--install``). Never imports Textual."""

from __future__ import annotations

import argparse
import re
from datetime import datetime
from pathlib import Path

import orjson

from deadline_tui.commands.context import Context, naming_option
from deadline_tui.domain.deadlines import parse_date
from deadline_tui.domain.names import NameMatcher
from deadline_tui.errors import InputError
from deadline_tui.i18n import t
from deadline_tui.reminders.channels import headless_channels
from deadline_tui.reminders.engine import DIGEST, DayCounts, Reminder
from deadline_tui.reminders.notices import Notice, compose
from deadline_tui.reminders.setup import make_runner
from deadline_tui.services.clock import FixedClock


def parse_moment(text: str, default_time: datetime) -> datetime:
    """``--now``: "23/11/2026 07:30", "2026-11-23T07:30" or a date alone (then at
    ``default_time``'s time of day, the digest time)."""
    value = text.strip()
    match = re.fullmatch(r"(.+?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    if match is None:
        raise InputError("moment_unreadable", value=text)
    day = parse_date(match[1])
    if match[2] is None:
        return datetime.combine(day, default_time.time())
    hour, minute, second = int(match[2]), int(match[3]), int(match[4] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError("moment_unreadable", value=text)
    return datetime(day.year, day.month, day.day, hour, minute, second)


class _JsonReport:
    """With ``--json`` the stdout channel is the JSON report printed after the run: a
    notice counts as carried there (its text would garble the JSON, so none is written)."""

    name = "stdout"

    def send(self, notice: Notice) -> None:
        return None


def reminder_json(reminder: Reminder, digest_title: str) -> dict[str, object]:
    """One reminder for ``--json``: id, uid, title, kind, due_on."""
    task = reminder.task
    return {
        "id": task.id if task else None,
        "uid": reminder.uid,
        "title": task.title if task else digest_title,
        "kind": reminder.kind,
        "due_on": reminder.due_on.isoformat() if reminder.due_on else None,
    }


def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    """Dispatch to install, daemon, dry run or one delivery run."""
    settings = ctx.settings
    if args.install:
        return _install(ctx)
    if args.now is not None:
        real_now = ctx.clock.now()
        digest_at = datetime.combine(ctx.today(), settings.reminders.digest_time)
        with naming_option("--now"):
            moment = parse_moment(args.now, digest_at)
        if moment > real_now and not args.dry_run:
            # Delivering tomorrow's reminders now would log them as delivered, and the
            # real reminder of that day would never come.
            raise InputError(
                "remind_now_future", value=args.now, now=real_now.strftime("%d/%m/%Y %H:%M")
            )
        ctx.clock = FixedClock(moment)
    names = settings.reminders.channels
    if args.json:
        names = tuple(name for name in names if name != "stdout")  # stdout carries the JSON
    channels = headless_channels(names, settings.reminders.command, ctx.stdout)
    if args.json and "stdout" in settings.reminders.channels:
        channels.append(_JsonReport())
    runner = make_runner(ctx.service(), settings, channels)
    if args.daemon:
        from deadline_tui.reminders.daemon import run_daemon

        def check(now: datetime) -> None:
            result = runner.run(now)
            for channel, reason in result.failures:
                ctx.warn(t("channel_failed", channel=channel, reason=reason))

        run_daemon(check, ctx.clock.now)
        return 0
    now = ctx.clock.now()
    if args.dry_run:
        due, counts = runner.scan(now)
        _report(ctx, args, due, counts)
        return 0
    result = runner.run(now)
    for channel, reason in result.failures:
        ctx.warn(t("channel_failed", channel=channel, reason=reason))
    _report(ctx, args, result.delivered, None)
    if result.undelivered:
        ctx.warn(t("remind_undelivered", count=len(result.undelivered)))
        return 1
    return 0


def _report(
    ctx: Context, args: argparse.Namespace, reminders: list[Reminder], counts: DayCounts | None
) -> None:
    """What a run delivered, or with ``counts`` (a dry run) what it would deliver."""
    digest_title = t("kind.digest")
    if args.json:
        payload = [reminder_json(r, digest_title) for r in reminders]
        ctx.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    if counts is not None:
        if not reminders:
            ctx.say(t("remind_nothing_due"))
            return
        group_above = ctx.settings.reminders.group_above
        matcher = NameMatcher(ctx.settings.aliases)
        for notice in compose(reminders, counts, ctx.today(), group_above, matcher):
            ctx.say(notice.text)
            ctx.say("")
        return
    if "stdout" not in ctx.settings.reminders.channels:
        tasks = sum(1 for r in reminders if r.kind != DIGEST)
        ctx.say(t("remind_sent", count=tasks))


def _install(ctx: Context) -> int:
    from deadline_tui.reminders.install import plan_install, write_install

    db = ctx.settings.database
    if db.url:
        from deadline_tui.storage.server import redact

        # (the unit file is not a place for a password: libpq reads ~/.pgpass)
        book: Path | str = redact(db.url)
    else:
        book = db.path
    plan = plan_install(ctx.settings.source, book, ctx.settings.reminders.digest_time)
    write_install(plan)
    ctx.say(
        t(
            "remind_installed",
            service=str(plan.service_path),
            timer=str(plan.timer_path),
            enable=plan.enable_command,
            cron=plan.cron_line,
        )
    )
    return 0
