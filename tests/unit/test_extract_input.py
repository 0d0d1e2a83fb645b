"""Bad documents get a message that names the file and the problem, exit 1, and the book
is neither created nor changed; a good one imports as one batch."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"


def _scanned_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "trống"),
        ("binary.txt", lambda p: p.write_bytes(b"\x00\x01\x02PK" * 100), "nhị phân"),
        ("huge.txt", lambda p: p.open("wb").truncate(20 * 1024 * 1024), "20 MB"),
        ("scan.pdf", _scanned_pdf, "lớp chữ"),
        (
            "old.docx",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
            ".doc",
        ),
        (
            "notask.txt",
            lambda p: p.write_text(
                "Hôm nay trời đẹp. Kinh tế tăng trưởng khá.\n", encoding="utf-8"
            ),
            "Không tìm thấy đầu việc",
        ),
    ],
)
@pytest.mark.parametrize("command", ["extract", "import"])
def test_bad_input_is_refused_by_name(  # noqa: PLR0917 - parametrised
    cli: Callable[..., Any],
    db_path: Path,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], object],
    words: str,
    command: str,
) -> None:
    path = tmp_path / name
    make(path)
    extra = ["--yes"] if command == "import" else []
    result = cli(command, str(path), *extra)
    assert result.code == 1
    assert str(path) in result.err
    assert words in result.err
    assert "Traceback" not in result.err
    assert not db_path.exists()


def test_import_yes_adds_every_draft_in_one_batch_with_the_document_as_source(
    cli: Callable[..., Any], db_path: Path
) -> None:
    path = DOCUMENTS / "notice_directive.txt"
    dry = cli("import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert not db_path.exists()
    done = cli("import", str(path), "--yes")
    assert done.code == 0, done.err
    tasks = json.loads(cli("list", "--json").out)
    assert len({task["title"] for task in tasks}) == 8
    assert {task["source"] for task in tasks} == {"Thông báo 1520/TB-VP ngày 03/08/2021"}
    funds = next(t for t in tasks if t["title"].startswith("Cân đối, bố trí đủ kinh phí"))
    assert funds["lead_unit"] == "Sở Tài chính"
    assert funds["support_units"] == ["Sở Kế hoạch và Đầu tư"]
    assert funds["due_on"] == "2021-09-30"
    assert funds["assigned_on"] == "2021-08-03"
    # a second import adds nothing
    again = cli("import", str(path), "--yes")
    assert again.code == 0
    assert len(json.loads(cli("list", "--json").out)) == len(tasks)


def test_import_yes_refuses_a_deadline_the_reader_cannot_read(
    cli: Callable[..., Any], db_path: Path
) -> None:
    result = cli("import", str(DOCUMENTS / "notice_conclusion.txt"), "--yes")
    assert result.code == 1
    assert "trước 16 giờ hằng ngày" in result.err  # a daily report: no rule, no guess
    assert not db_path.exists()


def test_import_yes_refuses_drafts_without_a_lead_and_writes_nothing(
    cli: Callable[..., Any], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "programme.txt"
    path.write_text(
        "1. Nhiệm vụ chung\n\n- Tăng cường kiểm tra, giám sát việc thực hiện.\n\n"
        "2. Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trước ngày 30/9/2030.\n",
        encoding="utf-8",
    )
    result = cli("import", str(path), "--yes")
    assert result.code == 1
    assert "Tăng cường kiểm tra" in result.err
    assert not db_path.exists() or json.loads(cli("list", "--json").out) == []


def test_import_of_a_document_off_a_terminal_asks_for_yes_or_dry_run(
    cli: Callable[..., Any], db_path: Path
) -> None:
    result = cli("import", str(DOCUMENTS / "notice_conclusion.txt"))
    assert result.code == 1
    assert "--yes" in result.err
    assert not db_path.exists()


def test_utf16_text_from_notepad_is_read(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    text = "1. Sở Y tế xây dựng kế hoạch tiêm chủng, hoàn thành trước ngày 30/9/2021.\r\n"
    path.write_bytes(text.encode("utf-16"))
    result = cli("extract", str(path), "--json")
    assert result.code == 0, result.err
    (task,) = json.loads(result.out)["tasks"]
    assert (task["lead_unit"], task["due_on"]) == ("Sở Y tế", "2021-09-30")


def test_a_task_table_under_a_title_row_with_group_rows(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Hà Tĩnh, ngày 05 tháng 8 năm 2021")
    rows = [
        ("Phụ lục: danh mục nhiệm vụ",) * 4,
        ("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"),
        ("I", "Lĩnh vực kinh tế", "", ""),
        ("1", "Rà soát quy hoạch vùng nguyên liệu", "Sở NN&PTNT", "Quý IV/2021"),
        ("II", "Lĩnh vực xã hội", "", ""),
        ("2", "Hỗ trợ người lao động mất việc", "Sở LĐ-TB&XH", "Trước 15/10/2021"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    table.cell(0, 0).merge(table.cell(0, 3))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = cli("extract", str(path), "--json")
    assert result.code == 0, result.err
    tasks = json.loads(result.out)["tasks"]
    assert [(t["title"], t["lead_unit"], t["due_on"]) for t in tasks] == [
        (
            "Rà soát quy hoạch vùng nguyên liệu",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "2021-12-31",
        ),
        ("Hỗ trợ người lao động mất việc", "Sở Lao động - Thương binh và Xã hội", "2021-10-15"),
    ]


def test_control_characters_never_reach_the_terminal(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "escape.txt"
    path.write_text(
        "1. Sở Y tế\x1b]52;c;ZWNobyBoaQ==\x07 rà soát\x1b[2J danh sách\x0ctiêm chủng.\n",
        encoding="utf-8",
    )
    result = cli("extract", str(path))
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "Sở Y tế" in result.out


def test_extract_describes_a_recurring_deadline_in_words(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        "1. Sở Tài chính tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 20 hàng tháng, quý.\n",
        encoding="utf-8",
    )
    result = cli("extract", str(path))
    assert result.code == 0, result.err
    assert "→ hàng tháng, ngày 20" in result.out
    assert "monthly" not in result.out
    assert json.loads(cli("extract", str(path), "--json").out)["tasks"][0]["recurring"] == (
        "monthly day 20"
    )  # the scorer's form is unchanged


@pytest.mark.parametrize("command", ["extract", "import"])
def test_a_document_that_cannot_be_read_is_refused_by_name(
    cli: Callable[..., Any],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """No permission to read it (root reads through modes, so the refusal is made here)."""
    path = tmp_path / "thong-bao.txt"
    path.write_text("Giao Sở Y tế báo cáo trước ngày 30/12/2026.\n", encoding="utf-8")
    real_open = Path.open

    def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    extra = ["--yes"] if command == "import" else []
    result = cli(command, str(path), *extra)
    assert result.code == 1, result.err
    assert str(path) in result.err
    assert "Permission denied" in result.err
    assert "Traceback" not in result.err and "không mong đợi" not in result.err
    assert not db_path.exists()
