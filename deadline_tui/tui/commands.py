"""Every action in the command palette, grouped ("Đầu việc: Thêm mới", "Lọc: Quá hạn")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from deadline_tui.domain.vntext import fold
from deadline_tui.i18n import t
from deadline_tui.tui.widgets.filter_bar import STATUS_CHOICES

# (group message id, label message id, main-screen action)
_ACTIONS = (
    ("group.task", "key.new", "new_task"),
    ("group.task", "key.edit", "edit_task"),
    ("group.task", "key.done", "mark_done"),
    ("group.task", "key.reopen", "reopen_task"),
    ("group.task", "key.extend", "extend_deadline"),
    ("group.task", "key.suspend", "suspend_task"),
    ("group.task", "key.cancel", "cancel_task"),
    ("group.task", "key.delete", "delete_task"),
    ("group.task", "key.undo", "undo"),
    ("group.task", "key.import_document", "import_document"),
    ("group.view", "key.summary", "summary"),
    ("group.view", "key.digest", "reminder_digest"),
    ("group.view", "key.month", "month_view"),
    ("group.view", "key.sort", "sort"),
    ("group.view", "key.help", "help"),
    ("group.filter", "key.search", "search"),
    ("group.filter", "key.as_of", "as_of"),
    ("group.filter", "key.clear", "clear_filters"),
)


class DeadlineCommands(Provider):
    """Commands of the main screen, plus one per status filter."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from deadline_tui.tui.screens.main import MainScreen

        screen = self.screen  # the screen the palette was opened from
        if not isinstance(screen, MainScreen):
            return []
        commands: list[tuple[str, Callable[[], object], str]] = []
        for group, label, action in _ACTIONS:
            if screen.check_action(action, ()) is False:
                continue
            commands.append(
                (f"{t(group)}: {t(label)}", partial(screen.run_action, action), t(f"tip.{action}"))
            )
        for status in STATUS_CHOICES:
            commands.append(
                (
                    f"{t('group.filter')}: {t(f'filter.{status}')}",
                    partial(screen.set_status_filter, status),
                    t("tip.filter_status"),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(text, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        # Match without diacritics, so "gia han" finds "Gia hạn".
        matcher = self.matcher(fold(query))
        for text, command, help_text in self._commands():
            score = matcher.match(fold(text))
            if score > 0:
                yield Hit(score, Content(text), command, text=text, help=help_text)


class Palette(CommandPalette):
    """Textual's command palette, saying that nothing matches in the user's language.

    Textual writes "No matches found" in a timer callback with no attribute to set, so
    this is the one method taken over: the same half-second wait and the same option
    (Textual's id, so the palette removes it again at the next keystroke), our words.
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette_no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # discovery mode: an empty list needs no comment
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
