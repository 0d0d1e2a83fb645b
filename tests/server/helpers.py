"""Running the command line in-process with any ``--db`` (a path or a server URL)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from deadline_tui.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``deadline-tui ARGS``."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()
