"""The parser built for one command reads its arguments exactly as the whole parser does.

``deadline-tui CMD ...`` builds only CMD's subparser (commands/parser.py); anything that
needs the others (``--help``, an unknown command, an option before the command that is
not ``--config``/``--db``) gets the whole parser.
"""

from __future__ import annotations

import argparse

import pytest

from deadline_tui.cli import _command_named
from deadline_tui.commands.parser import COMMANDS, build_parser
from deadline_tui.i18n import set_language

READ_ALIKE = [
    ["add", "Báo cáo", "--unit", "Sở Tài chính", "--due", "31/12/2030", "--support", "A"],
    ["--db", "x.json", "done", "5", "--on", "01/12/2026"],
    ["--config=c.toml", "list", "--status", "overdue", "--limit", "3", "--db", "y.json"],
    ["summary", "--by", "unit", "--period", "quý IV/2026", "--json"],
    ["report", "-o", "r.xlsx", "--period-by", "due"],
    ["db", "push", "book.json"],
    ["suspend", "7"],
    ["completion", "fish"],
    ["remind", "--dry-run", "--now", "30/11/2026 07:30"],
]


@pytest.mark.parametrize("arguments", READ_ALIKE)
def test_one_command_reads_its_arguments_as_the_whole_parser(arguments: list[str]) -> None:
    command = _command_named(arguments)
    assert command is not None
    assert build_parser(command).parse_args(arguments) == build_parser().parse_args(arguments)


REFUSED_ALIKE = [
    ["list", "--status", "bogus"],
    ["add", "Báo cáo"],
    ["done"],
    ["summary", "--by", "nobody"],
    ["db"],
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("arguments", REFUSED_ALIKE)
def test_one_command_refuses_as_the_whole_parser(
    arguments: list[str], language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language("en" if language == "en" else "vi")
    said = []
    for parser in (build_parser(_command_named(arguments)), build_parser()):
        with pytest.raises(SystemExit) as stopped:
            parser.parse_args(arguments)
        said.append((stopped.value.code, capsys.readouterr()))
    assert said[0] == said[1]
    assert said[0][0] == 2


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_has_the_same_help_alone(name: str) -> None:
    def help_of(parser: argparse.ArgumentParser) -> str:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return str(action.choices[name].format_help())
        raise AssertionError("no commands")

    assert help_of(build_parser(name)) == help_of(build_parser())


@pytest.mark.parametrize(
    "arguments",
    [[], ["--db", "a.json"], ["-h"], ["--help", "list"], ["--version"], ["--da", "x", "list"],
     ["lst"], ["--db"], ["--db", "--config", "x", "list"], ["--", "list"]],
)  # fmt: skip
def test_anything_else_gets_the_whole_parser(arguments: list[str]) -> None:
    assert _command_named(arguments) is None


def test_help_is_still_sized_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # The parser is built without asking the terminal's width (commands/parser.py);
    # printing help still asks it.
    def help_at(columns: int) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        return build_parser("summary").format_help()

    narrow, wide = help_at(40), help_at(200)
    assert max(len(line) for line in narrow.splitlines()) <= 40
    assert max(len(line) for line in wide.splitlines()) > 40
