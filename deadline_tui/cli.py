"""The ``deadline-tui`` command line (DESIGN section 7).

Exit codes: 0 success, 1 bad input or data error (the message says what and where),
2 usage or config error. The TUI is imported inside a function, so no other command
pays for importing Textual.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from deadline_tui.config import Settings, choose_database, load_settings, read_config
from deadline_tui.domain.printable import printable
from deadline_tui.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, ConfigError, UserError
from deadline_tui.i18n import set_language, t

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from deadline_tui.domain.workdays import WorkCalendar
    from deadline_tui.extract.model import Document
    from deadline_tui.services.document_import import Reviewed


# The last command's context (with the book it read) stays referenced after main()
# returns, so entry()'s quick exit skips freeing it object by object (20-30 ms at 20.000
# tasks). Only the latest is kept when main() runs several times in one process.
_RETAINED: list[object] = []


def run_tui(settings: Settings) -> int:
    """Open the TUI (the only place that imports Textual).

    Reading the book starts before Textual is imported: the first screen is worked out
    in a child process on the other core (tui.firstview), the whole book on the store's
    thread once that screen is up.
    """
    # The cyclic GC would rescan every object made while Textual starts and the book
    # loads (they all live for the session); the app freezes them and re-enables the GC
    # once the first frame is up.
    gc.disable()
    from deadline_tui.tui.store import preload

    store = preload(settings, in_child=True)
    from deadline_tui.tui.app import run

    return run(settings, store)


def review_document(
    document: Document, today: date, units: list[str], calendar: WorkCalendar
) -> Reviewed | None:
    """The TUI's review of a document's drafts, for ``import NOTICE`` on a terminal
    (working days counted on the config's ``[calendar]``, as the import will)."""
    from deadline_tui.tui.screens.review import review_in_app

    return review_in_app(document, today, units, calendar)


def _language_hint(argv: Sequence[str]) -> tuple[str | None, Settings | None]:
    """The config named (``--config``, or None) and, when it could be read, its settings.

    Help texts are built before the arguments are parsed; the language is taken from the
    config early (errors are ignored here, and reported once the arguments are parsed).
    """
    config = None
    for index, arg in enumerate(argv):
        if arg == "--config" and index + 1 < len(argv):
            config = argv[index + 1]
        elif arg.startswith("--config="):
            config = arg.split("=", 1)[1]
    settings = None
    with contextlib.suppress(UserError, OSError):
        settings = read_config(config)
        set_language(settings.ui.language)
    return config, settings


def entry() -> NoReturn:
    """The ``deadline-tui`` script: :func:`main`, then a quick exit.

    Tearing down the interpreter frees every object and module one by one: 6,5-8,3 ms a
    command (a tenth of `summary` at 2.231 tasks; bench/RESULTS.md), spent after the work
    is done and safely on disk. So when nothing else is running, output is flushed, exit
    handlers run, and the process ends at once. With another thread still alive (one that
    may be finishing a write), the normal exit waits for it.
    """
    code = main()
    # No command imports threading unless it starts a thread (importing it to ask would
    # cost every command ~0,5 ms).
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _leading_options(arguments: Sequence[str]) -> tuple[str | None, str | None, int] | None:
    """(config, db, index of the first other argument) when the arguments start with
    nothing but ``--config`` and ``--db`` with their values, read as argparse reads them;
    None for anything else (another option, an abbreviation, a missing value), which only
    the whole parser may read."""
    found: dict[str, str | None] = {"config": None, "db": None}
    index = 0
    while index < len(arguments) and arguments[index].startswith("-"):
        name, equals, value = arguments[index].partition("=")
        key = name[2:] if name in ("--config", "--db") else None
        if key is None:
            return None
        if not equals:
            index += 1
            if index == len(arguments) or arguments[index].startswith("-"):
                return None  # a missing value: the full parser says so
            value = arguments[index]
        found[key] = value
        index += 1
    return found["config"], found["db"], index


def _tui_arguments(arguments: Sequence[str]) -> tuple[str | None, str | None] | None:
    """(config, db) when the arguments can only mean "open the TUI" (nothing but
    ``--config`` and ``--db`` with their values), read without argparse and the whole
    parser, which has every command and costs the TUI's start ~25 ms. None when the
    full parser must read them."""
    leading = _leading_options(arguments)
    if leading is None or leading[2] < len(arguments):
        return None
    return leading[0], leading[1]


def _command_named(arguments: Sequence[str]) -> str | None:
    """The command the arguments name when the parser may be built for it alone (see
    :func:`build_parser`); None when it needs every command: ``--help`` or ``--version``
    before the command, an unknown command (the error lists them all), no command."""
    from deadline_tui.commands.parser import COMMANDS

    leading = _leading_options(arguments)
    if leading is None or leading[2] == len(arguments):
        return None
    word = arguments[leading[2]]
    return word if word in COMMANDS else None


def _complain(text: str) -> None:
    """A message on stderr, without control characters (it may quote what was typed)."""
    print(printable(text), file=sys.stderr)


def _refused_undecodable(arguments: Sequence[str]) -> bool:
    """True (and said) when an argument is not valid UTF-8.

    Python hands such bytes over as lone surrogates ("surrogateescape"); they cannot be
    printed, stored or matched, so they are refused before anything else reads them.
    """
    for position, argument in enumerate(arguments, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "replace").decode("utf-8")
            _complain(t("cli_argument_not_utf8", position=position, value=shown))
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deadline-tui`` script; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if _refused_undecodable(arguments):
        return EXIT_USAGE
    quick = _tui_arguments(arguments)
    args: argparse.Namespace | None = None
    hint: tuple[str | None, Settings | None] = (None, None)
    if quick is None:
        from deadline_tui.commands.parser import build_parser

        hint = _language_hint(arguments)
        args = build_parser(_command_named(arguments)).parse_args(arguments)
        config, db, command = args.config, args.db, args.command
    else:
        (config, db), command = quick, None
    try:
        # The config the hint read is the one the arguments name: not read a second time.
        read = hint[1] if hint[1] is not None and hint[0] == config else None
        settings = load_settings(config, db) if read is None else choose_database(read, db)
    except ConfigError as error:
        _complain(error.message())
        return EXIT_USAGE
    set_language(settings.ui.language)
    if command is None:
        try:
            return run_tui(settings)
        except UserError as error:
            _complain(error.message())
            return error.exit_code
    assert args is not None  # a command was named, so the full parser read the arguments
    return _run_command(settings, args)


def _run_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run the command's handler; every user mistake becomes a message and an exit code."""
    from deadline_tui.commands.context import CREATING_HANDLERS, Context
    from deadline_tui.commands.parser import handler_of

    if not getattr(args, "daemon", False):
        # A command runs for a moment and exits; the book's objects form no reference
        # cycles, so the cyclic GC would only rescan 100.000s of objects for nothing.
        gc.disable()
    ctx = Context(settings, creates_book=args.handler in CREATING_HANDLERS, review=review_document)
    _RETAINED[:] = [ctx]  # see _RETAINED
    try:
        return handler_of(args.handler)(ctx, args)
    except UserError as error:
        _complain(error.message())
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `deadline-tui list | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # a bug, not a user mistake: say so briefly, details on request
        if os.environ.get("DEADLINE_TUI_DEBUG"):
            import traceback  # here: ~6 ms of every command's start otherwise

            traceback.print_exc()
        _complain(t("cli_internal_error", error=f"{type(error).__name__}: {error}"))
        return EXIT_BAD_INPUT
    finally:
        ctx.close()
