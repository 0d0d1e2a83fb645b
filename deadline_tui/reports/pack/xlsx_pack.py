"""The report pack as an Excel workbook (openpyxl, imported only when called).

Sheet 1: the header block of an administrative document, the title, the sentences and
the table by group (counts as numbers, rates as formulas shown as percentages, a totals
row of formulas). Sheet 2: the overdue tasks grouped by lead unit with the days overdue.
Sheet 3: a native bar chart of the statuses by group, on a page of its own. Every sheet
prints on A4 landscape, one page wide, with its table's header rows on every page.
"""

from __future__ import annotations

from copy import copy
from typing import TYPE_CHECKING, Any, BinaryIO

from deadline_tui.i18n import t
from deadline_tui.reports.figures import Figures
from deadline_tui.reports.numbers import number
from deadline_tui.reports.pack.content import ReportPack, roman, xml_safe

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "Times New Roman"
SIZE = 12
DATE_FORMAT = "DD/MM/YYYY"
COUNT_FORMAT = "#,##0"
# Points per printed line of 12 pt text, for rows whose height must be set by hand
# (merged cells: neither Excel nor LibreOffice fits their height to the text).
LINE_HEIGHT = 16.5
MAX_CHART_GROUPS = 20

# The table by group: column letter -> width in characters.
# A STT, B group, C total, D due, E due and done, F done rate (formula),
# G done, H done on time, I done late, J open in term, K open overdue, L no deadline,
# M share on time (formula), N share late (formula).
SUMMARY_WIDTHS = {
    "A": 5, "B": 34, "C": 10, "D": 9, "E": 11, "F": 12, "G": 9,
    "H": 9, "I": 9, "J": 10, "K": 9, "L": 10, "M": 10, "N": 10,
}  # fmt: skip
# The overdue list: STT, title, source, deadline, days overdue, leader, id.
OVERDUE_WIDTHS = {"A": 6, "B": 62, "C": 30, "D": 12, "E": 10, "F": 22, "G": 8}


class _Styles:
    """The few styles the workbook uses, made once (openpyxl dedupes them per cell)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.plain = Font(name=FONT, size=SIZE)
        self.bold = Font(name=FONT, size=SIZE, bold=True)
        self.italic = Font(name=FONT, size=SIZE, italic=True)
        self.motto = Font(name=FONT, size=SIZE + 1, bold=True, underline="single")
        self.nation = Font(name=FONT, size=SIZE, bold=True)
        self.title = Font(name=FONT, size=SIZE + 2, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.justify = Alignment(horizontal="justify", vertical="top", wrap_text=True)
        thin = Side(style="thin")
        self.box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.head_fill = PatternFill("solid", fgColor="DDE4EE")
        self.group_fill = PatternFill("solid", fgColor="F2F2F2")


def write_xlsx(pack: ReportPack, stream: BinaryIO) -> None:
    """Write the workbook to ``stream``."""
    from openpyxl import Workbook

    styles = _Styles()
    workbook = Workbook()
    report = workbook.active
    assert report is not None
    report.title = t("report_sheet_summary")
    first_group_row = _report_sheet(_Sheet(report, styles), pack)
    _overdue_sheet(_Sheet(workbook.create_sheet(t("report_sheet_overdue")), styles), pack)
    if pack.summary.groups:
        chart = _Sheet(workbook.create_sheet(t("report_sheet_chart")), styles)
        _chart_sheet(chart, report, first_group_row, pack)
    # openpyxl stores formulas without their values: ask the reader to compute on opening.
    workbook.calculation.fullCalcOnLoad = True
    workbook.save(stream)


# --- sheet 1: the report ---------------------------------------------------------------


def _report_sheet(out: _Sheet, pack: ReportPack) -> int:
    """Fill the report sheet; returns the row of the table's first group."""
    sheet, styles = out.sheet, out.styles
    for letter, width in SUMMARY_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    width = sum(SUMMARY_WIDTHS.values())
    bold, italic, center = styles.bold, styles.italic, styles.center
    out.text("A1:E1", pack.office.upper(), font=bold, align=center)
    out.put("H1:N1", t("report_nation"), font=bold, align=center)
    out.put("H2:N2", t("report_motto"), font=styles.motto, align=center)
    out.put("H3:N3", pack.place_and_date(), font=italic, align=center)
    out.put("A5:N5", pack.title(), font=styles.title, align=center)
    out.put("A6:N6", pack.subtitle(), font=italic, align=center)
    row = 8
    for paragraph, font in ((pack.sentence, styles.plain), (pack.set_aside(), italic)):
        if paragraph:
            out.put(f"A{row}:N{row}", paragraph, font=font, align=styles.justify)
            sheet.row_dimensions[row].height = _height(paragraph, width)
            row += 1
    heading = t("report_table_heading", by=pack.by_label.lower())
    out.put(f"A{row + 1}:N{row + 1}", heading, font=bold, align=styles.left)
    head = row + 2
    _table_head(out, head, pack)
    first = head + 2
    groups = pack.summary.groups
    for index, group in enumerate(groups):
        r = first + index
        out.put(f"A{r}", index + 1, font=styles.plain, align=center, box=True)
        out.text(f"B{r}", pack.group_label(group), font=styles.plain, align=styles.left, box=True)
        _figures_row(out, r, group, pack, styles.plain)
    last = first + len(groups) - 1
    totals = last + 1
    out.put(f"A{totals}:B{totals}", t("report_totals"), font=bold, align=center, box=True)
    sheet[f"B{totals}"].border = styles.box
    _figures_row(out, totals, pack.summary.overall, pack, bold, sums=(first, last))
    sheet.print_title_rows = f"{head}:{head + 1}"
    _print_setup(sheet)
    return first


