"""Extraction quality, scored by the directives' own scorer (DESIGN section 12).

Seed 004 (a programme) is scored against the hand-made gold in ../shared/directives;
a conclusion notice and a plan with a task table, annotated for these tests, are
scored the same way. The scorer is found beside the repository (CI puts ``shared``
next to the clone) and used as it is, never copied.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[2]
DOCUMENTS = PROJECT / "tests" / "data" / "documents"


def _shared() -> Path | None:
    for parent in PROJECT.parents:
        candidate = parent / "shared"
        if (candidate / "directives" / "score.py").is_file():
            return candidate
    return None


SHARED = _shared()
needs_shared = pytest.mark.skipif(
    SHARED is None, reason="../shared (seeds, scorer) not beside the repo"
)


def _scorer() -> ModuleType:
    assert SHARED is not None
    spec = importlib.util.spec_from_file_location("score", SHARED / "directives" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(cli: Callable[..., Any], path: Path, *extra: str) -> list[dict[str, Any]]:
    result = cli("extract", str(path), "--json", *extra)
    assert result.code == 0, result.err
    tasks: list[dict[str, Any]] = json.loads(result.out)["tasks"]
    return tasks


def _gold(path: Path) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["tasks"]
    return tasks


@needs_shared
def test_seed_004_scores_at_least_095(cli: Callable[..., Any], db_path: Path) -> None:
    assert SHARED is not None
    seed = next((SHARED / "seeds").glob("004_*.txt"))
    predicted = _extract(cli, seed)
    result = _scorer().score(_gold(SHARED / "directives" / "gold_004.json"), predicted)
    assert result["strict"]["f1"] >= 0.95, result["strict"]
    assert result["lead_accuracy"] >= 0.95
    assert not db_path.exists()  # extract never writes the book


@needs_shared
@pytest.mark.parametrize(
    ("document", "minimum_f1"),
    [
        ("notice_conclusion.txt", 0.9),
        # the same notice printed to PDF by LibreOffice (text layer, wrapped lines)
        ("notice_conclusion.pdf", 0.9),
        ("notice_directive.txt", 0.95),
        # header and signature in tables, tasks in Word's own numbered and bulleted lists
        ("notice_lists.docx", 0.95),
        # a directive (chỉ thị): units addressed through their heads ("Giám đốc Sở …")
        ("directive_chi_thi.txt", 0.95),
        # held out: written and scored once, no rule changed after (0,889 at first sight;
        # its one miss is a daily report, which the deadline reader has no rule for)
        ("heldout_notice.txt", 0.85),
        ("plan_tasks.docx", 0.95),
    ],
)
def test_our_own_annotated_documents(
    cli: Callable[..., Any], document: str, minimum_f1: float
) -> None:
    predicted = _extract(cli, DOCUMENTS / document)
    gold = _gold(DOCUMENTS / (document.rsplit(".", 1)[0] + ".gold.json"))
    result = _scorer().score(gold, predicted)
    assert result["strict"]["f1"] >= minimum_f1, result["strict"]
    assert result["lead_accuracy"] >= 0.95


def test_spans_point_at_the_nfc_text(cli: Callable[..., Any]) -> None:
    path = DOCUMENTS / "notice_conclusion.txt"
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    for task in _extract(cli, path):
        start, end = task["span"]
        assert text[start:end] == task["text"]


def test_nfd_input_gives_the_same_drafts(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = DOCUMENTS / "notice_conclusion.txt"
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _extract(cli, nfd) == _extract(cli, path)


def test_false_friends_and_horizons_are_not_deadlines(cli: Callable[..., Any]) -> None:
    tasks = {t["section"]: t for t in _extract(cli, DOCUMENTS / "notice_conclusion.txt")}
    # cited resolution's date, "đến năm 2025", "chịu trách nhiệm trước …"
    assert tasks["1"]["due_on"] is None and tasks["1"]["collective"]
    # "chi thường xuyên" is a budget line; the limit is "trong tháng 8/2021"
    assert tasks["3"]["due_on"] == "2021-08-31"
    # relative to the header's date 12/7/2021
    assert tasks["4a"]["due_on"] == "2021-07-27"
    assert tasks["5-b2"]["recurring"] == "monthly day 20"
    # the heading "6 THÁNG CUỐI NĂM 2021" gives nobody a deadline
    assert sum(t["due_on"] == "2021-12-31" for t in tasks.values()) == 0


def test_units_abbreviated_and_elliptical_are_resolved(cli: Callable[..., Any]) -> None:
    tasks = {t["section"]: t for t in _extract(cli, DOCUMENTS / "notice_conclusion.txt")}
    assert tasks["2"]["lead_unit"] == "Sở Kế hoạch và Đầu tư"  # "Sở KH&ĐT"
    assert tasks["6"]["lead_unit"] == "Sở Công Thương"  # "Các Sở: Công Thương, …"
    assert tasks["6"]["support_units"] == [
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Giao thông vận tải",
    ]
    assert tasks["4a"]["unknown_units"] == ["Trung tâm Kiểm soát bệnh tật tỉnh"]


def test_dated_anchors_relative_deadlines(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "no_header.txt"
    path.write_text(
        "1. Sở Y tế xây dựng kế hoạch tiêm chủng, trình UBND tỉnh trong 10 ngày kể từ ngày ký.\n",
        encoding="utf-8",
    )
    (task,) = _extract(cli, path, "--dated", "01/03/2022")
    assert task["lead_unit"] == "Sở Y tế"
    assert task["due_on"] == "2022-03-11"


def test_a_document_without_its_own_date_has_no_anchor(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """A date it cites (the resolution of 15/3/2021) is not the document's date: an earlier
    deadline is kept (flagged), and "kể từ ngày ký" cannot be counted from anything."""
    path = tmp_path / "undated.txt"
    path.write_text(
        "Triển khai Nghị quyết số 02/NQ-HĐND ngày 15/3/2021 của Hội đồng nhân dân tỉnh:\n"
        "1. Sở Tài chính rà soát các khoản chi, hoàn thành trước ngày 31/01/2021.\n"
        "2. Sở Y tế xây dựng kế hoạch tiêm chủng, trình UBND tỉnh trong 10 ngày làm việc"
        " kể từ ngày ký.\n",
        encoding="utf-8",
    )
    finance, health = _extract(cli, path)
    assert finance["lead_unit"] == "Sở Tài chính"
    assert finance["due_on"] == "2021-01-31"  # kept, not dropped as "before the document"
    assert "15/03/2021" in finance["deadline_problem"]
    assert health["lead_unit"] == "Sở Y tế"
    assert health["due_on"] is None  # not 10 working days after the cited resolution
    assert "ngày ký" in health["deadline_problem"]
    assert "trong 10 ngày làm việc kể từ ngày ký" in health["deadline_problem"]
    # With --dated the same phrase is counted from that day (01/03/2022 is a Tuesday:
    # ten working days later, weekends skipped, is 15/03/2022).
    _, dated = _extract(cli, path, "--dated", "01/03/2022")
    assert dated["due_on"] == "2022-03-15"
    assert dated["deadline_problem"] == ""


@needs_shared
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_seed_004_printed_to_pdf_scores_the_same(cli: Callable[..., Any], tmp_path: Path) -> None:
    """The PDF path: lines wrapped by the page are joined back into paragraphs."""
    assert SHARED is not None
    seed = next((SHARED / "seeds").glob("004_*.txt"))
    copy = tmp_path / "seed004.txt"
    copy.write_bytes(seed.read_bytes())
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    predicted = _extract(cli, tmp_path / "seed004.pdf")
    result = _scorer().score(_gold(SHARED / "directives" / "gold_004.json"), predicted)
    assert result["strict"]["f1"] >= 0.95, result["strict"]
