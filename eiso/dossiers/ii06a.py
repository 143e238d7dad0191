"""Biểu II.06a/VPCP/KSTT (domain.md §2.6) as a state document: XLSX in the form's layout, and PDF.

The figures are the statistics page's own (`selectors.ii06a_figures`), so every figure has one source.
`ii06a_sheet` lays the form out once: the issuing body, the title and "Kỳ báo cáo", the three-row column
header, one row for the agency total, one per field (lĩnh vực) with its procedures under it, and the
signatures of the preparer and the head of the agency. `render_xlsx` and `render_pdf` draw that same sheet,
in Vietnamese whatever the reader's language; the PDF borrows the Decree 30 type and signature styles of
`eiso.core.layout` on an A4 landscape page.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string

from eiso.core.choices import Role
from eiso.core.layout import FONT, PDF_CSS, Signature, issuing_body_lines, place_date_line, state_document
from eiso.core.models import Agency, Person
from eiso.core.selectors import people_with_role
from eiso.core.spreadsheets import neutralise
from eiso.dossiers.selectors import ii06a_figures

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
UNIT = "Đơn vị tính: Số hồ sơ TTHC"
UNCLASSIFIED = "(chưa phân loại)"
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# The 11 figures in the order of columns (3) to (13).
FIGURE_KEYS = (
    "received_total",
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_in_time",
    "pending_overdue",
)
COLUMN_COUNT = 2 + len(FIGURE_KEYS)


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the column header: `row` 0-2 and `column` 0-12, spanning `rows` x `columns`."""

    text: str
    row: int
    column: int
    rows: int = 1
    columns: int = 1


HEADER = (
    HeaderCell("STT", 0, 0, rows=3),
    HeaderCell("Lĩnh vực, công việc giải quyết theo cấp", 0, 1, rows=3),
    HeaderCell("Số hồ sơ nhận giải quyết", 0, 2, columns=4),
    HeaderCell("Kết quả giải quyết", 0, 6, columns=7),
    HeaderCell("Tổng số", 1, 2, rows=2),
    HeaderCell("Trong kỳ", 1, 3, columns=2),
    HeaderCell("Từ kỳ trước chuyển sang", 1, 5, rows=2),
    HeaderCell("Số hồ sơ đã giải quyết", 1, 6, columns=4),
    HeaderCell("Số hồ sơ đang giải quyết", 1, 10, columns=3),
    HeaderCell("Trực tuyến", 2, 3),
    HeaderCell("Trực tiếp, dịch vụ bưu chính", 2, 4),
    HeaderCell("Tổng số", 2, 6),
    HeaderCell("Trước hạn", 2, 7),
    HeaderCell("Đúng hạn", 2, 8),
    HeaderCell("Quá hạn", 2, 9),
    HeaderCell("Tổng số", 2, 10),
    HeaderCell("Trong hạn", 2, 11),
    HeaderCell("Quá hạn", 2, 12),
)
COLUMN_NUMBERS = tuple(f"({n})" for n in range(1, COLUMN_COUNT + 1))


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Line:
    """One row of the table: the agency total (level 0), a field (1) or a procedure (2)."""

    number: str
    label: str
    values: tuple[int, ...]
    level: int


@dataclass(frozen=True)
class Sheet:
    left: list[Text]  # the governing and issuing body
    centre: list[Text]  # the title and the period
    right: list[Text]  # the form code, the reporting and receiving units
    lines: list[Line]
    note: str
    place_date: str
    preparer: Signature
    head: Signature


def period_name(start: dt.date, end: dt.date) -> str:
    """'Năm 2017', 'Quý III năm 2017', '6 tháng đầu năm 2017', 'Tháng 3 năm 2017', or '' for another span."""
    if start.year != end.year or start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return ""
    first, last, year = start.month, end.month, start.year
    if (first, last) == (1, 12):
        return f"Năm {year}"
    if (first, last) == (1, 6):
        return f"6 tháng đầu năm {year}"
    if (first, last) == (7, 12):
        return f"6 tháng cuối năm {year}"
    if first == last:
        return f"Tháng {first} năm {year}"
    if first % 3 == 1 and last == first + 2:
        return f"Quý {('I', 'II', 'III', 'IV')[first // 3]} năm {year}"
    return ""