# Where each count of a group goes (F, M and N hold the rates).
COUNT_COLUMNS = (
    ("C", "total"),
    ("D", "due"),
    ("E", "due_done"),
    ("G", "done"),
    ("H", "done_on_time"),
    ("I", "done_late"),
    ("J", "open_in_term"),
    ("K", "open_overdue"),
    ("L", "no_deadline"),
)


def _figures_row(
    out: _Sheet,
    r: int,
    group: Figures,
    pack: ReportPack,
    font: Any,
    *,
    sums: tuple[int, int] | None = None,
) -> None:
    """A row's counts (numbers, or for the totals row sums of the rows above) and its
    three rates as formulas over the row's own counts. The rates are rounded the way the
    settings round (ROUND is half up, ROUNDDOWN truncates) to the decimals the sentence
    shows, so the sheet and the sentence print the same percentage."""
    right = out.styles.right
    for letter, key in COUNT_COLUMNS:
        value: object = getattr(group, key)
        if sums is not None:
            first, last = sums
            value = f"=SUM({letter}{first}:{letter}{last})" if last >= first else 0
        out.put(f"{letter}{r}", value, font=font, align=right, box=True, fmt=COUNT_FORMAT)
    function = "ROUND" if pack.rounding == "half_up" else "ROUNDDOWN"
    rates = (
        ("F", f"E{r}", f"D{r}", group.due_done, group.due),
        ("M", f"(H{r}+J{r}+L{r})", f"C{r}", group.on_time, group.total),
        ("N", f"(I{r}+K{r})", f"C{r}", group.late, group.total),
    )
    for letter, part, base, part_value, base_value in rates:
        decimals = pack.rate_decimals(part_value, base_value)
        formula = f'=IF({base}=0,"–",{function}({part}/{base},{decimals + 2}))'
        fmt = "0%" if decimals == 0 else f"0.{'0' * decimals}%"
        out.put(f"{letter}{r}", formula, font=font, align=right, box=True, fmt=fmt)


def _table_head(out: _Sheet, head: int, pack: ReportPack) -> None:
    """Two header rows: single columns span both, grouped columns share a top cell."""
    bold, center = out.styles.bold, out.styles.center
    below = head + 1
    spanning = (
        ("A", t("report_col.number")),
        ("B", pack.by_label),
        ("C", t("report_col.total")),
        ("D", t("report_col.due")),
        ("E", t("report_col.due_done")),
        ("F", t("report_col.done_rate")),
    )
    for letter, text in spanning:
        out.put(f"{letter}{head}:{letter}{below}", text, font=bold, align=center)
    across = (
        ("GHI", "report_col.done", ("done_all", "on_time", "late")),
        ("JKL", "report_col.open", ("in_term", "overdue", "no_deadline")),
        ("MN", "report_col.shares", ("on_time_share", "late_share")),
    )
    for letters, key, parts in across:
        out.put(f"{letters[0]}{head}:{letters[-1]}{head}", t(key), font=bold, align=center)
        for letter, part in zip(letters, parts, strict=True):
            out.put(f"{letter}{below}", t(f"report_col.{part}"), font=bold, align=center)
    for row in out.sheet.iter_rows(min_row=head, max_row=below, min_col=1, max_col=14):
        for cell in row:
            cell.border = out.styles.box
            cell.fill = out.styles.head_fill
    out.sheet.row_dimensions[head].height = 2 * LINE_HEIGHT
    out.sheet.row_dimensions[below].height = 3 * LINE_HEIGHT


# --- sheet 3: the chart ----------------------------------------------------------------


