"""``edit``, ``done --result`` and ``undo`` from the command line (issue 14, point 13).

"Today" is frozen at 23/11/2026 09:00; every expected value is written out by hand.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from deadline_tui.domain.task import TaskState
from deadline_tui.services.clock import SystemClock
from deadline_tui.services.journal import HISTORY_LIMIT, UndoJournal, journal_path
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult

Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


def read(db_path: Path, ref: int) -> object:
    repo = DeskBook(db_path)
    try:
        return repo.get(ref)
    finally:
        repo.close()


def add(cli: Cli, title: str = "Báo cáo quý IV", due: str = "31/12/2026") -> int:
    result = cli("add", title, "--unit", "Sở Tài chính", "--due", due, "--assigned", "01/11/2026")
    assert result.code == 0, result.err
    return int(result.out.strip())


def test_edit_changes_only_the_fields_given_and_names_them(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    result = cli(
        "edit", str(number), "--due", "quý I/2027", "--leader", "Phó Chủ tịch Lê Văn A",
        "--support", "Sở Y tế; Sở Nội vụ",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Thời hạn" in result.out and "Lãnh đạo chỉ đạo" in result.out
    task = read(db_path, number)
    assert task.due_on == date(2027, 3, 31)  # type: ignore[attr-defined]
    assert task.deadline_text == "quý I/2027"  # type: ignore[attr-defined]
    assert task.leader == "Phó Chủ tịch Lê Văn A"  # type: ignore[attr-defined]
    assert task.support_units == ("Sở Y tế", "Sở Nội vụ")  # type: ignore[attr-defined]
    assert task.title == "Báo cáo quý IV"  # type: ignore[attr-defined]
    assert task.assigned_on == date(2026, 11, 1)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--due", "31/02/2027"], "31/02/2027"),
        (["--due", "hạn gì đó"], "hạn gì đó"),
        (["--title", "   "], "nội dung"),
        (["--unit", ""], "đơn vị chủ trì"),
        (["--due", "01/10/2026"], "trước ngày giao"),
        (["--assigned", "32/01/2026"], "32/01/2026"),
        (["--due", "   "], "thường xuyên"),
    ],
)
def test_edit_checks_as_the_form_does_and_writes_nothing(
    cli: Cli, db_path: Path, args: list[str], fragment: str
) -> None:
    number = add(cli)
    before = db_path.read_bytes()
    result = cli("edit", str(number), *args)
    assert result.code == 1
    assert fragment in result.err
    assert "Traceback" not in result.err
    assert db_path.read_bytes() == before


def test_edit_with_nothing_given_or_nothing_changed_writes_nothing(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    before = db_path.read_bytes()
    nothing = cli("edit", str(number))
    assert nothing.code == 1 and "--title" in nothing.err
    same = cli("edit", str(number), "--title", "Báo cáo quý IV")
    assert same.code == 0 and "không ghi gì" in same.err
    assert db_path.read_bytes() == before
    # The unchanged edit took no undo step: undo takes back the addition.
    assert "thêm" in cli("undo").out


def test_done_with_a_result(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    result = cli("done", str(number), "--on", "20/11/2026", "--result", "Báo cáo số 12/BC-STC")
    assert result.code == 0, result.err
    task = read(db_path, number)
    assert task.state is TaskState.DONE  # type: ignore[attr-defined]
    assert task.done_on == date(2026, 11, 20)  # type: ignore[attr-defined]
    assert task.result == "Báo cáo số 12/BC-STC"  # type: ignore[attr-defined]


def test_undo_takes_back_each_change_newest_first_and_says_which(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    original = read(db_path, number)
    assert cli("edit", str(number), "--title", "Báo cáo năm").code == 0
    assert cli("done", str(number), "--result", "Xong").code == 0
    second = str(add(cli, "Việc hai"))
    assert cli("extend", second, "--to", "15/01/2027", "--reason", "Chờ số liệu").code == 0

    steps = [cli("undo") for _ in range(5)]
    assert [s.code for s in steps] == [0, 0, 0, 0, 0]
    assert "gia hạn đầu việc số 2: Việc hai" in steps[0].out
    assert "thêm đầu việc số 2" in steps[1].out
    assert "ghi hoàn thành đầu việc số 1: Báo cáo năm" in steps[2].out
    assert "sửa đầu việc số 1: Báo cáo năm" in steps[3].out
    assert "thêm đầu việc số 1" in steps[4].out
    assert read_all(db_path) == []
    last = cli("undo")
    assert last.code == 1 and "Không có thao tác nào để hoàn tác" in last.err
    assert original.title == "Báo cáo quý IV"  # type: ignore[attr-defined]


def read_all(db_path: Path) -> list[object]:
    repo = DeskBook(db_path)
    try:
        return list(repo.tasks())
    finally:
        repo.close()


def test_undo_restores_the_task_exactly(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    before = read(db_path, number)
    cli("edit", str(number), "--title", "Khác", "--note", "ghi chú")
    assert cli("undo").code == 0
    assert read(db_path, number) == before


def test_undo_of_a_delete_brings_the_task_back_under_its_number(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    before = read(db_path, number)
    assert cli("delete", str(number), "--yes").code == 0
    result = cli("undo")
    assert result.code == 0 and "xóa đầu việc số 1" in result.out
    assert read(db_path, number) == before


def test_undo_refuses_when_the_task_changed_elsewhere_and_moves_on(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    cli("edit", str(number), "--title", "Sửa ở dòng lệnh")
    repo = DeskBook(db_path)  # another program (the TUI) changes it meanwhile
    repo.update(number, lambda task: task._replace(note="sửa trong TUI"))
    repo.close()
    before = db_path.read_bytes()
    refused = cli("undo")
    assert refused.code == 1 and "vừa được thay đổi ở nơi khác" in refused.err
    assert db_path.read_bytes() == before
    # That step can never apply again; the next undo is the addition... which also
    # finds the task changed, so the book keeps the other program's change.
    again = cli("undo")
    assert again.code == 1
    assert read(db_path, number).note == "sửa trong TUI"  # type: ignore[attr-defined]


def test_the_history_keeps_the_books_mode_and_is_bounded(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    db_path.chmod(0o640)
    for index in range(HISTORY_LIMIT + 5):
        assert cli("edit", str(number), "--note", f"lần {index}").code == 0
    path = journal_path(db_path)
    # It holds the same titles: never readable by more people than the book.
    assert stat.S_IMODE(path.stat().st_mode) & ~stat.S_IMODE(db_path.stat().st_mode) == 0
    assert len(UndoJournal(db_path).changes()) == HISTORY_LIMIT


def test_a_damaged_history_means_nothing_to_undo(cli: Cli, db_path: Path) -> None:
    add(cli)
    journal_path(db_path).write_bytes(b"\x00garbage")
    before = db_path.read_bytes()
    result = cli("undo")
    assert result.code == 1 and "Không có thao tác nào" in result.err
    assert db_path.read_bytes() == before


def test_add_refuses_a_blank_deadline(cli: Cli, db_path: Path) -> None:
    result = cli("add", "Việc", "--unit", "Sở Y tế", "--due", "  ")
    assert result.code == 1 and "--due" in result.err and "thường xuyên" in result.err
    assert not db_path.exists()


def test_undo_of_a_task_deleted_elsewhere_is_refused_and_the_next_step_applies(
    cli: Cli, db_path: Path
) -> None:
    first = add(cli, "Việc một")
    second = add(cli, "Việc hai")
    repo = DeskBook(db_path)  # another program deletes the second task
    repo.delete(second)
    repo.close()
    refused = cli("undo")
    assert refused.code == 1 and f"đầu việc số {second} không còn trong sổ" in refused.err
    step = cli("undo")
    assert step.code == 0 and f"thêm đầu việc số {first}: Việc một" in step.out
    assert read_all(db_path) == []


def test_edit_support_replaces_the_list_and_an_empty_one_clears_it(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    assert cli("edit", str(number), "--support", "Sở Y tế", "--support", "Sở Nội vụ").code == 0
    assert read(db_path, number).support_units == ("Sở Y tế", "Sở Nội vụ")  # type: ignore[attr-defined]
    assert cli("edit", str(number), "--support", "").code == 0
    assert read(db_path, number).support_units == ()  # type: ignore[attr-defined]


def test_a_history_that_cannot_be_written_is_said_and_the_change_still_made(
    cli: Cli, db_path: Path
) -> None:
    number = add(cli)
    path = journal_path(db_path)
    path.unlink()
    path.mkdir()  # cannot be replaced by a file (root ignores permissions; this it cannot)
    result = cli("done", str(number), "--on", "20/11/2026")
    assert result.code == 0, result.err
    assert f"Không ghi được lịch sử hoàn tác {path}" in result.err
    assert read(db_path, number).done_on == date(2026, 11, 20)  # type: ignore[attr-defined]
    assert cli("undo").code == 1  # nothing recorded, nothing undone
    assert read(db_path, number).done_on == date(2026, 11, 20)  # type: ignore[attr-defined]


def test_the_history_is_written_durably_and_a_killed_writers_leftover_goes(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history survives a power cut as the book does (its content is fsynced before
    the rename), and a temporary file of a writer killed midway does not pile up."""
    import os
    import subprocess
    import sys

    add(cli)
    history = journal_path(db_path)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    leftover = history.with_name(f".{history.name}.tmp-{gone.stdout.strip()}-0badf00d")
    leftover.write_bytes(b'{"changes": [')
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    number = add(cli, "Việc thứ hai")
    assert UndoJournal(db_path).newest().task.id == number  # type: ignore[union-attr]
    synced_names = [Path(path).name for path in synced]
    assert any(name.startswith(f".{history.name}.tmp-") for name in synced_names)
    assert not leftover.exists()


