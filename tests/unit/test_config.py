"""Settings from TOML (``config.py``) and where config and data live (``paths.py``).

Covers the defaults, that every bad key or value raises ConfigError (exit code 2) whose
message names the file, the key and the allowed values, the search order (flag >
DEADLINE_TUI_CONFIG > ./config.toml > user config dir), the database path (relative to
the config file; --db and DEADLINE_TUI_DB override), and the repository's own
config.toml (it loads, and its [keys] comment lists exactly ``BINDING_IDS``).
"""

from __future__ import annotations

import re
import sys
from datetime import time
from pathlib import Path

import pytest

from deadline_tui.config import BINDING_IDS, CHANNELS, Settings, load_settings, parse_settings
from deadline_tui.errors import ConfigError
from deadline_tui.paths import find_config, user_config_file, user_data_dir

REPO_CONFIG = Path(__file__).resolve().parents[2] / "config.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults -----------------------------------------------------------------------------


def test_defaults_without_any_config(isolated: Path) -> None:
    settings = load_settings()
    assert settings.source is None
    assert settings.ui.language == "vi"
    assert settings.ui.warning_days == 3
    assert settings.figures.rounding == "half_up"
    assert settings.figures.decimals == 1
    assert settings.reminders.lead_days == (7, 3, 1, 0)
    assert settings.reminders.digest_time == time(7, 30)
    assert settings.reminders.repeat_overdue is True
    assert settings.reminders.group_above == 3
    assert settings.database.path == user_data_dir() / "tasks.json"
    assert settings.keys == {}


def test_empty_config_file_gives_the_defaults(isolated: Path) -> None:
    path = write(isolated / "config.toml", "")
    settings = load_settings()
    assert settings.source == path
    assert settings.ui == Settings().ui
    assert settings.reminders == Settings().reminders
    assert settings.database.path == isolated / "data" / "tasks.json"


def test_valid_values_are_read(isolated: Path) -> None:
    path = write(
        isolated / "custom.toml",
        """
[office]
name = "Văn phòng Sở Nội vụ"
[ui]
language = "en"
warning_days = 5
refresh_seconds = 1.5
[database]
path = "/srv/tasks.json"
backups = 0
[figures]
rounding = "down"
decimals = 2
[reminders]
lead_days = [1, 14, 0, 14]
digest_time = "6:05"
repeat_overdue = false
channels = ["command", "stdout", "command"]
command = "notify.sh --chat 1"
group_above = 10
[keys]
new-task = "ctrl+n"
""",
    )
    settings = load_settings(str(path))
    assert settings.office.name == "Văn phòng Sở Nội vụ"
    assert settings.ui.language == "en"
    assert settings.ui.warning_days == 5
    assert settings.ui.refresh_seconds == 1.5
    assert settings.database.path == Path("/srv/tasks.json")
    assert settings.database.backups == 0
    assert settings.figures.rounding == "down"
    assert settings.figures.decimals == 2
    assert settings.reminders.lead_days == (14, 1, 0)
    assert settings.reminders.digest_time == time(6, 5)
    assert settings.reminders.repeat_overdue is False
    assert settings.reminders.channels == ("command", "stdout")
    assert settings.reminders.command == "notify.sh --chat 1"
    assert settings.reminders.group_above == 10
    assert settings.keys == {"new-task": "ctrl+n"}


# --- bad values ---------------------------------------------------------------------------


