"""The real ``deadline-tui`` executable in subprocesses (DESIGN section 7).

How the database and config are found: ``--db``, ``DEADLINE_TUI_DB``, ``--config``,
``DEADLINE_TUI_CONFIG``, ``./config.toml``, and a relative database path in a config
file (relative to that file); which one wins. Exit codes, messages in Vietnamese and
English, no traceback, plain output on a pipe (even when colour is forced), and a reader
that leaves early (``| head``) is not an error.

Dates are explicit and in 2021, so the results do not depend on the real clock.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson
import pytest

from deadline_tui.storage.desk import DeskBook
from tests.factories import make_task

ANSI = re.compile(r"\x1b\[")


def program() -> list[str]:
    """The installed script next to this interpreter, else ``python -m deadline_tui``."""
    script = Path(sys.executable).with_name("deadline-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "deadline_tui"]


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(isolated: Path) -> Run:
    """Run ``deadline-tui`` with extra environment variables, in the test's work dir."""

    def run_(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*program(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, **(env or {})},
            cwd=cwd or isolated,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return run_


ADD = ("add", "Báo cáo [/] quý III", "--unit", "Sở Tài chính", "--due", "quý III/2021",
       "--assigned", "01/07/2021")  # fmt: skip


def seeded(db: Path, count: int = 1) -> Path:
    """A database holding ``count`` tasks assigned 01/07/2021, due 30/09/2021 (written
    in-process: a subprocess per task would only make the tests slow)."""
    repo = DeskBook.open_or_create(db)
    try:
        repo.add_many(
            [
                make_task(
                    title="Báo cáo [/] quý III" if n == 0 else f"Việc số {n}",
                    assigned_on=date(2021, 7, 1),
                    deadline_text="quý III/2021",
                    due_on=date(2021, 9, 30),
                )
                for n in range(count)
            ]
        )
    finally:
        repo.close()
    return db


def uids(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [task["uid"] for task in orjson.loads(result.stdout)]


def test_the_db_env_var_and_the_db_flag(run: Run, tmp_path: Path) -> None:
    by_env = tmp_path / "env" / "tasks.json"
    by_flag = tmp_path / "flag" / "tasks.json"
    added = run(*ADD, env={"DEADLINE_TUI_DB": str(by_env)})
    assert added.returncode == 0, added.stderr
    assert added.stdout == "1\n"
    assert "Đã thêm đầu việc số 1" in added.stderr
    assert by_env.exists()

    listed = run("list", "--json", "--as-of", "01/08/2021", "--db", str(by_env))
    (task,) = orjson.loads(listed.stdout)
    assert task["title"] == "Báo cáo [/] quý III"
    assert task["due_on"] == "2021-09-30"
    assert task["status"] == "open_in_term"

    # The flag wins over the environment: a book that does not exist there is named,
    # not created (a typo in --db must not look like an empty book).
    missing = run("list", "--json", "--db", str(by_flag), env={"DEADLINE_TUI_DB": str(by_env)})
    assert missing.returncode == 1
    assert str(by_flag) in missing.stderr
    assert not by_flag.parent.exists()
    assert len(uids(run("list", "--json", env={"DEADLINE_TUI_DB": str(by_env)}))) == 1


def test_a_relative_database_path_in_a_config_is_relative_to_the_config_file(
    run: Run, tmp_path: Path, isolated: Path
) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    config = folder / "settings.toml"
    config.write_text('[database]\npath = "data/book.json"\n', encoding="utf-8")
    added = run(*ADD, "--config", str(config), cwd=isolated)
    assert added.returncode == 0, added.stderr
    assert (folder / "data" / "book.json").exists()
    assert not (isolated / "data").exists()

    # The same config through the environment variable, from another directory.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listed = run("list", "--json", env={"DEADLINE_TUI_CONFIG": str(config)}, cwd=elsewhere)
    assert len(uids(listed)) == 1
    # --db beats the config's path.
    other = tmp_path / "other.json"
    assert run("init", str(other)).returncode == 0
    assert uids(run("list", "--json", "--config", str(config), "--db", str(other))) == []


def test_config_toml_in_the_working_directory_is_found(run: Run, isolated: Path) -> None:
    (isolated / "config.toml").write_text(
        '[ui]\nlanguage = "en"\n[database]\npath = "book.json"\n', encoding="utf-8"
    )
    added = run(*ADD)
    assert added.returncode == 0, added.stderr
    assert "Added task 1" in added.stderr
    assert (isolated / "book.json").exists()


def test_without_any_config_the_database_goes_to_the_user_data_dir(
    run: Run, tmp_path: Path
) -> None:
    added = run(*ADD)
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "home" / ".local" / "share" / "deadline-tui" / "tasks.json").exists()


def test_the_config_flag_beats_the_environment_and_language_follows_it(
    run: Run, tmp_path: Path
) -> None:
    db = seeded(tmp_path / "tasks.json")
    english = tmp_path / "en.toml"
    english.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    vietnamese = tmp_path / "vi.toml"
    vietnamese.write_text('[ui]\nlanguage = "vi"\n', encoding="utf-8")
    before = db.read_bytes()

    from_env = {"DEADLINE_TUI_CONFIG": str(english)}
    in_english = run("done", "1", "--on", "31/02/2021", "--db", str(db), env=from_env)
    assert in_english.returncode == 1
    assert "The date “31/02/2021” does not exist" in in_english.stderr

    in_vietnamese = run(
        "done", "1", "--on", "31/02/2021", "--db", str(db), "--config", str(vietnamese),
        env=from_env,
    )  # fmt: skip
    assert in_vietnamese.returncode == 1
    assert "Ngày “31/02/2021” không có trong lịch" in in_vietnamese.stderr

    usage = run("list", "--status", "nope", "--db", str(db), "--config", str(english))
    assert usage.returncode == 2
    assert "usage error" in usage.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["nonsense"], 2, "lỗi cú pháp lệnh"),
        (["add", "Việc", "--unit", "Sở Y tế", "--due", "khi nào rảnh"], 1, "khi nào rảnh"),
        (["done", "42"], 1, "Không có đầu việc “42”"),
    ],
)
def test_exit_codes_and_messages_of_bad_commands(
    run: Run, tmp_path: Path, args: list[str], code: int, fragment: str
) -> None:
    db = seeded(tmp_path / "tasks.json")
    before = db.read_bytes()
    result = run(*args, "--db", str(db))
    assert result.returncode == code, result.stderr
    assert fragment in result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == before


