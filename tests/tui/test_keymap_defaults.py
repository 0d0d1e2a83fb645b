"""The config's default keys are the screens' keys (the [keys] clash check relies on it)."""

from __future__ import annotations

from textual.binding import Binding

from deadline_tui.keymap import DEFAULT_KEYS
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.screens.summary import SummaryScreen


def test_default_keys_match_the_screens_bindings() -> None:
    declared = {
        b.id: b.key
        for screen in (MainScreen, SummaryScreen)
        for b in screen.BINDINGS
        if isinstance(b, Binding) and b.id
    }
    assert declared == DEFAULT_KEYS
