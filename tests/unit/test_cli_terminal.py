"""What the command line prints: argparse in the user's language, no control character
from a title ever reaching the terminal, odd arguments (issue 14 point 5, issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from deadline_tui.services.clock import SystemClock
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]

# Clear the screen, set the window title, write "hi" to the clipboard, ring, NUL, CSI (C1).
HOSTILE = "Báo cáo\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x00\x9b31m kết quả\r"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


@pytest.fixture
def hostile(repo: DeskBook) -> int:
    task = repo.add_many(
        [
            make_task(
                title=HOSTILE,
                lead_unit="Sở\x1b[2J Tài chính",
                assigned_on=date(2026, 11, 1),
                due_on=date(2026, 11, 20),
                note="ghi\x1b]52;c;aGk=\x07chú",
            )
        ]
    )[0]
    repo.close()
    return task.id


def assert_clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x00", "\x9b", "\r"):
        assert bad not in text, (bad, text)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ["cách dùng:", "tham số vị trí", "tùy chọn:", "in hướng dẫn này rồi thoát"]),
        (["list", "--sort", "bogus"], ["cách dùng:", "không có lựa chọn 'bogus'"]),
        (["add", "x"], ["thiếu các tham số bắt buộc: --unit, --due"]),
        (["list", "--bogus"], ["không hiểu các tham số: --bogus"]),
        (["list", "--limit", "0"], ["cần một số nguyên dương"]),
        (["extend", "1", "--to"], ["cần một giá trị"]),
    ],
)
def test_argparse_speaks_vietnamese(cli: Cli, args: list[str], expected: list[str]) -> None:
    result = cli(*args)
    text = result.out + result.err
    for fragment in expected:
        assert fragment in text, (fragment, text)
    for english in ("usage:", "error:", "positional arguments", "show this help", "invalid"):
        assert english not in text, (english, text)


def test_argparse_speaks_english_when_set(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "en.toml"
    config.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    result = cli("--config", str(config), "list", "--sort", "bogus")
    assert result.code == 2
    assert "usage:" in result.err and "invalid choice: 'bogus'" in result.err
    assert "cách dùng" not in result.err


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--status", "overdue"], ["show", "1"], ["remind", "--dry-run"]],
)
def test_no_control_character_reaches_a_pipe(cli: Cli, hostile: int, args: list[str]) -> None:
    result = cli(*args, "--now", "23/11/2026 08:00") if args[0] == "remind" else cli(*args)
    assert result.code == 0, result.err
    assert "Báo cáo" in result.out and "kết quả" in result.out
    assert_clean(result.out)
    assert_clean(result.err)


def test_no_control_character_reaches_a_terminal(hostile: int, db_path: Path) -> None:
    """On a real terminal (a pty), through Rich's table and panel."""
    import pty

    remind = ["remind", "--dry-run", "--now", "23/11/2026 08:00"]
    for args in (["list"], ["show", str(hostile)], ["summary", "--by", "unit"], remind):
        leader, follower = pty.openpty()
        env = {**os.environ, "COLUMNS": "200", "LINES": "50", "TERM": "xterm"}
        process = subprocess.Popen(
            [sys.executable, "-m", "deadline_tui", "--db", str(db_path), *args],
            stdout=follower,
            stderr=follower,
            env=env,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=30) == 0
        os.close(leader)
        output = b"".join(chunks).decode("utf-8")
        assert "kết quả" in output or "Tài chính" in output
        # Rich's own colour codes are ESC [ ... m; nothing else may start with ESC.
        for forbidden in ("\x1b[2J", "\x1b]0;", "\x1b]52;", "\x00", "\x07", "\x9b"):
            assert forbidden not in output, (forbidden, args)


@pytest.mark.usefixtures("repo")
def test_a_hostile_argument_is_quoted_without_its_controls(cli: Cli) -> None:
    result = cli("show", "x\x1b]52;c;aGk=\x07")
    assert result.code == 1
    assert "x]52;c;aGk=" in result.err
    assert_clean(result.err)
    usage = cli("list", "--status", "\x1b[2J")
    assert usage.code == 2
    assert_clean(usage.err)


@pytest.mark.parametrize("ref", ["²", "١٢", "12³"])
def test_digits_that_are_not_ascii_are_no_task(cli: Cli, hostile: int, ref: str) -> None:
    for command in (["show", ref], ["done", ref], ["edit", ref, "--note", "x"]):
        result = cli(*command)
        assert result.code == 1, result
        assert f"Không có đầu việc \u201c{ref}\u201d" in result.err
        assert "Traceback" not in result.err and "không mong đợi" not in result.err


def test_invalid_utf8_in_an_argument_is_refused(db_path: Path) -> None:
    """A real process: the bytes arrive as the OS gives them."""
    result = subprocess.run(
        [sys.executable, "-m", "deadline_tui", "--db", str(db_path), "add", b"B\xe1o c\xe1o",
         "--unit", "Sở Y tế", "--due", "31/12/2026"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    message = result.stderr.decode("utf-8")
    assert "Tham số thứ 4" in message and "UTF-8" in message
    assert "Traceback" not in message
    assert not db_path.exists()


def test_terminal_safe_keeps_only_colour_codes() -> None:
    from deadline_tui.domain.printable import terminal_safe

    rendered = "\x1b[1;31mQuá hạn\x1b[0m Sở\x1b[2J\x1b]0;x\x07 Tài chính\x00\n"
    assert terminal_safe(rendered) == "\x1b[1;31mQuá hạn\x1b[0m Sở[2J]0;x Tài chính\n"
