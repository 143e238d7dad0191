"""The corrective-action request printed from its page: PDF and DOCX in the Decree 30 layout, Vietnamese."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document

from eiso.core.models import Person
from eiso.core.testing import Personas, client_for
from eiso.improvements.models import CorrectiveAction
from eiso.improvements.printout import DOTS
from eiso.improvements.tests.factories import make_car, planned_car

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def download(car: CorrectiveAction, fmt: str, person: Person, language: str = "vi") -> Any:
    client = client_for(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("improvements:car_download", kwargs={"pk": car.pk, "fmt": fmt}))


def test_an_approved_request_prints_its_cause_actions_and_approver(personas: Personas) -> None:
    car = planned_car(personas)
    response = download(car, "docx", personas.officer)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(response.content)
    for expected in (
        "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC",
        f"Số: {car.number}",
        "1. Mô tả sự không phù hợp",
        car.nonconformity.description,
        "Nguồn: Phát hiện đánh giá nội bộ",
        "Chưa phổ biến quy trình cho cán bộ mới",
        "Tại sao 1: Cán bộ mới",
        "Phổ biến lại quy trình",
        personas.officer.full_name,
        "Đã phê duyệt ngày",
        "NGƯỜI YÊU CẦU",
        "LÃNH ĐẠO PHÊ DUYỆT",
        personas.director.full_name,
        "kết quả: □ Có hiệu lực   □ Không có hiệu lực.",
        "người yêu cầu: ",
    ):
        assert expected in text, expected
    filename = f"phieu-khac-phuc-{car.number.replace('/', '-')}.docx"
    assert filename in response["Content-Disposition"]


def test_a_new_request_leaves_lines_to_fill_by_hand(personas: Personas) -> None:
    car = make_car(personas)
    text = docx_text(download(car, "docx", personas.secretary).content)
    assert f"Khắc phục tức thời: {DOTS}" in text and f"Ý kiến của lãnh đạo: {DOTS}" in text
    assert "Đã phê duyệt" not in text


def test_the_pdf_is_vietnamese_in_an_english_session(personas: Personas) -> None:
    car = planned_car(personas)
    response = download(car, "pdf", personas.director, language="en")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    docx = docx_text(download(car, "docx", personas.director, language="en").content)
    assert "Nguồn: Phát hiện đánh giá nội bộ" in docx and "Internal audit finding" not in docx


def test_the_request_page_offers_both_downloads_and_refuses_another_format(personas: Personas) -> None:
    car = make_car(personas)
    page = client_for(personas.viewer).get(reverse("improvements:car_detail", kwargs={"pk": car.pk}))
    for fmt in ("pdf", "docx"):
        assert (
            reverse("improvements:car_download", kwargs={"pk": car.pk, "fmt": fmt}) in page.content.decode()
        )
    assert download(car, "xlsx", personas.viewer).status_code == 404
