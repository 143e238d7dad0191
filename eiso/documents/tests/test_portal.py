import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas
from eiso.documents import services
from eiso.documents.choices import DocumentType
from eiso.documents.tests.factories import (
    docx_bytes,
    docx_upload,
    issue,
    make_document,
    make_procedure,
    make_process,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(personas: Personas) -> dict:
    p = personas
    procedure = make_procedure(p.agency, "1.004523", fee="Không", name="Cấp giấy phép xuất bản bản tin")
    synthetic = make_procedure(
        p.agency, "SYN-VT-01", name="Thỏa thuận vị trí công trình viễn thông", field="Viễn thông"
    )
    hidden = make_procedure(p.agency, "1.000001", name="Thủ tục chưa công khai", published_online_on=None)
    make_process(p.agency, procedure)
    document = make_document(
        p.agency,
        p.secretary,
        doc_type=DocumentType.TTHC_PROCEDURE,
        title="Quy trình cấp phép bản tin",
        procedures=[procedure],
        is_public=True,
    )
    old = issue(document, p, dt.date(2016, 3, 1), file=docx_upload(content=docx_bytes("cũ")))
    current = issue(document, p, dt.date(2017, 5, 2), file=docx_upload(content=docx_bytes("mới")))
    private = make_document(
        p.agency, p.secretary, doc_type=DocumentType.FORM, title="Mẫu nội bộ", procedures=[procedure]
    )
    issue(private, p, dt.date(2016, 3, 1), file=docx_upload())
    return {
        "procedure": procedure,
        "synthetic": synthetic,
        "hidden": hidden,
        "old": old,
        "current": current,
        "private": private,
    }


def test_the_public_list_shows_published_procedures_without_login(
    personas: Personas, published: dict
) -> None:
    page = Client().get(reverse("portal:procedure_list", args=[personas.agency.code])).content.decode()
    assert "Cấp giấy phép xuất bản bản tin" in page and "Thỏa thuận vị trí" in page
    assert "Thủ tục chưa công khai" not in page
    filtered = Client().get(
        reverse("portal:procedure_list", args=[personas.agency.code]), {"linh-vuc": "Viễn thông"}
    )
    assert "Thỏa thuận vị trí" in filtered.content.decode() and "bản tin" not in filtered.content.decode()


def test_the_agency_can_be_chosen_with_a_select(personas: Personas, published: dict) -> None:
    response = Client().get(reverse("portal:procedure_list"), {"co-quan": personas.agency.code})
    assert response.status_code == 302 and response["Location"] == reverse(
        "portal:procedure_list", args=[personas.agency.code]
    )
    assert personas.agency.name in Client().get(reverse("portal:procedure_list")).content.decode()


def test_the_detail_shows_steps_fee_and_only_the_current_public_documents(
    personas: Personas, published: dict
) -> None:
    url = reverse("portal:procedure_detail", args=[personas.agency.code, published["procedure"].pk])
    page = Client().get(url).content.decode()
    assert "Thẩm định hồ sơ" in page and "1.004523" in page and "Mã thủ tục (CSDL quốc gia)" in page
    assert "Quy trình cấp phép bản tin" in page and "Mẫu nội bộ" not in page
    assert reverse("portal:procedure_document", args=[personas.agency.code, published["current"].pk]) in page
    assert reverse("portal:procedure_document", args=[personas.agency.code, published["old"].pk]) not in page


def test_synthetic_codes_are_shown_as_internal_codes(personas: Personas, published: dict) -> None:
    url = reverse("portal:procedure_detail", args=[personas.agency.code, published["synthetic"].pk])
    page = Client().get(url).content.decode()
    assert "Mã nội bộ" in page and "Mã thủ tục (CSDL quốc gia)" not in page


def test_only_the_current_public_file_can_be_downloaded(personas: Personas, published: dict) -> None:
    code = personas.agency.code
    current = Client().get(reverse("portal:procedure_document", args=[code, published["current"].pk]))
    assert current.status_code == 200
    content = b"".join(current.streaming_content)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "mới" in archive.read("word/document.xml").decode()
    assert (
        Client().get(reverse("portal:procedure_document", args=[code, published["old"].pk])).status_code
        == 404
    )
    private_version = published["private"].versions.get()
    assert (
        Client().get(reverse("portal:procedure_document", args=[code, private_version.pk])).status_code == 404
    )


def test_unpublished_procedures_and_other_agencies_answer_404(personas: Personas, published: dict) -> None:
    code = personas.agency.code
    assert (
        Client().get(reverse("portal:procedure_detail", args=[code, published["hidden"].pk])).status_code
        == 404
    )
    other = make_procedure(personas.other_agency, "9.9")
    assert Client().get(reverse("portal:procedure_detail", args=[code, other.pk])).status_code == 404
    assert Client().get(reverse("portal:procedure_list", args=["KHONG-CO"])).status_code == 404


def test_a_newly_issued_public_version_replaces_the_old_one_on_the_portal(
    personas: Personas, published: dict
) -> None:
    document = published["current"].document
    version = services.version_create(
        document=document, actor=personas.secretary, file=docx_upload(), change_summary="x"
    )
    services.version_submit(version=version, actor=personas.secretary)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    services.version_approve(version=version, approved_by=personas.director)
    url = reverse("portal:procedure_detail", args=[personas.agency.code, published["procedure"].pk])
    assert "sửa đổi 1," in Client().get(url).content.decode()
    services.version_issue(version=version, actor=personas.secretary, effective_from=dt.date(2018, 1, 1))
    assert "sửa đổi 2," in Client().get(url).content.decode()


def test_the_public_list_runs_a_fixed_number_of_queries(
    personas: Personas, published: dict, django_assert_max_num_queries: Any
) -> None:
    for i in range(40):
        make_procedure(personas.agency, f"2.{i:03d}")
    with django_assert_max_num_queries(8):
        assert Client().get(reverse("portal:procedure_list", args=[personas.agency.code])).status_code == 200