def test_a_bad_config_exits_2(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[figures]\nrounding = "up"\n', encoding="utf-8")
    for how in ({"args": ["--config", str(config)]}, {"env": {"DEADLINE_TUI_CONFIG": str(config)}}):
        result = run("summary", *how.get("args", []), env=how.get("env"))
        assert result.returncode == 2
        assert str(config) in result.stderr
        assert "figures.rounding" in result.stderr
        assert result.stdout == ""


def test_piped_output_is_plain_even_when_colour_is_forced(run: Run, tmp_path: Path) -> None:
    db = str(seeded(tmp_path / "tasks.json"))
    colour = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80"}
    for args in (
        ["list", "--as-of", "01/10/2021"],
        ["summary", "--as-of", "01/10/2021", "--by", "unit"],
        ["show", "1"],
    ):
        result = run(*args, "--db", db, env=colour)
        assert result.returncode == 0, result.stderr
        assert not ANSI.search(result.stdout), args
        assert result.stdout.strip()
        if args[0] == "list":
            line = result.stdout.splitlines()[1]
            assert line.split("\t")[:2] == ["1", "Quá hạn"]
            assert line.endswith("Báo cáo [/] quý III")


def test_json_outputs_of_a_real_process(run: Run, tmp_path: Path) -> None:
    db = str(seeded(tmp_path / "tasks.json"))
    summary = orjson.loads(run("summary", "--json", "--as-of", "01/10/2021", "--db", db).stdout)
    assert summary["as_of"] == "2021-10-01"
    assert (summary["total"], summary["due"], summary["open_overdue"]) == (1, 1, 1)
    due = orjson.loads(
        run("remind", "--dry-run", "--json", "--now", "30/09/2021 07:30", "--db", db).stdout
    )
    kinds = {item["kind"] for item in due}
    assert "due" in kinds
    for item in due:
        assert set(item) == {"id", "uid", "title", "kind", "due_on"}


def test_a_reader_that_leaves_early_is_not_an_error(isolated: Path, tmp_path: Path) -> None:
    db = seeded(tmp_path / "tasks.json", count=3000)  # far more output than a pipe buffer
    process = subprocess.Popen(
        [*program(), "--db", str(db), "list", "--as-of", "01/10/2021"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=isolated,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith("Số\t".encode())
    process.stdout.close()  # like `| head -n 1`
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors
    assert "BrokenPipe" not in errors


def test_long_output_is_whole_after_the_quick_exit(run: Run, tmp_path: Path) -> None:
    """The script leaves without tearing the interpreter down (cli.entry); everything
    printed must still reach the pipe, and the exit code must survive."""
    db = str(seeded(tmp_path / "tasks.json", count=3000))
    listed = run("list", "--as-of", "01/10/2021", "--json", "--db", db)
    assert listed.returncode == 0
    assert len(orjson.loads(listed.stdout)) == 3000
    plain = run("list", "--as-of", "01/10/2021", "--db", db)
    assert len(plain.stdout.splitlines()) == 3001  # header + one line per task
    missing = run("done", "99999", "--db", db)
    assert missing.returncode == 1 and missing.stderr.strip()
