"""Issue 13 points 6-7 and issue 12's export items: an export keeps the figures, reads
right in a spreadsheet and a calendar, and never destroys the previous file.

The round trip is judged by what a report shows at 12 past month-ends (every grouping,
the sentence included) before and after export -> import into an empty book.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import icalendar
import orjson
import pytest
from openpyxl import load_workbook

from deadline_tui.durable import TEMP_INFIX
from deadline_tui.services import tabular
from deadline_tui.services.clock import FixedClock, SystemClock
from deadline_tui.services.drafts import TaskDraft
from deadline_tui.services.tasks import TaskService
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.past_reports import report

Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


def at(clock: FixedClock, day: date) -> None:
    clock.moment = datetime.combine(day, datetime.min.time()).replace(hour=9)


def lived_book(repo: DeskBook) -> None:
    """A year of work entered day by day: every kind of history."""
    clock = FixedClock(datetime(2025, 11, 3, 9, 0))
    service = TaskService(repo, clock)

    def add(day: date, now: date | None = None, **fields: object) -> str:
        at(clock, now or day)
        values: dict[str, object] = {
            "title": "Việc",
            "lead_unit": "Sở Tài chính",
            "assigned": day.strftime("%d/%m/%Y"),
        }
        values.update(fields)
        return service.add(TaskDraft(**values)).task.uid  # type: ignore[arg-type]

    a = add(
        date(2025, 11, 3),
        title="=SUM(A1:A9) báo cáo",
        deadline="30/11/2025",
        leader="Nguyễn Thị Hòa",
    )
    b = add(
        date(2025, 11, 10), title="- Rà soát", deadline="15 ngày làm việc", leader="Nguyễn Thị Hoà"
    )
    c = add(
        date(2025, 12, 1),
        title="+ Kế hoạch",
        deadline="quý I/2026",
        lead_unit="UBND huyện Cẩm Xuyên",
    )
    d = add(
        date(2026, 1, 5),
        title="@ Theo dõi",
        deadline="thường xuyên",
        lead_unit="Uỷ ban nhân dân huyện Cẩm Xuyên",
    )
    e = add(
        date(2026, 1, 20),
        title="Báo cáo tháng",
        deadline="trước ngày 20 hàng tháng",
        source="Thông báo 80/TB-UBND",
    )
    f = add(
        date(2026, 2, 2),
        title="Đề án",
        deadline="6 tháng đầu năm 2026",
        source="TB 80/TB-UBND ngày 01/4/2016",
    )
    g = add(
        date(2026, 3, 2),
        title="Tờ trình",
        deadline="trong 10 ngày kể từ ngày 02/03/2026",
        follower="Lê Văn C",
    )
    h = add(date(2026, 4, 1), title="Hồ sơ", deadline="tháng 5/2026")
    i = add(date(2026, 5, 4), title="Dự thảo", deadline="31/05/2026")
    j = add(
        date(2026, 6, 1),
        date(2026, 6, 21),
        title="Kiểm tra",
        deadline="quý III/2026",
        done="20/06/2026",
    )
    at(clock, date(2025, 11, 28))
    service.complete(a, "27/11/2025")
    at(clock, date(2025, 12, 10))
    service.extend(b, "31/12/2025", "Chờ số liệu", "Công văn 12/UBND-TH")
    at(clock, date(2026, 1, 15))
    service.complete(b, "14/01/2026")
    at(clock, date(2026, 2, 3))
    service.correct_done(b, "05/01/2026", "ghi nhầm ngày")
    at(clock, date(2026, 2, 10))
    service.suspend(c)
    at(clock, date(2026, 4, 10))
    service.reopen(c)  # resumed
    at(clock, date(2026, 4, 20))
    service.extend(c, "30/06/2026", "Thay đổi; kế hoạch [x]")
    service.extend(c, "31/07/2026", "Lần hai")
    at(clock, date(2026, 3, 12))
    service.complete(g)
    at(clock, date(2026, 5, 15))
    service.cancel(g)  # a done task cancelled later
    at(clock, date(2026, 6, 20))
    service.complete(h, "18/06/2026")
    at(clock, date(2026, 7, 1))
    service.reopen(h)
    at(clock, date(2026, 6, 5))
    service.cancel(i)
    at(clock, date(2026, 8, 1))
    service.complete(f, "25/07/2026")
    at(clock, date(2026, 9, 9))
    service.suspend(d)
    at(clock, date(2026, 10, 1))
    occurrence = next(t for t in repo.tasks() if t.series_uid and t.due_on == date(2026, 3, 20))
    service.complete(occurrence.uid, "19/03/2026")
    assert {e, j}  # added with their own histories


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_figures_at_twelve_cut_offs(
    cli: Cli, repo: DeskBook, tmp_path: Path, language: str, suffix: str
) -> None:
    lived_book(repo)
    original = repo.tasks()
    config = tmp_path / f"{language}.toml"
    config.write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    path = tmp_path / f"book{suffix}"
    result = cli("export", str(path), "--config", str(config))
    assert result.code == 0, result.err
    fresh = tmp_path / "fresh" / "tasks.json"
    imported = cli("import", str(path), db=fresh)
    assert imported.code == 0, imported.err
    copy = DeskBook.open_or_create(fresh)
    try:
        restored = copy.tasks()
    finally:
        copy.close()
    assert len(restored) == len(original)
    by_uid = {t.uid: t for t in restored}
    for task in original:
        back = by_uid[task.uid]
        assert back.title == task.title
        assert back.deadline_text == task.deadline_text
        assert (back.due_on, back.original_due_on) == (task.due_on, task.original_due_on)
        assert back.extensions == task.extensions
        assert back.state_history == task.state_history
        assert (back.state, back.done_on) == (task.state, task.done_on)
    assert report(restored) == report(original)


def test_formula_like_cells_are_text_in_csv_and_xlsx(
    cli: Cli, repo: DeskBook, tmp_path: Path
) -> None:
    lived_book(repo)
    csv_path, xlsx_path = tmp_path / "b.csv", tmp_path / "b.xlsx"
    assert cli("export", str(csv_path)).code == 0
    assert cli("export", str(xlsx_path)).code == 0
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    titles = [row[2] for row in rows[1:]]
    assert "'=SUM(A1:A9) báo cáo" in titles and "'- Rà soát" in titles
    assert "'+ Kế hoạch" in titles and "'@ Theo dõi" in titles
    assert [cell for row in rows[1:] for cell in row if cell[:1] in ("=", "+", "-", "@")] == []
    sheet = load_workbook(xlsx_path).worksheets[0]
    cells = {cell.value: cell for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3)}
    for title in ("=SUM(A1:A9) báo cáo", "- Rà soát", "+ Kế hoạch", "@ Theo dõi"):
        assert cells[title].data_type == "s"
    with zipfile.ZipFile(xlsx_path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_summary_sheet_holds_numbers_and_percent_rates(
    cli: Cli, repo: DeskBook, tmp_path: Path
) -> None:
    lived_book(repo)
    path = tmp_path / "b.xlsx"
    assert cli("export", str(path)).code == 0
    figures = orjson.loads(cli("summary", "--json", "--by", "unit").out)
    sheet = load_workbook(path).worksheets[1]
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert isinstance(rows[0][0].value, str) and rows[0][0].value.startswith("Tính đến ngày")
    by_label = {row[0].value: row for row in rows if row and isinstance(row[0].value, str)}
    total = by_label["Tổng số đầu việc"]
    assert total[1].value == figures["total"] and isinstance(total[1].value, int)
    due_done = next(
        row
        for label, row in by_label.items()
        if label.startswith("Đã hoàn thành") and row[3].value == figures["due"]
    )
    assert due_done[1].value == figures["due_done"]
    assert due_done[2].number_format.endswith("%")
    assert Fraction(due_done[2].value).limit_denominator(1000) == Fraction(
        figures["due_done"], figures["due"]
    )
    assert (
        sum(
            row[2].value
            for row in rows
            if row and row[0].value in {g["name"] for g in figures["groups"]}
        )
        == figures["total"]
    )


def test_ics_dtstamp_is_utc_and_parses(cli: Cli, repo: DeskBook, tmp_path: Path) -> None:
    lived_book(repo)
    path = tmp_path / "b.ics"
    assert cli("export", str(path)).code == 0
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    expected = NOW.astimezone(UTC)
    for event in events:
        stamp = event.decoded("DTSTAMP")
        assert stamp.utcoffset() == timedelta(0)
        assert stamp == expected
        assert isinstance(event.decoded("DTSTART"), date)


def test_a_failed_export_leaves_the_previous_file_whole(
    cli: Cli, repo: DeskBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lived_book(repo)
    for suffix, module, name in (
        (".csv", "csv_file", "write_csv"),
        (".xlsx", "xlsx_file", "write_xlsx"),
        (".ics", "ics_file", "write_ics"),
    ):
        path = tmp_path / f"old{suffix}"
        path.write_bytes(b"the previous export")
        import importlib

        target = importlib.import_module(f"deadline_tui.reports.exports.{module}")

        def full_disk(tasks: object, temp: Path, *args: object) -> int:
            temp.write_bytes(b"half of it")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(target, name, full_disk)
        result = cli("export", str(path))
        assert result.code == 1 and "Traceback" not in result.err
        assert str(path) in result.err
        assert path.read_bytes() == b"the previous export"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_onto_the_book_is_refused(cli: Cli, repo: DeskBook, db_path: Path) -> None:
    lived_book(repo)
    before = db_path.read_bytes()
    for alias in (
        db_path.with_suffix(".json"),
        db_path.parent / ".." / db_path.parent.name / db_path.name,
    ):
        result = cli("export", str(alias))
        assert result.code == 1 and "Traceback" not in result.err
    assert db_path.read_bytes() == before


def test_unknown_status_words_are_refused_and_export_words_known(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "Nội dung,Đơn vị chủ trì,Thời hạn,Tình trạng\n"
        "A,Sở Y tế,31/12/2026,Đã hủy\n"
        "B,Sở Y tế,31/12/2026,Hoàn thành đúng hạn\n"
        "C,Sở Y tế,31/12/2026,xong rồi nhé\n",
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.code == 1
    assert "xong rồi nhé" in result.err and "4" in result.err
    assert "Đã hủy" not in result.err and "Hoàn thành đúng hạn" not in result.err


def test_year_zero_in_a_csv_names_the_row(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "y.csv"
    path.write_text(
        "Nội dung,Đơn vị chủ trì,Thời hạn\n"
        "A,Sở Y tế,31/12/2026\nB,Sở Y tế,năm 0000\nC,Sở Y tế,quý IV/9999\n",
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.code == 1 and "Traceback" not in result.err
    assert "năm 0000" in result.err and "quý IV/9999" in result.err
    assert "3" in result.err and "4" in result.err


def test_an_xlsx_that_unpacks_too_large_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 400_000)
    assert path.stat().st_size < 100_000
    result = cli("import", str(path))
    assert result.code == 1 and "Traceback" not in result.err
    assert "1 MB" in result.err


def test_too_many_rows_are_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    path = tmp_path / "rows.csv"
    path.write_text("Nội dung,Đơn vị chủ trì\n" + "A,B\n" * 4, encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 1 and "3" in result.err


def test_an_export_killed_midway_leaves_the_old_file_and_its_leftover_is_cleaned(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    target = tmp_path / "book.csv"
    target.write_bytes(b"the previous export")
    code = (
        "import os, signal, sys; from pathlib import Path;"
        "from deadline_tui.reports.exports.atomic import atomic_output\n"
        "with atomic_output(Path(sys.argv[1])) as temp:\n"
        "    temp.write_bytes(b'half of the new one')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(target)], check=False)
    assert killed.returncode == -9
    assert target.read_bytes() == b"the previous export"
    leftovers = list(tmp_path.glob(f".book.csv{TEMP_INFIX}*"))
    assert len(leftovers) == 1
    from deadline_tui.reports.exports.atomic import atomic_output

    with atomic_output(target) as temp:
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert list(tmp_path.glob(f".book.csv{TEMP_INFIX}*")) == []
