"""``deadline-tui import`` and ``export`` (DESIGN sections 7 and 8), in-process.

Import: CSV with and without a BOM, comma- or semicolon-separated; Vietnamese and English
headers matched ignoring case, diacritics and spacing; ";"-separated cooperating units;
deadlines as dates and as phrases; extra columns ignored; XLSX with real date cells.
All or nothing: every bad row reported (row, column header, value), the database
byte-identical. ``--dry-run`` writes nothing; a second import of the same file adds
nothing unless ``--allow-duplicates``.

Export: ``.csv`` and ``.xlsx`` re-import into a fresh database as the same tasks (in
either UI language); ``.xlsx`` has a header row, date cells and column widths; ``.json``
restores every task losslessly (uids, ids, every field, series, reminder log); ``.ics``
is a valid calendar (CRLF, folding at 75 octets, escaping); other extensions exit 1.

"Today" is frozen at 23/11/2026 09:00.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from openpyxl import Workbook, load_workbook

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.services.clock import SystemClock
from deadline_tui.storage.backups import list_backups
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]

# What a CSV or XLSX round trip carries (not uid, id, timestamps, extension history).
CONTENT_FIELDS = (
    "title", "lead_unit", "support_units", "source", "leader", "follower", "assigned_on",
    "due_on", "done_on", "state", "result", "note",
)  # fmt: skip


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's system clock reads 23/11/2026 09:00."""
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


@contextmanager
def unchanged(db_path: Path) -> Iterator[None]:
    """The database file and its backups are byte-identical after the block."""
    before = db_path.read_bytes() if db_path.exists() else None
    backups = list_backups(db_path)
    yield
    assert (db_path.read_bytes() if db_path.exists() else None) == before
    assert list_backups(db_path) == backups


def write_csv(path: Path, lines: list[str], *, bom: bool = False) -> Path:
    text = "\n".join(lines) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def stored(db_path: Path) -> tuple[Task, ...]:
    repo = DeskBook.open_or_create(db_path)
    try:
        return repo.tasks()
    finally:
        repo.close()


def content(task: Task) -> dict[str, Any]:
    return {name: getattr(task, name) for name in CONTENT_FIELDS}


def assert_ok(result: CliResult) -> None:
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def assert_rejected(result: CliResult) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert result.err.strip()


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_vietnamese_headers(cli: Cli, db_path: Path, files: Path, bom: bool) -> None:
    path = write_csv(
        files / "giao-viec.csv",
        [
            "STT,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Văn bản giao,Lãnh đạo chỉ đạo,"
            "Chuyên viên theo dõi,Ngày giao,Thời hạn,Ngày hoàn thành,Ghi chú,Cột lạ",
            '1,"Báo cáo [/] kết quả [footnoteRef:2], năm 2021",Sở Tài chính,'
            '"Sở Y tế; Sở Nội vụ ;; UBND huyện Đắk Mil",Chương trình 10/CTr-UBND,PCT Nguyễn Văn A,'
            "Trần Thị B,01/01/2021,31/01/2021,15/01/2021,ghi chú,bỏ qua",
            "2,Xây dựng kế hoạch,Sở Kế hoạch và Đầu tư,,,,,1/7/2021,quý III/2021,,,",
            "3,Theo dõi giá,Sở Công Thương,,,,,2021-03-01,thường xuyên,,,",
            "4,Tổng kết,Sở Nội vụ,,,,,01.02.2021,6 tháng đầu năm 2021,,,",
            "5,Việc hôm nay,Sở Y tế,,,,,,31/12/2026,,,",
        ],
        bom=bom,
    )
    result = cli("import", str(path))
    assert_ok(result)
    assert "5" in result.out
    tasks = {t.title: t for t in stored(db_path)}
    first = tasks["Báo cáo [/] kết quả [footnoteRef:2], năm 2021"]
    assert first.lead_unit == "Sở Tài chính"
    assert first.support_units == ("Sở Y tế", "Sở Nội vụ", "UBND huyện Đắk Mil")
    assert first.source == "Chương trình 10/CTr-UBND"
    assert first.leader == "PCT Nguyễn Văn A"
    assert first.follower == "Trần Thị B"
    assert first.assigned_on == date(2021, 1, 1)
    assert (first.deadline_text, first.due_on) == ("31/01/2021", date(2021, 1, 31))
    assert (first.state, first.done_on) == (TaskState.DONE, date(2021, 1, 15))
    assert first.note == "ghi chú"
    assert tasks["Xây dựng kế hoạch"].due_on == date(2021, 9, 30)
    assert tasks["Xây dựng kế hoạch"].deadline_text == "quý III/2021"
    assert tasks["Xây dựng kế hoạch"].assigned_on == date(2021, 7, 1)
    assert tasks["Theo dõi giá"].due_on is None
    assert tasks["Theo dõi giá"].deadline_text == "thường xuyên"
    assert tasks["Tổng kết"].due_on == date(2021, 6, 30)
    assert tasks["Việc hôm nay"].assigned_on == date(2026, 11, 23)  # empty: today


