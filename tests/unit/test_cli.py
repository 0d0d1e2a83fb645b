"""The ``deadline-tui`` command line in-process (DESIGN section 7), via the ``cli`` fixture.

Every command with its options, good and bad input: exit codes (0 success, 1 bad input
or data error, 2 usage or config error), error messages on stderr in Vietnamese (or
English with ``[ui] language = "en"``), never a traceback, and the database file
byte-identical after every rejected command. Also the shapes of ``list --json``,
``summary --json`` and ``remind --json``, the list filters, reporting periods, the
rounding settings, extension history, and ``remind --install``.

"Today" is frozen at 23/11/2026 09:00 for every test here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from deadline_tui.domain.task import Task, TaskState
from deadline_tui.reports.figures import FIGURE_KEYS
from deadline_tui.services.clock import SystemClock
from deadline_tui.storage.backups import list_backups
from deadline_tui.storage.desk import DeskBook
from tests.conftest import NOW, CliResult
from tests.factories import make_task

Cli = Callable[..., CliResult]

SECTION_2_FIELDS = {
    "uid", "title", "source", "lead_unit", "support_units", "leader", "follower",
    "assigned_on", "deadline_text", "due_on", "original_due_on", "extensions", "recurrence",
    "state", "done_on", "result", "note", "created_at", "updated_at",
}  # fmt: skip
DATE_FIELDS = ("assigned_on", "due_on", "original_due_on", "done_on")
SUMMARY_KEYS = {"as_of", *FIGURE_KEYS, "sentence"}
REMINDER_KEYS = {"id", "uid", "title", "kind", "due_on"}
ANSI = re.compile(r"\x1b\[")
AS_OF = "23/11/2026"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's system clock reads 23/11/2026 09:00."""
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)


@pytest.fixture
def book(repo: DeskBook) -> dict[str, Task]:
    """Seven tasks, one of each status at 23/11/2026 (and one assigned later)."""
    tasks = repo.add_many(
        [
            make_task(
                title="Báo cáo [/] kết quả [footnoteRef:2]",
                lead_unit="Sở Kế hoạch và Đầu tư",
                support_units=("Sở Tài chính",),
                source="Chương trình 10/CTr-UBND",
                leader="PCT Nguyễn Văn A",
                assigned_on=date(2026, 1, 5),
                deadline_text="6 tháng đầu năm 2026",
                due_on=date(2026, 6, 30),
            ),
            make_task(
                title="Ủy ban hoà giải cơ sở",
                lead_unit="UBND huyện Krông Nô",
                assigned_on=date(2026, 2, 1),
                due_on=date(2026, 12, 31),
            ),
            make_task(
                title="Tiêm chủng",
                lead_unit="Sở Y tế",
                assigned_on=date(2026, 1, 10),
                due_on=date(2026, 3, 31),
                done_on=date(2026, 3, 20),
            ),
            make_task(
                title="Báo cáo dịch bệnh",
                lead_unit="Sở Y tế",
                assigned_on=date(2026, 1, 10),
                due_on=date(2026, 2, 28),
                done_on=date(2026, 4, 10),
            ),
            make_task(
                title="Theo dõi giá cả",
                lead_unit="Sở Tài chính",
                assigned_on=date(2026, 3, 1),
                deadline_text="thường xuyên",
            ),
            make_task(
                title="Dự án tạm dừng",
                lead_unit="Sở Xây dựng",
                assigned_on=date(2026, 1, 1),
                due_on=date(2026, 5, 31),
                state=TaskState.SUSPENDED,
            ),
            make_task(
                title="Việc giao tháng 12",
                lead_unit="Sở Nội vụ",
                assigned_on=date(2026, 12, 1),
                due_on=date(2026, 12, 20),
            ),
        ]
    )
    names = ("overdue", "in_term", "on_time", "late", "no_deadline", "suspended", "future")
    return dict(zip(names, tasks, strict=True))


