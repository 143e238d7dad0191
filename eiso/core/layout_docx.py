"""The DOCX rendering of `eiso.core.layout.StateDocument` (python-docx).

A module of its own so that python-docx (with lxml behind it) is imported when a DOCX is written, not by
every process that imports `eiso.core.layout` (the URLs, every command): `layout.render_docx` imports it.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from eiso.core.layout import (
    FONT,
    HEAD_LEFT_MM,
    HEAD_RIGHT_MM,
    MOTTO,
    NATIONAL_TITLE,
    RULE_BODY_MM,
    RULE_MOTTO_MM,
    RULE_SUMMARY_MM,
    TEXT_WIDTH_MM,
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    StateDocument,
    Table,
    issuing_body_lines,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table as DocxTable
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    DocxContainer = WordDocument | _Cell


def render_docx(doc: StateDocument) -> bytes:
    """The document as DOCX bytes."""
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


def _rule(container: DocxContainer, *, width_mm: float, column_mm: float, after: float = 0) -> None:
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


def _fixed_widths(table: DocxTable, widths_mm: list[float]) -> None:
    """Fixed column widths, so Word and LibreOffice lay the header out alike (the national title on one
    line)."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _para(
    container: DocxContainer,
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
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run.underline = underline
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _no_borders(table: DocxTable) -> None:
    properties = table._tbl.tblPr
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
        _para(left, doc.agency.governing_body.upper(), size=13, align=center)
    for line in issuing_body_lines(doc.agency):
        _para(left, line, size=13, bold=True, align=center)
    _rule(left, width_mm=RULE_BODY_MM, column_mm=HEAD_LEFT_MM - 4)
    if doc.number_line:
        _para(left, doc.number_line, size=13, align=center, before=6)
    _para(right, NATIONAL_TITLE, size=12, bold=True, align=center)
    _para(right, MOTTO, size=13, bold=True, align=center)
    _rule(right, width_mm=RULE_MOTTO_MM, column_mm=HEAD_RIGHT_MM - 4)
    _para(right, doc.place_date_line, size=14, italic=True, align=center, before=6)
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
        _para(cell, text, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
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
        _para(left, "Nơi nhận:", size=12, bold=True, italic=True)
        for recipient in doc.recipients:
            _para(left, f"- {recipient}", size=11)
    for cell, signature in zip(signature_cells, signatures, strict=False):
        cell.paragraphs[0].text = ""
        if signature.on_behalf:
            _para(cell, signature.on_behalf.upper(), size=13, bold=True, align=center)
        _para(cell, signature.position.upper(), size=13, bold=True, align=center)
        if signature.note:
            _para(cell, signature.note, size=12, italic=True, align=center)
        spacer = _para(cell, "", size=13)
        spacer.add_run().add_break(WD_BREAK.LINE)
        spacer.add_run().add_break(WD_BREAK.LINE)
        _para(cell, signature.name, size=14, bold=True, align=center)
    if doc.recipients and len(signatures) >= 2:
        _para(document, "Nơi nhận:", size=12, bold=True, italic=True, before=12)
        for recipient in doc.recipients:
            _para(document, f"- {recipient}", size=11)