@pytest.mark.parametrize(
    "headers",
    [
        "title,lead_unit,support_units,source,leader,follower,assigned_on,due,done_on,note",
        "  TITLE , Lead Unit ,Support-Units,SOURCE,Leader,follower,Assigned On,Due,Done On,NOTE",
        "NOI DUNG,don vi chu tri,Đơn  vị  phối   hợp,VAN BAN GIAO,lãnh đạo chỉ đạo,"
        "CHUYÊN VIÊN THEO DÕI,ngay giao,THỜI HẠN,ngày hoàn thành,Ghi Chu",
        "Trích yếu,Đơn vị chủ trì,Đơn vị phối hợp,Văn bản giao,Lãnh đạo chỉ đạo,"
        "Chuyên viên theo dõi,Ngày giao,Thời hạn,Ngày hoàn thành,Ghi chú",
        # Decomposed Unicode (NFD), as some editors save it.
        unicodedata.normalize(
            "NFD",
            "Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Văn bản giao,Lãnh đạo chỉ đạo,"
            "Chuyên viên theo dõi,Ngày giao,Thời hạn,Ngày hoàn thành,Ghi chú",
        ),
    ],
)
def test_headers_match_ignoring_case_diacritics_and_spacing(
    cli: Cli, db_path: Path, files: Path, headers: str
) -> None:
    path = write_csv(
        files / "tasks.csv",
        [
            headers,
            'Việc một,Sở Tài chính,"Sở Y tế;Sở Nội vụ",QĐ 1/QĐ-UBND,Ông A,Bà B,'
            "02/01/2021,trước ngày 31/03/2021,20/03/2021,ghi chú",
        ],
    )
    assert_ok(cli("import", str(path)))
    (task,) = stored(db_path)
    assert content(task) == {
        "title": "Việc một",
        "lead_unit": "Sở Tài chính",
        "support_units": ("Sở Y tế", "Sở Nội vụ"),
        "source": "QĐ 1/QĐ-UBND",
        "leader": "Ông A",
        "follower": "Bà B",
        "assigned_on": date(2021, 1, 2),
        "due_on": date(2021, 3, 31),
        "done_on": date(2021, 3, 20),
        "state": TaskState.DONE,
        "result": "",
        "note": "ghi chú",
    }
    assert task.deadline_text == "trước ngày 31/03/2021"


def test_a_semicolon_separated_csv(cli: Cli, db_path: Path, files: Path) -> None:
    path = write_csv(
        files / "excel-vn.csv",
        [
            "STT;Nội dung;Đơn vị chủ trì;Đơn vị phối hợp;Ngày giao;Thời hạn",
            '1;Việc A, có dấu phẩy;Sở Tài chính;"Sở Y tế; Sở Nội vụ";01/01/2021;31/12/2021',
            "2;Việc B;Sở Y tế;;01/01/2021;tháng 7/2021",
        ],
        bom=True,
    )
    assert_ok(cli("import", str(path)))
    tasks = {t.title: t for t in stored(db_path)}
    assert tasks["Việc A, có dấu phẩy"].support_units == ("Sở Y tế", "Sở Nội vụ")
    assert tasks["Việc B"].due_on == date(2021, 7, 31)