def _chart_sheet(out: _Sheet, data: Worksheet, first: int, pack: ReportPack) -> None:
    """A horizontal stacked bar per group, on a sheet and a printed page of its own (the
    table's repeated header rows would otherwise print above it). At most
    MAX_CHART_GROUPS groups, the most overdue, so that every name stays readable."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.utils import get_column_letter

    groups = pack.summary.groups
    shown = min(len(groups), MAX_CHART_GROUPS)
    last = first + shown - 1
    title = t("report_chart_title", by=pack.by_label.lower())
    if shown < len(groups):
        title += " " + t("report_chart_most_overdue", shown=shown, total=len(groups))
    # Twelve columns 10 characters wide (about 2 cm each) are as wide as the chart.
    for index in range(1, 13):
        out.sheet.column_dimensions[get_column_letter(index)].width = 10
    out.put("A1:L1", title, font=out.styles.title, align=out.styles.center)
    out.sheet.row_dimensions[1].height = _height(title, 120)
    out.put("A2:L2", pack.subtitle(), font=out.styles.italic, align=out.styles.center)
    series = [
        ("H", "status.done_on_time", "4E9A06"),
        ("I", "status.done_late", "C4A000"),
        ("J", "status.open_in_term", "3465A4"),
        ("K", "status.open_overdue", "CC0000"),
    ]
    if any(group.no_deadline for group in groups):
        series.append(("L", "status.no_deadline", "888A85"))
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 50
    for letter, label, colour in series:
        column = ord(letter) - ord("A") + 1
        chart.add_data(Reference(data, min_col=column, min_row=first, max_row=last))
        added = chart.series[-1]
        added.tx = SeriesLabel(v=t(label))
        added.graphicalProperties.solidFill = colour
        added.graphicalProperties.line.solidFill = colour
    chart.set_categories(Reference(data, min_col=2, min_row=first, max_row=last))
    chart.y_axis.title = t("report_chart_axis")
    for paragraph in chart.y_axis.title.tx.rich.p:  # in the report's font, as the labels
        paragraph.pPr = _chart_text(10).p[0].pPr
    # The first (most overdue) group on top, as in the table; the counts along the bottom.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.x_axis.tickLblSkip = 1  # every group's name, not every other one
    chart.x_axis.txPr = _chart_text(9)
    chart.y_axis.txPr = _chart_text(9)
    # openpyxl marks axes as deleted unless told otherwise; Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.legend.txPr = _chart_text(10)
    # As large as a landscape A4 page leaves below the two title rows.
    chart.width = 24.5
    chart.height = 14.0
    out.sheet.add_chart(chart, "A4")
    _print_setup(out.sheet)
    out.sheet.page_setup.fitToHeight = 1


def _chart_text(size: int) -> Any:
    """Axis labels in Times New Roman of ``size`` points."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    properties = CharacterProperties(latin=Font(typeface=FONT), sz=size * 100)
    return RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=properties), endParaRPr=properties)]
    )


# --- sheet 2: the overdue list ---------------------------------------------------------


def _overdue_sheet(out: _Sheet, pack: ReportPack) -> None:
    sheet, styles = out.sheet, out.styles
    widths = OVERDUE_WIDTHS
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    out.put("A1:G1", t("report_overdue_title"), font=styles.title, align=styles.center)
    out.put("A2:G2", pack.subtitle(), font=styles.italic, align=styles.center)
    headers = ("number", "title", "source", "due_on", "days_overdue", "leader", "id")
    for letter, key in zip("ABCDEFG", headers, strict=True):
        cell = out.put(
            f"{letter}4", t(f"report_col.{key}"), font=styles.bold, align=styles.center, box=True
        )
        cell.fill = styles.head_fill
    sheet.row_dimensions[4].height = 2 * LINE_HEIGHT
    sheet.print_title_rows = "4:4"
    sheet.freeze_panes = "A5"
    _print_setup(sheet)
    if not pack.overdue:
        out.put("A5:G5", t("report_no_overdue"), font=styles.italic, align=styles.left)
        return
    rows: list[list[object]] = []
    unit_rows: list[int] = []
    for index, unit in enumerate(pack.overdue, start=1):
        unit_rows.append(5 + len(rows))
        heading = t("report_overdue_group", unit=unit.unit, count=number(len(unit.tasks)))
        rows.append([roman(index), xml_safe(heading)])
        for order, item in enumerate(unit.tasks, start=1):
            task = item.task
            title, source, leader = xml_safe(task.title), xml_safe(task.source), task.leader
            rows.append([order, title, source, item.due_on, item.days, xml_safe(leader), task.id])
    for values in rows:
        sheet.append(values)
    _style_task_rows(out, 5, 4 + len(rows))
    for r in unit_rows:
        sheet.merge_cells(f"B{r}:G{r}")
        # (iter_rows with a column bound: ``sheet[r]`` finds the widest row first)
        for cell in next(sheet.iter_rows(min_row=r, max_row=r, max_col=7)):
            cell.font = styles.bold
            cell.fill = styles.group_fill
            cell.border = styles.box
        sheet[f"A{r}"].alignment = styles.center
        sheet[f"B{r}"].alignment = styles.left


