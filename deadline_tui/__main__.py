"""``python -m deadline_tui``: the same entry point as the ``deadline-tui`` script."""

from deadline_tui.cli import entry

entry()
