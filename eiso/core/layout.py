"""Administrative documents in the Decree 30/2020/NĐ-CP layout, as DOCX (python-docx) and PDF (WeasyPrint).

One `StateDocument` describes the content; `render_docx` and `render_pdf` lay it out the same way:
A4, margins 20/20/30/15 mm, Times New Roman 13-14 pt, the issuing body and national title side by
side, the number and symbol ("Số: 12/BB-STTTT"), the place and date line with leading zeros for days
below 10 and months 1-2, the document type and summary, the body, the signature block and "Nơi nhận".
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar, Union

from django.utils import translation
from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    from eiso.core.models import Agency

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; `lead` is printed bold before the text ("Điều 1."), `center` centres it (the
    authority line and "QUYẾT ĐỊNH:" of a decision)."""

    text: str
    bold: bool = False
    italic: bool = False
    lead: str = ""
    center: bool = False


@dataclass(frozen=True)
class BulletList:
    items: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Figure:
    """A chart: SVG for the PDF; for the DOCX a PNG is needed, so pass `png` too when you have it."""

    svg: bytes
    png: bytes | None = None
    width_mm: int = 150
    caption: str = ""


Block = Union[Heading, Paragraph, BulletList, Table, Figure]  # noqa: UP007 - used at runtime in isinstance


@dataclass(frozen=True)
class Signature:
    position: str
    name: str
    note: str = ""
    on_behalf: str = ""


@dataclass
class StateDocument:
    agency: Agency
    type_code: str
    number: str
    doc_type_name: str
    summary: str
    issued_on: dt.date
    blocks: list[Block] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    article: bool = False  # a web article (title, lead, body, byline), not a state document

    @property
    def number_line(self) -> str:
        if not self.type_code:
            return ""
        symbol = self.agency.symbol or self.agency.code
        number = self.number or "\u00a0" * 6
        return f"Số: {number}/{self.type_code}-{symbol}"

    @property
    def place_date_line(self) -> str:
        return place_date_line(self.agency.place_name or self.agency.province, self.issued_on)


T = TypeVar("T")


def state_document(build: Callable[..., T]) -> Callable[..., T]:
    """State documents and exports sent outside the agency are Vietnamese whatever the reader's language."""

    @wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapper


ISSUING_BODY_LINE = 26  # characters of 13 pt bold capitals that fit the left column


def issuing_body_lines(agency: Agency) -> list[str]:
    """The issuing body's name in capitals, as registered, without the province the parent body's line
    already names, broken at a word boundary into balanced lines the way a clerk would (never ending a
    line on "VÀ")."""
    name = agency.name.strip()
    parent = (agency.governing_body or "").upper()
    for suffix in (f" tỉnh {agency.province}", f" thành phố {agency.province}", f" {agency.province}"):
        if agency.province and name.lower().endswith(suffix.lower()) and agency.province.upper() in parent:
            name = name[: -len(suffix)].strip()
            break
    name = name.upper()
    if len(name) <= ISSUING_BODY_LINE:
        return [name]
    words = name.split()
    best: tuple[int, list[str]] | None = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if words[cut - 1] in ("VÀ", "-"):
            continue
        too_long = max(len(first), len(second)) > ISSUING_BODY_LINE + 6
        cost = abs(len(first) - len(second)) + (100 if too_long else 0)
        if best is None or cost < best[0]:
            best = (cost, [first, second])
    return best[1] if best else [name]