@pytest.fixture
def config(tmp_path: Path) -> Callable[[str], Path]:
    """Write a config file and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / f"config-{len(list(tmp_path.glob('config-*')))}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@contextmanager
def unchanged(db_path: Path) -> Iterator[None]:
    """The database file and its backups are byte-identical after the block."""
    before = db_path.read_bytes() if db_path.exists() else None
    backups = list_backups(db_path)
    yield
    assert (db_path.read_bytes() if db_path.exists() else None) == before
    assert list_backups(db_path) == backups


def assert_error(result: CliResult, code: int, *fragments: str) -> None:
    assert result.code == code, result
    assert result.err.strip(), "an error must say what is wrong"
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def listed(cli: Cli, *args: str) -> list[dict[str, object]]:
    result = cli("list", "--json", *args)
    assert result.code == 0, result.err
    payload = orjson.loads(result.out)
    assert isinstance(payload, list)
    return payload


def ids(cli: Cli, *args: str) -> list[int]:
    return sorted(int(task["id"]) for task in listed(cli, *args))  # type: ignore[call-overload]


# -- usage errors (exit 2) --------------------------------------------------------------------


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["list", "--status", "bogus"],
        ["list", "--sort", "bogus"],
        ["list", "--limit", "x"],
        ["list", "--no-such-option"],
        ["add", "Thiếu đơn vị", "--due", "31/12/2026"],
        ["add", "Thiếu hạn", "--unit", "Sở Y tế"],
        ["add", "--unit", "Sở Y tế", "--due", "31/12/2026"],
        ["done"],
        ["extend", "1", "--to", "31/12/2027"],
        ["extend", "1", "--reason", "thiếu hạn mới"],
        ["summary", "--by", "bogus"],
        ["remind", "--daemon", "--install"],
        ["import"],
        ["export"],
        ["delete"],
    ],
)
def test_usage_errors_exit_2_in_vietnamese_and_change_nothing(
    cli: Cli, db_path: Path, args: list[str]
) -> None:
    with unchanged(db_path):
        result = cli(*args)
    assert_error(result, 2, "lỗi cú pháp lệnh")
    assert result.out == ""


def test_usage_errors_in_english(cli: Cli, config: Callable[[str], Path]) -> None:
    english = config('[ui]\nlanguage = "en"\n')
    result = cli("list", "--status", "bogus", "--config", str(english))
    assert_error(result, 2, "usage error")
    assert "lỗi" not in result.err


def test_version_and_help_exit_0(cli: Cli) -> None:
    version = cli("--version")
    assert version.code == 0
    assert "deadline-tui" in version.out
    helped = cli("list", "--help")
    assert helped.code == 0
    assert "--status" in helped.out


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--db", "a.json"],
        ["--db=a.json"],
        ["--config", "c.toml", "--db", "b.json"],
        ["--db", "a.json", "--db=b.json"],
        ["--config=-odd.toml"],
    ],
)
def test_the_tui_arguments_are_read_as_the_full_parser_reads_them(arguments: list[str]) -> None:
    from deadline_tui.cli import _tui_arguments
    from deadline_tui.commands.parser import build_parser

    quick = _tui_arguments(arguments)
    full = build_parser().parse_args(arguments)
    assert full.command is None
    assert quick == (full.config, full.db)


@pytest.mark.parametrize(
    "arguments",
    [["list"], ["--db"], ["--db", "--config", "x"], ["--version"], ["-h"], ["--dbx", "a"]],
)
def test_anything_else_goes_to_the_full_parser(arguments: list[str]) -> None:
    from deadline_tui.cli import _tui_arguments

    assert _tui_arguments(arguments) is None


# -- config errors (exit 2) -------------------------------------------------------------------


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('[ui]\nlanguage = "fr"\n', ["ui.language", "'fr'", '"vi", "en"']),
        ("[figures]\ndecimals = 9\n", ["figures.decimals", "0–3"]),
        ('[figures]\nrounding = "banker"\n', ["figures.rounding", "half_up"]),
        ("[ui]\nunknown_key = 1\n", ["ui.unknown_key"]),
        ("[nonsense]\nx = 1\n", ["nonsense"]),
        ('[reminders]\ndigest_time = "25:00"\n', ["reminders.digest_time"]),
        ('[reminders]\nchannels = ["pigeon"]\n', ["reminders.channels"]),
        ("x = [\n", ["TOML"]),
    ],
)
def test_a_bad_config_exits_2_naming_file_and_key(
    cli: Cli, db_path: Path, config: Callable[[str], Path], text: str, fragments: list[str]
) -> None:
    path = config(text)
    with unchanged(db_path):
        result = cli("list", "--config", str(path))
    assert_error(result, 2, str(path), *fragments)
    assert result.out == ""


@pytest.mark.usefixtures("book")
def test_a_missing_explicit_config_exits_2(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nope.toml"
    with unchanged(db_path):
        assert_error(cli("list", "--config", str(missing)), 2, str(missing))
        monkeypatch.setenv("DEADLINE_TUI_CONFIG", str(missing))
        assert_error(cli("list"), 2, str(missing))


@pytest.mark.usefixtures("book")
def test_the_config_env_var_is_read(
    cli: Cli, db_path: Path, config: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEADLINE_TUI_CONFIG", str(config('[ui]\nlanguage = "en"\n')))
    with unchanged(db_path):
        result = cli("done", "1", "--on", "31/02/2026")
    assert_error(result, 1, "The date “31/02/2026” does not exist")
    # The flag wins over the environment.
    vietnamese = config('[ui]\nlanguage = "vi"\n')
    result = cli("done", "1", "--on", "31/02/2026", "--config", str(vietnamese))
    assert_error(result, 1, "Ngày “31/02/2026” không có trong lịch")


# -- add ---------------------------------------------------------------------------------------


def test_add_prints_the_id_and_stores_every_option(cli: Cli, db_path: Path) -> None:
    result = cli(
        "add",
        "Báo cáo [b]quý[/b] III; kèm [link=x]phụ lục[/link]",
        "--unit", "Sở Kế hoạch và Đầu tư",
        "--due", "quý III/2026",
        "--source", "Thông báo 80/TB-UBND ngày 01/4/2016, mục II.3",
        "--assigned", "1/7/2026",
        "--leader", "PCT Trần Văn B",
        "--support", "Sở Tài chính; Sở Nội vụ",
        "--support", "UBND huyện Đắk Mil",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "1\n"
    assert "Traceback" not in result.err
    assert "30/09/2026" in result.err  # the computed date is shown back
    (task,) = listed(cli, "--as-of", "01/08/2026")
    assert task["title"] == "Báo cáo [b]quý[/b] III; kèm [link=x]phụ lục[/link]"
    assert task["lead_unit"] == "Sở Kế hoạch và Đầu tư"
    assert task["support_units"] == ["Sở Tài chính", "Sở Nội vụ", "UBND huyện Đắk Mil"]
    assert task["source"] == "Thông báo 80/TB-UBND ngày 01/4/2016, mục II.3"
    assert task["leader"] == "PCT Trần Văn B"
    assert task["assigned_on"] == "2026-07-01"
    assert task["deadline_text"] == "quý III/2026"
    assert task["due_on"] == "2026-09-30"
    assert task["state"] == "open"
    assert task["status"] == "open_in_term"

    second = cli("add", "Thứ hai", "--unit", "so ke hoach va dau tu", "--due", "thường xuyên")
    assert second.out == "2\n"
    by_id = {t["id"]: t for t in listed(cli)}
    assert by_id[2]["lead_unit"] == "so ke hoach va dau tu"  # kept as typed (DESIGN 2)
    assert by_id[2]["assigned_on"] == "2026-11-23"  # defaults to today
    assert by_id[2]["due_on"] is None
    assert by_id[2]["status"] == "no_deadline"


@pytest.mark.parametrize(
    ("due", "confirmed"),
    [
        ("31/12/2030", "hạn xử lý: 31/12/2030.\n"),
        ("trước ngày 31/12/2030", "hạn xử lý: 31/12/2030.\n"),
        ("trong tháng 3/2027", "hạn xử lý: 31/03/2027 (trong tháng 3/2027).\n"),
        ("15 ngày kể từ ngày ký", "hạn xử lý: 08/12/2026 (15 ngày kể từ ngày ký).\n"),
        ("thường xuyên", "hạn xử lý: không thời hạn (thường xuyên).\n"),
    ],
)
def test_add_shows_the_deadline_as_written_only_when_it_says_more_than_the_date(
    cli: Cli, due: str, confirmed: str
) -> None:
    result = cli("add", "Báo cáo", "--unit", "Sở Y tế", "--due", due)
    assert result.code == 0, result.err
    assert confirmed in result.err, result.err


def test_add_a_recurring_deadline_prints_the_first_occurrence(cli: Cli) -> None:
    result = cli(
        "add", "Báo cáo tháng", "--unit", "Sở Tài chính",
        "--due", "trước ngày 20 hàng tháng", "--assigned", "01/11/2026",
    )  # fmt: skip
    assert result.code == 0, result.err
    first = int(result.out)
    tasks = {t["id"]: t for t in listed(cli, "--as-of", "31/12/2027")}
    assert tasks[first]["due_on"] == "2026-11-20"
    assert tasks[first]["recurrence"] == {
        "frequency": "monthly", "day": 20, "month": None, "weekday": None,
    }  # fmt: skip
    assert len({t["series_uid"] for t in tasks.values()}) == 1
    assert len(tasks) > 12


def test_show_describes_the_recurrence_in_words(cli: Cli, config: Callable[[str], Path]) -> None:
    added = cli(
        "add", "Báo cáo tháng", "--unit", "Sở Tài chính", "--due", "trước ngày 20 hàng tháng"
    )
    assert added.code == 0, added.err
    assert "Định kỳ: hàng tháng, ngày 20\n" in cli("show", added.out.strip()).out
    english = config('[ui]\nlanguage = "en"\n')
    shown = cli("show", added.out.strip(), "--config", str(english)).out
    assert "Recurs: monthly, on day 20\n" in shown


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["", "--unit", "Sở Y tế", "--due", "31/12/2026"], ["Chưa nhập nội dung"]),
        (["  ", "--unit", "Sở Y tế", "--due", "31/12/2026"], ["Chưa nhập nội dung"]),
        (["Việc", "--unit", " ", "--due", "31/12/2026"], ["Chưa nhập đơn vị chủ trì"]),
        (["Việc", "--unit", "Sở Y tế", "--due", "31/02/2027"], ["31/02/2027"]),
        (["Việc", "--unit", "Sở Y tế", "--due", "sớm nhất có thể"], ["sớm nhất có thể"]),
        (["Việc", "--unit", "Sở Y tế", "--due", "12/31/2026"], ["12/31/2026"]),
        (["Việc", "--unit", "Sở Y tế", "--due", "31/12/2026", "--assigned", "hôm qua"],
         ["hôm qua"]),
        (["Việc", "--unit", "Sở Y tế", "--due", "01/01/2026", "--assigned", "01/06/2026"],
         ["01/01/2026", "01/06/2026"]),
    ],
)  # fmt: skip
def test_add_rejects_bad_input_with_exit_1_and_writes_nothing(
    cli: Cli, db_path: Path, args: list[str], fragments: list[str]
) -> None:
    with unchanged(db_path):
        result = cli("add", *args)
    assert_error(result, 1, "Dữ liệu chưa hợp lệ", *fragments)
    assert result.out == ""


def test_add_errors_in_english(cli: Cli, db_path: Path, config: Callable[[str], Path]) -> None:
    english = str(config('[ui]\nlanguage = "en"\n'))
    cli("add", "Có sẵn", "--unit", "Sở Y tế", "--due", "31/12/2026")
    with unchanged(db_path):
        result = cli("add", "", "--unit", "", "--due", "khi nào xong", "--config", english)
    assert_error(result, 1, "Invalid input", "title is required", "lead unit is required")
    assert "khi nào xong" in result.err
    assert "Chưa" not in result.err


# -- list --------------------------------------------------------------------------------------


def test_list_json_has_every_field_id_and_status_with_iso_dates(
    cli: Cli, book: dict[str, Task]
) -> None:
    tasks = listed(cli, "--as-of", AS_OF)
    assert sorted(t["id"] for t in tasks) == [1, 2, 3, 4, 5, 6]  # 7 is assigned later
    for task in tasks:
        assert SECTION_2_FIELDS | {"id", "status"} <= task.keys()
        for name in DATE_FIELDS:
            value = task[name]
            assert value is None or date.fromisoformat(value).isoformat() == value  # type: ignore[arg-type]
        datetime.fromisoformat(task["created_at"])  # type: ignore[arg-type]
        datetime.fromisoformat(task["updated_at"])  # type: ignore[arg-type]
    statuses = {t["id"]: t["status"] for t in tasks}
    assert statuses == {
        1: "open_overdue", 2: "open_in_term", 3: "done_on_time", 4: "done_late",
        5: "no_deadline", 6: "suspended",
    }  # fmt: skip
    first = next(t for t in tasks if t["id"] == 1)
    assert first["uid"] == book["overdue"].uid
    assert first["title"] == "Báo cáo [/] kết quả [footnoteRef:2]"
    assert first["support_units"] == ["Sở Tài chính"]


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("all", [1, 2, 3, 4, 5, 6]),
        ("overdue", [1]),
        ("open_overdue", [1]),
        ("in_term", [2]),
        ("open", [1, 2, 5]),
        ("done", [3, 4]),
        ("done_on_time", [3]),
        ("done_late", [4]),
        ("no_deadline", [5]),
        ("suspended", [6]),
        ("cancelled", []),
    ],
)
def test_list_filters_by_status(cli: Cli, status: str, expected: list[int]) -> None:
    assert ids(cli, "--as-of", AS_OF, "--status", status) == expected


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("quá hạn", "overdue"),
        ("qua han", "overdue"),
        ("QUÁ HẠN", "overdue"),
        ("Đang thực hiện quá hạn", "open_overdue"),
        ("trong hạn", "in_term"),
        ("hoàn thành", "done"),
        ("đúng hạn", "done_on_time"),
        ("hoan thanh qua han", "done_late"),
        ("chưa hoàn thành", "open"),
        ("thường xuyên", "no_deadline"),
        ("tạm dừng", "suspended"),
        ("huỷ", "cancelled"),
        ("Overdue", "overdue"),
        ("due-soon", "due_soon"),
    ],
)
def test_list_status_accepts_the_names_the_ui_shows(cli: Cli, name: str, status: str) -> None:
    assert ids(cli, "--as-of", AS_OF, "--status", name) == ids(
        cli, "--as-of", AS_OF, "--status", status
    )


@pytest.mark.usefixtures("book")
def test_list_status_names_are_listed_and_an_unknown_one_is_named(cli: Cli, db_path: Path) -> None:
    helped = cli("list", "--help").out
    assert "overdue (quá hạn)" in " ".join(helped.split())
    with unchanged(db_path):
        result = cli("list", "--status", "trễ hạn")
    assert_error(result, 2, "--status", "\u201ctrễ hạn\u201d", "overdue (quá hạn)", "suspended")


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("Sở Y tế", [3, 4]),
        ("so y te", [3, 4]),
        ("SỞ Y TẾ", [3, 4]),
        ("so ke hoach", [1]),
        ("ubnd huyen krong no", [2]),
        ("Sở Giáo dục", []),
    ],
)
def test_list_unit_filter_ignores_case_and_diacritics(
    cli: Cli, unit: str, expected: list[int]
) -> None:
    assert ids(cli, "--as-of", AS_OF, "--unit", unit) == expected


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uy ban hoa giai", [2]),
        ("Uỷ ban hòa giải", [2]),  # the other tone placement
        ("HOÀ GIẢI", [2]),
        ("footnoteref", [1]),
        ("[/]", [1]),
        ("bao cao", [1, 4]),
        ("10/CTr-UBND", [1]),
        ("không có việc này", []),
    ],
)
def test_list_search_ignores_diacritics_and_tone_placement(
    cli: Cli, text: str, expected: list[int]
) -> None:
    assert ids(cli, "--as-of", AS_OF, "--search", text) == expected


@pytest.mark.usefixtures("book")
def test_list_as_of_gives_the_status_at_that_date(cli: Cli) -> None:
    early = {t["id"]: t["status"] for t in listed(cli, "--as-of", "01/03/2026")}
    assert early == {
        1: "open_in_term",  # due 30/06
        2: "open_in_term",
        3: "open_in_term",  # done 20/03: not yet at 01/03
        4: "open_overdue",  # due 28/02, done only on 10/04
        5: "no_deadline",  # assigned on the day itself
        6: "suspended",
    }
    assert ids(cli, "--as-of", "2026-12-01") == [1, 2, 3, 4, 5, 6, 7]
    assert ids(cli, "--as-of", "31.12.2025") == []


@pytest.mark.usefixtures("book")
def test_list_plain_output_when_piped(cli: Cli) -> None:
    result = cli("list", "--as-of", AS_OF)
    assert result.code == 0
    assert not ANSI.search(result.out)
    lines = result.out.splitlines()
    assert lines[0].split("\t")[0] == "Số"
    assert len(lines) == 7
    first = next(line for line in lines[1:] if line.startswith("1\t"))
    assert first.endswith("\tBáo cáo [/] kết quả [footnoteRef:2]")


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize("as_of", ["32/01/2026", "2026-13-01", "hôm nay", "12/31/2026"])
def test_list_rejects_a_bad_as_of(cli: Cli, db_path: Path, as_of: str) -> None:
    with unchanged(db_path):
        result = cli("list", "--as-of", as_of)
    assert_error(result, 1, as_of)


# -- show, done, reopen, suspend, cancel, delete --------------------------------------------------


def test_show_prints_every_field_as_plain_text(cli: Cli, book: dict[str, Task]) -> None:
    result = cli("show", str(book["overdue"].id))
    assert result.code == 0, result.err
    assert not ANSI.search(result.out)
    for text in (
        book["overdue"].uid,
        "Báo cáo [/] kết quả [footnoteRef:2]",
        "Chương trình 10/CTr-UBND",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "PCT Nguyễn Văn A",
        "05/01/2026",
        "30/06/2026",
        "6 tháng đầu năm 2026",
    ):
        assert text in result.out
    assert cli("show", book["overdue"].uid).out == result.out


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize("command", ["show", "done", "reopen", "suspend", "cancel", "delete"])
def test_an_unknown_task_is_exit_1(cli: Cli, db_path: Path, command: str) -> None:
    with unchanged(db_path):
        result = cli(command, "99")
        assert_error(result, 1, "Không có đầu việc “99”")
        result = cli(command, "zzzzzz")
        assert_error(result, 1, "zzzzzz")


def test_done_on_a_date_then_reopen(cli: Cli, db_path: Path, book: dict[str, Task]) -> None:
    task = book["overdue"]
    result = cli("done", str(task.id), "--on", "15/07/2026")
    assert result.code == 0, result.err
    assert "15/07/2026" in result.out
    (after,) = [t for t in listed(cli, "--as-of", AS_OF) if t["id"] == task.id]
    assert after["state"] == "done"
    assert after["done_on"] == "2026-07-15"
    assert after["status"] == "done_late"

    with unchanged(db_path):
        # A completion is history: a second done is refused, whatever the date.
        assert_error(cli("done", str(task.id), "--on", "16/07/2026"), 1, "15/07/2026", "--correct")
        assert_error(cli("done", str(task.id), "--on", "16/07/2026", "--correct"), 1, "--reason")
        for bad in ("01/01/2026", "24/11/2026", "31/06/2026", "mai"):
            result = cli("done", str(task.id), "--on", bad, "--correct", "--reason", "ghi nhầm")
            assert_error(result, 1, bad)

    assert cli("reopen", task.uid).code == 0
    (reopened,) = [t for t in listed(cli, "--as-of", AS_OF) if t["id"] == task.id]
    assert reopened["state"] == "open"
    assert reopened["done_on"] is None
    with unchanged(db_path):
        assert_error(cli("reopen", str(task.id)), 1, "đang thực hiện")

    assert cli("done", str(task.id)).code == 0  # today by default
    (today,) = [t for t in listed(cli) if t["id"] == task.id]
    assert today["done_on"] == "2026-11-23"


def test_suspend_and_cancel_take_a_task_out_of_the_figures(cli: Cli, book: dict[str, Task]) -> None:
    before = orjson.loads(cli("summary", "--as-of", AS_OF, "--json").out)
    assert cli("suspend", str(book["in_term"].id)).code == 0
    assert cli("cancel", book["overdue"].uid).code == 0
    states = {t["id"]: (t["state"], t["status"]) for t in listed(cli, "--as-of", AS_OF)}
    assert states[book["in_term"].id] == ("suspended", "suspended")
    assert states[book["overdue"].id] == ("cancelled", "cancelled")
    after = orjson.loads(cli("summary", "--as-of", AS_OF, "--json").out)
    assert after["total"] == before["total"] - 2
    assert after["open_overdue"] == before["open_overdue"] - 1
    assert after["open_in_term"] == before["open_in_term"] - 1
    assert cli("reopen", str(book["overdue"].id)).code == 0
    assert ids(cli, "--as-of", AS_OF, "--status", "overdue") == [book["overdue"].id]


def test_delete_needs_yes_and_the_id_is_never_reused(
    cli: Cli, db_path: Path, book: dict[str, Task]
) -> None:
    last = book["future"]
    with unchanged(db_path):
        result = cli("delete", str(last.id))
    assert_error(result, 1, "--yes")
    assert cli("delete", str(last.id), "--yes").code == 0
    assert last.id not in ids(cli, "--as-of", "31/12/2026")
    added = cli("add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2026")
    assert int(added.out) == last.id + 1


# -- extend --------------------------------------------------------------------------------------


def test_extend_requires_a_reason_and_keeps_the_history(
    cli: Cli, db_path: Path, book: dict[str, Task]
) -> None:
    task = book["overdue"]
    with unchanged(db_path):
        assert_error(cli("extend", str(task.id), "--to", "31/12/2026"), 2, "--reason")
        assert_error(
            cli("extend", str(task.id), "--to", "31/12/2026", "--reason", "  "),
            1,
            "Gia hạn cần ghi lý do",
        )
        assert_error(
            cli("extend", str(task.id), "--to", "30/06/2026", "--reason", "x"), 1, "phải sau"
        )
        assert_error(cli("extend", str(task.id), "--to", "31/13/2026", "--reason", "x"), 1)
        assert_error(
            cli("extend", str(book["on_time"].id), "--to", "31/12/2026", "--reason", "x"),
            1,
            "đã hoàn thành",
        )

    first = cli(
        "extend", str(task.id), "--to", "30/09/2026", "--reason", "Chờ số liệu [quý II]",
        "--document", "Công văn 12/UBND-TH",
    )  # fmt: skip
    assert first.code == 0, first.err
    assert f"Đã gia hạn đầu việc số {task.id} đến 30/09/2026" in first.out  # the new deadline
    second = cli("extend", task.uid, "--to", "31/12/2026", "--reason", "Bổ sung, hoàn thiện")
    assert second.code == 0, second.err

    (stored,) = [t for t in listed(cli, "--as-of", AS_OF) if t["id"] == task.id]
    assert stored["due_on"] == "2026-12-31"
    assert stored["original_due_on"] == "2026-06-30"
    assert stored["deadline_text"] == "6 tháng đầu năm 2026"
    assert stored["status"] == "open_in_term"
    assert stored["extensions"] == [
        {
            "old_due": "2026-06-30",
            "new_due": "2026-09-30",
            "reason": "Chờ số liệu [quý II]",
            "document": "Công văn 12/UBND-TH",
            "recorded_on": "2026-11-23",
        },
        {
            "old_due": "2026-09-30",
            "new_due": "2026-12-31",
            "reason": "Bổ sung, hoàn thiện",
            "document": "",
            "recorded_on": "2026-11-23",
        },
    ]
    shown = cli("show", str(task.id)).out
    assert "Chờ số liệu [quý II]" in shown
    assert "Bổ sung, hoàn thiện" in shown
    assert "30/06/2026" in shown


# -- summary -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("book")
def test_summary_json_has_exactly_the_section_7_keys(cli: Cli) -> None:
    result = cli("summary", "--as-of", AS_OF, "--json")
    assert result.code == 0, result.err
    payload = orjson.loads(result.out)
    assert set(payload) == SUMMARY_KEYS
    assert payload == {
        "as_of": "2026-11-23",
        "total": 5, "due": 3, "due_done": 2, "done": 2, "done_on_time": 1, "done_late": 1,
        "open_in_term": 1, "open_overdue": 1, "no_deadline": 1,
        "sentence": payload["sentence"],
    }  # fmt: skip
    assert payload["sentence"].startswith("Tính đến ngày 23/11/2026")
    assert "66,7% (2/3)" in payload["sentence"]


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize("by", ["unit", "leader", "source"])
def test_summary_json_by_group(cli: Cli, by: str) -> None:
    payload = orjson.loads(cli("summary", "--as-of", AS_OF, "--by", by, "--json").out)
    assert set(payload) == SUMMARY_KEYS | {"groups"}
    groups = payload["groups"]
    assert groups
    for group in groups:
        assert set(group) == {"as_of", *FIGURE_KEYS, "name"}
    assert sum(group["total"] for group in groups) == payload["total"]
    if by == "unit":
        by_name = {g["name"]: g for g in groups}
        assert by_name["Sở Y tế"]["done"] == 2
        assert by_name["Sở Y tế"]["due"] == 2
        assert by_name["Sở Kế hoạch và Đầu tư"]["open_overdue"] == 1


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("period", "total"),
    [
        ("2026-01", 3),
        ("2026-1", 3),
        ("2026-02", 1),
        ("2026-Q1", 5),
        ("2026-q1", 5),
        ("2026-Q2", 0),
        ("2026-H1", 5),
        ("2026-H2", 0),
        ("2026", 5),
        ("2021-07", 0),
        ("2021-Q3", 0),
        ("2021-H1", 0),
        ("2021", 0),
    ],
)
def test_summary_periods(cli: Cli, period: str, total: int) -> None:
    result = cli("summary", "--as-of", AS_OF, "--period", period, "--json")
    assert result.code == 0, result.err
    assert orjson.loads(result.out)["total"] == total


@pytest.mark.usefixtures("book")
def test_summary_period_is_named_in_the_sentence(cli: Cli) -> None:
    sentence = orjson.loads(cli("summary", "--as-of", AS_OF, "--period", "2026-Q1", "--json").out)[
        "sentence"
    ]
    assert "quý I/2026" in sentence


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    "period", ["2026-13", "2026-00", "2026-Q5", "2026-H3", "H1-2026", "26", "quý 3", "2026-Q"]
)
def test_summary_rejects_a_bad_period(cli: Cli, db_path: Path, period: str) -> None:
    with unchanged(db_path):
        result = cli("summary", "--period", period)
    assert_error(result, 1, f"“{period}”", "2021-Q3")


def test_summary_bad_period_in_english(cli: Cli, config: Callable[[str], Path]) -> None:
    result = cli(
        "summary", "--period", "2021-Q7", "--config", str(config('[ui]\nlanguage = "en"\n'))
    )
    assert_error(result, 1, "Cannot read the period “2021-Q7”")


@pytest.fixture
def thirty_percent(repo: DeskBook) -> None:
    """52 tasks due by 30/06/2026, 16 of them done: 16/52 = 30,769...%."""
    repo.add_many(
        [
            make_task(due_on=date(2026, 6, 30), done_on=date(2026, 6, 1) if n < 16 else None)
            for n in range(52)
        ]
    )


@pytest.mark.usefixtures("thirty_percent")
@pytest.mark.parametrize(
    ("settings", "rate"),
    [
        ("", "30,8%"),
        ('[figures]\nrounding = "half_up"\n', "30,8%"),
        ('[figures]\nrounding = "down"\n', "30,7%"),
        ('[figures]\nrounding = "down"\ndecimals = 2\n', "30,76%"),
        ("[figures]\ndecimals = 2\n", "30,77%"),
        ("[figures]\ndecimals = 0\n", "31%"),
    ],
)
def test_rounding_mode_and_decimals_from_config(
    cli: Cli, config: Callable[[str], Path], settings: str, rate: str
) -> None:
    path = config(settings)
    payload = orjson.loads(
        cli("summary", "--as-of", "30/06/2026", "--json", "--config", str(path)).out
    )
    assert payload["due"] == 52
    assert payload["due_done"] == 16
    assert f"đạt {rate} (16/52)" in payload["sentence"]
    plain = cli("summary", "--as-of", "30/06/2026", "--config", str(path))
    assert plain.code == 0
    assert f"{rate} (16/52)" in plain.out
    assert not ANSI.search(plain.out)


@pytest.mark.usefixtures("book")
def test_summary_plain_text(cli: Cli) -> None:
    result = cli("summary", "--as-of", AS_OF, "--by", "unit")
    assert result.code == 0
    assert not ANSI.search(result.out)
    assert result.out.startswith("Tính đến ngày 23/11/2026")
    assert "Sở Y tế" in result.out


# -- remind --------------------------------------------------------------------------------------


@pytest.fixture
def stdout_channel(config: Callable[[str], Path]) -> str:
    """A config whose only reminder channel is stdout (no desktop in tests)."""
    return str(config('[reminders]\nchannels = ["stdout"]\n'))


@pytest.fixture
def real_clock_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system clock on 01/01/2027 12:00: a delivering ``--now`` must not be later than
    the real clock, so tests that deliver in December move it."""
    monkeypatch.setattr(SystemClock, "now", lambda self: datetime(2027, 1, 1, 12, 0))


