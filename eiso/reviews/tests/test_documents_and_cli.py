import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, resolved
from eiso.reviews import paperwork, services
from eiso.reviews.choices import RecordKind
from eiso.reviews.models import ManagementReview
from eiso.reviews.tests.helpers import planned, with_decisions


def held_with_dossiers(personas: Personas) -> ManagementReview:
    procedure = make_procedure(personas.agency)
    for day in range(1, 8):
        resolved(procedure, f"2017-03-{day + 1:02d} 09:00", f"2017-03-{day + 2:02d} 10:00")
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    review = services.review_hold(
        review=review,
        held_on=dt.date(2017, 8, 7),
        present=[personas.director, personas.secretary],
        actor=None,
    )
    return with_decisions(personas, review)


def test_the_cli_writes_json_docx_and_pdf_files_with_the_figures(personas: Personas, tmp_path: Path) -> None:
    held_with_dossiers(personas)
    target = tmp_path / "review.json"
    call_command("review_report", agency=personas.agency.code, year=2017, format="json", output=str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["meeting"]["held_on"] == "2017-08-07"
    inputs = data["inputs"]
    for key in ("dossiers", "procedures", "satisfaction", "objectives", "previous_actions", "changes"):
        assert key in inputs
    for key in ("internal_audit", "nonconformities", "documents", "risks"):
        assert key in inputs
    assert inputs["dossiers"]["resolved_total"] == 7 and inputs["dossiers"]["resolved_early"] == 7
    assert {"in_scope", "published", "processes_published"} <= set(inputs["procedures"])
    assert {"responses", "satisfied", "rate"} <= set(inputs["satisfaction"])
    assert [o["text"] for o in data["outputs"]] == [
        "Chuẩn hóa các quy trình nội bộ",
        "Bổ sung kinh phí đánh giá nội bộ",
    ]

    docx_path = tmp_path / "minutes.docx"
    call_command(
        "review_report", agency=personas.agency.code, year=2017, format="docx", output=str(docx_path)
    )
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "BIÊN BẢN" in text and "sớm hạn 7" in text
    assert "Họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm 2017" in text

    pdf_path = tmp_path / "minutes.pdf"
    call_command("review_report", agency=personas.agency.code, year=2017, format="pdf", output=str(pdf_path))
    assert pdf_path.read_bytes().startswith(b"%PDF")
    command = [shutil.which("pdftotext") or "pdftotext", str(pdf_path), "-"]
    pdf_text = subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603
    assert "sớm hạn 7" in pdf_text and "10.000.000" in pdf_text and "CHỦ TRÌ" in pdf_text


def test_the_news_draft_tells_the_meeting_with_its_figures(personas: Personas) -> None:
    review = held_with_dossiers(personas)
    text = " ".join(paperwork.news_text(review))
    assert "Ngày 7/8/2017" in text
    assert "7/7 hồ sơ sớm hạn" in text
    assert "Giám đốc Thử" in text and "chuẩn hóa các quy trình nội bộ" in text


def test_every_review_document_renders_as_docx_and_pdf(personas: Personas) -> None:
    review = held_with_dossiers(personas)
    for name, build in paperwork.DOCUMENTS.items():
        doc = build(review)
        assert paperwork.render(doc, "pdf").startswith(b"%PDF"), name
        assert paperwork.render(doc, "docx").startswith(b"PK"), name


def test_the_announcement_and_the_confirmation_are_records_with_their_documents(personas: Personas) -> None:
    announcement = services.qms_record_issue(
        agency=personas.agency,
        kind=RecordKind.ANNOUNCEMENT,
        number="112/QĐ-STN",
        issued_on=dt.date(2016, 6, 20),
        signed_by=personas.director,
        actor=personas.secretary,
    )
    doc = paperwork.record_document(announcement)
    assert doc.doc_type_name == "QUYẾT ĐỊNH" and doc.number_line == "Số: 112/QĐ-STN"
    assert "TCVN ISO 9001:2015" in doc.summary
    pdf = paperwork.render(doc, "pdf")
    assert pdf.startswith(b"%PDF")


def test_only_the_head_signs_the_qms_records(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="người đứng đầu|Người đứng đầu"):
        services.qms_record_issue(
            agency=personas.agency,
            kind=RecordKind.EFFECTIVENESS,
            issued_on=dt.date(2016, 6, 15),
            signed_by=personas.secretary,
            actor=None,
        )


def test_the_page_reads_in_english_while_the_minutes_stay_vietnamese(personas: Personas) -> None:
    review = held_with_dossiers(personas)
    client = client_for(personas.secretary)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        english_page_and_vietnamese_minutes(client, review)
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the English request must not leak into later tests


def english_page_and_vietnamese_minutes(client: Client, review: ManagementReview) -> None:
    page = client.get(reverse("reviews:detail", kwargs={"pk": review.pk})).content.decode()
    assert "Results of handling administrative procedures" in page
    assert "7 dossiers resolved: 7 early" in page
    response = client.get(
        reverse("reviews:document", kwargs={"pk": review.pk, "document": "bien-ban", "fmt": "docx"})
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Đã giải quyết 7 hồ sơ: sớm hạn 7" in text and "BIÊN BẢN" in text