def test_undo_of_a_delete_refuses_once_the_task_is_back(cli: Cli, db_path: Path) -> None:
    number = add(cli)
    before = read(db_path, number)
    assert cli("edit", str(number), "--note", "x").code == 0
    assert cli("delete", str(number), "--yes").code == 0
    repo = DeskBook(db_path)  # another program puts the task back as it was at first
    repo.put(before)  # type: ignore[arg-type]
    repo.close()
    book = db_path.read_bytes()
    refused = cli("undo")
    assert refused.code == 1
    assert f"đầu việc số {number} đã có lại trong sổ" in refused.err
    assert db_path.read_bytes() == book  # its note stays "", never the deleted "x"
    # The edit's step finds the task not as the edit left it: refused too.
    assert cli("undo").code == 1
    assert read(db_path, number) == before


def test_a_restore_clears_the_undo_history(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    number = add(cli)
    copy = tmp_path / "copy.json"
    copy.write_bytes(db_path.read_bytes())  # task 1 with no note
    assert cli("edit", str(number), "--note", "x").code == 0
    assert cli("delete", str(number), "--yes").code == 0
    assert cli("restore", "--yes", str(copy)).code == 0
    restored = db_path.read_bytes()
    # Its steps were taken on the book the restore replaced: nothing left to take back.
    assert not journal_path(db_path).exists()
    result = cli("undo")
    assert result.code == 1 and "Không có thao tác nào" in result.err
    assert db_path.read_bytes() == restored


def test_a_history_a_restore_cannot_clear_is_said(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    add(cli)
    copy = tmp_path / "copy.json"
    copy.write_bytes(db_path.read_bytes())
    path = journal_path(db_path)
    path.unlink()
    path.mkdir()  # cannot be removed as a file (root ignores permissions; this it cannot)
    result = cli("restore", "--yes", str(copy))
    assert result.code == 0, result.err  # the restore itself is done
    assert f"Không xóa được lịch sử hoàn tác {path}" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "1", "--due", "30/10/2026"], "Thời hạn 30/10/2026 trước ngày giao 01/11/2026."),
        (
            ["done", "1", "--on", "28/10/2026"],
            "Ngày hoàn thành 28/10/2026 trước ngày giao 01/11/2026.",
        ),
    ],
    ids=["deadline", "done"],
)
def test_a_date_before_the_assignment_is_said_plainly(
    cli: Cli, args: list[str], message: str
) -> None:
    add(cli)
    result = cli(*args)
    assert result.code == 1
    assert message in result.err and "ở trước" not in result.err


def test_no_message_says_o_truoc() -> None:
    """ "ở trước ngày giao" reads as a place; every message says "trước ngày giao"."""
    from deadline_tui.i18n import message_ids, translations
    from deadline_tui.i18n.tui import MESSAGES as TUI_MESSAGES

    templates = [translations(key)[0] for key in message_ids()]
    templates += [vietnamese for vietnamese, _english in TUI_MESSAGES.values()]
    assert [text for text in templates if "ở trước" in text] == []
