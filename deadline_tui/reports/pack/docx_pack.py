"""The report pack as a Word document (python-docx, imported only when called).

Laid out as Decree 30/2020/NĐ-CP lays out an administrative document: A4, margins top
and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (also for East Asian and
complex scripts, so no part of a Vietnamese word falls back to another font), 14 pt for
the text and 13 pt in the tables; the header block of the issuing office and the national
motto; page numbers centred at the top from the second page. Then the sentences as a
paragraph, the table by group and the overdue tasks by lead unit, ready to paste into
the report.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, BinaryIO
from xml.sax.saxutils import escape

from deadline_tui.domain.vntext import format_date
from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures
from deadline_tui.reports.numbers import number, percent
from deadline_tui.reports.pack.content import ReportPack, roman, xml_safe

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

FONT = "Times New Roman"
TEXT_SIZE = 14
TABLE_SIZE = 13
TABLE_STYLE = "Report Table Text"
TABLE_STYLE_ID = "ReportTableText"
# Column widths in mm. The tables sit on landscape pages (twelve columns of 13 pt text
# do not fit the 165 mm of a portrait page) and are as wide as the text: 297 - 30 - 15.
GROUP_WIDTHS = (13, 62, 17, 16, 18, 21, 16, 17, 16, 18, 17, 21)
OVERDUE_WIDTHS = (13, 97, 60, 25, 22, 35)


def write_docx(pack: ReportPack, stream: BinaryIO) -> None:
    """Write the document to ``stream``."""
    import docx

    document = docx.Document()
    body = _BodyRows()
    _page(document)
    _styles(document)
    _header_block(document, pack)
    _paragraph(document, pack.title(), bold=True, center=True, before=18)
    _paragraph(document, pack.subtitle(), italic=True, center=True, after=12)
    _paragraph(document, pack.sentence, indent=True)
    if note := pack.set_aside():
        _paragraph(document, note, indent=True)
    _landscape(document)
    heading = t("report_table_heading", by=pack.by_label.lower())
    _paragraph(document, heading, bold=True, indent=True)
    _group_table(document, pack, body)
    _paragraph(document, t("report_overdue_heading"), bold=True, indent=True, before=12)
    if pack.overdue:
        _overdue_table(document, pack, body)
    else:
        _paragraph(document, t("report_no_overdue"), italic=True, indent=True)
    saved = io.BytesIO()
    document.save(saved)
    body.copy_filled(saved, stream)


# --- page, styles, header block --------------------------------------------------------


def _page(document: Document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    # The page number: centred at the top, not on the first page (Decree 30/2020).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _align("center")
    _page_field(paragraph)


def _landscape(document: Document) -> None:
    """A new section on landscape pages, same margins, page numbers continuing."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.different_first_page_header_footer = False


def _page_field(paragraph: Any) -> None:
    """A PAGE field: the reader fills in each page's number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run.append(element)
        return run

    instruction = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction.append(text)
    shown = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = "2"
    shown.append(value)
    for element in (char("begin"), instruction, char("separate"), shown, char("end")):
        paragraph._p.append(element)


def _styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(TEXT_SIZE)
    _font_names(normal.element)
    _font_names(document.styles.element.find(_qn("w:docDefaults")))
    body = normal.paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.space_before, body.space_after = Pt(0), Pt(6)
    body.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert table_text.style_id == TABLE_STYLE_ID
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_SIZE)
    cell = table_text.paragraph_format
    cell.alignment = WD_ALIGN_PARAGRAPH.LEFT
    cell.space_before, cell.space_after = Pt(1), Pt(1)
    cell.first_line_indent = Mm(0)
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(TABLE_SIZE)


def _font_names(element: Any) -> None:
    """Times New Roman for every script of the runs this element styles, dropping any
    theme font (a theme font wins over a named one)."""
    from docx.oxml import OxmlElement

    if element is None:
        return
    rpr = element.find(".//" + _qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(_qn(script), FONT)


def _header_block(document: Document, pack: ReportPack) -> None:
    """Office on the left; the nation, the motto and the place and date on the right."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=2)
    _widths(table, (62, 103))
    left, right = table.rows[0].cells
    _cell_text(left, pack.office.upper(), bold=True, center=True)
    _cell_text(right, t("report_nation"), bold=True, center=True)
    left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    motto = right.add_paragraph(style=TABLE_STYLE)
    motto.alignment = _align("center")
    run = motto.add_run(t("report_motto"))
    run.bold = True
    run.underline = True
    run.font.size = Pt(TEXT_SIZE)
    place = right.add_paragraph(style=TABLE_STYLE)
    place.alignment = _align("center")
    place.paragraph_format.space_before = Pt(6)
    dated = place.add_run(pack.place_and_date())
    dated.italic = True
    dated.font.size = Pt(TEXT_SIZE)


