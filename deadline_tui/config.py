"""Settings, read from TOML with tomllib and validated before anything starts.

A wrong key or value stops the program with exit code 2 and a message naming the file,
the key and what is allowed. Config is data: nothing in it is ever executed, except
the reminder ``command``, which the user sets explicitly for that purpose.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from deadline_tui.domain.vntext import Rounding
from deadline_tui.errors import ConfigError
from deadline_tui.i18n import LANGUAGES, Language, t
from deadline_tui.paths import DB_ENV, find_config, resolve_database

if TYPE_CHECKING:
    from deadline_tui.domain.workdays import WorkCalendar

CHANNELS = ("desktop", "toast", "bell", "command", "stdout")

# Binding ids the [keys] table may remap; the TUI declares its bindings with these ids
# (a test keeps the two lists equal).
BINDING_IDS = (
    "new-task",
    "import-document",
    "edit-task",
    "mark-done",
    "reopen-task",
    "extend-deadline",
    "suspend-task",
    "cancel-task",
    "delete-task",
    "undo",
    "search",
    "summary",
    "write-report",
    "filter-status",
    "as-of",
    "clear-filters",
    "sort",
    "reminder-digest",
    "month-view",
    "help",
    "quit",
)


class OfficeSettings(NamedTuple):
    name: str = "Văn phòng UBND tỉnh"
    """Office name shown in the TUI header and report titles."""
    place: str = ""
    """Where the office is, for the date line of reports ("Hà Tĩnh, ngày 30 tháng 11 năm
    2026"); empty leaves "……" to fill in by hand."""


class UiSettings(NamedTuple):
    language: Language = "vi"
    """Language of every message: "vi" or "en"."""
    warning_days: int = 3
    """Days before a deadline when an open task is flagged due soon ("sắp đến hạn")."""
    refresh_seconds: float = 2.0
    """How often the TUI looks for changes made by other programs."""


class DatabaseSettings(NamedTuple):
    path: Path = Path("data/tasks.json")
    """The database file; once loaded it is absolute (relative to the config file)."""
    backups: int = 10
    """How many rotating backups to keep; 0 turns backups off."""
    backup_interval_minutes: float = 60.0
    """Minimum minutes between two backups."""
    lock_timeout_seconds: float = 15.0
    """Seconds to wait for another program's lock before reporting the database busy."""
    url: str = ""
    """The office server book, ``postgresql://user@host/dbname?sslmode=require`` (DESIGN
    section 11); when set, ``path`` is not used. Keep the password out of it: libpq reads
    ``~/.pgpass``, ``PGSERVICE`` or ``PGPASSWORD``."""


class UserSettings(NamedTuple):
    name: str = ""
    """Who you are in the server book's change log (default: the database role)."""


class FigureSettings(NamedTuple):
    rounding: Rounding = "half_up"
    """Percentage rounding: "half_up" (30,77 -> 30,8) or "down" (30,77 -> 30,7)."""
    decimals: int = 1
    """Decimals shown in percentages."""


class ReminderSettings(NamedTuple):
    lead_days: tuple[int, ...] = (7, 3, 1, 0)
    """Days before the deadline when a reminder goes out; 0 is the deadline day."""
    digest_time: time = time(7, 30)
    """Time of day of the daily digest and of that day's reminders."""
    repeat_overdue: bool = True
    """Remind every day while a task stays overdue (false: once, on the first overdue day)."""
    channels: tuple[str, ...] = ("desktop", "toast", "bell", "stdout")
    """Channels used, among desktop, toast, bell, command, stdout."""
    command: str = ""
    """Program that receives each message on stdin when "command" is a channel."""
    group_above: int = 3
    """More reminders than this at once are grouped into one digest message."""


class CalendarSettings(NamedTuple):
    days_off: tuple[date, ...] = ()
    """The province's own days off (e.g. a decision of the provincial People's Committee),
    as "DD/MM/YYYY" strings; skipped by "N ngày làm việc" like public holidays."""
    working_days: tuple[date, ...] = ()
    """Days worked although they are weekends or holidays (a make-up Saturday the
    national calendar does not know yet)."""

    def work_calendar(self) -> WorkCalendar:
        """The calendar "N ngày làm việc" counts on."""
        from deadline_tui.domain.workdays import WorkCalendar

        return WorkCalendar(self.days_off, self.working_days)


class Settings(NamedTuple):
    """Everything the config file sets, validated. (The settings classes are immutable
    NamedTuples: they are built once per run and tuples are quicker to define than frozen
    dataclasses, which matters to a command that runs for a fifth of a second.)"""

    office: OfficeSettings = OfficeSettings()
    ui: UiSettings = UiSettings()
    database: DatabaseSettings = DatabaseSettings()
    figures: FigureSettings = FigureSettings()
    reminders: ReminderSettings = ReminderSettings()
    user: UserSettings = UserSettings()
    keys: Mapping[str, str] = MappingProxyType({})
    """Binding id -> key, e.g. {"new-task": "ctrl+n"}."""
    calendar: CalendarSettings = CalendarSettings()
    aliases: Mapping[str, str] = MappingProxyType({})
    """Abbreviation -> full words, matched like names: "SKHĐT" = "Sở Kế hoạch và Đầu tư".
    "UBND" = "Ủy ban nhân dân" is always known."""
    source: Path | None = None
    """The config file these settings came from (None: built-in defaults)."""


# --- validation ------------------------------------------------------------------------

Check = Callable[[Any], Any]


class _Invalid(Exception):
    def __init__(self, allowed: str) -> None:
        super().__init__(allowed)
        self.allowed = allowed


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid("text")
    return value


def _choice(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise _Invalid(", ".join(f'"{c}"' for c in choices))
        return str(value)

    return check


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Invalid(f"{low}–{high}")
        return value

    return check


def _number(low: float, high: float) -> Check:
    def check(value: Any) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise _Invalid(f"{low:g}–{high:g}")
        return float(value)

    return check


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("true, false")
    return value


def _clock(value: Any) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise _Invalid('"HH:MM", 00:00–23:59')
    return time(int(match[1]), int(match[2]))


def _server_url(value: Any) -> str:
    from deadline_tui.storage.server import is_server_url

    if not is_server_url(value):
        raise _Invalid('"postgresql://user@host/dbname"')
    return str(value).strip()


def _day_list(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 365 for v in value
    ):
        raise _Invalid("a list of whole days 0–365, e.g. [7, 3, 1, 0]")
    return tuple(sorted(set(value), reverse=True))


def _date_list(value: Any) -> tuple[date, ...]:
    allowed = 'a list of dates such as ["02/09/2027", "03/09/2027"]'
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(allowed)
    if not value:
        return ()  # the config file as shipped: no need for the date reader (~1 ms)
    from deadline_tui.domain.deadlines import parse_date
    from deadline_tui.errors import InputError

    try:
        return tuple(sorted({parse_date(v) for v in value}))
    except InputError:
        raise _Invalid(allowed) from None


def _channel_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(v in CHANNELS for v in value):
        raise _Invalid("a list of " + ", ".join(f'"{c}"' for c in CHANNELS))
    return tuple(dict.fromkeys(value))


_SCHEMA: dict[str, dict[str, Check]] = {
    "office": {"name": _text, "place": _text},
    "ui": {
        "language": _choice(*LANGUAGES),
        "warning_days": _integer(0, 60),
        "refresh_seconds": _number(0.5, 600),
    },
    "database": {
        "path": _text,
        "backups": _integer(0, 1000),
        "backup_interval_minutes": _number(0, 60 * 24 * 30),
        "lock_timeout_seconds": _number(1, 600),
        "url": _server_url,
    },
    "user": {"name": _text},
    "figures": {"rounding": _choice("half_up", "down"), "decimals": _integer(0, 3)},
    "reminders": {
        "lead_days": _day_list,
        "digest_time": _clock,
        "repeat_overdue": _boolean,
        "channels": _channel_list,
        "command": _text,
        "group_above": _integer(1, 1000),
    },
    "calendar": {"days_off": _date_list, "working_days": _date_list},
}


def _fail(path: Path | None, key: str, value: Any, allowed: str) -> ConfigError:
    return ConfigError(
        "config_invalid", file=str(path or "-"), key=key, value=repr(value), allowed=allowed
    )


def _aliases(body: Any, path: Path | None) -> dict[str, str]:
    if not isinstance(body, dict):
        raise _fail(path, "aliases", body, 'a table of abbreviation = "full words"')
    for short, full in body.items():
        if not isinstance(full, str) or not full.strip() or not short.strip():
            raise _fail(path, f"aliases.{short}", full, 'full words such as "Sở Tài chính"')
    return dict(body)


_KEY_EXAMPLES = 'a key Textual knows, e.g. "ctrl+n", "f5", "question_mark", "escape,q"'


def _keys(body: dict[str, Any], path: Path | None) -> dict[str, str]:
    """The [keys] table: known binding ids, keys Textual can bind, and no key bound to
    two things (a remap that clashes would silently disable one of them)."""
    from deadline_tui.keymap import find_clash, keys_of, valid_key

    for binding_id, key in body.items():
        if binding_id not in BINDING_IDS:
            raise _fail(path, f"keys.{binding_id}", key, ", ".join(BINDING_IDS))
        if not isinstance(key, str) or not all(valid_key(k) for k in keys_of(key)):
            raise _fail(path, f"keys.{binding_id}", key, _KEY_EXAMPLES)
    clash = find_clash(body)
    if clash is not None:
        other = clash.other if clash.other in BINDING_IDS else None
        raise ConfigError(
            "config_key_clash" if other else "config_key_reserved",
            file=str(path or "-"),
            key=clash.key,
            binding=clash.binding,
            other=other or "",
            other_keys=clash.other_keys,
            use=t(clash.other) if other is None else "",
        )
    return dict(body)


def _validate(raw: dict[str, Any], path: Path | None) -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {}
    for section, body in raw.items():
        if section == "keys":
            if not isinstance(body, dict):
                raise _fail(path, "keys", body, "a table of binding id = key")
            sections["keys"] = _keys(body, path)
            continue
        if section == "aliases":
            sections["aliases"] = _aliases(body, path)
            continue
        checks = _SCHEMA.get(section)
        if checks is None or not isinstance(body, dict):
            raise _fail(
                path,
                section,
                body,
                ", ".join(f"[{name}]" for name in [*_SCHEMA, "keys", "aliases"]),
            )
        values: dict[str, Any] = {}
        for key, value in body.items():
            check = checks.get(key)
            if check is None:
                raise _fail(path, f"{section}.{key}", value, ", ".join(checks))
            try:
                values[key] = check(value)
            except _Invalid as invalid:
                raise _fail(path, f"{section}.{key}", value, invalid.allowed) from None
        sections[section] = values
    return sections


def parse_settings(raw: dict[str, Any], path: Path | None) -> Settings:
    """Settings from a parsed TOML document (validated; database path left as written)."""
    sections = _validate(raw, path)
    database = dict(sections.get("database", {}))
    if "path" in database:
        database["path"] = Path(database["path"])
    return Settings(
        office=OfficeSettings(**sections.get("office", {})),
        ui=UiSettings(**sections.get("ui", {})),
        database=DatabaseSettings(**database),
        figures=FigureSettings(**sections.get("figures", {})),
        reminders=ReminderSettings(**sections.get("reminders", {})),
        user=UserSettings(**sections.get("user", {})),
        keys=sections.get("keys", {}),
        calendar=CalendarSettings(**sections.get("calendar", {})),
        aliases=sections.get("aliases", {}),
        source=path,
    )


def load_settings(
    config_flag: str | None = None, db_flag: str | None = None, *, cwd: Path | None = None
) -> Settings:
    """Find, read and validate the config; resolve the database path (DESIGN section 7)."""
    return choose_database(read_config(config_flag, cwd=cwd), db_flag)


def read_config(config_flag: str | None = None, *, cwd: Path | None = None) -> Settings:
    """Find, read and validate the config (database path as written, see
    :func:`choose_database`)."""
    path, explicit = find_config(config_flag, cwd=cwd)
    raw: dict[str, Any] = {}
    if path is not None:
        import tomllib

        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            if explicit:
                raise ConfigError("config_missing", file=str(path)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError("config_unreadable", file=str(path), detail=str(error)) from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError("config_syntax", file=str(path), detail=str(error)) from None
    return parse_settings(raw, path)


def choose_database(settings: Settings, db_flag: str | None) -> Settings:
    """The settings with the book chosen: ``--db``, ``$DEADLINE_TUI_DB`` or the config's."""
    path = settings.source
    if db_flag is not None and not db_flag.strip():
        # An empty --db (an unset shell variable, say) must not quietly mean "the default
        # book": a later `add` would create one somewhere the user never named.
        raise ConfigError("db_flag_empty")
    # A server URL (flag, environment or config, in that order) is never taken for a path.
    from deadline_tui.storage.server import is_server_url

    chosen = db_flag or os.environ.get(DB_ENV) or None
    url = chosen if is_server_url(chosen) else (None if chosen else settings.database.url)
    if url:
        return settings._replace(database=settings.database._replace(url=url.strip()))
    # With a config file, its database path (default data/tasks.json) is relative to it;
    # with none, the database goes to the user data directory.
    configured = str(settings.database.path) if path is not None else None
    database = resolve_database(db_flag, configured, path)
    return settings._replace(database=settings.database._replace(path=database, url=""))
