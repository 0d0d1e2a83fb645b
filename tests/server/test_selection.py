"""Choosing the server book by URL, and what a user sees when it cannot be reached.
None of these needs a running server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deadline_tui.config import load_settings
from deadline_tui.storage.server import is_server_url, redact
from tests.server.helpers import run

URL = "postgresql://chuyenvien@db.ubnd.local:5433/sodauviec?sslmode=require"


def test_a_url_from_the_flag_the_environment_or_the_config_selects_the_server(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings(None, URL).database.url == URL
    monkeypatch.setenv("DEADLINE_TUI_DB", URL)
    assert load_settings().database.url == URL
    monkeypatch.delenv("DEADLINE_TUI_DB")
    config = isolated / "config.toml"
    config.write_text(f'[database]\nurl = "{URL}"\n[user]\nname = "Nguyễn Văn A"\n')
    settings = load_settings(str(config))
    assert (settings.database.url, settings.user.name) == (URL, "Nguyễn Văn A")
    # A path on the command line wins over the configured server.
    assert load_settings(str(config), "other.json").database.url == ""
    assert load_settings(str(config), "other.json").database.path == isolated / "other.json"


def test_a_url_is_never_taken_for_a_path(isolated: Path) -> None:
    code, _out, err = run("--db", "postgresql://u@127.0.0.1:1/sodauviec", "add", "Việc",
                          "--unit", "Sở Y tế", "--due", "31/12/2026")  # fmt: skip
    assert code == 1
    assert "127.0.0.1:1" in err
    assert not any(isolated.rglob("*postgres*")), "a file was made from the URL"


def test_a_bad_configured_url_names_the_key(isolated: Path) -> None:
    config = isolated / "config.toml"
    config.write_text('[database]\nurl = "tasks.json"\n')
    code, _out, err = run("--config", str(config), "list")
    assert code == 2
    assert "database.url" in err


def test_is_server_url_and_redact() -> None:
    assert is_server_url("postgres://h/db") and is_server_url(" POSTGRESQL://h/db")
    assert not is_server_url("data/tasks.json") and not is_server_url(None)
    assert redact("postgresql://an:m%40tkhau@h:5432/db?sslmode=require") == (
        "postgresql://an@h:5432/db?sslmode=require"
    )
    assert "bimat" not in redact("postgresql:///db?host=/run&password=bimat")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://chuyenvien:Mk-Bi-Mat-123@127.0.0.1:1/sodauviec",
        "postgresql://chuyenvien@127.0.0.1:1/sodauviec?password=Mk-Bi-Mat-123",
    ],
)
def test_an_unreachable_server_is_named_without_the_password(url: str) -> None:
    pytest.importorskip("psycopg")
    for command in (["list"], ["summary", "--json"], ["db", "upgrade"], ["log", "1"]):
        code, out, err = run("--db", url, *command)
        assert code == 1, command
        assert "127.0.0.1:1" in err and "sodauviec" in err, err
        assert "Mk-Bi-Mat-123" not in out + err


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://chuyenvien:Mk-Bi-Mat-123@[hong/sodauviec",  # libpq cannot parse it
        "postgresql://chuyenvien:Mk%40Bi-Mat-123@127.0.0.1:1/sodauviec",  # percent-encoded
    ],
)
def test_a_url_libpq_quotes_back_never_shows_the_password(url: str) -> None:
    pytest.importorskip("psycopg")
    for command in (["list"], ["db", "upgrade"]):
        code, out, err = run("--db", url, *command)
        assert code == 1, command
        assert "Bi-Mat-123" not in out + err, err
        assert "Traceback" not in err


def test_sslmode_is_passed_through_to_libpq() -> None:
    pytest.importorskip("psycopg")
    code, _out, err = run("--db", "postgresql://u@127.0.0.1:1/sodauviec?sslmode=bogus", "list")
    assert code == 1
    assert "sslmode" in err  # libpq itself read it and refused the value


def test_without_psycopg_the_message_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    code, _out, err = run("--db", URL, "list")
    assert code == 1
    assert "deadline-tui[server]" in err


def test_the_desk_book_commands_never_import_psycopg(isolated: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "tasks.json")
    script = (
        "import io, json, sys\n"
        "from contextlib import redirect_stdout\n"
        "from deadline_tui.cli import main\n"
        "with redirect_stdout(io.StringIO()):\n"
        f"    codes = [main(['--db', {db!r}, *c]) for c in (['add', 'Việc', '--unit', 'Sở Y tế',"
        " '--due', '31/12/2026', '--assigned', '01/11/2026'],"
        " ['summary'], ['list'], ['done', '1'])]\n"
        "print(json.dumps([codes, 'psycopg' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=isolated,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [[0, 0, 0, 0], False]


def test_remind_install_on_a_server_book_runs_it_by_url_without_the_password(
    isolated: Path,
) -> None:
    url = "postgresql://chuyenvien:Mk-Bi-Mat-123@db.ubnd.local/sodauviec?sslmode=require"
    code, out, err = run("--db", url, "remind", "--install")
    assert code == 0, err
    units = Path.home() / ".config" / "systemd" / "user"
    service = (units / "deadline-tui-remind.service").read_text(encoding="utf-8")
    assert "postgresql://chuyenvien@db.ubnd.local/sodauviec?sslmode=require" in service
    assert "Mk-Bi-Mat-123" not in service + out + err