def test_a_recurring_deadline_row_imports_its_occurrences(
    cli: Cli, db_path: Path, files: Path
) -> None:
    path = write_csv(
        files / "dinh-ky.csv",
        ["Nội dung,Đơn vị chủ trì,Ngày giao,Thời hạn",
         "Báo cáo tháng,Sở Tài chính,01/10/2026,trước ngày 20 hàng tháng"],
    )  # fmt: skip
    assert_ok(cli("import", str(path)))
    tasks = stored(db_path)
    assert len(tasks) > 12
    assert {t.title for t in tasks} == {"Báo cáo tháng"}
    assert tasks[0].due_on == date(2026, 10, 20)
    assert len({t.series_uid for t in tasks}) == 1


def test_a_title_full_of_brackets_imports_literally(cli: Cli, db_path: Path, files: Path) -> None:
    title = '[b]Báo cáo[/b] [/] [[kép]] [link=https://x.vn]a[/link] [footnoteRef:2] "[x]"'
    escaped = title.replace('"', '""')
    path = write_csv(
        files / "brackets.csv",
        ["title,lead_unit,due,assigned_on", f'"{escaped}",[Ban] Dân tộc,31/12/2021,01/01/2021'],
    )
    assert_ok(cli("import", str(path)))
    (task,) = stored(db_path)
    assert task.title == title
    assert task.lead_unit == "[Ban] Dân tộc"


# -- XLSX ------------------------------------------------------------------------------------


def test_xlsx_with_real_date_cells(cli: Cli, db_path: Path, files: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Ngày giao",
                  "Thời hạn", "Ngày hoàn thành", "Ghi chú"])  # fmt: skip
    sheet.append([1, "Việc [một]", "Sở Tài chính", "Sở Y tế; Sở Nội vụ", datetime(2021, 1, 4),
                  datetime(2021, 3, 31), date(2021, 3, 30), 12.0])  # fmt: skip
    sheet.append([2, "Việc hai", "Sở Y tế", None, date(2021, 7, 1), "quý III/2021", None, None])
    sheet.append([None, None, None, None, None, None, None, None])  # a blank row is skipped
    sheet.append([3, "Việc ba", "Sở Nội vụ", "", "15/02/2021", "thường xuyên", "", "x"])
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=7):
        for cell in row:
            if isinstance(cell.value, date | datetime):
                cell.number_format = "DD/MM/YYYY"
    path = files / "giao-viec.xlsx"
    workbook.save(path)

    result = cli("import", str(path))
    assert_ok(result)
    tasks = {t.title: t for t in stored(db_path)}
    assert len(tasks) == 3
    first = tasks["Việc [một]"]
    assert first.assigned_on == date(2021, 1, 4)
    assert first.due_on == date(2021, 3, 31)
    assert first.done_on == date(2021, 3, 30)
    assert first.support_units == ("Sở Y tế", "Sở Nội vụ")
    assert first.note == "12"  # a whole number cell reads as a person reads it
    assert tasks["Việc hai"].due_on == date(2021, 9, 30)
    assert tasks["Việc ba"].assigned_on == date(2021, 2, 15)
    assert tasks["Việc ba"].due_on is None


def test_xlsx_bad_cells_are_reported_by_spreadsheet_row(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["title", "lead_unit", "assigned_on", "due"])
    sheet.append(["Tốt", "Sở Y tế", date(2021, 1, 1), date(2021, 2, 1)])
    sheet.append(["Xấu", "Sở Y tế", date(2021, 5, 1), "khi nào xong"])
    path = files / "bad.xlsx"
    workbook.save(path)
    with unchanged(db_path):
        result = cli("import", str(path))
    assert_rejected(result)
    assert "Dòng 3, cột “due”, giá trị “khi nào xong”" in result.err


def test_a_file_that_is_not_a_workbook_is_exit_1(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook
) -> None:
    path = files / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with unchanged(db_path):
        result = cli("import", str(path))
    assert_rejected(result)
    assert str(path) in result.err


