"""The one-stop forms (TT 01/2018 Mẫu 01–04) print from a dossier's page, filled from its record."""

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(personas: Personas) -> Dossier:
    procedure = make_procedure(personas.agency, "1.001", name="Cấp giấy phép bưu chính")
    procedure.components.create(name="Đơn đề nghị cấp giấy phép", kind="original", count=1)
    return received(
        procedure, "2017-03-02 09:15", code="000.00.20.H34-170302-0001", applicant_name="Nguyễn Văn An"
    )


def test_the_receipt_carries_the_dossier_the_components_and_the_survey_qr(
    personas: Personas, dossier
) -> None:
    response = client_for(personas.officer).get(reverse("dossiers:print", args=[dossier.pk, "tiep-nhan"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert "Nguyễn Văn An" in html and "Đơn đề nghị cấp giấy phép" in html
    assert "09 giờ 15 phút, ngày 02/03/2017" in html
    survey = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    assert f"{survey}?ma=000.00.20.H34-170302-0001" in html
    assert "<svg" in html and "<script>" not in html


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("bo-sung", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        ("tu-choi", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        ("xin-loi", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
    ],
)
def test_each_form_prints(personas: Personas, dossier: Dossier, form: str, title: str) -> None:
    html = (
        client_for(personas.officer).get(reverse("dossiers:print", args=[dossier.pk, form])).content.decode()
    )
    assert title in html and dossier.code in html


def test_the_dossier_page_offers_the_forms_and_an_unknown_form_is_404(
    personas: Personas, dossier: Dossier
) -> None:
    client = client_for(personas.officer)
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:print", args=[dossier.pk, "xin-loi"]) in html
    assert client.get(reverse("dossiers:print", args=[dossier.pk, "khac"])).status_code == 404
