"""The key bar: the keys that apply now, on one line of text.

Why not Textual's Footer: it removes and mounts one widget per key, then lays out the
whole screen, on every focus change (the keys on show do change when the cursor moves
into a text field, where letters type instead of acting). That cost 60-130 ms per focus
change at any book size (bench/keys.py, "focus search" and "back to table"). One line
of text that is repainted when its keys change costs a few milliseconds, and never
moves anything else on screen.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

# (key, key as shown, description, enabled)
Shown = tuple[tuple[str, str, str, bool], ...]


class KeyBar(Static):
    """The bottom line: "n Thêm  e Sửa  d Hoàn thành …   ^p Bảng lệnh"; click a key to press it."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._shown: Shown = ()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        app = self.app
        palette: tuple[str, str, str, bool] | None = None
        keys: list[tuple[str, str, str, bool]] = []
        for _, binding, enabled, _ in screen.active_bindings.values():
            if binding.action in ("command_palette", "app.command_palette"):
                palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
            elif binding.show:
                keys.append(
                    (binding.key, app.get_key_display(binding), binding.description, enabled)
                )
        if palette is not None:
            keys.append(palette)
        shown = tuple(keys)
        if shown == self._shown:
            return
        self._shown = shown
        self.update(self._content(shown), layout=False)

    def _content(self, shown: Shown) -> Content:
        parts: list[str | tuple[str, str]] = []
        self._spans = []
        position = 0
        for number, (key, display, description, enabled) in enumerate(shown):
            last = number == len(shown) - 1
            if last and key == "ctrl+p":
                parts.append("  │")
                position += 3
            text_key, text_description = f" {display} ", f"{description} "
            muted = "" if enabled else " dim"
            parts += [
                (text_key, f"bold $footer-key-foreground{muted}"),
                (text_description, f"$footer-description-foreground{muted}"),
            ]
            width = len(text_key) + len(text_description)
            self._spans.append((position, position + width, key))
            position += width
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