def remind(cli: Cli, *args: str) -> tuple[CliResult, list[dict[str, object]]]:
    result = cli("remind", *args)
    assert "Traceback" not in result.err
    return result, orjson.loads(result.out) if result.code == 0 else []


def test_remind_dry_run_json_lists_due_reminders_and_writes_nothing(
    cli: Cli, db_path: Path, book: dict[str, Task], stdout_channel: str
) -> None:
    with unchanged(db_path):
        result, due = remind(cli, "--dry-run", "--json", "--config", stdout_channel)
    assert result.code == 0, result.err
    assert due
    for item in due:
        assert set(item) == REMINDER_KEYS
    tasks = [item for item in due if item["kind"] != "digest"]
    assert {item["uid"] for item in tasks} == {book["overdue"].uid}
    (overdue,) = tasks
    assert overdue["id"] == book["overdue"].id
    assert overdue["title"] == book["overdue"].title
    assert overdue["due_on"] == "2026-06-30"
    assert str(overdue["kind"]).startswith("overdue")
    # Dry runs repeat: nothing was recorded.
    assert remind(cli, "--dry-run", "--json", "--config", stdout_channel)[1] == due


@pytest.mark.usefixtures("real_clock_later")
def test_remind_now_json_delivers_once(
    cli: Cli, db_path: Path, book: dict[str, Task], stdout_channel: str
) -> None:
    moment = "24/12/2026 07:30"
    preview = remind(cli, "--now", moment, "--dry-run", "--json", "--config", stdout_channel)[1]
    result, delivered = remind(cli, "--now", moment, "--json", "--config", stdout_channel)
    assert result.code == 0, result.err
    assert delivered == preview
    for item in delivered:
        assert set(item) == REMINDER_KEYS
    kinds = {item["uid"]: item["kind"] for item in delivered}
    assert kinds == {
        "digest": "digest",
        book["in_term"].uid: "before-7",  # due 31/12
        book["future"].uid: "overdue-4",  # due 20/12
        book["overdue"].uid: "overdue-177",  # due 30/06
    }
    again, nothing = remind(cli, "--now", moment, "--json", "--config", stdout_channel)
    assert again.code == 0, again.err
    assert nothing == []