def one_day_or_range(start: dt.date, end: dt.date) -> str:
    """'ngày 26/07/2017' for one day, 'từ ngày 12/06/2018 đến ngày 13/06/2018' otherwise."""
    if start == end:
        return f"ngày {start:%d/%m/%Y}"
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def place_date_line(place: str, day: dt.date) -> str:
    """'Khánh Hòa, ngày 07 tháng 8 năm 2017': leading zero for days below 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- DOCX -------------------------------------------------------------------------------------------


def render_docx(doc: StateDocument) -> bytes:
    document = DocxDocument()
    _page_setup(document)
    _page_numbers(document)
    if doc.article:
        return _docx_article(document, doc)
    _docx_header(document, doc)
    if doc.doc_type_name:
        _para(document, doc.doc_type_name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    if doc.summary:
        _para(document, doc.summary, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _rule(document, width_mm=RULE_SUMMARY_MM, column_mm=TEXT_WIDTH_MM, after=12)
    for block in doc.blocks:
        _docx_block(document, block)
    _docx_signatures(document, doc)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_article(document: WordDocument, doc: StateDocument) -> bytes:
    """A web article: bold title, the lead in bold, the body, the byline on the right."""
    _para(document, doc.summary, size=16, bold=True, after=12)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for number, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            _para(document, block.text, bold=number == 0, align=justify, after=6)
        else:
            _docx_block(document, block)
    for signature in doc.signatures:
        _para(document, signature.name, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, before=6)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


TEXT_WIDTH_MM = 165  # A4 less the 30 mm and 15 mm margins
HEAD_LEFT_MM, HEAD_RIGHT_MM = 65, 100
RULE_BODY_MM = 25  # about 1/3 to 1/2 of the issuing body's line
RULE_MOTTO_MM = 62  # as long as the motto
RULE_SUMMARY_MM = 30


def _page_numbers(document: WordDocument) -> None:
    """Page number top centre, 13 pt in the document font, from page 2 on: a real PAGE field."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", ""), ("instr", "PAGE"), ("separate", ""), ("text", "2"), ("end", "")):
        run = paragraph.add_run()
        run.font.name, run.font.size = FONT, Pt(13)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _rule(container: object, *, width_mm: float, column_mm: float, after: float = 0) -> None:
    """A centred horizontal rule `width_mm` long: an empty paragraph with a bottom border, indented."""
    paragraph = _para(container, "", size=2, after=after)
    indent = Mm(max(column_mm - width_mm, 0) / 2)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _fixed_widths(table: object, widths_mm: list[float]) -> None:
    """Fixed column widths, so Word and LibreOffice lay the header out alike (the national title on one
    line)."""
    table.autofit = False  # type: ignore[attr-defined]
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):  # type: ignore[attr-defined]
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _para(
    container: object,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: int | None = None,
    before: float = 0,
    after: float = 0,
    underline: bool = False,
) -> DocxParagraph:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run.underline = underline
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _cell_para(cell: _Cell, text: str, **kwargs: object) -> DocxParagraph:
    return _para(cell, text, **kwargs)  # type: ignore[arg-type]


def _no_borders(table: object) -> None:
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _docx_header(document: WordDocument, doc: StateDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, [HEAD_LEFT_MM, HEAD_RIGHT_MM])
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].text = ""
    if doc.agency.governing_body:
        _cell_para(left, doc.agency.governing_body.upper(), size=13, align=center)
    for line in issuing_body_lines(doc.agency):
        _cell_para(left, line, size=13, bold=True, align=center)
    _rule(left, width_mm=RULE_BODY_MM, column_mm=HEAD_LEFT_MM - 4)
    if doc.number_line:
        _cell_para(left, doc.number_line, size=13, align=center, before=6)
    _cell_para(right, NATIONAL_TITLE, size=12, bold=True, align=center)
    _cell_para(right, MOTTO, size=13, bold=True, align=center)
    _rule(right, width_mm=RULE_MOTTO_MM, column_mm=HEAD_RIGHT_MM - 4)
    _cell_para(right, doc.place_date_line, size=14, italic=True, align=center, before=6)
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)


def _docx_block(document: WordDocument, block: Block) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    if isinstance(block, Heading):
        _para(document, block.text, bold=True, before=6, after=6)
    elif isinstance(block, Paragraph):
        align = WD_ALIGN_PARAGRAPH.CENTER if block.center else justify
        paragraph = _para(document, "", align=align, after=6)
        if block.lead:
            lead = paragraph.add_run(block.lead + " ")
            lead.font.name, lead.font.size, lead.bold = FONT, Pt(14), True
        run = paragraph.add_run(block.text)
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(14), block.bold, block.italic
        if not block.center:
            paragraph.paragraph_format.first_line_indent = Mm(10)
    elif isinstance(block, BulletList):
        for item in block.items:
            paragraph = _para(document, f"- {item}", align=justify, after=6)
            paragraph.paragraph_format.first_line_indent = Mm(10)
    elif isinstance(block, Table):
        _docx_table(document, block)
    elif isinstance(block, Figure) and block.png:
        document.add_picture(BytesIO(block.png), width=Mm(block.width_mm))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if block.caption:
            _para(document, block.caption, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)