# --- the tables ------------------------------------------------------------------------


def _group_table(document: Document, pack: ReportPack, body: _BodyRows) -> None:
    table = document.add_table(rows=2, cols=len(GROUP_WIDTHS))
    table.style = document.styles["Table Grid"]
    head, below = table.rows
    spanning = (
        "report_col.number",
        "",
        "report_col.total",
        "report_col.due",
        "report_col.due_done",
        "report_col.done_rate",
    )
    for index, key in enumerate(spanning):
        merged = head.cells[index].merge(below.cells[index])
        _cell_text(merged, t(key) if key else pack.by_label, bold=True, center=True)
    for start, key, parts in (
        (6, "report_col.done", ("done_all", "on_time", "late")),
        (9, "report_col.open", ("in_term", "overdue", "no_deadline")),
    ):
        merged = head.cells[start].merge(head.cells[start + len(parts) - 1])
        _cell_text(merged, t(key), bold=True, center=True)
        for offset, part in enumerate(parts):
            _cell_text(below.cells[start + offset], t(f"report_col.{part}"), bold=True, center=True)
    _repeat_as_header(head, below)
    _widths(table, GROUP_WIDTHS)
    rows = [
        _figure_cells(str(index), pack.group_label(group), group, pack, bold=False)
        for index, group in enumerate(pack.summary.groups, start=1)
    ]
    totals = _figure_cells("", t("report_totals"), pack.summary.overall, pack, bold=True)
    rows.append([(t("report_totals"), "center", True, 2), *totals[2:]])
    body.later(table, rows, GROUP_WIDTHS)


def _figure_cells(
    order: str, name: str, group: Figures, pack: ReportPack, *, bold: bool
) -> list[RowCell]:
    values = (
        number(group.total),
        number(group.due),
        number(group.due_done),
        percent(group.due_done, group.due, pack.decimals, pack.rounding),
        number(group.done),
        number(group.done_on_time),
        number(group.done_late),
        number(group.open_in_term),
        number(group.open_overdue),
        number(group.no_deadline),
    )
    return [
        (order, "center", bold, 1),
        (name, "left", bold, 1),
        *((value, "right", bold, 1) for value in values),
    ]


def _overdue_table(document: Document, pack: ReportPack, body: _BodyRows) -> None:
    table = document.add_table(rows=1, cols=len(OVERDUE_WIDTHS))
    table.style = document.styles["Table Grid"]
    headers = (
        "report_col.number",
        "report_col.title",
        "report_col.source",
        "report_col.due_on",
        "report_col.days_overdue",
        "report_col.leader",
    )
    head = table.rows[0]
    for cell, key in zip(head.cells, headers, strict=True):
        _cell_text(cell, t(key), bold=True, center=True)
    _repeat_as_header(head)
    _widths(table, OVERDUE_WIDTHS)
    rows: list[list[RowCell]] = []
    for index, unit in enumerate(pack.overdue, start=1):
        label = t("report_overdue_group", unit=unit.unit, count=number(len(unit.tasks)))
        rows.append([(roman(index), "center", True, 1), (label, "left", True, 5)])
        for order, item in enumerate(unit.tasks, start=1):
            rows.append(
                [
                    (str(order), "center", False, 1),
                    (item.task.title, "left", False, 1),
                    (item.task.source, "left", False, 1),
                    (format_date(item.due_on), "center", False, 1),
                    (number(item.days), "center", False, 1),
                    (item.task.leader, "left", False, 1),
                ]
            )
    body.later(table, rows, OVERDUE_WIDTHS)


RowCell = tuple[str, str, bool, int]
"""A body cell: text, alignment ("left", "center", "right"), bold, columns spanned."""


