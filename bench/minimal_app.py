"""The TUI baseline: the smallest Textual app that puts one line on the screen.

DESIGN section 10 budgets our first frame relative to this app, so the budget measures
what we add on top of Python and Textual themselves. It is run as a script (not through
the ``bench`` package) so that it imports nothing but Textual; the line to show is its
first argument, so the benchmark alone decides the marker it waits for.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App[None]):
    """One Static line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        yield Static(self.line)


if __name__ == "__main__":
    MinimalApp(sys.argv[1] if len(sys.argv) > 1 else "READY").run()