def _docx_table(document: WordDocument, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].text = ""
        _cell_para(cell, text, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(12)
    _para(document, "", after=6)


def _docx_signatures(document: WordDocument, doc: StateDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    # The signature block (title, signature space, name) never splits across pages, as in the PDF.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    signatures = list(doc.signatures)
    signature_cells = {1: [right], 2: [left, right]}.get(len(signatures), [right])
    if doc.recipients and len(signatures) < 2:
        left.paragraphs[0].text = ""
        _cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True)
        for recipient in doc.recipients:
            _cell_para(left, f"- {recipient}", size=11)
    for cell, signature in zip(signature_cells, signatures, strict=False):
        cell.paragraphs[0].text = ""
        if signature.on_behalf:
            _cell_para(cell, signature.on_behalf.upper(), size=13, bold=True, align=center)
        _cell_para(cell, signature.position.upper(), size=13, bold=True, align=center)
        if signature.note:
            _cell_para(cell, signature.note, size=12, italic=True, align=center)
        spacer = _cell_para(cell, "", size=13)
        spacer.add_run().add_break(WD_BREAK.LINE)
        spacer.add_run().add_break(WD_BREAK.LINE)
        _cell_para(cell, signature.name, size=14, bold=True, align=center)
    if doc.recipients and len(signatures) >= 2:
        _para(document, "Nơi nhận:", size=12, bold=True, italic=True, before=12)
        for recipient in doc.recipients:
            _para(document, f"- {recipient}", size=11)


# --- PDF --------------------------------------------------------------------------------------------

PDF_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif;
                      font-size: 13pt; } }
@page :first { @top-center { content: none; } }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif;
       font-size: 14pt; line-height: 1.3; }
