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
from typing import TYPE_CHECKING, Any, TypeVar, Union

from django.utils import translation

if TYPE_CHECKING:
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


# Measures of the page (mm), shared by the DOCX and the PDF.
TEXT_WIDTH_MM = 165  # A4 less the 30 mm and 15 mm margins
HEAD_LEFT_MM, HEAD_RIGHT_MM = 65, 100
RULE_BODY_MM = 25  # about 1/3 to 1/2 of the issuing body's line
RULE_MOTTO_MM = 62  # as long as the motto
RULE_SUMMARY_MM = 30


# --- DOCX -------------------------------------------------------------------------------------------


def render_docx(doc: StateDocument) -> bytes:
    """The document as DOCX; python-docx is imported here, on the first DOCX, not at start-up."""
    from eiso.core.layout_docx import render_docx as render

    return render(doc)


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
