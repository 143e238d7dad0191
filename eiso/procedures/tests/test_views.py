"""The catalogue screens: everyone of the agency reads, the ISO secretary edits, publishes and imports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.procedures.models import Procedure
from eiso.procedures.services import procedure_create, process_save


def _procedure(personas: Personas, code: str, field: str = "Báo chí") -> Procedure:
    return procedure_create(
        agency=personas.agency,
        actor=None,
        code=code,
        name=f"Thủ tục {code}",
        field=field,
        time_limit_value=Decimal(10),
        valid_from=dt.date(2016, 1, 1),
    )


@pytest.mark.django_db
def test_a_viewer_lists_filters_and_searches_the_catalogue(personas: Personas) -> None:
    _procedure(personas, "1.000001")
    _procedure(personas, "SYN-BC-01")
    _procedure(personas, "2.000002", field="Bưu chính")
    client = client_for(personas.viewer)
    page = client.get(reverse("procedures:list")).content.decode()
    assert "1.000001" in page and "mã tạm" in page and "Thêm thủ tục" not in page
    filtered = client.get(reverse("procedures:list"), {"field": "Bưu chính"}).content.decode()
    assert "2.000002" in filtered and "1.000001" not in filtered
    searched = client.get(reverse("procedures:list"), {"q": "SYN"}).content.decode()
    assert "SYN-BC-01" in searched and "2.000002" not in searched
    unpublished = client.get(reverse("procedures:list"), {"published": "0"}).content.decode()
    assert "1.000001" in unpublished


@pytest.mark.django_db
def test_the_list_paginates(personas: Personas) -> None:
    for i in range(55):
        _procedure(personas, f"1.{i:06d}")
    response = client_for(personas.viewer).get(reverse("procedures:list"), {"page": 2})
    page = response.context["table"].page
    assert page.number == 2 and len(page.object_list) == 5
    assert "51–55 trên 55" in response.content.decode()


@pytest.mark.django_db
def test_the_detail_shows_rules_components_and_process_steps(personas: Personas) -> None:
    procedure = _procedure(personas, "1.000001")
    process_save(
        agency=personas.agency,
        actor=None,
        code="QT-01",
        name="Quy trình cấp phép",
        procedures=[procedure],
        steps=[("Thẩm định hồ sơ", personas.division, Decimal("9.5"), "working_days")],
    )
    page = (
        client_for(personas.officer).get(reverse("procedures:detail", args=[procedure.pk])).content.decode()
    )
    assert "Thẩm định hồ sơ" in page and "Phòng Chuyên môn 1" in page and "9,5 ngày làm việc" in page
    assert "01/01/2016" in page


@pytest.mark.django_db
def test_the_secretary_creates_and_changes_a_limit_from_a_date(personas: Personas) -> None:
    client = client_for(personas.secretary)
    response = client.post(
        reverse("procedures:create"),
        {
            "code": "1.000009",
            "name": "Cấp phép họp báo",
            "field": "Báo chí",
            "in_scope": "on",
            "is_active": "on",
            "time_limit_value": "10",
            "time_limit_unit": "working_days",
            "valid_from": "2016-01-01",
        },
    )
    procedure = Procedure.objects.get(agency=personas.agency, code="1.000009")
    assert response.status_code == 302
    data = {
        "name": "Cấp phép họp báo",
        "field": "Báo chí",
        "in_scope": "on",
        "is_active": "on",
        "time_limit_value": "7",
        "time_limit_unit": "working_days",
        "valid_from": "2016-01-01",
        "effective_on": "2018-07-01",
        "legal_reference": "QĐ 1/2018",
    }
    assert client.post(reverse("procedures:edit", args=[procedure.pk]), data).status_code == 302
    assert [r.time_limit_value for r in procedure.rules.order_by("valid_from")] == [10, 7]


@pytest.mark.django_db
def test_an_officer_may_not_edit_or_import(personas: Personas) -> None:
    procedure = _procedure(personas, "1.000001")
    client = client_for(personas.officer)
    assert client.get(reverse("procedures:edit", args=[procedure.pk])).status_code == 403
    assert client.get(reverse("procedures:import")).status_code == 403
    assert client.post(reverse("procedures:publish", args=[procedure.pk]), {}).status_code == 403


@pytest.mark.django_db
def test_the_secretary_marks_a_procedure_published(personas: Personas) -> None:
    procedure = _procedure(personas, "1.000001")
    client_for(personas.secretary).post(
        reverse("procedures:publish", args=[procedure.pk]),
        {"published_at_office_on": "2016-03-01", "published_online_on": ""},
    )
    procedure.refresh_from_db()
    assert procedure.published_at_office_on == dt.date(2016, 3, 1) and procedure.is_published


@pytest.mark.django_db
def test_an_uploaded_bad_file_lists_errors_and_writes_nothing(personas: Personas) -> None:
    upload = SimpleUploadedFile("bad.csv", b"code,name,time_limit\n1.1,,x\n", content_type="text/csv")
    response = client_for(personas.secretary).post(reverse("procedures:import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Dòng 2" not in page  # the table shows row and column in their own cells
    assert "Không được để trống." in page and "không phải số" in page
    assert not Procedure.objects.filter(agency=personas.agency).exists()


@pytest.mark.django_db
def test_an_uploaded_xlsx_or_csv_is_imported_through_htmx(personas: Personas) -> None:
    text = "\ufeffMã TTHC,Tên thủ tục,Thời hạn\n1.1,Thủ tục một,5\n1.2,Thủ tục hai,0.5\n"
    upload = SimpleUploadedFile("ok.csv", text.encode(), content_type="text/csv")
    response = client_for(personas.secretary).post(
        reverse("procedures:import"), {"file": upload}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "2 thêm mới" in response.content.decode()
    assert Procedure.objects.filter(agency=personas.agency).count() == 2


@pytest.mark.django_db
def test_the_process_list_and_detail(personas: Personas) -> None:
    procedure = _procedure(personas, "1.000001")
    process = process_save(
        agency=personas.agency,
        actor=None,
        code="QT-01",
        name="Quy trình cấp phép",
        procedures=[procedure],
        steps=[],
    )
    client = client_for(personas.viewer)
    assert "QT-01" in client.get(reverse("procedures:processes")).content.decode()
    assert "1.000001" in client.get(reverse("procedures:process_detail", args=[process.pk])).content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_the_publication_panel(personas: Personas) -> None:
    _procedure(personas, "1.000001")
    page = client_for(personas.viewer).get(reverse("core:dashboard")).content.decode()
    assert "panel-publication" in page and "0/1 TTHC" in page


@pytest.mark.django_db
def test_catalogue_and_calendar_urls_refuse_objects_of_another_agency(personas: Personas) -> None:
    from eiso.procedures.tests import isolation as procedure_urls
    from eiso.workdays.tests import isolation as calendar_urls

    client = client_for(personas.secretary)
    for module in (procedure_urls, calendar_urls):
        for name, kwargs in module.url_kwargs(personas.other_agency).items():
            url = reverse(name, kwargs=kwargs)
            assert client.get(url).status_code in {403, 404, 405}, url
            assert client.post(url).status_code in {403, 404}, url
        for name, kwargs in module.url_kwargs(personas.agency).items():
            if name != "workdays:override_delete":
                assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