table.head, table.sign { width: 100%; border-collapse: collapse; }
/* the signature block (title, signature space, name) is never split across two pages */
table.sign, table.sign tr, table.sign td { break-inside: avoid; page-break-inside: avoid; }
table.head td, table.sign td { vertical-align: top; text-align: center; padding: 0; }
.gov { font-size: 13pt; text-transform: uppercase; }
.org { font-size: 13pt; font-weight: bold; text-transform: uppercase; }
.rule { width: 25mm; margin: 2pt auto 4pt; border-top: 1px solid #000; }
.rule-wide { width: 62mm; margin: 2pt auto 4pt; border-top: 1px solid #000; }
.rule-summary { width: 30mm; margin: 2pt auto 12pt; border-top: 1px solid #000; }
.nat { font-size: 12pt; font-weight: bold; }
.motto { font-size: 13pt; font-weight: bold; }
.num { font-size: 13pt; margin-top: 4pt; }
.date { font-style: italic; margin-top: 6pt; }
.type { text-align: center; font-weight: bold; margin-top: 18pt; }
.summary { text-align: center; font-weight: bold; }
h2 { font-size: 14pt; margin: 8pt 0 6pt; }
p.body { text-align: justify; text-indent: 10mm; margin: 0 0 6pt; }
p.center { text-align: center; text-indent: 0; }
ul.body { margin: 0 0 6pt; padding-left: 10mm; list-style: none; }
ul.body li { margin-bottom: 6pt; }
ul.body li::before { content: "- "; }
table.grid { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 4pt 0 8pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; }
table.grid th { text-align: center; }
.figure { text-align: center; margin: 6pt 0; }
.caption { font-style: italic; font-size: 12pt; }
.position { font-weight: bold; font-size: 13pt; text-transform: uppercase; }
.note { font-style: italic; font-size: 12pt; }
.signame { font-weight: bold; margin-top: 22mm; }
.recipients { text-align: left; font-size: 11pt; }
.recipients b { font-size: 12pt; font-style: italic; }
"""


def render_pdf(doc: StateDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(doc)).write_pdf()


def _html_article(doc: StateDocument) -> str:
    e = html.escape
    body = "".join(
        f"<p class='body'{' style=font-weight:bold' if n == 0 else ''}>{e(b.text)}</p>"
        if isinstance(b, Paragraph)
        else _html_block(b)
        for n, b in enumerate(doc.blocks)
    )
    byline = "".join(f"<p style='text-align:right;font-weight:bold'>{e(s.name)}</p>" for s in doc.signatures)
    return (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>"
        f"<h1 style='font-size:16pt'>{e(doc.summary)}</h1>{body}{byline}</body></html>"
    )


def render_html(doc: StateDocument) -> str:
    if doc.article:
        return _html_article(doc)
    e = html.escape
    number = f'<div class="num">{e(doc.number_line)}</div>' if doc.number_line else ""
    gov = f'<div class="gov">{e(doc.agency.governing_body)}</div>' if doc.agency.governing_body else ""
    parts = [
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>",
        "<table class='head'><tr>",
        f"<td style='width:{HEAD_LEFT_MM}mm'>{gov}<div class='org'>"
        + "<br>".join(e(line) for line in issuing_body_lines(doc.agency))
        + "</div>",
        f"<div class='rule'></div>{number}</td>",
        f"<td><div class='nat'>{NATIONAL_TITLE}</div><div class='motto'>{MOTTO}</div>",
        "<div class='rule-wide'></div>",
        f"<div class='date'>{e(doc.place_date_line)}</div></td></tr></table>",
    ]
    if doc.doc_type_name:
        parts.append(f"<div class='type'>{e(doc.doc_type_name)}</div>")
    if doc.summary:
        parts.append(f"<div class='summary'>{e(doc.summary)}</div><div class='rule-summary'></div>")
    parts.extend(_html_block(block) for block in doc.blocks)
    parts.append(_html_signatures(doc))
    parts.append("</body></html>")
    return "".join(parts)


def _html_block(block: Block) -> str:
    e = html.escape
    if isinstance(block, Heading):
        return f"<h2>{e(block.text)}</h2>"
    if isinstance(block, Paragraph):
        style = ("font-weight:bold;" if block.bold else "") + ("font-style:italic;" if block.italic else "")
        lead = f"<b>{e(block.lead)}</b> " if block.lead else ""
        css = "body center" if block.center else "body"
        return f"<p class='{css}' style='{style}'>{lead}{e(block.text)}</p>"
    if isinstance(block, BulletList):
        return "<ul class='body'>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{e(h)}</th>" for h in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table class='grid'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    encoded = base64.b64encode(block.svg).decode()
    caption = f"<div class='caption'>{e(block.caption)}</div>" if block.caption else ""
    return (
        f"<div class='figure'><img style='width:{block.width_mm}mm' "
        f"src='data:image/svg+xml;base64,{encoded}'>{caption}</div>"
    )


def _html_signatures(doc: StateDocument) -> str:
    e = html.escape

    def cell(signature: Signature) -> str:
        behalf = f"<div class='position'>{e(signature.on_behalf)}</div>" if signature.on_behalf else ""
        note = f"<div class='note'>{e(signature.note)}</div>" if signature.note else ""
        return (
            f"<td>{behalf}<div class='position'>{e(signature.position)}</div>{note}"
            f"<div class='signame'>{e(signature.name)}</div></td>"
        )

    recipients = ""
    if doc.recipients:
        items = "".join(f"<div>- {e(r)}</div>" for r in doc.recipients)
        recipients = f"<div class='recipients'><b>Nơi nhận:</b>{items}</div>"
    signatures = doc.signatures
    if len(signatures) >= 2:
        cells = "".join(cell(s) for s in signatures[:2])
        return f"<table class='sign' style='margin-top:12pt'><tr>{cells}</tr></table>{recipients}"
    right = cell(signatures[0]) if signatures else "<td></td>"
    left = f"<td style='width:50%'>{recipients}</td>"
    return f"<table class='sign' style='margin-top:12pt'><tr>{left}{right}</tr></table>"
