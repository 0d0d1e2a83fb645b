"""A small SpreadsheetML (.xlsx) writer for the task export: rows stream into the zip.

Why not openpyxl here: even in write-only mode it builds a cell object and an XML element
per cell, and 20.000 tasks are 265.000 cells: the export took 4,1-4,4 s (3,3-3,6 s CPU),
over the 3 s budget (DESIGN 10), 80 % of it in openpyxl's cell writer. Writing each row
as text takes a fraction of that (see the commit). The workbook is the plain part of the
format every spreadsheet reads: inline strings (never formulas, so a title starting
with "=" stays text), numbers, dates as serial numbers with a date format, percentages
with a number format, bold headers, column widths, a frozen first row and a filter.
The report pack (reports/pack) keeps openpyxl: it needs charts and merged cells.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple
from xml.sax.saxutils import escape, quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Style ids (cellXfs positions in STYLES).
PLAIN, HEADER, DATE, BOLD = 0, 1, 2, 3
_PERCENT_FIRST = 4  # then one style per number of decimals, 0 to MAX_PERCENT_DECIMALS
MAX_PERCENT_DECIMALS = 6
DATE_FORMAT = "DD/MM/YYYY"

# Characters XML 1.0 cannot carry (openpyxl refused the whole export over one of them).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (with its 1900 leap-year quirk)


def percent_style(decimals: int) -> int:
    """The style of a fraction shown as a percentage with ``decimals`` decimals."""
    return _PERCENT_FIRST + max(0, min(decimals, MAX_PERCENT_DECIMALS))


class Styled(NamedTuple):
    """A value with one of this module's style ids."""

    value: str | int | float | date | None
    style: int


Value = str | int | float | date | Styled | None


class Sheet(NamedTuple):
    """A worksheet: its name, column widths, rows, and whether the first row is a header
    to freeze and filter on."""

    name: str
    widths: Sequence[float]
    rows: Iterable[Sequence[Value]]
    header: bool = False
    row_count: int = 0  # for the filter's range (rows including the header)


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value))


def _cell(ref: str, cell: Value) -> str:
    value, style = (cell.value, cell.style) if isinstance(cell, Styled) else (cell, PLAIN)
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, str):
        return (
            f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'
        )
    if isinstance(value, date):
        return f'<c r="{ref}" s="{style or DATE}"><v>{value.toordinal() - _EPOCH}</v></c>'
    return f'<c r="{ref}"{s}><v>{value!r}</v></c>'


def _sheet_parts(sheet: Sheet) -> Iterable[str]:
    yield f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
    if sheet.header:
        yield (
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
            "</sheetView></sheetViews>"
        )
    yield '<sheetFormatPr defaultRowHeight="15"/><cols>'
    for index, width in enumerate(sheet.widths, start=1):
        yield f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
    yield "</cols><sheetData>"
    letters = [column_letter(i) for i in range(max(len(sheet.widths), 26))]
    batch: list[str] = []
    for number, row in enumerate(sheet.rows, start=1):
        while len(letters) < len(row):
            letters.append(column_letter(len(letters)))
        cells = "".join(_cell(f"{letters[i]}{number}", v) for i, v in enumerate(row))
        batch.append(f'<row r="{number}">{cells}</row>')
        if len(batch) == 500:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)
    yield "</sheetData>"
    if sheet.header:
        yield f'<autoFilter ref="{_filter_range(sheet)}"/>'
    yield "</worksheet>"


def _filter_range(sheet: Sheet) -> str:
    return f"A1:{column_letter(len(sheet.widths) - 1)}{max(sheet.row_count, 1)}"


def _styles() -> str:
    percents = [
        "0%" if places == 0 else "0." + "0" * places + "%"
        for places in range(MAX_PERCENT_DECIMALS + 1)
    ]
    formats = [DATE_FORMAT, *percents]
    num_fmts = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(code)}/>'
        for i, code in enumerate(formats)
    )
    xfs = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
        'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        *(
            f'<xf numFmtId="{165 + places}" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/>'
            for places in range(MAX_PERCENT_DECIMALS + 1)
        ),
    ]
    return (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(_ILLEGAL.sub("", s.name))} sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_absolute(s))}</definedName>"
        for i, s in enumerate(sheets)
        if s.header
    )
    defined = f"<definedNames>{names}</definedNames>" if names else ""
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        f"<bookViews><workbookView/></bookViews><sheets>{entries}</sheets>{defined}</workbook>"
    )


def _absolute(sheet: Sheet) -> str:
    first, last = _filter_range(sheet).split(":")
    quoted = "'" + sheet.name.replace("'", "''") + "'"
    split = re.compile(r"([A-Z]+)(\d+)")

    def absolute(ref: str) -> str:
        return split.sub(r"$\1$\2", ref)

    return f"{quoted}!{absolute(first)}:{absolute(last)}"


def write_workbook(path: Path | IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` as an .xlsx file to ``path`` (the caller makes it atomic)."""
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, count + 1)
    )
    types = (
        f'{_HEAD}<Types xmlns="{_TYPES}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG_RELS}"><Relationship Id="rId1" '
        f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    book_rels += (
        f'<Relationship Id="rId{count + 1}" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", _workbook(sheets))
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_HEAD}<Relationships xmlns="{_PKG_RELS}">{book_rels}</Relationships>',
        )
        archive.writestr("xl/styles.xml", _styles())
        for i, sheet in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as part:
                for chunk in _sheet_parts(sheet):
                    part.write(chunk.encode("utf-8"))
