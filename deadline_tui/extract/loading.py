"""A document's text, from .txt, .docx or .pdf; bad input refused with what and where.

Heavy readers (python-docx, pypdf) are imported here, inside the functions that need
them, so no other command pays for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deadline_tui.errors import InputError

MAX_BYTES = 10 * 1024 * 1024
"""Above this a file is not a notice or a plan (the longest programmes are ~1 MB)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc format
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a task table: its cells and the offset of each in the text."""

    cells: tuple[str, ...]
    offsets: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TaskTable:
    """A table whose header names task columns ("Nội dung", "Cơ quan chủ trì", …)."""

    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True, slots=True)
class Loaded:
    """The NFC text of a document, its task tables, and whether lines are wrapped."""

    text: str
    tables: tuple[TaskTable, ...] = field(default_factory=tuple)
    wrapped_lines: bool = False


def is_document(path: Path) -> bool:
    """True for the formats ``extract`` reads (by extension)."""
    return path.suffix.lower() in SUFFIXES


def load(path: Path) -> Loaded:
    """Read ``path``; raise :class:`InputError` naming the file and the problem (a file
    that cannot be read, e.g. without permission, too: never an unexplained error)."""
    try:
        return _load(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError("file_unreadable", path=str(path), reason=reason) from None


def _load(path: Path) -> Loaded:
    if not path.is_file():
        raise InputError("import_missing", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("extract_empty", path=str(path))
    if size > MAX_BYTES:
        raise InputError(
            "extract_too_large",
            path=str(path),
            size=size // (1024 * 1024),
            limit=MAX_BYTES // (1024 * 1024),
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        loaded = Loaded(_read_txt(path))
    elif suffix == ".docx":
        if head.startswith(_OLE_MAGIC):
            raise InputError("extract_doc_not_docx", path=str(path))
        if not head.startswith(_ZIP_MAGIC):
            raise InputError("extract_broken", path=str(path), kind="DOCX")
        loaded = _read_docx(path)
    elif suffix == ".pdf":
        if not head.startswith(_PDF_MAGIC):
            raise InputError("extract_broken", path=str(path), kind="PDF")
        loaded = Loaded(_read_pdf(path), wrapped_lines=True)
    else:
        raise InputError("extract_format", path=str(path))
    if not loaded.text.strip():
        raise InputError("extract_empty", path=str(path))
    return loaded


def _read_txt(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" (UTF-16)
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError("import_not_utf8", path=str(path), position=error.start) from None
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if b"\x00" in data[:8192]:
        raise InputError("extract_binary", path=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("import_not_utf8", path=str(path), position=error.start) from None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _read_docx(path: Path) -> Loaded:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a damaged package
        raise InputError(
            "extract_broken_detail", path=str(path), kind="DOCX", detail=str(error)
        ) from None
    lines: list[str] = []
    tables: list[TaskTable] = []
    offset = 0

    def add(line: str) -> int:
        nonlocal offset
        start = offset
        line = unicodedata.normalize("NFC", line)
        lines.append(line)
        offset += len(line) + 1
        return start

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.replace("\n", " ").strip()
            if not text:
                continue
            if _is_numbered(block) and not re.match(r"^(?:[-–•+]|\d+[.)]|[a-zđ]\))\s", text):
                text = "- " + text  # Word's automatic numbering is not in the text
            add(text)
        elif isinstance(block, Table):
            table = _task_table(block, add)
            if table is not None:
                tables.append(table)
    return Loaded("\n".join(lines), tuple(tables))


def _is_numbered(paragraph: Any) -> bool:
    """A list item by Word's numbering, set on the paragraph or by its style ("List
    Number", "List Bullet")."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        s_pr = style.element.pPr
        if s_pr is not None and s_pr.numPr is not None:
            return True
        style = style.base_style
    return False


def _task_table(table: Any, add: Callable[[str], int]) -> TaskTable | None:
    from deadline_tui.extract.tables import is_task_header

    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    # The header may sit under a title row spanning the table ("Phụ lục: Danh mục nhiệm vụ").
    header = next((i for i, row in enumerate(rows[:3]) if is_task_header(row)), None)
    if header is None:
        for row in rows:  # any other table: its cells are text like any paragraph
            for cell in dict.fromkeys(row):  # merged cells repeat
                if cell:
                    add(cell)
        return None
    for row in rows[:header]:
        add(" ".join(dict.fromkeys(row)))
    add(" | ".join(rows[header]))
    found: list[TableRow] = []
    for row in rows[header + 1 :]:
        cells = tuple(unicodedata.normalize("NFC", cell) for cell in row)
        if not any(cells):
            continue
        position = add(" | ".join(cells))
        offsets = []
        for cell in cells:
            offsets.append(position)
            position += len(cell) + len(" | ")
        found.append(TableRow(cells, tuple(offsets)))
    return TaskTable(tuple(rows[header]), tuple(found))


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise InputError(
            "extract_broken_detail", path=str(path), kind="PDF", detail=str(error)
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError("extract_no_text_layer", path=str(path), pages=len(pages))
    return unicodedata.normalize("NFC", text)
