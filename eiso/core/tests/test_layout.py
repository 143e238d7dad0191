import datetime as dt
import io

import pytest
from docx import Document

from eiso.core.layout import (
    BulletList,
    Heading,
    Paragraph,
    Signature,
    StateDocument,
    Table,
    place_date_line,
    render_docx,
    render_pdf,
)
from eiso.core.testing import Personas

pytestmark = pytest.mark.django_db


def test_place_and_date_line_pads_days_below_ten_and_the_first_two_months() -> None:
    assert place_date_line("Khánh Hòa", dt.date(2017, 8, 7)) == "Khánh Hòa, ngày 07 tháng 8 năm 2017"
    assert place_date_line("Khánh Hòa", dt.date(2018, 2, 14)) == "Khánh Hòa, ngày 14 tháng 02 năm 2018"
    assert place_date_line("Khánh Hòa", dt.date(2017, 12, 25)) == "Khánh Hòa, ngày 25 tháng 12 năm 2017"


def _minutes(personas: Personas) -> StateDocument:
    return StateDocument(
        agency=personas.agency,
        type_code="BB",
        number="12",
        doc_type_name="BIÊN BẢN",
        summary="Họp xem xét của lãnh đạo năm 2017",
        issued_on=dt.date(2017, 8, 7),
        blocks=[
            Heading("1. Kết quả"),
            Paragraph("Đã giải quyết 70/70 hồ sơ sớm hạn."),
            BulletList(["54/54 phiếu hài lòng"]),
            Table(["STT", "Chỉ tiêu"], [["1", "Đúng hạn"]]),
        ],
        signatures=[Signature("Thư ký", "Nguyễn Văn A"), Signature("Chủ trì", "Trần Văn B")],
        recipients=["Lưu: VT."],
    )


def test_docx_carries_the_national_title_number_and_content(personas: Personas) -> None:
    document = Document(io.BytesIO(render_docx(_minutes(personas))))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Số: 12/BB-STN" in cells
    assert "Khánh Hòa, ngày 07 tháng 8 năm 2017" in cells
    assert "70/70" in text
    section = document.sections[0]
    assert section.page_width is not None and section.left_margin is not None
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30


def test_pdf_is_an_a4_pdf_containing_the_figures(personas: Personas) -> None:
    import shutil
    import subprocess

    pdf = render_pdf(_minutes(personas))
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert "70/70" in text and "BIÊN BẢN" in text
