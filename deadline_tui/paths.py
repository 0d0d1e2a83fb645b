"""Where the config and the database live. Nothing here creates a directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "deadline-tui"
CONFIG_ENV = "DEADLINE_TUI_CONFIG"
DB_ENV = "DEADLINE_TUI_DB"
CONFIG_NAME = "config.toml"


def _xdg(variable: str, default: str) -> Path | None:
    """The XDG base directory ``variable`` names (an absolute path; else ``~/default``), on
    Linux; None elsewhere. Every command looks for the user config, and platformdirs'
    Unix module costs ~12 ms of start-up (it imports tempfile); the XDG rule it applies on
    Linux is this one."""
    if not sys.platform.startswith("linux"):
        return None
    configured = os.environ.get(variable, "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / default


def user_config_file() -> Path:
    """The per-user config file (``~/.config/deadline-tui/config.toml`` on Linux)."""
    base = _xdg("XDG_CONFIG_HOME", ".config")
    if base is None:
        from platformdirs import user_config_dir

        return Path(user_config_dir(APP_NAME)) / CONFIG_NAME
    return base / APP_NAME / CONFIG_NAME


def user_data_dir() -> Path:
    """The per-user data directory, used when no config names a database."""
    base = _xdg("XDG_DATA_HOME", ".local/share")
    if base is None:
        from platformdirs import user_data_dir as platform_data_dir

        return Path(platform_data_dir(APP_NAME))
    return base / APP_NAME


def user_cache_dir() -> Path:
    """The per-user cache directory (derived data only: deleting it changes no output)."""
    base = _xdg("XDG_CACHE_HOME", ".cache")
    if base is None:
        from platformdirs import user_cache_dir as platform_cache_dir

        return Path(platform_cache_dir(APP_NAME))
    return base / APP_NAME


def find_config(flag: str | None, *, cwd: Path | None = None) -> tuple[Path | None, bool]:
    """The config file to read, and whether the user named it explicitly.

    Order (DESIGN section 7): ``--config``, ``$DEADLINE_TUI_CONFIG``, ``./config.toml``,
    the user config dir. A file named explicitly must exist; the others are optional.
    """
    if flag:
        return Path(flag).expanduser(), True
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser(), True
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if local.is_file():
        return local, False
    user = user_config_file()
    if user.is_file():
        return user, False
    return None, False


def resolve_database(flag: str | None, configured: str | None, config_file: Path | None) -> Path:
    """The database path: ``--db``, ``$DEADLINE_TUI_DB``, the config's ``path`` (relative to
    the config file), or ``tasks.json`` in the user data dir."""
    if flag:
        return Path(flag).expanduser().absolute()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().absolute()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_absolute() and config_file is not None:
            path = config_file.parent.absolute() / path
        return path.absolute()
    return user_data_dir() / "tasks.json"
