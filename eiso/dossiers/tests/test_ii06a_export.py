"""Biểu II.06a downloaded from the statistics page: the figures are the page's, the layout is the form's."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from eiso.core.testing import Personas, client_for
from eiso.dossiers import ii06a
from eiso.dossiers.choices import Channel
from eiso.dossiers.tests.factories import make_procedure, received, resolved

pytestmark = pytest.mark.django_db

YEAR_2017 = {"date_from": "2017-01-01", "date_to": "2017-12-31"}


def a_year_of_dossiers(personas: Personas) -> None:
    """Early, on time, late, carried over, online, pending in time and overdue, in three fields."""
    press = make_procedure(personas.agency, code="1.001", name="Cấp giấy phép xuất bản bản tin")
    posts = make_procedure(personas.agency, code="2.001", name="Cấp giấy phép bưu chính", field="Bưu chính")
    other = make_procedure(personas.agency, code="3.001", name="Thủ tục chưa phân loại", field="")
    resolved(press, "2016-12-28 09:00", "2017-01-05 10:00", code="C1")
    resolved(press, "2017-03-02 09:00", "2017-03-03 10:00", code="E1", channel=Channel.ONLINE)
    resolved(press, "2017-03-02 09:00", "2017-03-16 10:00", code="T1")
    resolved(press, "2017-03-02 09:00", "2017-03-20 10:00", code="L1")
    resolved(posts, "2017-05-02 09:00", "2017-05-03 10:00", code="E2", channel=Channel.POSTAL)
    received(posts, "2017-12-11 09:00", code="P1")  # due before 31/12: overdue
    received(posts, "2017-12-28 09:00", code="P2", channel=Channel.ONLINE)  # due in 2018: in time
    received(other, "2017-06-01 09:00", code="P3")


def page_rows(content: bytes) -> list[list[str]]:
    document = lxml.html.fromstring(content)
    return [
        [cell.text_content().strip() for cell in row.xpath("./td")]
        for row in document.xpath('//table[@id="ii06a"]/tbody/tr')
    ]


def xlsx_sheet(content: bytes) -> Worksheet:
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def row_of(sheet: Worksheet, text: str, column: int = 1) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=column).value == text:
            return row
    raise AssertionError(f"{text!r} not in column {column}")


def xlsx_rows(sheet: Worksheet) -> list[list[Any]]:
    """The table's rows below the column numbers (1)…(13), up to the note under it."""
    rows = []
    row = row_of(sheet, "(1)") + 1
    while sheet.cell(row=row, column=2).value:
        rows.append([sheet.cell(row=row, column=c).value for c in range(1, 14)])
        row += 1
    return rows


def all_text(sheet: Worksheet) -> str:
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


def test_the_xlsx_cells_are_the_figures_the_statistics_page_shows(personas: Personas) -> None:
    a_year_of_dossiers(personas)
    client = client_for(personas.division_head)
    shown = page_rows(client.get(reverse("dossiers:statistics"), YEAR_2017).content)
    download = client.get(reverse("dossiers:statistics_download", args=["xlsx"]), YEAR_2017)
    assert download["Content-Type"] == ii06a.FORMATS["xlsx"]
    cells = xlsx_rows(xlsx_sheet(download.content))
    assert len(cells) == len(shown) == 1 + 3 + 3  # the total, three fields, three procedures
    for page_row, xlsx_row in zip(shown, cells, strict=True):
        assert xlsx_row[2:] == [int(text) for text in page_row[2:]]
        if page_row[1] != "Tổng cộng":
            assert xlsx_row[1] == page_row[1]
    total = cells[0][2:]
    # (3)=(4)+(5)+(6), (7)=(8)+(9)+(10), (11)=(12)+(13), (3)=(7)+(11); and the figures built above
    assert total == [8, 2, 5, 1, 5, 3, 1, 1, 3, 1, 2]
    fields = [row[:2] for row in cells if row[0] and "." not in row[0]]
    assert fields == [["1", "(chưa phân loại)"], ["2", "Báo chí"], ["3", "Bưu chính"]]  # the page's order
    assert cells[2][:2] == ["1.1", "Thủ tục chưa phân loại"]