@pytest.mark.usefixtures("real_clock_later")
def test_remind_now_on_the_deadline_day(cli: Cli, repo: DeskBook, stdout_channel: str) -> None:
    task = repo.add(make_task(title="Hạn hôm nay", due_on=date(2026, 12, 31)))
    result, delivered = remind(
        cli, "--now", "31/12/2026 08:00", "--json", "--config", stdout_channel
    )
    assert result.code == 0, result.err
    (item,) = [i for i in delivered if i["uid"] == task.uid]
    assert item == {
        "id": task.id, "uid": task.uid, "title": "Hạn hôm nay",
        "kind": "due", "due_on": "2026-12-31",
    }  # fmt: skip
    assert remind(cli, "--now", "31/12/2026 09:00", "--json", "--config", stdout_channel)[1] == []


@pytest.mark.usefixtures("real_clock_later")
def test_remind_text_run_delivers_on_stdout_once(
    cli: Cli, book: dict[str, Task], stdout_channel: str
) -> None:
    first = cli("remind", "--now", "24/11/2026 07:30", "--config", stdout_channel)
    assert first.code == 0, first.err
    # Overdue since 30/06, never reminded: old news, counted under its unit (DESIGN 6).
    overdue = book["overdue"]
    days = (date(2026, 11, 24) - overdue.due_on).days  # type: ignore[operator]
    assert f"{overdue.lead_unit}: 1 đầu việc, lâu nhất quá {days} ngày" in first.out
    second = cli("remind", "--now", "24/11/2026 07:30", "--config", stdout_channel)
    assert second.code == 0
    assert overdue.lead_unit not in second.out


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize("moment", ["hôm qua", "24/11/2026 25:00", "31/02/2026", "24/11/2026 7h"])
def test_remind_rejects_a_bad_now(cli: Cli, db_path: Path, moment: str) -> None:
    with unchanged(db_path):
        result = cli("remind", "--now", moment, "--dry-run")
    assert_error(result, 1)


