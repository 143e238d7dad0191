"""Decree 30/2020 layout points measured on the generated files (DOCX XML and PDF text)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest

from eiso.core.layout import (
    Paragraph,
    Signature,
    StateDocument,
    issuing_body_lines,
    one_day_or_range,
    render_docx,
    render_html,
    render_pdf,
)
from eiso.core.models import Agency


def _agency() -> Agency:
    return Agency(
        code="STTTT-KH",
        name="Sở Thông tin và Truyền thông tỉnh Khánh Hòa",
        governing_body="UBND tỉnh Khánh Hòa",
        province="Khánh Hòa",
        symbol="STTTT",
    )


def _document(agency: Agency, pages: int = 1, note: str = "") -> StateDocument:
    return StateDocument(
        agency=agency,
        type_code="QĐ",
        number="12",
        doc_type_name="QUYẾT ĐỊNH",
        summary="Về việc công bố Hệ thống quản lý chất lượng",
        issued_on=dt.date(2017, 8, 7),
        blocks=[Paragraph("Nội dung quyết định. " * 40, lead="Điều 1.") for _ in range(pages * 4)],
        signatures=[Signature(position="GIÁM ĐỐC", name="Phạm Duy Lộc", note=note)],
        recipients=["Lưu: VT."],
    )


def _xml(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode()


def test_the_issuing_body_is_named_without_the_province_and_broken_at_a_word() -> None:
    lines = issuing_body_lines(_agency())
    assert " ".join(lines) == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert all(not line.endswith(" VÀ") for line in lines)


def test_docx_numbers_pages_from_the_second_at_the_top_with_a_real_field() -> None:
    docx = render_docx(_document(_agency(), pages=3))
    document = _xml(docx, "word/document.xml")
    assert "<w:titlePg/>" in document  # no number on the first page
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header")]
    numbered = [h for h in headers if "PAGE" in h]
    assert numbered and 'w:fldCharType="begin"' in numbered[0]
    assert '<w:sz w:val="26"/>' in numbered[0] and "Times New Roman" in numbered[0]


def test_docx_header_has_fixed_widths_and_short_rules_instead_of_underlined_lines() -> None:
    document = _xml(render_docx(_document(_agency())), "word/document.xml")
    assert '<w:tblLayout w:type="fixed"/>' in document
    assert '<w:u w:val="single"/>' not in document  # no underlined line
    assert document.count("<w:pBdr>") >= 3  # under the body, the motto and the summary


def test_the_director_signs_without_a_form_note_and_a_one_day_event_has_one_date() -> None:
    html = render_html(_document(_agency()))
    assert "Ký, ghi rõ họ tên" not in html
    assert "Ký, ghi rõ họ tên" in render_html(_document(_agency(), note="(Ký, ghi rõ họ tên)"))
    assert one_day_or_range(dt.date(2017, 7, 26), dt.date(2017, 7, 26)) == "ngày 26/07/2017"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_numbers_pages_from_the_second_at_the_top() -> None:
    pdf = render_pdf(_document(_agency(), pages=3))
    pages = []
    for page in (1, 2):
        command = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", "-", "-"]
        out = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603
        pages.append([line.strip() for line in out.splitlines() if line.strip()])
    assert pages[0][0] != "1" and pages[0][-1] != "1"
    assert pages[1][0] == "2"
