import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from eiso.core.testing import Personas, client_for
from eiso.documents import services
from eiso.documents.choices import VersionState
from eiso.documents.models import Acknowledgement, Document, DocumentVersion
from eiso.documents.tests.factories import docx_upload, issue, make_document

pytestmark = pytest.mark.django_db


def _url(name: str, pk: int) -> str:
    return reverse(f"documents:{name}", args=[pk])


def test_the_secretary_adds_a_document_with_an_automatic_code(personas: Personas) -> None:
    response = client_for(personas.secretary).post(
        reverse("documents:document_create"),
        {"doc_type": "system_procedure", "title": "Đánh giá nội bộ", "review_period_months": 12},
    )
    document = Document.objects.get(agency=personas.agency)
    assert response.status_code == 302 and document.code == "QT-01"


def test_the_whole_workflow_runs_through_the_pages(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    secretary, head, director = (
        client_for(p) for p in (personas.secretary, personas.division_head, personas.director)
    )
    secretary.post(
        _url("version_create", document.pk), {"file": docx_upload(), "change_summary": "Ban hành lần đầu"}
    )
    version = DocumentVersion.objects.get(document=document)
    secretary.post(_url("version_submit", version.pk))
    head.post(_url("version_return", version.pk), {"comment": "Thiếu lưu đồ"})
    version.refresh_from_db()
    assert version.state == VersionState.DRAFT
    page = secretary.get(_url("document_detail", document.pk)).content.decode()
    assert "Thiếu lưu đồ" in page
    secretary.post(_url("version_edit", version.pk), {"body": "Đã bổ sung lưu đồ"})
    secretary.post(_url("version_submit", version.pk))
    head.post(_url("version_review", version.pk), {"comment": "Đạt"})
    director.post(_url("version_approve", version.pk), {"comment": "Đồng ý"})
    secretary.post(_url("version_issue", version.pk), {"effective_from": "2017-08-01"})
    version.refresh_from_db()
    assert version.state == VersionState.ISSUED and version.effective_from == dt.date(2017, 8, 1)


def test_approval_through_the_page_is_refused_for_the_secretary(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    version = services.version_create(document=document, actor=personas.officer, body="x")
    services.version_submit(version=version, actor=personas.officer)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    response = client_for(personas.secretary).post(_url("version_approve", version.pk))
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.state == VersionState.IN_REVIEW


def test_self_review_through_the_page_is_refused_with_a_message(personas: Personas) -> None:
    document = make_document(personas.agency, personas.division_head)
    version = services.version_create(document=document, actor=personas.division_head, body="x")
    services.version_submit(version=version, actor=personas.division_head)
    response = client_for(personas.division_head).post(_url("version_review", version.pk), follow=True)
    assert "Người xem xét phải khác người soạn thảo" in response.content.decode()
    version.refresh_from_db()
    assert version.reviewed_by is None


def test_an_issued_version_cannot_be_edited_through_the_page(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    response = client_for(personas.secretary).post(
        _url("version_edit", version.pk), {"body": "sửa"}, follow=True
    )
    assert "Không thực hiện được" in response.content.decode()
    version.refresh_from_db()
    assert version.body == "Nội dung quy trình"


def test_the_register_filters_by_type_state_and_overdue(personas: Personas) -> None:
    overdue = make_document(personas.agency, personas.secretary, title="Cũ")
    issue(overdue, personas, dt.date(2015, 1, 1))
    draft = make_document(personas.agency, personas.secretary, title="Mới", doc_type="form")
    services.version_create(document=draft, actor=personas.secretary, body="x")
    client = client_for(personas.viewer)
    page = client.get(reverse("documents:document_list"), {"overdue": "on"}).content.decode()
    assert "Cũ" in page and "Mới" not in page
    page = client.get(reverse("documents:document_list"), {"state": "draft"}).content.decode()
    assert "Mới" in page and "Cũ" not in page
    page = client.get(reverse("documents:document_list"), {"doc_type": "form"}).content.decode()
    assert "Mới" in page and "Cũ" not in page


def test_the_register_page_runs_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for i in range(30):
        make_document(personas.agency, personas.secretary, title=f"Tài liệu {i}")
    client = client_for(personas.viewer)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("documents:document_list")).status_code == 200


def test_distribution_and_reading_confirmation(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    client_for(personas.secretary).post(
        _url("distribution_send", version.pk), {"divisions": [personas.division.pk]}
    )
    officer = client_for(personas.officer)
    page = officer.get(reverse("documents:reading_list")).content.decode()
    assert version.document.code in page
    acknowledgement = Acknowledgement.objects.get(person=personas.officer)
    detail = client_for(personas.secretary).get(_url("document_detail", version.document_id)).content.decode()
    assert personas.officer.full_name in detail  # listed as not yet read
    officer.post(reverse("documents:acknowledge", args=[acknowledgement.pk]))
    acknowledgement.refresh_from_db()
    assert acknowledgement.acknowledged_at is not None
    assert version.document.code not in officer.get(reverse("documents:reading_list")).content.decode()


def test_a_person_cannot_confirm_reading_for_someone_else(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    distribution = services.distribution_send(
        version=version, actor=personas.secretary, people=[personas.officer]
    )
    acknowledgement = distribution.acknowledgements.get()
    response = client_for(personas.viewer).post(reverse("documents:acknowledge", args=[acknowledgement.pk]))
    assert response.status_code == 404


def test_the_pages_render_for_a_reader(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    issue(document, personas)
    client = client_for(personas.viewer)
    for name in ("document_list", "reading_list", "overdue", "legal_changes", "evaluations"):
        assert client.get(reverse(f"documents:{name}")).status_code == 200, name
    assert client.get(_url("document_detail", document.pk)).status_code == 200
    assert client.get(reverse("documents:document_create")).status_code == 403


def test_the_pages_render_in_english(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    issue(document, personas)
    client = client_for(personas.secretary)
    client.cookies["django_language"] = "en"
    with translation.override("vi"):  # the request activates English in this thread; do not leak it
        page = client.get(_url("document_detail", document.pk), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Current version" in page


def test_the_periodic_review_moves_the_next_review_date(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    issue(document, personas, dt.date(2016, 1, 1))
    client_for(personas.division_head).post(
        _url("review_record", document.pk), {"reviewed_on": "2017-02-10", "note": "Vẫn phù hợp"}
    )
    document.refresh_from_db()
    assert document.last_reviewed_on == dt.date(2017, 2, 10) and document.next_review_on == dt.date(
        2018, 2, 10
    )


def test_the_dashboard_shows_the_document_card(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    services.distribution_send(version=version, actor=personas.secretary, people=[personas.officer])
    page = client_for(personas.officer).get(reverse("core:dashboard")).content.decode()
    assert 'id="panel-documents"' in page and "Tài liệu cần đọc: 1" in page


def test_recording_an_amending_law_through_the_page_flags_the_linked_documents(personas: Personas) -> None:
    law = services.document_create(
        agency=personas.agency,
        actor=personas.secretary,
        doc_type="external",
        code="QĐ 09/2015",
        title="Quy chế",
    )
    document = make_document(personas.agency, personas.secretary, legal_bases=[law])
    client = client_for(personas.secretary)
    response = client.post(
        reverse("documents:document_create"),
        {
            "doc_type": "external",
            "code": "NĐ 61/2018",
            "title": "Nghị định một cửa",
            "amends": law.pk,
            "legal_effective_from": "2018-06-21",
            "review_period_months": 12,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("documents:legal_changes")).content.decode()
    assert document.code in page and "21/09/2018" in page


def test_editing_a_document_keeps_its_code_when_left_empty(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    response = client_for(personas.secretary).post(
        reverse("documents:document_edit", args=[document.pk]),
        {"doc_type": "system_procedure", "code": "", "title": "Tên mới", "review_period_months": 6},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.code, document.title, document.review_period_months) == ("QT-01", "Tên mới", 6)


def test_the_evaluation_page_records_a_result_for_the_year(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    issue(document, personas)
    client = client_for(personas.division_head)
    client.post(
        reverse("documents:evaluation_record", args=[document.pk]),
        {"year": 2017, "result": "needs_change", "notes": "Thiếu biểu mẫu"},
    )
    page = client.get(reverse("documents:evaluations"), {"nam": "2017"}).content.decode()
    assert "Thiếu biểu mẫu" in page
    assert client.get(reverse("documents:evaluations"), {"nam": "99999"}).status_code == 200