def test_remind_install_writes_a_persistent_timer_and_prints_a_cron_line(
    cli: Cli, db_path: Path, isolated: Path, tmp_path: Path
) -> None:
    result = cli("remind", "--install")
    assert result.code == 0, result.err
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    timer = (units / "deadline-tui-remind.timer").read_text(encoding="utf-8")
    service = (units / "deadline-tui-remind.service").read_text(encoding="utf-8")
    assert "Persistent=true" in timer
    assert "OnCalendar=*-*-* 07:30:00" in timer
    assert str(db_path) in service
    assert "remind" in service
    cron = [line for line in result.out.splitlines() if re.match(r"^\d+ \* \* \* \* ", line)]
    assert len(cron) == 1
    assert str(db_path) in cron[0]
    assert cron[0].split(" >")[0].endswith("remind")


@pytest.mark.usefixtures("real_clock_later")
def test_remind_through_a_failing_channel_exits_1_and_retries_next_run(
    cli: Cli, book: dict[str, Task], config: Callable[[str], Path], tmp_path: Path
) -> None:
    failing = str(config('[reminders]\nchannels = ["command"]\ncommand = "false"\n'))
    result, delivered = remind(cli, "--now", "24/11/2026 07:30", "--config", failing)
    assert_error(result, 1, "false exit 1", "chưa gửi được")
    received = tmp_path / "received.txt"
    working = str(config(f'[reminders]\nchannels = ["command"]\ncommand = "tee -a {received}"\n'))
    result, delivered = remind(cli, "--now", "24/11/2026 07:30", "--json", "--config", working)
    assert result.code == 0, result.err
    assert book["overdue"].uid in {item["uid"] for item in delivered}
    assert book["overdue"].lead_unit in received.read_text(encoding="utf-8")


