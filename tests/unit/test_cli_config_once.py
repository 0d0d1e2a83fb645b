"""The command line reads its config file once (cli.main): the language hint that sizes
the help texts and the settings the command runs with come from one reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import deadline_tui.config
from deadline_tui.storage.desk import DeskBook
from tests.conftest import CliResult
from tests.factories import make_task


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Every config file parsed from now on."""
    seen: list[Path | None] = []
    parse = deadline_tui.config.parse_settings

    def counted(raw: dict[str, Any], path: Path | None) -> deadline_tui.config.Settings:
        seen.append(path)
        return parse(raw, path)

    monkeypatch.setattr(deadline_tui.config, "parse_settings", counted)
    return seen


@pytest.mark.parametrize("where", ["work dir", "--config", "--config="])
def test_the_config_is_read_once(
    where: str,
    isolated: Path,
    repo: DeskBook,
    readings: list[Path | None],
    cli: Callable[..., CliResult],
) -> None:
    repo.add_many([make_task()])
    config = isolated / "config.toml"
    config.write_text('[ui]\nlanguage = "en"\n\n[calendar]\ndays_off = []\n', encoding="utf-8")
    named = {"work dir": [], "--config": ["--config", str(config)]}
    result = cli("summary", *named.get(where, [f"--config={config}"]))
    assert result.code == 0, result.err
    assert "tasks" in result.out  # English, from the config
    assert readings == [config]


def test_a_config_named_differently_to_argparse_is_read_again(
    isolated: Path, repo: DeskBook, readings: list[Path | None], cli: Callable[..., CliResult]
) -> None:
    # "--conf" is argparse's abbreviation of --config: the hint does not see it, so the
    # settings are read from the file argparse names.
    repo.add_many([make_task()])
    config = isolated / "english.toml"
    config.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    result = cli("summary", "--conf", str(config))
    assert result.code == 0, result.err
    assert "tasks" in result.out
    assert readings == [None, config]
