"""The command line on the server book: db upgrade, db push, export, log, backups."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson

from deadline_tui.domain.task import Extension, TaskState
from deadline_tui.services.backup_file import FORMAT
from deadline_tui.storage.codec import encode_task
from deadline_tui.storage.server import schema
from tests.factories import make_task
from tests.server.helpers import run


def test_db_upgrade_creates_the_schema_once(empty_url: str) -> None:
    code, _out, err = run("--db", empty_url, "list")
    assert code == 1 and "db upgrade" in err
    code, out, _err = run("--db", empty_url, "db", "upgrade")
    assert code == 0 and f"từ phiên bản 0 lên {schema.SCHEMA_VERSION}" in out
    code, out, _err = run("--db", empty_url, "db", "upgrade")
    assert code == 0 and "đã ở phiên bản mới nhất" in out
    assert run("--db", empty_url, "list")[0] == 0


def test_log_prints_who_changed_what(server_url: str, isolated: Path) -> None:
    config = isolated / "config.toml"
    config.write_text(f'[database]\nurl = "{server_url}"\n[user]\nname = "Trần Thị B"\n')
    base = ("--config", str(config))
    assert run(*base, "add", "Báo cáo", "--unit", "Sở Y tế", "--due", "31/12/2026",
               "--assigned", "01/11/2026")[0] == 0  # fmt: skip
    assert run(*base, "extend", "1", "--to", "31/01/2027", "--reason", "Chờ số liệu")[0] == 0
    code, out, _err = run(*base, "log", "1")
    assert code == 0
    first, second = out.splitlines()
    assert "Trần Thị B  thêm" in first
    assert "Trần Thị B  sửa:" in second and "Hạn xử lý" in second and "Gia hạn" in second
    code, _out, err = run(*base, "log", "99")
    assert code == 1 and "99" in err


def test_log_on_a_desk_book_says_it_is_for_the_server(tmp_path: Path) -> None:
    code, _out, err = run("--db", str(tmp_path / "tasks.json"), "log", "1")
    assert code == 1 and "postgresql://" in err


def test_backups_and_restore_point_to_pg_dump(server_url: str) -> None:
    code, out, _err = run("--db", server_url, "backups")
    assert code == 0 and "pg_dump" in out
    code, out, _err = run("--db", server_url, "restore")
    assert code == 1 and "pg_dump" in out


def _desk_book(path: Path) -> None:
    """A year of work with every kind of status and history, made through ``import`` of a
    backup (so it does not depend on how the desk book is written)."""
    tasks = []
    for month in range(1, 13):
        assigned = date(2026, month, 1)
        due = date(2026, month, 20)
        tasks += [
            make_task(title=f"Đúng hạn {month}", assigned_on=assigned, due_on=due,
                      done_on=date(2026, month, 18), lead_unit="Sở Tài chính"),
            make_task(title=f"Trễ {month}", assigned_on=assigned, due_on=due,
                      done_on=date(2026, month, 25), lead_unit="UBND huyện Cẩm Xuyên"),
            make_task(title=f"Còn mở {month} [/]", assigned_on=assigned, due_on=due,
                      lead_unit="Sở Y tế", support_units=("Sở Nội vụ",)),
            make_task(title=f"Thường xuyên {month}", assigned_on=assigned,
                      deadline_text="thường xuyên", lead_unit="Sở Y tế"),
            make_task(title=f"Gia hạn {month}", assigned_on=assigned,
                      due_on=date(2026, month, 28), original_due_on=due,
                      extensions=(Extension(due, date(2026, month, 28), "Chờ số liệu", "",
                                            date(2026, month, 19)),)),
        ]  # fmt: skip
    tasks.append(make_task(title="Tạm dừng", state=TaskState.SUSPENDED, due_on=date(2026, 3, 1)))
    tasks.append(make_task(title="Hủy", state=TaskState.CANCELLED, due_on=date(2026, 4, 1)))
    # Ids 1..62 without 3 (a task deleted long ago: its id stays unused on the server).
    numbered = {str(n): encode_task(task) for n, task in enumerate(tasks, 1) if n != 3}
    backup = path.with_name("made.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    backup.write_bytes(
        orjson.dumps(
            {
                "format": FORMAT,
                "schema": 1,
                "exported_at": "2026-12-31T17:00:00",
                "tables": {
                    "meta": {"1": {"schema": 1, "last_id": 62}},
                    "tasks": numbered,
                    "series": {},
                    "reminder_log": {},
                },
            }
        )
    )
    code, _out, err = run("--db", str(path), "import", str(backup))
    assert code == 0, err


CUT_OFFS = [f"{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]}/{m}/2026" for m in
            range(1, 13)]  # fmt: skip


def _figures(book: str) -> list[dict[str, object]]:
    found = []
    for cut_off in CUT_OFFS:
        code, out, err = run("--db", book, "summary", "--as-of", cut_off, "--by", "unit", "--json")
        assert code == 0, err
        found.append(json.loads(out))
    return found


def test_push_then_export_gives_the_same_book_and_the_same_figures(
    server_url: str, tmp_path: Path
) -> None:
    desk = tmp_path / "tasks.json"
    _desk_book(desk)
    before = _figures(str(desk))
    code, out, err = run("--db", server_url, "db", "push", str(desk))
    assert code == 0, err
    assert "61 đầu việc" in out
    assert _figures(server_url) == before
    # Pushing again adds nothing.
    assert "0 đầu việc" in run("--db", server_url, "db", "push", str(desk))[1]
    exported = tmp_path / "back.json"
    assert run("--db", server_url, "export", str(exported))[0] == 0
    tables = orjson.loads(exported.read_bytes())["tables"]
    original = orjson.loads(desk.read_bytes())
    for name in ("tasks", "series", "reminder_log"):
        assert tables[name] == original[name], name
    # And back to a desk book: the same figures again.
    returned = tmp_path / "returned" / "tasks.json"
    assert run("--db", str(returned), "import", str(exported))[0] == 0
    assert _figures(str(returned)) == before


def test_push_of_a_missing_or_broken_file_changes_nothing(server_url: str, tmp_path: Path) -> None:
    code, _out, err = run("--db", server_url, "db", "push", str(tmp_path / "none.json"))
    assert code == 1 and "none.json" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"tasks": {"1": {"uid": "x"}}}')
    code, _out, err = run("--db", server_url, "db", "push", str(broken))
    assert code == 1 and "broken.json" in err
    assert run("--db", server_url, "list", "--json")[1].strip() == "[]"


def test_the_headless_commands_on_the_server_never_import_textual(
    server_url: str, isolated: Path
) -> None:
    script = (
        "import io, json, sys\n"
        "from contextlib import redirect_stdout\n"
        "from deadline_tui.cli import main\n"
        "with redirect_stdout(io.StringIO()):\n"
        f"    codes = [main(['--db', {server_url!r}, *c]) for c in"
        " (['summary'], ['list'], ['remind', '--dry-run'])]\n"
        "print(json.dumps([codes, sorted(m for m in sys.modules if m.startswith('textual'))]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=isolated,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [[0, 0, 0], []]


def test_undo_on_the_server_book_keeps_its_history_in_the_user_data_folder(
    server_url: str, isolated: Path
) -> None:
    """The configured file path is not the book: no history file appears there, and
    `undo` takes back the last change made on the server."""
    config = isolated / "config.toml"
    config.write_text(f'[database]\nurl = "{server_url}"\n')
    base = ("--config", str(config))
    assert run(*base, "add", "Báo cáo quý", "--unit", "Sở Y tế", "--due", "31/12/2026",
               "--assigned", "01/11/2026")[0] == 0  # fmt: skip
    code, _out, err = run(*base, "done", "1", "--on", "20/11/2026")
    assert code == 0, err
    assert "hoàn tác" not in err.lower()  # no warning that the history could not be kept
    code, out, err = run(*base, "undo")
    assert code == 0, err
    assert "1" in out
    code, out, _err = run(*base, "list", "--json")
    assert json.loads(out)[0]["done_on"] is None
    assert not list(isolated.rglob("*.undo"))
