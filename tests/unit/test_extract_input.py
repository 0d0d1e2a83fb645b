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
    path = DOCUMENTS / "notice_conclusion.txt"
    dry = cli("import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert not db_path.exists()
    done = cli("import", str(path), "--yes")
    assert done.code == 0, done.err
    tasks = json.loads(cli("list", "--json").out)
    titles = {task["title"] for task in tasks}
    assert len(titles) == 14
    assert {task["source"] for task in tasks} == {"Thông báo 312/TB-UBND ngày 12/07/2021"}
    first = next(t for t in tasks if t["title"].startswith("Rà soát tiến độ giải ngân"))
    assert first["lead_unit"] == "Sở Kế hoạch và Đầu tư"
    assert first["due_on"] == "2021-07-30"
    assert first["assigned_on"] == "2021-07-12"
    # a second import adds nothing
    again = cli("import", str(path), "--yes")
    assert again.code == 0
    assert len(json.loads(cli("list", "--json").out)) == len(tasks)


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
