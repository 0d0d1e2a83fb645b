"""Help: every key (as remapped by the config, with its id for remapping) and how to
write deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from deadline_tui.i18n import t

if TYPE_CHECKING:
    from deadline_tui.tui.app import DeadlineApp

# Deadline phrases shown as examples, with what they mean.
_PHRASES = (
    "31/01/2021",
    "trước ngày 20 hàng tháng",
    "trong tháng 7/2021",
    "quý III/2021",
    "6 tháng đầu năm 2021",
    "cuối năm 2021",
    "trong 10 ngày kể từ ngày ký",
    "15 ngày làm việc",
    "trước ngày 15/12 hằng năm",
    "thường xuyên",
)


def key_lines(app: App[int], keys: Mapping[str, str]) -> Content:
    """The main screen's keys, after the user's remapping, as the terminal shows them."""
    from deadline_tui.tui.screens.main import MainScreen

    parts: list[str | tuple[str, str]] = []
    for binding in MainScreen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        shown = replace(binding, key=keys.get(binding.id, binding.key), key_display=None)
        key = app.get_key_display(shown)
        parts += [
            (f"{key:>10}  ", "bold $text-accent"),
            f"{binding.description:<28}",
            (f"{binding.id}\n", "$text-muted"),
        ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and deadline phrases; any key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", t("summary_close"))
    ]

    def compose(self) -> ComposeResult:
        app: DeadlineApp = self.app  # type: ignore[assignment]
        with VerticalScroll(classes="dialog", id="help"):
            yield Label(Content(t("help_heading")), classes="dialog-title")
            yield Static(key_lines(app, app.settings.keys))
            yield Label(Content(t("help_palette")))
            yield Label(Content(t("help_phrases")), classes="section-title")
            yield Static(Content("\n".join(_PHRASES)))
            yield Label(Content(t("help_files")), classes="section-title")
            yield Static(
                Content(
                    t(
                        "help_files_body",
                        db=str(app.settings.database.path),
                        config=str(app.settings.source or "–"),
                    )
                )
            )

    def action_close(self) -> None:
        self.dismiss(None)