# -- all or nothing --------------------------------------------------------------------------


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_one(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook
) -> None:
    repo.add(make_task(title="Có sẵn"))
    path = write_csv(
        files / "loi.csv",
        [
            "STT,Nội dung,Đơn vị chủ trì,Ngày giao,Thời hạn,Ngày hoàn thành",
            "1,Việc tốt,Sở Tài chính,01/01/2021,31/12/2021,",
            "2,,Sở Tài chính,01/01/2021,31/12/2021,",
            "3,Thiếu chủ trì,,01/01/2021,31/12/2021,",
            "4,Ngày hỏng,Sở Y tế,32/01/2021,31/12/2021,",
            "5,Cụm hỏng,Sở Y tế,01/01/2021,khi nào rảnh thì làm,",
            "6,Hoàn thành trước khi giao,Sở Y tế,05/05/2021,31/12/2021,01/05/2021",
            "7,Việc tốt nữa,Sở Y tế,01/01/2021,quý IV/2021,",
            "8,Hạn trước ngày giao,Sở Y tế,01/06/2021,31/01/2021,",
        ],
    )
    with unchanged(db_path):
        result = cli("import", str(path))
        dry = cli("import", str(path), "--dry-run")
    assert_rejected(result)
    assert_rejected(dry)
    assert dry.err == result.err
    for expected in (
        "Dòng 3, cột “Nội dung”, giá trị “”",
        "Dòng 4, cột “Đơn vị chủ trì”, giá trị “”",
        "Dòng 5, cột “Ngày giao”, giá trị “32/01/2021”",
        "Dòng 6, cột “Thời hạn”, giá trị “khi nào rảnh thì làm”",
        "Dòng 7, cột “Ngày hoàn thành”, giá trị “01/05/2021”",
        "Dòng 9, cột “Thời hạn”, giá trị “31/01/2021”",
    ):
        assert expected in result.err, expected
    assert "Dòng 2," not in result.err
    assert "Dòng 8," not in result.err
    assert "6 trong 8 dòng" in result.err
    assert [t.title for t in stored(db_path)] == ["Có sẵn"]


def test_bad_rows_are_reported_in_english(
    cli: Cli, db_path: Path, files: Path, tmp_path: Path
) -> None:
    config = tmp_path / "en.toml"
    config.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    path = write_csv(files / "bad.csv", ["title,lead_unit,due", "X,,someday"])
    result = cli("import", str(path), "--config", str(config))
    assert_rejected(result)
    assert "Row 2, column “lead_unit”, value “”: The lead unit is required." in result.err
    assert "Row 2, column “due”, value “someday”" in result.err
    assert "Nothing imported" in result.err
    assert not stored(db_path)


@pytest.mark.parametrize(
    "case",
    [
        ("missing.csv", None, "missing.csv"),
        ("tasks.txt", b"title,lead_unit\nA,B\n", "tasks.txt"),
        ("empty.csv", b"", "empty.csv"),
        ("legacy.csv", b"title,lead_unit\nVi\xeac ba,S\xf4 Y t\xea\n", "UTF-8"),  # cp1258
        ("columns.csv", b"STT,foo\n1,bar\n", "Đơn vị chủ trì"),
    ],
)
def test_unreadable_files_are_exit_1(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook, case: tuple[str, bytes | None, str]
) -> None:
    name, data, fragment = case
    repo.add(make_task())
    path = files / name
    if data is not None:
        path.write_bytes(data)
    with unchanged(db_path):
        result = cli("import", str(path))
    assert_rejected(result)
    assert fragment in result.err


# -- dry run and duplicates ------------------------------------------------------------------


def _simple_csv(files: Path) -> Path:
    return write_csv(
        files / "three.csv",
        [
            "Nội dung,Đơn vị chủ trì,Văn bản giao,Ngày giao,Thời hạn",
            "Việc 1,Sở Tài chính,KH 1,01/01/2021,31/03/2021",
            "Việc 2,Sở Y tế,KH 1,01/01/2021,thường xuyên",
            "Việc 3,Sở Y tế,KH 2,01/01/2021,quý II/2021",
        ],
    )


