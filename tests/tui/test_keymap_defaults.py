"""The config's default keys are the main screen's keys (the [keys] clash check relies on it)."""

from __future__ import annotations

from textual.binding import Binding

from deadline_tui.keymap import DEFAULT_KEYS
from deadline_tui.tui.screens.main import MainScreen


def test_default_keys_match_the_main_screens_bindings() -> None:
    declared = {b.id: b.key for b in MainScreen.BINDINGS if isinstance(b, Binding) and b.id}
    assert declared == DEFAULT_KEYS
