"""The signature block of a state document (the signer's title, the space for the signature, the name) is
never split across two pages, in the PDF as in the DOCX: the bodies below grow one line at a time until the
block reaches the end of page 1, and each time the title and the name come out on the same page."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile

import pytest
from docx import Document as DocxDocument

from eiso.core.layout import Paragraph, Signature, StateDocument, render_docx, render_pdf
from eiso.core.models import Agency

POSITION = "TRƯỞNG ĐOÀN ĐÁNH GIÁ"
NAME = "Lê Văn Ký"


def _document(lines: int) -> StateDocument:
    agency = Agency(
        code="TEST", name="Sở Thông tin và Truyền thông", province="Khánh Hòa", place_name="Khánh Hòa"
    )
    return StateDocument(
        agency=agency,
        type_code="BC",
        number="01",
        doc_type_name="BÁO CÁO",
        summary="Kết quả đánh giá nội bộ",
        issued_on=dt.date(2017, 7, 26),
        blocks=[Paragraph(f"Dòng nội dung số {n}.") for n in range(lines)],
        signatures=[Signature(position=POSITION, name=NAME)],
        recipients=["Ban Chỉ đạo ISO;", "Lưu: VT, ISO."],
    )


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages) if text in page)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_signature_block_moves_whole_to_the_next_page() -> None:
    moved = 0
    # 16 body lines fit the block on page 1; from about 21 the block would straddle the page end.
    for lines in range(16, 27):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(render_pdf(_document(lines)))
            handle.flush()
            text = subprocess.run(  # noqa: S603
                ["pdftotext", "-layout", handle.name, "-"],  # noqa: S607
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout.decode()
        pages = text.split("\f")
        title, name = _page_of(pages, POSITION), _page_of(pages, NAME)
        assert title == name, f"{lines} lines: title on page {title + 1}, name on page {name + 1}"
        last_line = _page_of(pages, f"Dòng nội dung số {lines - 1}.")
        moved += last_line == 0 and title == 1
    assert moved, "no body length put the signature block at the end of page 1"


def test_the_docx_signature_row_cannot_split() -> None:
    document = DocxDocument(io.BytesIO(render_docx(_document(22))))
    signature_row = document.tables[-1].rows[0]._tr
    assert signature_row.trPr is not None
    assert signature_row.trPr.xpath("./w:cantSplit")