def test_dry_run_writes_nothing(cli: Cli, db_path: Path, files: Path, repo: DeskBook) -> None:
    path = _simple_csv(files)
    with unchanged(db_path):
        result = cli("import", str(path), "--dry-run")
    assert_ok(result)
    assert "3 đầu việc" in result.out
    assert "Việc 2" in result.out
    assert repo.tasks() == ()


def test_a_dry_run_of_rows_all_in_the_book_counts_every_row_read(
    cli: Cli, db_path: Path, files: Path
) -> None:
    path = _simple_csv(files)
    assert_ok(cli("import", str(path)))
    with unchanged(db_path):
        dry = cli("import", str(path), "--dry-run")
    assert_ok(dry)
    assert "đọc 3 dòng, sẽ thêm 0 đầu việc" in dry.out  # not "0 đầu việc từ 0 dòng"
    assert "Bỏ qua 3 dòng đã có trong sổ" in dry.err


def test_reimporting_the_same_file_adds_nothing_unless_asked(
    cli: Cli, db_path: Path, files: Path
) -> None:
    path = _simple_csv(files)
    assert_ok(cli("import", str(path)))
    first = stored(db_path)
    assert len(first) == 3
    with unchanged(db_path):
        again = cli("import", str(path))
    assert_ok(again)
    assert "3" in again.err  # three rows skipped, and said so
    assert stored(db_path) == first
    # Matching ignores diacritics and case, as the rest of the book does.
    variant = write_csv(
        files / "variant.csv",
        ["noi dung,don vi chu tri,van ban giao,ngay giao,thoi han",
         "VIỆC 1,so tai chinh,kh 1,1/1/2021,31.03.2021"],
    )  # fmt: skip
    assert_ok(cli("import", str(variant)))
    assert len(stored(db_path)) == 3

    assert_ok(cli("import", str(path), "--allow-duplicates"))
    tasks = stored(db_path)
    assert len(tasks) == 6
    assert len({t.uid for t in tasks}) == 6
    assert sorted(t.title for t in tasks) == sorted(["Việc 1", "Việc 2", "Việc 3"] * 2)


def test_an_import_takes_a_backup_first(cli: Cli, db_path: Path, files: Path) -> None:
    assert_ok(cli("add", "Có sẵn", "--unit", "Sở Y tế", "--due", "31/12/2026"))
    before = db_path.read_bytes()
    assert_ok(cli("import", str(_simple_csv(files))))
    assert any(backup.path.read_bytes() == before for backup in list_backups(db_path))


# -- export ----------------------------------------------------------------------------------


