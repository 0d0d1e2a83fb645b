"""The command line's grammar (DESIGN section 7), in one place.

Handlers are named "module:function" and imported only when their command runs, so
``deadline-tui summary`` never pays for importing the import/export or reminder code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from deadline_tui import __version__
from deadline_tui.domain.printable import printable
from deadline_tui.errors import EXIT_USAGE
from deadline_tui.i18n import t

if TYPE_CHECKING:
    from deadline_tui.commands.context import Context

Handler = Callable[["Context", argparse.Namespace], int]
SubParsers: TypeAlias = "argparse._SubParsersAction[Any]"
Register: TypeAlias = "Callable[[SubParsers, argparse.ArgumentParser], None]"

_PACKAGE = "deadline_tui.commands"
SHELLS = ("bash", "zsh", "fish")


def _argparse_text(message: str) -> str:
    """argparse's own text ("usage: ", "options", "invalid choice: ...") in the user's
    language: argparse looks its strings up through gettext's ``_`` by their English
    text, and those are the keys "argparse.<text>" of the catalog."""
    try:
        return t(f"argparse.{message}")
    except KeyError:
        return message  # a text argparse added later: English rather than nothing


def _argparse_plural(singular: str, plural: str, count: int) -> str:
    return _argparse_text(singular if count == 1 else plural)


def _speak_the_users_language() -> None:
    # argparse has no hook for its texts other than gettext, whose catalogs we do not
    # ship; its module functions read ``_`` and ``ngettext`` from the module at call time.
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]


def _positive_count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise argparse.ArgumentTypeError(t("help_limit_invalid", value=text))
    return int(text)


class _Parser(argparse.ArgumentParser):
    """argparse with the usage error in the user's language and exit code 2."""

    _building = False

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self._building = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._building = False

    def add_subparsers(self, **kwargs: Any) -> SubParsers:
        self._building = True
        try:
            return super().add_subparsers(**kwargs)
        finally:
            self._building = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        # While the parser is built, argparse makes a help formatter for every argument
        # only to check its metavar (and, for subcommands, to spell "deadline-tui db");
        # neither reads the width, which a formatter asks of shutil: importing it costs
        # every command ~2 ms. Help and usage texts are still sized to the terminal.
        if self._building:
            return argparse.HelpFormatter(prog=self.prog, width=80)
        return super()._get_formatter()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # The message may quote what was typed: no control character reaches the terminal.
        text = printable(t("cli_usage_error", prog=self.prog, message=message))
        self.exit(EXIT_USAGE, text + "\n")


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar="PATH", default=default, help=t("help_config"))
    parser.add_argument("--db", metavar="PATH", default=default, help=t("help_db"))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; global options are accepted before and after the command.

    Given the name of one of :data:`COMMANDS`, only that command's subparser is built:
    it reads that command's arguments exactly as the whole parser does, without building
    the other 22 with their help texts (~1,7 ms of every command's start).
    """
    _speak_the_users_language()
    parser = _Parser(prog="deadline-tui", description=t("help_program"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"deadline-tui {__version__}",
        help=t("help_version"),
    )
    _global_options(parser, suppress=False)
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, register in COMMANDS.items():
        if command is None or name == command:
            register(commands, common)
    return parser


def handler_of(name: str) -> Handler:
    """Import and return the handler ``"module:function"``."""
    module, _, function = name.partition(":")
    handler: Handler = getattr(importlib.import_module(f"{_PACKAGE}.{module}"), function)
    return handler


def _add(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    add = commands.add_parser("add", parents=[common], help=t("help_add"))
    add.add_argument("title", help=t("help_title"))
    add.add_argument("--unit", required=True, help=t("help_unit"))
    add.add_argument("--due", required=True, help=t("help_due"))
    add.add_argument("--source", help=t("help_source"))
    add.add_argument("--assigned", help=t("help_assigned"))
    add.add_argument("--leader", help=t("help_leader"))
    add.add_argument("--follower", help=t("help_follower"))
    add.add_argument("--support", action="append", metavar="UNIT", help=t("help_support"))
    add.add_argument("--note", help=t("help_note"))
    add.set_defaults(handler="tasks:cmd_add")


def _show(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    show = commands.add_parser("show", parents=[common], help=t("help_show"))
    show.add_argument("id", help=t("help_id"))
    show.set_defaults(handler="tasks:cmd_show")


def _edit(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    edit = commands.add_parser("edit", parents=[common], help=t("help_edit"))
    edit.add_argument("id", help=t("help_id"))
    edit.add_argument("--title", help=t("help_title"))
    edit.add_argument("--unit", help=t("help_unit"))
    edit.add_argument("--due", help=t("help_due"))
    edit.add_argument("--source", help=t("help_source"))
    edit.add_argument("--assigned", metavar="DATE", help=t("help_assigned_edit"))
    edit.add_argument("--leader", help=t("help_leader"))
    edit.add_argument("--follower", help=t("help_follower"))
    edit.add_argument("--support", action="append", metavar="UNIT", help=t("help_support_edit"))
    edit.add_argument("--note", help=t("help_note"))
    edit.set_defaults(handler="tasks:cmd_edit")


def _done(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    done = commands.add_parser("done", parents=[common], help=t("help_done"))
    done.add_argument("id", help=t("help_id"))
    done.add_argument("--on", metavar="DATE", help=t("help_on"))
    done.add_argument("--correct", action="store_true", help=t("help_correct"))
    done.add_argument("--reason", metavar="TEXT", default="", help=t("help_correct_reason"))
    done.add_argument("--result", metavar="TEXT", help=t("help_result"))
    done.set_defaults(handler="tasks:cmd_done")


def _undo(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    undo = commands.add_parser("undo", parents=[common], help=t("help_undo"))
    undo.set_defaults(handler="tasks:cmd_undo")


def _state_change(name: str) -> Register:
    """``reopen``, ``suspend``, ``cancel``: a task id and nothing else."""

    def register(commands: SubParsers, common: argparse.ArgumentParser) -> None:
        parser = commands.add_parser(name, parents=[common], help=t(f"help_{name}"))
        parser.add_argument("id", help=t("help_id"))
        parser.set_defaults(handler=f"tasks:cmd_{name}")

    return register


def _extend(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    extend = commands.add_parser("extend", parents=[common], help=t("help_extend"))
    extend.add_argument("id", help=t("help_id"))
    extend.add_argument("--to", required=True, metavar="DATE", help=t("help_to"))
    extend.add_argument("--reason", required=True, help=t("help_reason"))
    extend.add_argument("--document", help=t("help_document"))
    extend.set_defaults(handler="tasks:cmd_extend")


def _delete(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    delete = commands.add_parser("delete", parents=[common], help=t("help_delete"))
    delete.add_argument("id", help=t("help_id"))
    delete.add_argument("--yes", action="store_true", help=t("help_yes"))
    delete.set_defaults(handler="tasks:cmd_delete")


def _period_options(parser: argparse.ArgumentParser) -> None:
    """The selection by period ``summary`` and ``report`` share (they count the same tasks)."""
    from deadline_tui.reports.period import PERIOD_BY

    parser.add_argument("--period", metavar="P", help=t("help_period"))
    parser.add_argument("--from", dest="period_from", metavar="DATE", help=t("help_period_from"))
    parser.add_argument("--to", dest="period_to", metavar="DATE", help=t("help_period_to"))
    parser.add_argument(
        "--period-by", choices=PERIOD_BY, default="assigned", help=t("help_period_by")
    )


def _status_filter(text: str) -> str:
    """``--status`` by a filter's own name or a Vietnamese one ("quá hạn", "qua han")."""
    from deadline_tui.services.query import status_filter_named, status_names_text

    name = status_filter_named(text)
    if name is None:
        raise argparse.ArgumentTypeError(
            t("status_unknown", value=text, allowed=status_names_text())
        )
    return name


def _list(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    from deadline_tui.services.query import SORT_KEYS, STATUS_FILTERS, status_names_text

    listing = commands.add_parser("list", parents=[common], help=t("help_list"))
    listing.add_argument(
        "--status",
        default="all",
        type=_status_filter,
        choices=list(STATUS_FILTERS),  # what the names above come to (and shell completion)
        metavar="S",
        help=t("help_status", allowed=status_names_text()),
    )
    listing.add_argument("--unit", help=t("help_filter_unit"))
    listing.add_argument("--source", help=t("help_filter_source"))
    listing.add_argument("--leader", help=t("help_filter_leader"))
    listing.add_argument("--search", metavar="TEXT", help=t("help_search"))
    listing.add_argument("--as-of", metavar="DATE", help=t("help_as_of"))
    listing.add_argument("--sort", default="urgency", choices=SORT_KEYS, help=t("help_sort"))
    listing.add_argument("--reverse", action="store_true", help=t("help_reverse"))
    listing.add_argument("--limit", type=_positive_count, metavar="N", help=t("help_limit"))
    listing.add_argument("--json", action="store_true", help=t("help_json"))
    listing.set_defaults(handler="listing:cmd_list")


def _summary(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    from deadline_tui.reports.figures import GROUPINGS

    summary = commands.add_parser("summary", parents=[common], help=t("help_summary"))
    summary.add_argument("--as-of", metavar="DATE", help=t("help_as_of"))
    _period_options(summary)
    summary.add_argument("--by", choices=GROUPINGS, help=t("help_by"))
    summary.add_argument("--json", action="store_true", help=t("help_json"))
    summary.set_defaults(handler="summary:cmd_summary")


def _remind(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    remind = commands.add_parser("remind", parents=[common], help=t("help_remind"))
    remind.add_argument("--now", metavar="DATETIME", help=t("help_now"))
    remind.add_argument("--dry-run", action="store_true", help=t("help_dry_run_remind"))
    remind.add_argument("--json", action="store_true", help=t("help_json"))
    mode = remind.add_mutually_exclusive_group()
    mode.add_argument("--daemon", action="store_true", help=t("help_daemon"))
    mode.add_argument("--install", action="store_true", help=t("help_install"))
    remind.set_defaults(handler="reminding:cmd_remind")


def _import(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    importing = commands.add_parser("import", parents=[common], help=t("help_import"))
    importing.add_argument("file")
    importing.add_argument("--dry-run", action="store_true", help=t("help_dry_run_import"))
    importing.add_argument(
        "--allow-duplicates", action="store_true", help=t("help_allow_duplicates")
    )
    importing.add_argument("--yes", action="store_true", help=t("help_yes_import"))
    importing.add_argument("--dated", metavar="DATE", help=t("help_dated"))
    importing.set_defaults(handler="transfer:cmd_import")


def _extract(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    extracting = commands.add_parser("extract", parents=[common], help=t("help_extract"))
    extracting.add_argument("file", help=t("help_extract_file"))
    extracting.add_argument("--json", action="store_true", help=t("help_json"))
    extracting.add_argument("--dated", metavar="DATE", help=t("help_dated"))
    extracting.set_defaults(handler="extracting:cmd_extract")


def _export(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    exporting = commands.add_parser("export", parents=[common], help=t("help_export"))
    exporting.add_argument("file")
    exporting.set_defaults(handler="transfer:cmd_export")


def _backups(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    backups = commands.add_parser("backups", parents=[common], help=t("help_backups"))
    backups.set_defaults(handler="restore:cmd_backups")


def _restore(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    restore = commands.add_parser("restore", parents=[common], help=t("help_restore"))
    restore.add_argument("backup", nargs="?", help=t("help_restore_file"))
    restore.add_argument("--yes", action="store_true", help=t("help_restore_yes"))
    restore.set_defaults(handler="restore:cmd_restore")


def _init(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser("init", parents=[common], help=t("help_init"))
    init.add_argument("path", help=t("help_init_path"))
    init.set_defaults(handler="restore:cmd_init")


def _db(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    db = commands.add_parser("db", parents=[common], help=t("help_db_command"))
    actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", parents=[common], help=t("help_db_upgrade"))
    upgrade.set_defaults(handler="server:cmd_db")
    push = actions.add_parser("push", parents=[common], help=t("help_db_push"))
    push.add_argument("file", metavar="FILE", help=t("help_db_push_file"))
    push.set_defaults(handler="server:cmd_db")


def _log(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    log = commands.add_parser("log", parents=[common], help=t("help_log"))
    log.add_argument("id")
    log.set_defaults(handler="server:cmd_log")


def _completion(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    completion = commands.add_parser("completion", parents=[common], help=t("help_completion"))
    completion.add_argument("shell", choices=SHELLS, help=t("help_shell"))
    completion.set_defaults(handler="completion:cmd_completion")


def _report(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    # The same selection as `summary` (so both count the same tasks), grouped by unit
    # unless told otherwise, and a file to write.
    from deadline_tui.reports.figures import GROUPINGS

    report = commands.add_parser("report", parents=[common], help=t("help_report"))
    report.add_argument("--as-of", metavar="DATE", help=t("help_as_of"))
    _period_options(report)
    report.add_argument("--by", choices=GROUPINGS, default="unit", help=t("help_by"))
    report.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=t("help_report_output")
    )
    report.set_defaults(handler="report:cmd_report")


COMMANDS: dict[str, Register] = {
    "add": _add,
    "show": _show,
    "edit": _edit,
    "done": _done,
    "undo": _undo,
    "reopen": _state_change("reopen"),
    "suspend": _state_change("suspend"),
    "cancel": _state_change("cancel"),
    "extend": _extend,
    "delete": _delete,
    "list": _list,
    "summary": _summary,
    "remind": _remind,
    "import": _import,
    "extract": _extract,
    "export": _export,
    "backups": _backups,
    "restore": _restore,
    "init": _init,
    "db": _db,
    "log": _log,
    "completion": _completion,
    "report": _report,
}
"""Every command, in the order ``--help`` lists them, with the function that adds its
subparser; ``args.handler`` names the function that runs it."""
