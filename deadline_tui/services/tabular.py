"""Reading task tables from CSV and XLSX files: rows of text cells, whatever the source.

Cells become text the way a person reads them: an XLSX date cell becomes "31/01/2021",
a whole number stays "12". Headers are matched ignoring case, diacritics, spacing and
punctuation, in Vietnamese or English (DESIGN section 8).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from deadline_tui.domain.vntext import fold
from deadline_tui.errors import InputError

# Field -> accepted header spellings, already folded and stripped of spaces/punctuation.
# They include the export headers in both languages, so an exported file imports back.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "uid": ("ma", "uid", "madauviec"),
    "title": ("noidung", "trichyeu", "title", "noidungdauviec", "nhiemvu", "noidungnhiemvu"),
    "lead_unit": ("donvichutri", "leadunit", "chutri", "coquanchutri", "donvichutrithuchien"),
    "support_units": (
        "donviphoihop",
        "supportunits",
        "phoihop",
        "cooperatingunits",
        "coquanphoihop",
    ),
    "source": ("vanbangiao", "source", "vanban", "sourcedocument"),
    "leader": ("lanhdaochidao", "leader"),
    "follower": ("chuyenvientheodoi", "follower"),
    "assigned": ("ngaygiao", "assignedon", "assigned"),
    "deadline": (
        "thoihan",
        "due",
        "deadline",
        "deadlinetext",
        "thoigianhoanthanh",
        "thoihanhoanthanh",
        "thoigianthuchien",
    ),
    "due_on": ("hanxuly", "dueon"),
    "done": ("ngayhoanthanh", "doneon", "done", "completed", "completedon"),
    "result": ("ketqua", "result"),
    "note": ("ghichu", "note"),
    "status": ("tinhtrang", "status", "trangthai"),
    "original_due_on": ("hanbandau", "originaldueon", "originaldeadline"),
    "extensions": ("giahan", "extensions"),
    "state_history": ("lichsutinhtrang", "statehistory"),
}
REQUIRED_FIELDS = ("title", "lead_unit")


def header_key(text: str) -> str:
    """A header reduced for matching: "Đơn vị chủ trì" and "don_vi_chu_tri" -> "donvichutri"."""
    return re.sub(r"[\W_]+", "", fold(text))


@dataclass(frozen=True, slots=True)
class Table:
    """A file's header row and data rows (row numbers as a spreadsheet shows them)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]

    def columns(self) -> dict[str, int]:
        """Field -> column index, for the headers that were recognised."""
        found: dict[str, int] = {}
        for index, header in enumerate(self.headers):
            key = header_key(header)
            for field, aliases in HEADER_ALIASES.items():
                if key in aliases and field not in found:
                    found[field] = index
        return found


def cell_text(value: object) -> str:
    """A cell as text: dates day-first, whole floats without ".0", None as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Limits that keep a hostile or mistaken file from eating the machine: a desk book holds
# some 20.000 tasks, a server book 100.000; a real workbook of that size is ~10 MB.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_ROWS = 200_000


def _unescaped(cell: str) -> str:
    # The CSV export writes "'=..." so a spreadsheet shows a formula-like text as text.
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
        return cell[1:]
    return cell


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            "import_too_large", path=str(path), limit=f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        )


def _check_workbook(path: Path) -> None:
    """Refuse a workbook that would unpack to more than the limit (a zip bomb) before
    openpyxl reads a byte of it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError("import_xlsx_broken", path=str(path), detail=str(error)) from None
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            "import_too_large",
            path=str(path),
            limit=f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB",
        )


def _read_csv(path: Path) -> Table:
    _check_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("import_not_utf8", path=str(path), position=error.start) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        records = list(reader)
    except csv.Error as error:
        raise InputError(
            "import_csv_broken", path=str(path), line=reader.line_num, detail=str(error)
        ) from None
    if not records:
        raise InputError("import_empty", path=str(path))
    if len(records) > MAX_ROWS + 1:
        raise InputError("import_too_many_rows", path=str(path), limit=MAX_ROWS)
    rows = [
        (number, [_unescaped(cell.strip()) for cell in record])
        for number, record in enumerate(records[1:], start=2)
    ]
    return Table([cell.strip() for cell in records[0]], rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    _check_size(path)
    _check_workbook(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError("import_xlsx_broken", path=str(path), detail=str(error)) from None
    try:
        sheet = workbook.worksheets[0]
        iterator: Iterator[tuple[object, ...]] = sheet.iter_rows(values_only=True)
        header = next(iterator, None)
        if header is None:
            raise InputError("import_empty", path=str(path))
        rows = []
        for number, values in enumerate(iterator, start=2):
            if number > MAX_ROWS + 1:
                raise InputError("import_too_many_rows", path=str(path), limit=MAX_ROWS)
            rows.append((number, [cell_text(value) for value in values]))
        return Table([cell_text(value) for value in header], rows)
    finally:
        workbook.close()


def read_table(path: Path) -> Table:
    """Read a CSV or XLSX file; errors name the file and what is wrong."""
    if not path.is_file():
        raise InputError("import_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise InputError("import_format", path=str(path))