@pytest.fixture
def book(repo: DeskBook, cli: Cli) -> tuple[Task, ...]:
    """A varied book: units, sources, people, phrases, done, extended, cancelled, deleted."""
    tasks = repo.add_many(
        [
            make_task(
                title="Báo cáo [/] kết quả, quý; III [footnoteRef:2]",
                lead_unit="Sở Kế hoạch và Đầu tư",
                support_units=("Sở Tài chính", "UBND huyện Đắk Mil"),
                source="Thông báo 80/TB-UBND ngày 01/4/2016, mục II.3",
                leader="PCT Nguyễn Văn A",
                follower="Trần Thị B",
                assigned_on=date(2021, 7, 1),
                deadline_text="quý III/2021",
                due_on=date(2021, 9, 30),
                result="Báo cáo 45/BC-SKHĐT",
                note="Ghi chú; có, dấu",
            ),
            make_task(
                title="Việc đã xong",
                lead_unit="Sở Y tế",
                assigned_on=date(2021, 1, 4),
                deadline_text="31/01/2021",
                due_on=date(2021, 1, 31),
                done_on=date(2021, 1, 30),
            ),
            make_task(
                title="Theo dõi thường xuyên",
                lead_unit="Sở Công Thương",
                assigned_on=date(2021, 2, 1),
                deadline_text="thường xuyên",
            ),
            make_task(title="Bị xóa", assigned_on=date(2021, 1, 1), due_on=date(2021, 12, 31)),
            make_task(
                title=("Dài " + "nội dung rất dài có dấu tiếng Việt, " * 6).strip(),
                lead_unit="Ban Quản lý các khu công nghiệp",
                assigned_on=date(2026, 1, 1),
                deadline_text="năm 2026",
                due_on=date(2026, 12, 31),
            ),
        ]
    )
    repo.delete(tasks[3].id)
    assert_ok(cli("extend", str(tasks[4].id), "--to", "31/03/2027", "--reason", "Chờ, vốn; [x]"))
    return repo.tasks()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_export_imports_back_as_the_same_tasks(
    cli: Cli, book: tuple[Task, ...], tmp_path: Path, language: str, suffix: str
) -> None:
    config = tmp_path / f"{language}.toml"
    config.write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    path = tmp_path / f"book{suffix}"
    assert_ok(cli("export", str(path), "--config", str(config)))
    fresh = tmp_path / "fresh" / "tasks.json"
    assert_ok(cli("import", str(path), db=fresh))
    imported = stored(fresh)
    assert [content(t) for t in imported] == [content(t) for t in book]
    by_title = {t.title: t for t in imported}
    assert by_title["Theo dõi thường xuyên"].deadline_text == "thường xuyên"
    assert by_title[book[0].title].deadline_text == "quý III/2021"
    # Exported rows carry their uid: importing into the same book adds nothing.
    with unchanged(fresh):
        again = cli("import", str(path), db=fresh)
    assert_ok(again)


@pytest.mark.parametrize("state", [TaskState.CANCELLED, TaskState.SUSPENDED])
def test_a_set_aside_task_keeps_its_state_through_csv(
    cli: Cli, repo: DeskBook, files: Path, tmp_path: Path, state: TaskState
) -> None:
    """The status column is read for the two states dates cannot tell (DESIGN section 8
    lists no status column; without it a cancelled task would come back open)."""
    repo.add(make_task(state=state, assigned_on=date(2021, 6, 1), due_on=date(2021, 12, 31)))
    path = files / "set-aside.csv"
    assert_ok(cli("export", str(path)))
    fresh = tmp_path / "fresh" / "tasks.json"
    assert_ok(cli("import", str(path), db=fresh))
    assert stored(fresh)[0].state is state


