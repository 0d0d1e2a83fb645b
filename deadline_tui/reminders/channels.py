"""Where notices go: desktop notification, a user command, stdout, or a callback (the
TUI's toast and bell). A channel that is unavailable or fails raises
:class:`ChannelError`; it never prints onto the terminal and never crashes the caller."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from deadline_tui.domain.printable import one_line, printable
from deadline_tui.reminders.notices import Notice

APP_NAME = "deadline-tui"


class ChannelError(Exception):
    """The channel could not carry the notice; ``reason`` says why, for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Channel(Protocol):
    """Something that carries notices."""

    name: str

    def send(self, notice: Notice) -> None:
        """Deliver, or raise :class:`ChannelError`."""
        ...


def server_body(text: str) -> str:
    """A notification body for a desktop server: no control character (a NUL cannot be
    passed as an argument at all) and ``&``, ``<``, ``>`` escaped. Servers that
    advertise "body-markup" (dunst, GNOME, KDE, xfce4-notifyd, mako) read the body as
    markup, so a title such as "<b>Báo cáo</b>" would otherwise lose its tags."""
    safe = printable(text)
    return safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def dbus_session_available() -> bool:
    """True when a D-Bus session bus can be reached (Linux desktop notifications need it)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    uid = os.getuid() if hasattr(os, "getuid") else None
    return uid is not None and Path(f"/run/user/{uid}/bus").exists()


@dataclass
class DesktopChannel:
    """A desktop notification: ``notify-send`` where installed (its exit code tells whether
    it worked), else desktop-notifier, whose success we learn from its dispatch callback
    because its ``send()`` returns normally even when nothing was shown."""

    name: str = "desktop"
    timeout: float = 10.0

    def send(self, notice: Notice) -> None:
        if sys.platform.startswith("linux") and not dbus_session_available():
            raise ChannelError("no D-Bus session")
        notify_send = shutil.which("notify-send") if sys.platform.startswith("linux") else None
        if notify_send:
            self._notify_send(notify_send, notice)
        else:
            self._desktop_notifier(notice)

    def _notify_send(self, program: str, notice: Notice) -> None:
        urgency = "critical" if notice.urgent else "normal"
        try:
            # stdin/stdout/stderr captured: its complaints must not land on the TUI's screen.
            # "--" ends the options: a summary that begins with "-" is still text.
            argv = [program, "--app-name", APP_NAME, "--urgency", urgency, "--"]
            result = subprocess.run(
                [*argv, one_line(notice.title), server_body(notice.body)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ChannelError(f"notify-send: {error}") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip()[-200:]
            raise ChannelError(f"notify-send exit {result.returncode}: {detail}")

    def _desktop_notifier(self, notice: Notice) -> None:
        # Imported here: asyncio and logging cost a `remind --dry-run` ~15 ms for nothing.
        import asyncio
        import logging

        try:
            from desktop_notifier import DesktopNotifier, Urgency
        except ImportError as error:
            raise ChannelError(f"desktop-notifier: {error}") from None
        # Its failures are logged as warnings; keep them off the terminal.
        library_log = logging.getLogger("desktop_notifier")
        library_log.propagate = False
        if not library_log.handlers:
            library_log.addHandler(logging.NullHandler())
        dispatched: list[bool] = []

        async def deliver() -> None:
            notifier = DesktopNotifier(app_name=APP_NAME)
            # Only Linux servers read the body as markup; elsewhere it is shown as is.
            linux = sys.platform.startswith("linux")
            await notifier.send(
                title=one_line(notice.title),
                message=server_body(notice.body) if linux else printable(notice.body),
                urgency=Urgency.Critical if notice.urgent else Urgency.Normal,
                on_dispatched=lambda: dispatched.append(True),
            )

        try:
            asyncio.run(asyncio.wait_for(deliver(), self.timeout))
        except Exception as error:  # any failure of the library is a failed delivery
            raise ChannelError(f"desktop-notifier: {error!r}") from None
        if not dispatched:
            raise ChannelError("desktop-notifier did not dispatch the notification")


@dataclass
class CommandChannel:
    """Runs the user's command (e.g. a chat-bot script) with the notice on stdin."""

    command: str
    name: str = "command"
    timeout: float = 30.0

    def send(self, notice: Notice) -> None:
        if not self.command.strip():
            raise ChannelError("no command configured")
        try:
            argv = shlex.split(self.command)
        except ValueError as error:
            raise ChannelError(f"command: {error}") from None
        env = {
            **os.environ,
            "DEADLINE_TUI_TITLE": one_line(notice.title),  # an environment value holds no NUL
            "DEADLINE_TUI_URGENT": "1" if notice.urgent else "0",
        }
        try:
            result = subprocess.run(
                argv,
                input=printable(notice.text).encode("utf-8"),
                capture_output=True,
                timeout=self.timeout,
                env=env,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ChannelError(f"{argv[0]}: {error}") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip()[-200:]
            raise ChannelError(f"{argv[0]} exit {result.returncode}: {detail}")


@dataclass
class StreamChannel:
    """Plain text on a stream: stdout of the headless runner (cron mails it)."""

    stream: TextIO = field(default_factory=lambda: sys.stdout)
    name: str = "stdout"

    def send(self, notice: Notice) -> None:
        try:
            print(printable(notice.text), file=self.stream, flush=True)
            print(file=self.stream, flush=True)
        except (OSError, ValueError) as error:
            raise ChannelError(str(error)) from None


@dataclass
class CallbackChannel:
    """Hands notices to a function (the TUI's toast and bell)."""

    name: str
    callback: Callable[[Notice], None]

    def send(self, notice: Notice) -> None:
        try:
            self.callback(notice)
        except Exception as error:
            raise ChannelError(repr(error)) from None


def headless_channels(
    names: tuple[str, ...], command: str, stream: TextIO | None = None
) -> list[Channel]:
    """The configured channels that make sense without the TUI (no toast, no bell);
    "stdout" only when a stream is given."""
    channels: list[Channel] = []
    for name in names:
        if name == "desktop":
            channels.append(DesktopChannel())
        elif name == "command":
            channels.append(CommandChannel(command))
        elif name == "stdout" and stream is not None:
            channels.append(StreamChannel(stream))
    return channels
