"""The [keys] table: remaps that clash and strings that are not keys are refused before
anything starts, naming both bindings (issue 14 point 6, issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deadline_tui.config import BINDING_IDS, parse_settings
from deadline_tui.errors import ConfigError
from deadline_tui.keymap import DEFAULT_KEYS, valid_key


def refused(keys: dict[str, object]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_settings({"keys": keys}, Path("/cfg/config.toml"))
    return caught.value.message()


def test_the_defaults_cover_every_binding_id() -> None:
    assert tuple(DEFAULT_KEYS) == BINDING_IDS


@pytest.mark.parametrize(
    "key",
    ["ctrl+n", "f5", "f24", "N", "5", "exclamation_mark", "number_sign", "full_stop", "f6,w",
     "alt+shift+left", "insert", "space", "ctrl+left_square_bracket"],
)  # fmt: skip
def test_keys_textual_can_bind_are_accepted(key: str) -> None:
    assert parse_settings({"keys": {"new-task": key}}, None).keys == {"new-task": key}


@pytest.mark.parametrize(
    "key",
    ["", "   ", "?", "ctrl+", "ctl+n", "ctrl+ctrl+n", "Ctrl+N", "f25", "enterr", "no such key",
     "question mark", "ctrl+n,", "latin_small_letter_a", 5, ["n"], True],
)  # fmt: skip
def test_strings_that_are_not_keys_are_refused(key: object) -> None:
    message = refused({"new-task": key})
    assert "keys.new-task" in message and "/cfg/config.toml" in message
    assert "question_mark" in message  # says what a key looks like


def test_a_remap_onto_another_bindings_key_names_both() -> None:
    message = refused({"new-task": "e"})
    assert "keys.new-task" in message and "“edit-task”" in message and "“e”" in message


def test_two_remaps_onto_one_key_name_both() -> None:
    message = refused({"summary": "ctrl+t", "search": "f3,ctrl+t"})
    assert "ctrl+t" in message
    assert ("keys.search" in message and "“summary”" in message) or (
        "keys.summary" in message and "“search”" in message
    )


def test_swapping_two_keys_is_no_clash() -> None:
    keys = {"new-task": "e", "edit-task": "n"}
    assert parse_settings({"keys": keys}, None).keys == keys


def test_moving_a_key_away_frees_it() -> None:
    keys = {"quit": "ctrl+w", "summary": "q"}
    assert parse_settings({"keys": keys}, None).keys == keys


@pytest.mark.parametrize(("key", "use"), [("tab", "Tab"), ("escape", "Esc"), ("ctrl+p", "lệnh")])
def test_a_reserved_key_is_refused_with_its_use(key: str, use: str) -> None:
    message = refused({"search": key})
    assert "keys.search" in message and f"“{key}”" in message and use in message


def test_the_cli_refuses_a_clashing_config_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from deadline_tui.cli import main

    config = tmp_path / "config.toml"
    config.write_text('[keys]\nmark-done = "u"\n', encoding="utf-8")
    assert main(["--config", str(config)]) == 2  # the TUI is not started
    err = capsys.readouterr().err
    assert "keys.mark-done" in err and "“undo”" in err
    assert not (tmp_path / "data").exists()


def test_valid_key_is_strict_about_modifiers() -> None:
    assert valid_key("ctrl+shift+up")
    assert not valid_key("shift+ctrl+shift+up")
    assert not valid_key("win+a")