def _style_task_rows(out: _Sheet, first: int, last: int) -> None:
    """Styles and heights of the task rows of the overdue list (unit rows are skipped).

    Every task row looks alike: its cells take the first task row's styles by copying
    their style indexes (openpyxl's StyleArray) instead of assigning font, border and
    alignment objects, which openpyxl hashes and looks up cell by cell. With 3.727
    overdue tasks (20.000 in the book) the whole command takes 0,7 s of CPU instead of
    1,1 s (measured with /usr/bin/time, three runs each).
    """
    styles, widths = out.styles, OVERDUE_WIDTHS
    template: list[Any] = []
    for row in out.sheet.iter_rows(min_row=first, max_row=last, max_col=7):
        a, b, c, d, e, f, g = row
        for cell in (b, c, f):
            _as_text(cell)
        if not isinstance(a.value, int):
            continue  # a unit's heading
        if template:
            for cell, style in zip(row, template, strict=True):
                cell._style = copy(style)
        else:
            for cell in row:
                cell.font = styles.plain
                cell.border = styles.box
            b.alignment = c.alignment = f.alignment = styles.left
            a.alignment = d.alignment = e.alignment = g.alignment = styles.center
            d.number_format = DATE_FORMAT
            template = [copy(cell._style) for cell in row]
        # LibreOffice does not fit a row's height to wrapped text: give it one.
        lines = max(
            _lines(b.value, widths["B"]), _lines(c.value, widths["C"]), _lines(f.value, widths["F"])
        )
        if lines > 1:
            out.sheet.row_dimensions[a.row].height = lines * LINE_HEIGHT + 2


# --- helpers ---------------------------------------------------------------------------


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, margins of an administrative document, page numbers."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right = 30 / 25.4, 15 / 25.4
    margins.top, margins.bottom = 20 / 25.4, 20 / 25.4
    margins.header, margins.footer = 8 / 25.4, 8 / 25.4
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = t("report_page", page="&P")
    sheet.oddFooter.center.font = f"{FONT},Regular"
    sheet.oddFooter.center.size = 11


class _Sheet:
    """A worksheet and the workbook's styles, with the two ways this report fills a cell."""

    def __init__(self, sheet: Worksheet, styles: _Styles) -> None:
        self.sheet = sheet
        self.styles = styles

    def put(
        self, ref: str, value: object, *, font: Any, align: Any, box: bool = False, fmt: str = ""
    ) -> Any:
        """One cell; a span "A1:D1" is merged first and the value goes in its first cell."""
        if ":" in ref:
            self.sheet.merge_cells(ref)
            ref = ref.partition(":")[0]
        cell = self.sheet[ref]
        cell.value = value
        cell.font = font
        cell.alignment = align
        if box:
            cell.border = self.styles.box
        if fmt:
            cell.number_format = fmt
        return cell

    def text(self, ref: str, value: str, *, font: Any, align: Any, box: bool = False) -> None:
        """User text (a title, a unit's name), kept as text whatever it starts with."""
        _as_text(self.put(ref, xml_safe(value), font=font, align=align, box=box))


def _as_text(cell: Any) -> None:
    """Keep user text as text: openpyxl takes any string starting with "=" for a formula,
    and a title or a unit's name may start with anything (DESIGN section 9)."""
    if cell.data_type == "f":
        cell.data_type = "s"


def _height(text: str, width: int) -> float:
    """The height of a merged row holding ``text`` wrapped in ``width`` columns."""
    return _lines(text, width) * LINE_HEIGHT + 4


def _lines(value: object, width: int) -> int:
    """About how many lines ``value`` wraps to in a column ``width`` characters wide
    (word by word). A column width counts digits of the default font; a line of 12 pt
    Times New Roman holds about 1,4 times as many letters of Vietnamese text (seen in
    LibreOffice); 1,3 leaves room for wider words."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(4, int(width * 1.3) - 1)
    lines = 0
    for paragraph in value.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > per_line:
                lines += 1
                used = 0
            used += size if not used else size + 1
            while used > per_line:  # a word longer than the line
                lines += 1
                used -= per_line
    return lines