def receiving_unit(agency: Agency) -> str:
    """Who receives the report: the parent body, or the provincial People's Committee's Office."""
    if agency.parent_id:
        return str(agency.parent)
    body = (agency.governing_body or "").upper()
    if agency.province and body.startswith(("UBND", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN")):
        kind = "thành phố" if "THÀNH PHỐ" in body else "tỉnh"
        return f"Văn phòng UBND {kind} {agency.province}"
    return ""


def _lines(figures: dict[str, Any]) -> list[Line]:
    def values(row: dict[str, Any]) -> tuple[int, ...]:
        return tuple(int(row[key]) for key in FIGURE_KEYS)

    lines = [Line("", "Tổng số", values(figures["total"]), 0)]
    for number, field in enumerate(figures["field"], start=1):
        name = field["procedure__field"]
        lines.append(Line(str(number), name or UNCLASSIFIED, values(field), 1))
        procedures = [row for row in figures["procedure"] if row["procedure__field"] == name]
        for sub, row in enumerate(procedures, start=1):
            lines.append(Line(f"{number}.{sub}", row["procedure__name"], values(row), 2))
    return lines


@state_document
def ii06a_sheet(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, preparer: Person | None, issued_on: dt.date
) -> Sheet:
    """The form for the period, filled from the selector of the statistics page."""
    figures = ii06a_figures(agency=agency, date_from=date_from, date_to=date_to)
    head = people_with_role(agency=agency, roles=[Role.DIRECTOR]).order_by("pk").first()
    span = f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"
    name = period_name(date_from, date_to)
    centre = [
        Text("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold=True),
        Text(f"TẠI {agency.name.upper()}", bold=True),
        Text(f"Kỳ báo cáo: {name}" if name else f"Kỳ báo cáo: {span[0].lower()}{span[1:]}", bold=True),
    ]
    if name:
        centre.append(Text(f"({span})", italic=True))
    right = [Text(FORM_CODE, bold=True), Text(f"- Đơn vị báo cáo: {agency.name}")]
    if receiver := receiving_unit(agency):
        right.append(Text(f"- Đơn vị nhận báo cáo: {receiver}"))
    left = [Text(agency.governing_body.upper())] if agency.governing_body else []
    left += [Text(line, bold=True) for line in issuing_body_lines(agency)]
    return Sheet(
        left=left,
        centre=centre,
        right=right,
        lines=_lines(figures),
        note=(
            "Ghi chú: hồ sơ đang giải quyết trong hạn, quá hạn được xác định tại ngày "
            f"{figures['as_of']:%d/%m/%Y}."
        ),
        place_date=place_date_line(agency.place_name or agency.province, issued_on),
        preparer=Signature("NGƯỜI LẬP BIỂU", preparer.full_name if preparer else "", "(Ký, ghi rõ họ tên)"),
        head=Signature("THỦ TRƯỞNG CƠ QUAN", head.full_name if head else "", "(Ký, đóng dấu, ghi rõ họ tên)"),
    )


# --- XLSX -------------------------------------------------------------------------------------------

# Column widths in characters: STT, the field or procedure, then the 11 figures.
WIDTHS = (6, 46, *([11] * len(FIGURE_KEYS)))
LEFT_COLUMNS, CENTRE_COLUMNS, RIGHT_COLUMNS = (1, 3), (4, 10), (11, 13)  # 1-based, inclusive
HEADER_HEIGHTS = (30, 30, 48)  # points: the group row, the sub-group row, the leaf row
LINE_HEIGHT = 16  # points per line of 12 pt Times New Roman


def _lines_needed(text: str, width: float) -> int:
    """How many wrapped lines `text` takes in a cell `width` characters wide (Times is narrow: x1.15)."""
    return max(1, math.ceil(len(text) / max(width * 1.15, 1)))


def _span_width(columns: tuple[int, int]) -> float:
    return float(sum(WIDTHS[columns[0] - 1 : columns[1]]))


def render_xlsx(sheet: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = "Biểu II.06a"
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(row: int, columns: tuple[int, int], text: Text, size: int = 12, align: str = "center") -> None:
        first, last = columns
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=first, value=neutralise(text.text))
        cell.font = Font(name=FONT, size=size, bold=text.bold, italic=text.italic)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        needed = _lines_needed(text.text, _span_width(columns)) * (size + 4)
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, needed)

    # The head: issuing body | title and period | form code and units, each one merged cell of lines.
    blocks = (
        (sheet.left, LEFT_COLUMNS, 12, "center"),
        (sheet.centre, CENTRE_COLUMNS, 13, "center"),
        (sheet.right, RIGHT_COLUMNS, 11, "left"),
    )
    head_rows = max(sum(_lines_needed(t.text, _span_width(c)) for t in texts) for texts, c, _, _ in blocks)
    for texts, (first, last), size, align in blocks:
        ws.merge_cells(start_row=1, start_column=first, end_row=head_rows, end_column=last)
        runs = [
            TextBlock(InlineFont(rFont=FONT, sz=size, b=t.bold, i=t.italic), ("\n" if n else "") + t.text)
            for n, t in enumerate(texts)
        ]
        block = ws.cell(row=1, column=first, value=CellRichText(*runs))
        block.font = Font(name=FONT, size=size)
        block.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
    for head_row in range(1, head_rows + 1):
        ws.row_dimensions[head_row].height = 17
    row = head_rows + 1
    put(row + 1, (1, COLUMN_COUNT), Text(UNIT, italic=True), align="right")
    header_top = row + 2

    # The column header: merged cells over three rows, then the column numbers.
    for heading in HEADER:
        top, left_column = header_top + heading.row, heading.column + 1
        bottom, right_column = top + heading.rows - 1, left_column + heading.columns - 1
        if (bottom, right_column) != (top, left_column):
            ws.merge_cells(start_row=top, start_column=left_column, end_row=bottom, end_column=right_column)
        target = ws.cell(row=top, column=left_column, value=heading.text)
        target.font = Font(name=FONT, size=11, bold=True)
        target.alignment = centre
    for offset, height in enumerate(HEADER_HEIGHTS):
        ws.row_dimensions[header_top + offset].height = height
    numbers_row = header_top + len(HEADER_HEIGHTS)
    for column, text in enumerate(COLUMN_NUMBERS, start=1):
        number_cell = ws.cell(row=numbers_row, column=column, value=text)
        number_cell.font = Font(name=FONT, size=11, italic=True)
        number_cell.alignment = centre

    # The rows: the agency total, each field and its procedures.
    row = numbers_row + 1
    for line in sheet.lines:
        bold = line.level < 2
        label = ws.cell(row=row, column=2, value=neutralise(line.label))
        label.alignment = Alignment(vertical="center", wrap_text=True, indent=2 if line.level == 2 else 0)
        number = ws.cell(row=row, column=1, value=line.number)
        number.alignment = centre
        for column, value in enumerate(line.values, start=3):
            ws.cell(row=row, column=column, value=value).alignment = centre
        for column in range(1, COLUMN_COUNT + 1):
            ws.cell(row=row, column=column).font = Font(name=FONT, size=12, bold=bold)
        ws.row_dimensions[row].height = _lines_needed(line.label, WIDTHS[1]) * LINE_HEIGHT + 2
        row += 1
    last_table_row = row - 1
    for table_row in ws.iter_rows(min_row=header_top, max_row=last_table_row, max_col=COLUMN_COUNT):
        for grid_cell in table_row:
            grid_cell.border = box

    # The note and the signatures: the preparer on the left, the head of the agency on the right.
    put(row, (1, COLUMN_COUNT), Text(sheet.note, italic=True), size=11, align="left")
    row += 2
    signature_left, signature_right = (1, 3), (9, 13)
    put(row, signature_right, Text(sheet.place_date, italic=True))
    row += 1
    for signature, columns in ((sheet.preparer, signature_left), (sheet.head, signature_right)):
        put(row, columns, Text(signature.position, bold=True))
        put(row + 1, columns, Text(signature.note, italic=True))
        put(row + 5, columns, Text(signature.name, bold=True))
    last_row = row + 5

    # Times New Roman everywhere, also in the empty cells a user may type into.
    for sheet_row in ws.iter_rows(min_row=1, max_row=last_row, max_col=COLUMN_COUNT):
        for any_cell in sheet_row:
            if any_cell.font.name != FONT:
                any_cell.font = Font(name=FONT, size=12)

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_title_rows = f"{header_top}:{numbers_row}"
    ws.print_area = f"A1:{get_column_letter(COLUMN_COUNT)}{last_row}"
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "Trang &P/&N"
        footer.center.font = f"{FONT},Regular"
        footer.center.size = 10
    ws.freeze_panes = f"C{numbers_row + 1}"
    workbook.properties.title = "Biểu II.06a/VPCP/KSTT"
    workbook.properties.creator = "eISO"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------------

PDF_EXTRA_CSS = """
@page { size: A4 landscape; margin: 15mm 12mm 15mm 15mm;
        @top-center { content: none; }
        @bottom-center { content: "Trang " counter(page) "/" counter(pages);
                         font-family: "Times New Roman", "Liberation Serif", serif; font-size: 10pt; } }
body { font-size: 12pt; line-height: 1.25; }
table.head { table-layout: fixed; }
table.head td { width: 25%; font-size: 12pt; padding: 0 4pt; }
table.head td.centre { width: 50%; font-size: 13pt; }
table.head td.right { text-align: left; font-size: 11pt; }
table.grid { table-layout: fixed; font-size: 10.5pt; margin-top: 2pt; }
table.grid col.stt { width: 4%; }
table.grid col.label { width: 25%; }
table.grid col.figure { width: 6.45%; }
table.grid th { font-weight: bold; vertical-align: middle; padding: 2pt 2pt; }
table.grid td { text-align: center; }
table.grid td.label { text-align: left; }
table.grid tr.level-0 td, table.grid tr.level-1 td { font-weight: bold; }
table.grid tr.level-2 td.label { padding-left: 12pt; }
table.grid tr.numbers th { font-weight: normal; font-style: italic; }
.unit { text-align: right; font-style: italic; margin-top: 6pt; font-size: 12pt; }
.note { font-size: 11pt; }
table.sign { page-break-inside: avoid; }
.signame { margin-top: 20mm; }
"""


def header_rows() -> list[list[HeaderCell]]:
    return [[cell for cell in HEADER if cell.row == row] for row in range(3)]


def render_html(sheet: Sheet) -> str:
    return render_to_string(
        "dossiers/ii06a_pdf.html",
        {
            "sheet": sheet,
            "css": PDF_CSS + PDF_EXTRA_CSS,
            "header": header_rows(),
            "numbers": COLUMN_NUMBERS,
            "unit": UNIT,
        },
    )


def render_pdf(sheet: Sheet) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=render_html(sheet)).write_pdf())