@pytest.mark.usefixtures("book")
def test_list_sort_limit_and_reverse(cli: Cli) -> None:
    by_due = [t["id"] for t in listed(cli, "--as-of", AS_OF, "--sort", "due")]
    assert by_due.index(4) < by_due.index(3) < by_due.index(6) < by_due.index(1) < by_due.index(2)
    assert [t["id"] for t in listed(cli, "--as-of", AS_OF, "--sort", "id", "--limit", "2")] == [
        1,
        2,
    ]
    newest_first = listed(cli, "--as-of", AS_OF, "--sort", "id", "--reverse")
    assert [t["id"] for t in newest_first] == [6, 5, 4, 3, 2, 1]


@pytest.mark.usefixtures("book")
def test_summary_rejects_a_bad_as_of(cli: Cli, db_path: Path) -> None:
    with unchanged(db_path):
        result = cli("summary", "--as-of", "30/02/2026", "--json")
    assert_error(result, 1, "30/02/2026")
    assert result.out == ""


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("args", "option", "value"),
    [
        (["summary", "--as-of", "31/13/2026"], "--as-of", "31/13/2026"),
        (["list", "--as-of", "hôm nay"], "--as-of", "hôm nay"),
        (["summary", "--from", "01/01/2026", "--to", "31/02/2026"], "--to", "31/02/2026"),
        (["summary", "--from", "1/0/2026", "--to", "31/03/2026"], "--from", "1/0/2026"),
        (["report", "-o", "r.xlsx", "--as-of", "32/01/2026"], "--as-of", "32/01/2026"),
        (["done", "2", "--on", "32/01/2026"], "--on", "32/01/2026"),
        (["done", "3", "--correct", "--on", "x", "--reason", "y"], "--on", "x"),
        (["extend", "2", "--to", "31/13/2026", "--reason", "x"], "--to", "31/13/2026"),
        (["remind", "--now", "hôm qua", "--dry-run"], "--now", "hôm qua"),
        (["extract", "thong-bao.txt", "--dated", "1/13/2021"], "--dated", "1/13/2021"),
        (["add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2026", "--assigned", "31/13/2026"],
         "--assigned", "31/13/2026"),
        (["add", "Mới", "--unit", "Sở Y tế", "--due", "31/02/2026x"], "--due", "31/02/2026x"),
        (["edit", "2", "--assigned", "32/01/2026"], "--assigned", "32/01/2026"),
    ],
)  # fmt: skip
def test_a_bad_date_option_names_the_option_and_the_value(
    cli: Cli, db_path: Path, args: list[str], option: str, value: str
) -> None:
    with unchanged(db_path):
        result = cli(*args)
    assert_error(result, 1, f"{option}: ", f"\u201c{value}\u201d")