class _BodyRows:
    """The tables' body rows, written as XML text straight into the saved file.

    python-docx builds a document as a tree of XML elements: through its cell objects the
    3.727 overdue tasks of a 20.000-task book take 14 s (every insertion searches its
    siblings), and even parsed from text at once the rows' elements take 67 MiB. So each
    table gets a marker where its rows go, the document is saved, and the rows are
    written in place of the markers while the saved file is copied to its destination:
    0,1 s and no more memory than one row.
    """

    def __init__(self) -> None:
        self.tables: list[tuple[list[list[RowCell]], list[int]]] = []

    def later(self, table: Table, rows: list[list[RowCell]], widths_mm: tuple[float, ...]) -> None:
        """Leave a marker at the end of ``table`` for ``rows``."""
        from lxml import etree

        table._tbl.append(etree.Comment(self._marker(len(self.tables))))
        twips = [round(width * 1440 / 25.4) for width in widths_mm]
        self.tables.append((rows, twips))

    def copy_filled(self, saved: BinaryIO, stream: BinaryIO) -> None:
        """Copy the saved document to ``stream``, with the rows in place of the markers."""
        import zipfile

        with (
            zipfile.ZipFile(saved) as source,
            zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                if info.filename != "word/document.xml":
                    target.writestr(info, data)
                    continue
                with target.open(info.filename, "w") as part:
                    text = data.decode("utf-8")
                    for index, (rows, twips) in enumerate(self.tables):
                        before, _, text = text.partition(f"<!--{self._marker(index)}-->")
                        part.write(before.encode("utf-8"))
                        for row in rows:
                            part.write(_row_xml(row, twips).encode("utf-8"))
                    part.write(text.encode("utf-8"))

    @staticmethod
    def _marker(index: int) -> str:
        return f"deadline-tui rows {index}"


def _row_xml(row: list[RowCell], twips: list[int]) -> str:
    """One row that never breaks across pages; a heading row (one wide cell after the
    number) stays on the page of the row after it."""
    heading = len(row) == 2 and row[1][3] > 1
    keep = "<w:keepNext/>" if heading else ""
    parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    column = 0
    for text, align, bold, span in row:
        width = sum(twips[column : column + span])
        column += span
        spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        weight = "<w:rPr><w:b/></w:rPr>" if bold else ""
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{spanned}'
            '<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/>{keep}<w:jc w:val="{align}"/>'
            f'</w:pPr><w:r>{weight}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'
            "</w:p></w:tc>"
        )
    parts.append("</w:tr>")
    return "".join(parts)


# --- helpers ---------------------------------------------------------------------------


def _paragraph(
    document: Document,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
) -> None:
    from docx.shared import Mm, Pt

    paragraph = document.add_paragraph()
    run = paragraph.add_run(xml_safe(text))
    run.bold = bold or None
    run.italic = italic or None
    form = paragraph.paragraph_format
    if center:
        form.alignment = _align("center")
    if indent:
        form.first_line_indent = Mm(12.7)
    form.space_before, form.space_after = Pt(before), Pt(after)


def _cell_text(
    cell: Any, text: str, *, bold: bool = False, center: bool = False, right: bool = False
) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    paragraph = cell.paragraphs[0]
    # The style by its id: python-docx's lookup by name scans every style each time.
    paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID
    for extra in cell.paragraphs[1:]:  # a merge keeps the merged cells' paragraphs
        extra._p.getparent().remove(extra._p)
    if center:
        paragraph.alignment = _align("center")
    elif right:
        paragraph.alignment = _align("right")
    run = paragraph.add_run(xml_safe(text))
    if bold:
        run.bold = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _repeat_as_header(*rows: Any) -> None:
    """Mark rows as the table's heading: a reader repeats them at the top of each page."""
    from docx.oxml import OxmlElement

    for row in rows:
        properties = row._tr.get_or_add_trPr()
        marker = OxmlElement("w:tblHeader")
        marker.set(_qn("w:val"), "true")
        properties.append(marker)


def _widths(table: Table, widths_mm: tuple[float, ...]) -> None:
    """Column widths of a table holding only its header rows so far."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _align(where: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return WD_ALIGN_PARAGRAPH.CENTER if where == "center" else WD_ALIGN_PARAGRAPH.RIGHT


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _escape(text: str) -> str:
    """Text as XML character data (characters XML cannot hold are dropped)."""
    return escape(xml_safe(text))