BAD = [
    ("[ui]\nlanguage = 'fr'", "ui.language", ['"vi"', '"en"']),
    ("[ui]\nwarning_days = -1", "ui.warning_days", ["0–60"]),
    ("[ui]\nwarning_days = 61", "ui.warning_days", ["0–60"]),
    ("[ui]\nwarning_days = true", "ui.warning_days", ["0–60"]),
    ("[ui]\nwarning_days = '3'", "ui.warning_days", ["0–60"]),
    ("[ui]\nrefresh_seconds = 0.1", "ui.refresh_seconds", ["0.5–600"]),
    ("[ui]\ncolour = 'red'", "ui.colour", ["language", "warning_days", "refresh_seconds"]),
    ("[database]\npath = 3", "database.path", ["text"]),
    ("[database]\nbackups = -1", "database.backups", ["0–1000"]),
    ("[database]\nlock_timeout_seconds = 0", "database.lock_timeout_seconds", ["1–600"]),
    ("[figures]\nrounding = 'bankers'", "figures.rounding", ['"half_up"', '"down"']),
    ("[figures]\ndecimals = 4", "figures.decimals", ["0–3"]),
    ("[figures]\ndecimals = 1.5", "figures.decimals", ["0–3"]),
    ("[reminders]\nlead_days = [7, -1]", "reminders.lead_days", ["0–365"]),
    ("[reminders]\nlead_days = 7", "reminders.lead_days", ["0–365"]),
    ("[reminders]\nlead_days = [true]", "reminders.lead_days", ["0–365"]),
    ("[reminders]\ndigest_time = '24:00'", "reminders.digest_time", ["HH:MM"]),
    ("[reminders]\ndigest_time = '07:60'", "reminders.digest_time", ["HH:MM"]),
    ("[reminders]\ndigest_time = 730", "reminders.digest_time", ["HH:MM"]),
    ("[reminders]\ndigest_time = 'sáng'", "reminders.digest_time", ["HH:MM"]),
    ("[reminders]\nrepeat_overdue = 'yes'", "reminders.repeat_overdue", ["true, false"]),
    ("[reminders]\nchannels = ['email']", "reminders.channels", ['"desktop"', '"stdout"']),
    ("[reminders]\nchannels = 'stdout'", "reminders.channels", ['"desktop"', '"command"']),
    ("[reminders]\ngroup_above = 0", "reminders.group_above", ["1–1000"]),
    ("[reminders]\ncommand = ['a']", "reminders.command", ["text"]),
    ("[office]\nname = 1", "office.name", ["text"]),
    ("[reminder]\nlead_days = [1]", "reminder", ["[reminders]", "[ui]", "[keys]"]),
    ("language = 'vi'", "language", ["[ui]", "[figures]"]),
    ("[keys]\nnew-taks = 'ctrl+n'", "keys.new-taks", ["new-task", "quit"]),
    ("[keys]\nnew-task = ''", "keys.new-task", ["ctrl+n"]),
    ("[keys]\nnew-task = 1", "keys.new-task", ["ctrl+n"]),
    ("keys = 1", "keys", ["binding id"]),
]


@pytest.mark.parametrize(("text", "key", "allowed"), BAD, ids=[key for _, key, _ in BAD])
def test_bad_key_or_value_names_file_key_and_allowed_values(
    isolated: Path, text: str, key: str, allowed: list[str]
) -> None:
    path = write(isolated / "config.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    error = caught.value
    assert error.exit_code == 2
    message = str(error)
    assert str(path) in message
    assert f"“{key}”" in message
    for word in allowed:
        assert word in message, word


def test_config_error_in_english(isolated: Path) -> None:
    from deadline_tui.i18n import set_language

    path = write(isolated / "config.toml", "[figures]\ndecimals = 9")
    set_language("en")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"Config {path}: key “figures.decimals” has the invalid value 9. Allowed: 0–3."
    )


def test_toml_syntax_error_names_the_file(isolated: Path) -> None:
    path = write(isolated / "config.toml", "[ui\nlanguage = 'vi'")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.exit_code == 2
    assert str(path) in str(caught.value)
    assert "TOML" in str(caught.value)