@pytest.mark.usefixtures("book")
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["done", "2", "--on", ""], "--on"),
        (["summary", "--as-of", ""], "--as-of"),
        (["list", "--as-of", ""], "--as-of"),
        (["report", "-o", "r.xlsx", "--as-of", ""], "--as-of"),
        (["remind", "--now", "", "--dry-run"], "--now"),
        (["add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2026", "--assigned", " "],
         "--assigned"),
    ],
)  # fmt: skip
def test_an_empty_date_option_is_refused_not_read_as_today(
    cli: Cli, db_path: Path, args: list[str], option: str
) -> None:
    """A shell variable that came out empty must not stand for today: a completion date is
    history once written."""
    with unchanged(db_path):
        result = cli(*args)
    assert_error(result, 1, f"{option}: ")


def test_a_database_from_a_newer_version_is_a_data_error(cli: Cli, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"meta": {"1": {"schema": 99, "last_id": 0}}, "tasks": {}}')
    with unchanged(db_path):
        for command in (["list"], ["add", "Mới", "--unit", "Sở Y tế", "--due", "31/12/2026"]):
            assert_error(cli(*command), 1, str(db_path), "99")


def test_list_as_of_gives_the_deadline_in_force_then_and_today_s(
    cli: Cli, book: dict[str, Task]
) -> None:
    task = book["in_term"]
    assert task.due_on is not None
    new_due = task.due_on + timedelta(days=40)
    assert (
        cli("extend", str(task.id), "--to", new_due.strftime("%d/%m/%Y"), "--reason", "x").code == 0
    )
    # Extended today (23/11/2026): at an earlier cut-off the old deadline was in force.
    (then,) = [t for t in listed(cli, "--as-of", "22/11/2026") if t["id"] == task.id]
    assert then["due_on"] == task.due_on.isoformat()
    assert then["current_due_on"] == new_due.isoformat()
    (now,) = [t for t in listed(cli) if t["id"] == task.id]
    assert now["due_on"] == now["current_due_on"] == new_due.isoformat()