def test_xlsx_export_has_headers_date_cells_and_widths(
    cli: Cli, book: tuple[Task, ...], files: Path
) -> None:
    path = files / "book.xlsx"
    result = cli("export", str(path))
    assert_ok(result)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Số", "Mã", "Nội dung", "Đơn vị chủ trì"]
    assert {"Ngày giao", "Thời hạn", "Hạn xử lý", "Ngày hoàn thành"} <= set(headers)
    assert sheet.max_row == len(book) + 1
    column = {name: headers.index(name) + 1 for name in headers}
    for row, task in enumerate(book, start=2):
        assigned = sheet.cell(row, column["Ngày giao"])
        assert isinstance(assigned.value, datetime)
        assert assigned.value.date() == task.assigned_on
        assert assigned.number_format == "DD/MM/YYYY"
        due = sheet.cell(row, column["Hạn xử lý"]).value
        assert (due.date() if due else None) == task.due_on
        assert sheet.cell(row, column["Mã"]).value == task.uid
        assert sheet.cell(row, column["Nội dung"]).value == task.title
    assert sheet.column_dimensions["C"].width == 60
    assert all(sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ")
    assert sheet.freeze_panes == "A2"
    assert len(workbook.worksheets) == 2  # the summary sheet
    assert "Tính đến ngày 23/11/2026" in str(workbook.worksheets[1]["A1"].value)


def test_csv_export_is_utf8_with_bom_and_day_first_dates(
    cli: Cli, book: tuple[Task, ...], files: Path
) -> None:
    path = files / "book.csv"
    assert_ok(cli("export", str(path)))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Số,Mã,Nội dung")
    assert "01/07/2021" in text
    assert "2021-07-01" not in text


def test_json_export_restores_every_task_losslessly(
    cli: Cli, book: tuple[Task, ...], repo: DeskBook, files: Path, tmp_path: Path
) -> None:
    assert_ok(cli("remind", "--now", "23/11/2026 07:30", "--config", str(_stdout_config(tmp_path))))
    assert_ok(cli("add", "Định kỳ", "--unit", "Sở Tài chính", "--due", "trước ngày 20 hàng tháng"))
    original = DeskBook.open_or_create(repo.path)
    try:
        tasks, series, log = original.tasks(), original.series(), original.deliveries()
    finally:
        original.close()
    assert log
    assert series

    path = files / "backup.json"
    assert_ok(cli("export", str(path)))
    payload = orjson.loads(path.read_bytes())
    assert payload["format"] == "deadline-tui-backup"

    fresh = tmp_path / "fresh" / "tasks.json"
    with unchanged(fresh):
        assert_ok(cli("import", str(path), "--dry-run", db=fresh))
    result = cli("import", str(path), db=fresh)
    assert_ok(result)
    restored = DeskBook.open_or_create(fresh)
    try:
        assert restored.tasks() == tasks  # uids, ids and every field
        assert restored.series() == series
        assert restored.deliveries() == log
        # The deleted task's id stays unused in the restored book too.
        assert restored.add(make_task()).id == max(t.id for t in tasks) + 1
    finally:
        restored.close()
    again = cli("import", str(path), db=fresh)
    assert_ok(again)
    assert len(stored(fresh)) == len(tasks) + 1


def _stdout_config(folder: Path) -> Path:
    path = folder / "stdout.toml"
    path.write_text('[reminders]\nchannels = ["stdout"]\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "case",
    [
        (b'{"tables": ', "backup.json"),
        (b'{"format": "something-else", "tables": {}}', "deadline-tui"),
        (
            orjson.dumps(
                {"format": "deadline-tui-backup", "tables": {"meta": {"1": {"schema": 99}}}}
            ),
            "99",
        ),
        (
            orjson.dumps(
                {
                    "format": "deadline-tui-backup",
                    "tables": {"meta": {"1": {"schema": 1}}, "tasks": {"1": {"uid": "x"}}},
                }
            ),
            "backup.json",
        ),
    ],
)
def test_a_bad_json_backup_is_exit_1_and_changes_nothing(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook, case: tuple[bytes, str]
) -> None:
    data, fragment = case
    repo.add(make_task())
    before = db_path.read_bytes()
    path = files / "backup.json"
    path.write_bytes(data)
    result = cli("import", str(path))
    assert_rejected(result)
    assert fragment in result.err
    # (A safety backup may have been taken before the records were checked.)
    assert db_path.read_bytes() == before


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.split("\r\n"):
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def test_ics_export_is_a_valid_calendar(
    cli: Cli, book: tuple[Task, ...], repo: DeskBook, files: Path
) -> None:
    repo.add(make_task(title="Tạm dừng", state=TaskState.SUSPENDED, due_on=date(2026, 12, 1)))
    path = files / "book.ics"
    result = cli("export", str(path))
    assert_ok(result)
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF everywhere, no bare LF
    for line in raw.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never cuts a UTF-8 character
    lines = _unfold(raw.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")

    with_deadline = [t for t in book if t.due_on is not None]
    assert lines.count("BEGIN:VEVENT") == len(with_deadline)  # not the suspended one
    uids = {line.removeprefix("UID:").split("@")[0] for line in lines if line.startswith("UID:")}
    assert uids == {t.uid for t in with_deadline}
    starts = sorted(line for line in lines if line.startswith("DTSTART"))
    assert starts == sorted(f"DTSTART;VALUE=DATE:{t.due_on:%Y%m%d}" for t in with_deadline)

    summary = next(line for line in lines if line.startswith("SUMMARY:") and "footnoteRef" in line)
    assert summary == "SUMMARY:[1] Báo cáo [/] kết quả\\, quý\\; III [footnoteRef:2]"
    description = next(
        line for line in lines if line.startswith("DESCRIPTION:Đơn vị chủ trì: Sở Kế")
    )
    assert "Thông báo 80/TB-UBND ngày 01/4/2016\\, mục II.3" in description
    assert "\\n" in description
    assert any(len(line.encode()) > 75 for line in lines)  # folding was exercised


def test_an_unknown_export_extension_is_exit_1(
    cli: Cli, db_path: Path, files: Path, repo: DeskBook
) -> None:
    repo.add(make_task())
    for name in ("book.pdf", "book", "book.csv.bak"):
        with unchanged(db_path):
            result = cli("export", str(files / name))
        assert_rejected(result)
        assert name in result.err
        assert not (files / name).exists()


# -- two imports at the same time ------------------------------------------------------------


def test_two_imports_of_one_file_at_once_store_its_rows_once(db_path: Path, files: Path) -> None:
    """``import a.csv & import a.csv``: both check the rows before either writes; the
    second finds them under the lock and reports them as duplicates, as a re-import does."""
    from deadline_tui.services.importer import apply_import, plan_import
    from deadline_tui.services.tasks import TaskService

    lines = ["Nội dung,Đơn vị chủ trì,Văn bản giao,Ngày giao,Thời hạn"]
    lines += [f"Việc {n},Sở Tài chính,KH 1,01/01/2021,31/03/2021" for n in range(1, 301)]
    path = write_csv(files / "a.csv", lines)
    DeskBook.open_or_create(db_path).close()
    first, second = DeskBook(db_path), DeskBook(db_path)
    try:
        plans = [plan_import(TaskService(book), path) for book in (first, second)]
        assert [len(plan.prepared) for plan in plans] == [300, 300]
        assert len(apply_import(TaskService(first), plans[0])) == 300
        assert apply_import(TaskService(second), plans[1]) == []
        assert plans[1].duplicates == list(range(2, 302))  # file rows, after the header
    finally:
        first.close()
        second.close()
    assert sorted(task.title for task in stored(db_path)) == sorted(
        f"Việc {n}" for n in range(1, 301)
    )


def test_two_imports_of_one_document_at_once_store_its_drafts_once(db_path: Path) -> None:
    from deadline_tui.extract.model import Draft
    from deadline_tui.services.document_import import Reviewed, plan_document, store_plan
    from deadline_tui.services.tasks import TaskService

    drafts = tuple(
        Draft("I", f"Rà soát hồ sơ {n}", f"Rà soát hồ sơ {n}", (0, 1), "Sở Y tế",
              deadline_text="trước ngày 31/12/2026")
        for n in range(1, 4)
    )  # fmt: skip
    reviewed = Reviewed("Kế hoạch 5/KH-UBND", "01/11/2026", drafts)
    DeskBook.open_or_create(db_path).close()
    first, second = DeskBook(db_path), DeskBook(db_path)
    try:
        plans = [plan_document(TaskService(book), reviewed) for book in (first, second)]
        assert len(store_plan(TaskService(first), plans[0])) == 3
        assert store_plan(TaskService(second), plans[1]) == []
        assert (plans[1].duplicates, plans[1].prepared) == (3, [])
    finally:
        first.close()
        second.close()
    assert len(stored(db_path)) == 3


@pytest.mark.parametrize("name", ["tasks.csv", "tasks.xlsx", "tasks.json", "tasks.ics"])
def test_a_new_export_is_private_and_an_old_one_keeps_its_mode(
    cli: Cli, repo: DeskBook, files: Path, name: str
) -> None:
    """An export holds every title, as the book does: a new one is 0600 (whatever the
    umask), a file written over keeps the mode its owner gave it (a .json backup is
    always 0600, as the book's own backups)."""
    repo.add(make_task(due_on=date(2026, 12, 31)))
    path = files / name
    old_umask = os.umask(0o022)
    try:
        assert_ok(cli("export", str(path)))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.chmod(0o640)
        assert_ok(cli("export", str(path)))
        assert stat.S_IMODE(path.stat().st_mode) == (0o600 if name.endswith(".json") else 0o640)
    finally:
        os.umask(old_umask)
