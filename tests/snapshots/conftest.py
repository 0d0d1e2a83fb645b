"""The snapshot tests reuse the TUI fixtures."""

from tests.tui.conftest import make_app  # noqa: F401
