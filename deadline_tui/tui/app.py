"""The Textual application: screens, key map, the reminder scheduler and the store's lifetime."""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable
from functools import cached_property, partial
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from deadline_tui.config import Settings
from deadline_tui.domain.printable import printable
from deadline_tui.i18n import t
from deadline_tui.services.clock import Clock
from deadline_tui.tui.messages import KeyHandled, ReminderCheckDue
from deadline_tui.tui.screens.main import MainScreen
from deadline_tui.tui.store import BookStore, preload

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.command import Provider
    from textual.screen import Screen

    from deadline_tui.reminders.channels import Channel
    from deadline_tui.reminders.engine import ReminderRules
    from deadline_tui.reminders.notices import Notice
    from deadline_tui.reminders.runner import RunResult
    from deadline_tui.tui.reminders import ReminderSchedule


def _commands_provider() -> type[Provider]:
    from deadline_tui.tui.commands import DeadlineCommands

    return DeadlineCommands


def _rules(settings: Settings) -> ReminderRules:
    from deadline_tui.reminders.setup import rules_from

    return rules_from(settings)


class DeadlineApp(App[int]):
    """deadline-tui's TUI. ``reminders=False`` keeps the scheduler off (tests, benchmarks)."""

    CSS_PATH = "app.tcss"
    # A callable: the provider (and textual.command) load when the palette first opens.
    COMMANDS = App.COMMANDS | {_commands_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", t("key.quit"), show=False, priority=True),
        # Declared here so the key bar and the palette speak the user's language
        # (Textual adds an English "palette" binding when the app has none).
        Binding(
            "ctrl+p",
            "command_palette",
            t("key.palette"),
            show=False,
            priority=True,
            tooltip=t("tip.palette"),
        ),
    ]

    # Keys wait here while the one before is being handled (see on_event).
    _KEY_WAIT_LIMIT = 0.5  # seconds: a key is never held longer than this

    def __init__(
        self,
        settings: Settings,
        store: BookStore | None = None,
        *,
        clock: Clock | None = None,
        reminders: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.store = store or preload(settings, clock)
        self.reminders_enabled = reminders
        self.last_reminders: RunResult | None = None
        self._digest_unseen: RunResult | None = None  # (see _show_digest_when_free)
        self._typed: deque[events.Key] = deque()
        self._key_in_flight_since: float | None = None
        self._key_timer: Timer | None = None

    @cached_property
    def schedule(self) -> ReminderSchedule:
        """The reminder scheduler (made after the first frame: nothing in it is needed sooner)."""
        from deadline_tui.tui.reminders import ReminderSchedule

        return ReminderSchedule(_rules(self.settings), self._reminder_job_fired)

    # -- keys, one at a time -------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Type-ahead: a key goes to the focused widget only once the key before it has
        been handled there and the screen it led to has a focused widget.

        Textual hands each key to the widget focused when it arrives, and that widget
        resolves its bindings later, in its own queue: a key typed right after "n", Tab or
        Escape went to the widget of before (the title instead of the next field, the
        closing summary instead of the main screen) and was lost or misplaced.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._typed.append(event)
            await self._deliver_keys()
            return
        await super().on_event(event)

    def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        self._key_in_flight_since = None
        self.call_later(self._deliver_keys)

    async def _deliver_keys(self) -> None:
        while self._typed and self._key_in_flight_since is None:
            if not self._ready_for_keys():
                quitting = next((key for key in self._typed if self._quits(key)), None)
                if quitting is None:
                    self._retry_keys_soon()
                    return
                self._typed.remove(quitting)  # a quit key never waits behind the others
                await super().on_event(quitting)
                continue
            key = self._typed.popleft()
            self._key_since_ready = None
            await super().on_event(key)
            if key.is_forwarded:  # not taken by a priority binding: wait for its widget
                self._key_in_flight_since = monotonic()
                (self.focused or self.screen).post_message(KeyHandled())
                self._retry_keys_soon()

    _key_since_ready: float | None = None

    def _ready_for_keys(self) -> bool:
        # The main screen takes keys once it holds the whole book, however long that takes:
        # its first view may hold the first rows only (tui.firstview), where End would stop
        # at the last of them, and no change applies before (quit keys pass: _quits).
        # Likewise after Enter or Escape in a filter field, until the table shows the
        # filters typed: the next keys are meant for those rows.
        screen = self.screen
        if isinstance(screen, MainScreen) and screen.holds_keys:
            return False
        # A screen just pushed has no focused widget until it is mounted; a screen with
        # nothing to focus gets its keys after a short wait.
        if self.focused is not None:
            return True
        if screen.is_mounted and not screen.focus_chain:
            return True  # mounted, and nothing to focus: keys go to the screen itself
        now = monotonic()
        if self._key_since_ready is None:
            self._key_since_ready = now
        return now - self._key_since_ready > self._KEY_WAIT_LIMIT

    def _quits(self, key: events.Key) -> bool:
        """Is ``key`` bound to quitting on the current screen (the user's keymap included)?"""
        active = self.screen.active_bindings.get(key.key) if self.screen.is_mounted else None
        return active is not None and active.binding.action in ("quit", "app.quit")

    def _retry_keys_soon(self) -> None:
        if self._key_timer is None:
            self._key_timer = self.set_timer(0.02, self._retry_keys)

    async def _retry_keys(self) -> None:
        self._key_timer = None
        since = self._key_in_flight_since
        if since is not None and monotonic() - since > self._KEY_WAIT_LIMIT:
            self._key_in_flight_since = None  # its widget went away with its screen
        await self._deliver_keys()
        if self._typed or self._key_in_flight_since is not None:
            self._retry_keys_soon()

    # -- Textual's own words, in the user's language ------------------------------------------

    def action_command_palette(self) -> None:
        from deadline_tui.tui.commands import Palette

        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(placeholder=t("palette_placeholder"), id="--command-palette"))

    async def action_quit(self) -> None:
        """Ctrl+Q (and the palette's quit): once the changes typed ahead are made."""
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen):
            await main.changes_done()
        self.exit()

    def action_help_quit(self) -> None:
        # Ctrl+C copies in a field; elsewhere the user most likely wanted to leave.
        self.notify(t("quit_hint"), title=t("quit_hint_title"), markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from textual.app import SystemCommand

        yield SystemCommand(t("sys.theme"), t("sys.theme_help"), self.action_change_theme)
        yield SystemCommand(t("sys.quit"), t("sys.quit_help"), self.action_quit)
        # Textual's own screenshot command says where it saved in English: ours says it in
        # the user's language (after the palette has closed, so it is not in the picture).
        yield SystemCommand(
            t("sys.screenshot"),
            t("sys.screenshot_help"),
            lambda: self.set_timer(0.1, self.save_screenshot_and_say_where),
        )

    def save_screenshot_and_say_where(self) -> None:
        """Save an SVG picture of the screen in the current folder and say where."""
        try:
            path = self.save_screenshot()
        except OSError as error:
            self.notify(
                t("screenshot_failed", reason=error.strerror or str(error)),
                severity="error",
                markup=False,
            )
            return
        self.notify(t("screenshot_saved", path=path), markup=False)

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from deadline_tui.tui.commands import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("palette_themes")))

    def _reminder_job_fired(self) -> None:
        self.post_message(ReminderCheckDue())

    def on_mount(self) -> None:
        self.title = self.settings.office.name
        self.set_keymap(self.settings.keys)

    def get_default_screen(self) -> Screen[None]:
        # The main screen is the app's base screen (not pushed above an empty default
        # one): one screen fewer to build and paint before the first frame.
        return MainScreen()

    def after_first_load(self) -> None:
        """Once the book is on screen: watch the file, top up series, start reminders."""
        # Everything made so far (widgets, the book) lives as long as the app: keep the
        # cyclic GC from rescanning it, and turn it back on (see cli.run_tui).
        gc.freeze()
        gc.enable()
        # The server book says when anyone commits a change (LISTEN/NOTIFY): no polling.
        wait_for_change = getattr(self.store.repo, "wait_for_change", None)
        if wait_for_change is not None:
            self.run_worker(
                partial(self._listen, wait_for_change), thread=True, exit_on_error=False
            )
        else:
            self.set_interval(self.settings.ui.refresh_seconds, self._watch)
        self.run_worker(self._top_up_series(), exit_on_error=False)
        if self.reminders_enabled:
            self.schedule.start(self.store.clock.now())
            self.post_message(ReminderCheckDue(at_start=True))

    def _listen(self, wait_for_change: Callable[[float], bool]) -> None:
        """(a thread) Look for changes whenever the server book announces one."""
        worker = get_current_worker()
        wait_for_change(0)  # listening from here on; a change made before it is seen now:
        self.call_from_thread(self._watch)
        while not worker.is_cancelled:
            if wait_for_change(0.5):
                self.call_from_thread(self._watch)

    def _watch(self) -> None:
        screen = self.screen_stack[0]
        if isinstance(screen, MainScreen):
            screen.check_for_outside_changes()

    def _top_up_on_storage_thread(self) -> int:
        return self.store.service.top_up_series()

    async def _top_up_series(self) -> None:
        created = await self.store.call(self._top_up_on_storage_thread)
        if created:
            self._watch()

    def book_changed(self) -> None:
        """After every change made here: the schedule is rebuilt from the database."""
        if self.reminders_enabled and self.schedule.jobs():
            self.schedule.reschedule(self.store.clock.now())
            self.post_message(ReminderCheckDue())

    # -- reminders -------------------------------------------------------------------------

    def _channels(self, *, at_start: bool) -> list[Channel]:
        from deadline_tui.reminders.channels import CallbackChannel, headless_channels

        names = self.settings.reminders.channels
        channels = headless_channels(names, self.settings.reminders.command)
        if "toast" in names and not at_start:  # at start the digest screen shows them instead
            channels.append(
                CallbackChannel("toast", lambda notice: self.call_from_thread(self._toast, notice))
            )
        if "bell" in names:
            channels.append(
                CallbackChannel("bell", lambda notice: self.call_from_thread(self.bell))
            )
        return channels

    def _toast(self, notice: Notice) -> None:
        self.notify(
            printable(notice.body),
            title=printable(notice.title),
            severity="warning" if notice.urgent else "information",
            markup=False,
            timeout=12,
        )

    async def on_reminder_check_due(self, message: ReminderCheckDue) -> None:
        self.run_worker(
            self._deliver(message.at_start), group="reminders", exclusive=True, exit_on_error=False
        )

    async def _deliver(self, at_start: bool) -> None:
        from deadline_tui.reminders.setup import make_runner

        runner = make_runner(self.store.service, self.settings, self._channels(at_start=at_start))
        result = await self.store.call(runner.run, self.store.clock.now())
        self.schedule.reschedule(self.store.clock.now())
        self.last_reminders = result
        for channel, reason in result.failures:
            self.log.warning(f"reminder channel {channel} failed: {reason}")
        if at_start and result.delivered:
            self._show_digest_when_free(result)

    def _show_digest_when_free(self, result: RunResult) -> None:
        """The digest of the reminders found at start, on the main screen's table when no
        key waits. Over a form, another screen, a filter field or keys typed ahead, a toast
        says which key shows it instead: a screen pushed there (at once or later) would take
        the keys the user is typing, and a "b" in a title would close it."""
        screen = self.screen
        typing = bool(self._typed) or self._key_in_flight_since is not None
        on_table = isinstance(screen, MainScreen) and not isinstance(self.focused, Input)
        held = isinstance(screen, MainScreen) and screen.holds_keys  # (meant for the table)
        if on_table and not held and not typing:
            self.show_digest(result)
            return
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        key = main.key_of("reminder-digest") if main is not None else "b"
        self._digest_unseen = result  # the key shows these reminders with today's picture
        self.notify(t("digest_waiting", key=key), markup=False, timeout=10)

    def show_digest(self, result: RunResult | None) -> None:
        """The digest screen: reminders just delivered (if any; None: those found at start
        and not shown yet) and today's picture."""
        from deadline_tui.tui.screens.digest import DigestScreen

        if result is None:
            result, self._digest_unseen = self._digest_unseen, None
        self.push_screen(DigestScreen([notice for notice, _ in result.notices] if result else []))

    def on_unmount(self) -> None:
        if "schedule" in self.__dict__:  # made (see schedule)
            self.schedule.stop()


def run(settings: Settings, store: BookStore | None = None) -> int:
    """Run the TUI until the user quits; the exit code is non-zero if it crashed."""
    app = DeadlineApp(settings, store)
    try:
        app.run()
    finally:
        app.store.close()
    return app.return_code or 0