def test_named_config_must_exist(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = isolated / "nowhere.toml"
    with pytest.raises(ConfigError) as caught:
        load_settings(str(missing))
    assert str(missing) in str(caught.value)
    assert caught.value.exit_code == 2
    monkeypatch.setenv("DEADLINE_TUI_CONFIG", str(missing))
    with pytest.raises(ConfigError):
        load_settings()


def test_parse_settings_without_file_names_a_dash() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings({"ui": {"language": "de"}}, None)
    assert "“ui.language”" in str(caught.value)


def test_all_channels_are_accepted() -> None:
    settings = parse_settings({"reminders": {"channels": list(CHANNELS)}}, None)
    assert settings.reminders.channels == CHANNELS


def test_every_binding_id_may_be_remapped() -> None:
    keys = {binding_id: f"f{n}" for n, binding_id in enumerate(BINDING_IDS, 1)}
    assert parse_settings({"keys": keys}, None).keys == keys


# --- search order -------------------------------------------------------------------------


@pytest.fixture
def four_configs(isolated: Path) -> dict[str, Path]:
    """A config in each of the four places, each naming a different office."""
    places = {
        "flag": isolated / "flag" / "flag.toml",
        "env": isolated / "env" / "env.toml",
        "local": isolated / "config.toml",
        "user": user_config_file(),
    }
    for name, path in places.items():
        write(path, f'[office]\nname = "{name}"\n')
    return places


def test_user_config_dir_honours_xdg(isolated: Path) -> None:
    assert (
        user_config_file() == isolated.parent / "home" / ".config" / "deadline-tui" / "config.toml"
    )


def test_search_order_flag_first(
    four_configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEADLINE_TUI_CONFIG", str(four_configs["env"]))
    settings = load_settings(str(four_configs["flag"]))
    assert settings.office.name == "flag"
    assert settings.source == four_configs["flag"]


def test_search_order_env_second(
    four_configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEADLINE_TUI_CONFIG", str(four_configs["env"]))
    assert load_settings().office.name == "env"


def test_search_order_local_third(four_configs: dict[str, Path]) -> None:
    assert load_settings().office.name == "local"


def test_search_order_user_dir_last(four_configs: dict[str, Path]) -> None:
    four_configs["local"].unlink()
    assert load_settings().office.name == "user"
    four_configs["user"].unlink()
    assert load_settings().source is None


def test_find_config_reports_whether_it_was_named(four_configs: dict[str, Path]) -> None:
    assert find_config(str(four_configs["flag"])) == (four_configs["flag"], True)
    assert find_config(None) == (four_configs["local"], False)


def test_a_directory_named_config_toml_is_not_a_config(isolated: Path) -> None:
    (isolated / "config.toml").mkdir()
    assert load_settings().source is None


# --- database path ------------------------------------------------------------------------


def test_relative_database_path_is_relative_to_the_config_file(isolated: Path) -> None:
    config = write(isolated / "office" / "cfg.toml", '[database]\npath = "so/tasks.json"\n')
    settings = load_settings("office/cfg.toml")  # the config itself named relatively
    assert settings.database.path == config.parent / "so" / "tasks.json"
    assert settings.database.path.is_absolute()


def test_default_database_is_beside_the_config(isolated: Path) -> None:
    config = write(isolated / "elsewhere" / "config.toml", "[ui]\nlanguage = 'vi'\n")
    settings = load_settings(str(config))
    assert settings.database.path == config.parent / "data" / "tasks.json"


def test_absolute_database_path_is_kept(isolated: Path) -> None:
    target = isolated / "abs" / "db.json"
    write(isolated / "config.toml", f'[database]\npath = "{target.as_posix()}"\n')
    assert load_settings().database.path == target


def test_db_flag_and_env_override_the_config(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(isolated / "config.toml", '[database]\npath = "from-config.json"\n')
    monkeypatch.setenv("DEADLINE_TUI_DB", "from-env.json")
    assert load_settings().database.path == isolated / "from-env.json"
    assert load_settings(db_flag="flag.json").database.path == isolated / "flag.json"
    monkeypatch.delenv("DEADLINE_TUI_DB")
    assert load_settings().database.path == isolated / "from-config.json"


def test_db_env_without_config(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEADLINE_TUI_DB", str(isolated / "x" / "tasks.json"))
    assert load_settings().database.path == isolated / "x" / "tasks.json"


def test_loading_settings_creates_no_directory(isolated: Path) -> None:
    load_settings()
    assert not user_data_dir().exists()
    assert not user_config_file().parent.exists()


# --- the repository's own config.toml -----------------------------------------------------


def test_repository_config_loads_and_shows_the_defaults() -> None:
    settings = load_settings(str(REPO_CONFIG))
    defaults = Settings()
    assert settings.ui == defaults.ui
    assert settings.figures == defaults.figures
    assert settings.reminders == defaults.reminders
    assert settings.office == defaults.office
    assert settings.database.path == REPO_CONFIG.parent / "data" / "tasks.json"


def test_repository_config_keys_comment_lists_exactly_the_binding_ids() -> None:
    text = REPO_CONFIG.read_text(encoding="utf-8")
    keys_section = text.split("[keys]", 1)[1]
    first, *rest = keys_section.split("# Ids:", 1)[1].splitlines()
    lines = [first]
    for line in rest:
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#"))
    listed = re.findall(r"[a-z][a-z-]*", " ".join(lines))
    assert sorted(listed) == sorted(BINDING_IDS)
    assert len(listed) == len(set(listed))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"XDG_CONFIG_HOME": "/x/cfg", "XDG_DATA_HOME": "/y/data"},
        {"XDG_CONFIG_HOME": "tuong-doi"},
    ],
)
def test_user_dirs_on_linux_are_where_platformdirs_puts_them(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # paths.py applies the XDG rule itself on Linux (platformdirs costs ~12 ms of start-up);
    # the answer must stay platformdirs' own.
    import platformdirs

    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert user_config_file() == Path(platformdirs.user_config_dir("deadline-tui")) / "config.toml"
    assert user_data_dir() == Path(platformdirs.user_data_dir("deadline-tui"))


@pytest.mark.parametrize("flag", ["", "   "])
def test_an_empty_db_flag_is_refused_not_read_as_the_default_book(
    isolated: Path, flag: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(db_flag=flag)
    assert raised.value.exit_code == 2
    assert "--db" in raised.value.message()
    assert not (user_data_dir() / "tasks.json").exists()
