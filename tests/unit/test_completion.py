"""``deadline-tui completion bash|zsh|fish``: scripts generated from the parser, run in
the real shells where they are installed (issue 14, point 13)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from deadline_tui.commands.completion import grammar
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


def script(cli: Cli, shell: str, tmp_path: Path) -> Path:
    result = cli("completion", shell)
    assert result.code == 0, result.err
    path = tmp_path / f"completion.{shell}"
    path.write_text(result.out, encoding="utf-8")
    return path


def needs(shell: str) -> str:
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed (apt-get install {shell})")
    return program


def test_the_grammar_has_every_command_of_the_parser() -> None:
    names = {command.name for command in grammar()[1:]}
    assert {"add", "edit", "done", "undo", "list", "summary", "remind", "completion"} <= names
    listing = next(c for c in grammar() if c.name == "list")
    status = next(o for o in listing.options if "--status" in o.names)
    assert "overdue" in status.choices


def bash_complete(path: Path, words: list[str]) -> list[str]:
    program = needs("bash")
    words_text = " ".join(f"'{w}'" for w in words)
    code = (
        f"source '{path}'; COMP_WORDS=({words_text}); COMP_CWORD={len(words) - 1}; "
        '_deadline_tui; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run([program, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_bash_completes_commands_options_choices_and_files(cli: Cli, tmp_path: Path) -> None:
    path = script(cli, "bash", tmp_path)
    assert bash_complete(path, ["deadline-tui", "li"]) == ["list"]
    commands = [c.name for c in grammar()[1:]]
    assert bash_complete(path, ["deadline-tui", "e"]) == [c for c in commands if c[0] == "e"]
    assert {"edit", "extend", "export"} <= set(bash_complete(path, ["deadline-tui", "e"]))
    assert bash_complete(path, ["deadline-tui", "list", "--status", "open_"]) == [
        "open_in_term",
        "open_overdue",
    ]
    assert "--result" in bash_complete(path, ["deadline-tui", "--db", "x.json", "done", "1", "--r"])
    assert bash_complete(path, ["deadline-tui", "--db", "x.json", "done", "1", "--res"]) == [
        "--result"
    ]
    assert bash_complete(path, ["deadline-tui", "completion", ""]) == ["bash", "zsh", "fish"]
    assert bash_complete(path, ["deadline-tui", "edit", "1", "--unit", ""]) == []
    (tmp_path / "tasks-2026.csv").write_text("x", encoding="utf-8")
    files = bash_complete(path, ["deadline-tui", "import", str(tmp_path / "tasks-")])
    assert files == [str(tmp_path / "tasks-2026.csv")]


def test_fish_completes_commands_options_and_choices(cli: Cli, tmp_path: Path) -> None:
    program = needs("fish")
    path = script(cli, "fish", tmp_path)

    def complete(line: str) -> list[str]:
        result = subprocess.run(
            [program, "--no-config", "-c", f"source '{path}'; complete -C '{line}'"],
            capture_output=True,
            text=True,
            check=True,
        )
        return [row.split("\t")[0] for row in result.stdout.splitlines()]

    assert complete("deadline-tui li") == ["list"]
    assert set(complete("deadline-tui list --status open_")) == {"open_in_term", "open_overdue"}
    assert complete("deadline-tui done 1 --res") == ["--result"]
    assert complete("deadline-tui completion z") == ["zsh"]


def test_zsh_script_is_valid_and_offers_every_command(cli: Cli, tmp_path: Path) -> None:
    program = needs("zsh")
    path = script(cli, "zsh", tmp_path)
    subprocess.run([program, "-n", str(path)], check=True)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#compdef deadline-tui")
    for command in grammar()[1:]:
        assert f"'{command.name}:" in text
    assert "(all overdue due_soon" in text
    # Loaded by zsh's completion system without an error.
    code = f"fpath=('{tmp_path}' $fpath); autoload -U compinit; compinit -u; source '{path}'"
    result = subprocess.run(
        [program, "-f", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


ZPTY_DRIVER = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='>'; fpath=(\$PWD \$fpath); autoload -U compinit; compinit -u -D; setopt nobeep"
zpty -w -n z LINE$'\t'
zpty -r -m z all "*WANTED*"
print -r -- "$all"
zpty -d z
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("deadline-tui list --status open_", ["open_in_term", "open_overdue"]),
        ("deadline-tui completion ", ["bash", "fish", "zsh"]),
        ("deadline-tui und", ["deadline-tui undo"]),
    ],
)
def test_zsh_completes_in_a_real_interactive_shell(
    cli: Cli, tmp_path: Path, line: str, expected: list[str]
) -> None:
    """zsh's completion system only runs inside the line editor: drive one through zpty."""
    program = needs("zsh")
    functions = tmp_path / "functions"
    functions.mkdir()
    script(cli, "zsh", functions).rename(functions / "_deadline-tui")
    driver = ZPTY_DRIVER.replace("LINE", f"'{line}'").replace("WANTED", expected[-1])
    result = subprocess.run(
        [program, "-f", "-c", driver],
        cwd=functions,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    for word in expected:
        assert word in result.stdout, (word, result.stdout[-500:])