def test_the_xlsx_has_the_layout_of_form_ii06a(personas: Personas) -> None:
    a_year_of_dossiers(personas)
    content = client_for(personas.division_head).get(
        reverse("dossiers:statistics_download", args=["xlsx"]), YEAR_2017
    )
    sheet = xlsx_sheet(content.content)
    text = all_text(sheet)
    for expected in (
        "UBND TỈNH KHÁNH HÒA",
        personas.agency.name.upper(),
        "Biểu số II.06a/VPCP/KSTT",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: Năm 2017",
        "(Từ ngày 01/01/2017 đến ngày 31/12/2017)",
        "- Đơn vị nhận báo cáo: Văn phòng UBND tỉnh Khánh Hòa",
        "Đơn vị tính: Số hồ sơ TTHC",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        personas.division_head.full_name,  # who prepared it
        personas.director.full_name,  # the head of the agency
        "Khánh Hòa, ngày ",
    ):
        assert expected in text, expected
    numbers = row_of(sheet, "(1)")
    top = numbers - 3
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {
        f"A{top}:A{top + 2}",  # STT
        f"B{top}:B{top + 2}",  # the field or procedure
        f"C{top}:F{top}",  # Số hồ sơ nhận giải quyết
        f"G{top}:M{top}",  # Kết quả giải quyết
        f"C{top + 1}:C{top + 2}",  # Tổng số
        f"D{top + 1}:E{top + 1}",  # Trong kỳ
        f"F{top + 1}:F{top + 2}",  # Từ kỳ trước chuyển sang
        f"G{top + 1}:J{top + 1}",  # đã giải quyết
        f"K{top + 1}:M{top + 1}",  # đang giải quyết
    } <= merged
    assert sheet.cell(row=top + 2, column=4).value == "Trực tuyến"
    assert sheet.cell(row=top + 2, column=5).value == "Trực tiếp, dịch vụ bưu chính"
    assert [sheet.cell(row=top + 2, column=c).value for c in range(7, 14)] == [
        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"
    ]  # fmt: skip
    cells = [cell for row in sheet.iter_rows() for cell in row if not isinstance(cell, MergedCell)]
    assert {cell.font.name for cell in cells} == {"Times New Roman"}
    assert sheet.cell(row=numbers + 1, column=3).border.left.style == "thin"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize or 0) == int(sheet.PAPERSIZE_A4)
    assert sheet.print_title_rows == f"${top}:${numbers}"


def test_the_downloads_are_vietnamese_in_an_english_session(personas: Personas) -> None:
    a_year_of_dossiers(personas)
    client = client_for(personas.director)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("dossiers:statistics"), YEAR_2017).content.decode()
    assert "Download form II.06a (XLSX)" in page
    sheet = xlsx_sheet(client.get(reverse("dossiers:statistics_download", args=["xlsx"]), YEAR_2017).content)
    assert "(chưa phân loại)" in all_text(sheet) and "Tổng số" in all_text(sheet)
    pdf = client.get(reverse("dossiers:statistics_download", args=["pdf"]), YEAR_2017)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "bieu-II.06a-20170101-20171231.pdf" in pdf["Content-Disposition"]


def test_the_pdf_shows_the_same_sheet(personas: Personas) -> None:
    a_year_of_dossiers(personas)
    sheet = ii06a.ii06a_sheet(
        agency=personas.agency,
        date_from=dt.date(2017, 1, 1),
        date_to=dt.date(2017, 12, 31),
        preparer=personas.secretary,
        issued_on=dt.date(2018, 1, 5),
    )
    html = ii06a.render_html(sheet)
    assert "size: A4 landscape" in html and 'colspan="7"' in html and 'rowspan="3"' in html
    assert "Khánh Hòa, ngày 05 tháng 01 năm 2018" in html and "THỦ TRƯỞNG CƠ QUAN" in html
    assert "<td>8</td><td>2</td><td>5</td><td>1</td><td>5</td><td>3</td>" in html


def test_the_download_buttons_keep_the_period_of_the_page(personas: Personas) -> None:
    page = client_for(personas.officer).get(
        reverse("dossiers:statistics"), {"date_from": "2017-04-01", "date_to": "2017-06-30"}
    )
    links = lxml.html.fromstring(page.content).xpath('//a[@data-testid="ii06a-xlsx"]/@href')
    assert links == [
        reverse("dossiers:statistics_download", args=["xlsx"]) + "?date_from=2017-04-01&date_to=2017-06-30"
    ]
    sheet = xlsx_sheet(client_for(personas.officer).get(links[0]).content)
    assert "Kỳ báo cáo: Quý II năm 2017" in all_text(sheet)


def test_an_unknown_format_is_not_found(personas: Personas) -> None:
    response = client_for(personas.officer).get(reverse("dossiers:statistics_download", args=["csv"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("start", "end", "name"),
    [
        ("2017-01-01", "2017-12-31", "Năm 2017"),
        ("2017-07-01", "2017-09-30", "Quý III năm 2017"),
        ("2017-01-01", "2017-06-30", "6 tháng đầu năm 2017"),
        ("2017-02-01", "2017-02-28", "Tháng 2 năm 2017"),
        ("2017-01-01", "2017-08-01", ""),
    ],
)
def test_the_period_is_named_as_a_report_names_it(start: str, end: str, name: str) -> None:
    assert ii06a.period_name(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == name