def test_list_as_of_gives_the_state_as_it_stood_then_and_today_s(cli: Cli, repo: DeskBook) -> None:
    """DESIGN section 3: at D a task done or cancelled after D was open (and overdue);
    ``state``/``done_on`` are as they stood at D, ``current_state``/``current_done_on``
    today's (23/11/2026)."""
    due = date(2026, 10, 31)
    done_later, cancelled_later, legacy_done = repo.add_many(
        [
            make_task(title="Xong sau", assigned_on=date(2026, 10, 1), due_on=due),
            make_task(title="Hủy sau", assigned_on=date(2026, 10, 1), due_on=due),
            # Done without a state history (an older book): done_on alone says when.
            make_task(title="Cũ", assigned_on=date(2026, 10, 1), due_on=due,
                      done_on=date(2026, 11, 20)),
        ]
    )  # fmt: skip
    repo.close()
    assert cli("done", str(done_later.id), "--on", "20/11/2026").code == 0
    assert cli("cancel", str(cancelled_later.id)).code == 0
    at_d = {t["id"]: t for t in listed(cli, "--as-of", "15/11/2026")}
    for task in (done_later, cancelled_later, legacy_done):
        then = at_d[task.id]
        assert then["status"] == "open_overdue", then
        assert (then["state"], then["done_on"], then["due_on"]) == ("open", None, "2026-10-31")
    assert at_d[done_later.id]["current_state"] == "done"
    assert at_d[done_later.id]["current_done_on"] == "2026-11-20"
    assert at_d[legacy_done.id]["current_state"] == "done"
    assert at_d[legacy_done.id]["current_done_on"] == "2026-11-20"
    assert at_d[cancelled_later.id]["current_state"] == "cancelled"
    assert at_d[cancelled_later.id]["current_done_on"] is None
    # After the completion, before the cancellation (recorded today, 23/11/2026).
    later = {t["id"]: t for t in listed(cli, "--as-of", "21/11/2026")}
    finished = later[done_later.id]
    assert (finished["status"], finished["state"], finished["done_on"]) == (
        "done_late",
        "done",
        "2026-11-20",
    )
    assert (later[cancelled_later.id]["state"], later[cancelled_later.id]["status"]) == (
        "open",
        "open_overdue",
    )
    today = {t["id"]: t for t in listed(cli, "--as-of", "23/11/2026")}
    assert (today[cancelled_later.id]["state"], today[cancelled_later.id]["status"]) == (
        "cancelled",
        "cancelled",
    )
    assert today[cancelled_later.id]["current_state"] == "cancelled"


def test_a_blank_due_is_refused_not_read_as_no_deadline(cli: Cli, db_path: Path) -> None:
    with unchanged(db_path):
        for blank in ("", "   ", "\t"):
            assert_error(cli("add", "Việc", "--unit", "Sở Y tế", "--due", blank), 1, "--due")
    assert cli("add", "Việc", "--unit", "Sở Y tế", "--due", "thường xuyên").code == 0


def test_summary_reads_periods_in_words_and_refuses_bad_ones(
    cli: Cli, db_path: Path, book: dict[str, Task]
) -> None:
    code = orjson.loads(cli("summary", "--as-of", AS_OF, "--period", "2026-Q3", "--json").out)
    words = orjson.loads(cli("summary", "--as-of", AS_OF, "--period", "quý III/2026", "--json").out)
    days = orjson.loads(
        cli("summary", "--as-of", AS_OF, "--from", "01/07/2026", "--to", "30/09/2026", "--json").out
    )
    for key in ("total", "due", "done", "open_overdue"):
        assert code[key] == words[key] == days[key]
    by_due = cli("summary", "--as-of", AS_OF, "--period", "năm 2026", "--period-by", "due")
    assert by_due.code == 0 and "có hạn xử lý năm 2026" in by_due.out
    with unchanged(db_path):
        for bad in (("--period", "quý V/2026"), ("--period", "hôm qua"), ("--from", "01/07/2026")):
            result = cli("summary", *bad)
            assert result.code == 1, result
            assert "Traceback" not in result.err


def test_unit_filter_uses_the_grouping_key_and_config_aliases(
    cli: Cli, config: Callable[[str], Path]
) -> None:
    for unit in ("Ủy ban nhân dân huyện Cẩm Xuyên", "UBND huyện Cẩm Xuyên", "SKHĐT"):
        assert cli("add", "Việc", "--unit", unit, "--due", "thường xuyên").code == 0
    assert len(listed(cli, "--unit", "ubnd huyen cam xuyen")) == 2
    assert len(listed(cli, "--unit", "Uỷ ban nhân dân huyện Cẩm Xuyên")) == 2
    aliases = config('[aliases]\n"SKHĐT" = "Sở Kế hoạch và Đầu tư"\n')
    assert len(listed(cli, "--unit", "sở kế hoạch", "--config", str(aliases))) == 1
    assert listed(cli, "--unit", "sở kế hoạch") == []


def test_show_lists_the_state_history(cli: Cli, book: dict[str, Task]) -> None:
    task = book["overdue"]
    assert cli("done", str(task.id), "--on", "15/07/2026").code == 0
    assert (
        cli("done", str(task.id), "--on", "14/07/2026", "--correct", "--reason", "nhầm").code == 0
    )
    shown = cli("show", str(task.id)).out
    assert "15/07/2026: Hoàn thành [ghi ngày 23/11/2026]" in shown
    assert "14/07/2026: Sửa ngày hoàn thành (thay 15/07/2026): nhầm [ghi ngày 23/11/2026]" in shown


def test_edit_refuses_an_empty_assigned_date(
    cli: Cli, book: dict[str, Task], db_path: Path
) -> None:
    task = book["in_term"]
    with unchanged(db_path):
        result = cli("edit", str(task.id), "--assigned", "")
    assert_error(result, 1, "--assigned: ")


def test_add_names_no_option_for_its_title(cli: Cli, db_path: Path) -> None:
    result = cli("add", "   ", "--unit", "Sở Y tế", "--due", "31/12/2026")
    assert result.code == 1
    assert "--title" not in result.err
    assert not db_path.exists()
