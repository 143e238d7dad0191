import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from eiso.core.testing import Personas, client_for
from eiso.dossiers.choices import DossierStatus
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure, received, resolved

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_timeliness_and_paginates(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10")
    resolved(p, "2017-03-02 09:00", "2017-03-03 10:00", code="EARLY-1")
    received(p, "2017-03-02 09:00", code="OPEN-1")
    client = client_for(personas.viewer)
    page = client.get(reverse("dossiers:list"), {"timeliness": "early"})
    assert page.status_code == 200
    assert "EARLY-1" in page.content.decode() and "OPEN-1" not in page.content.decode()
    partial = client.get(reverse("dossiers:list"), {"q": "OPEN"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "OPEN-1" in partial.content.decode()


def test_the_list_never_loads_more_than_a_page(personas: Personas, django_assert_max_num_queries) -> None:
    p = make_procedure(personas.agency)
    for i in range(60):
        received(p, "2017-03-02 09:00", code=f"N-{i:02d}")
    client = client_for(personas.viewer)
    # 11 for the page and its filters, 5 for the shell's "Việc của tôi" counts: none grows with the rows.
    with django_assert_max_num_queries(17):
        page = client.get(reverse("dossiers:list"))
    table = page.context["table"]
    assert table.paginator.count == 60 and len(table.page.object_list) == 50
    assert "1–50 trên 60" in page.content.decode()


def test_the_detail_shows_the_due_date_explanation_and_the_timeline(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency, days="10"), "2017-03-02 09:15", code="X-1")
    with translation.override("vi"):
        page = client_for(personas.viewer).get(reverse("dossiers:detail", args=[dossier.pk]))
    text = page.content.decode()
    assert "Tiếp nhận 02/03/2017 09:15 → tính từ 03/03/2017 → 10 ngày làm việc → hạn 16/03/2017" in text
    assert "Xử lý hồ sơ" not in text  # a viewer gets no actions


def test_an_officer_resolves_a_dossier_from_its_page(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency), "2017-03-02 09:15", code="X-1")
    client = client_for(personas.officer)
    response = client.post(
        reverse("dossiers:action", args=[dossier.pk, "resolve"]), {"resolve-at": "2017-03-03T10:00"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESOLVED and dossier.finished_on == dt.date(2017, 3, 3)


def test_an_illegal_step_shows_the_translated_refusal(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency), "2017-03-02 09:15", code="X-1")
    client = client_for(personas.officer)
    response = client.post(
        reverse("dossiers:action", args=[dossier.pk, "return"]),
        {"return-at": "2017-03-03T10:00"},
        follow=True,
    )
    assert "Không thể chuyển hồ sơ X-1" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.ACCEPTED


def test_a_viewer_cannot_act_on_a_dossier(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency), "2017-03-02 09:15", code="X-1")
    response = client_for(personas.viewer).post(
        reverse("dossiers:action", args=[dossier.pk, "resolve"]), {"resolve-at": "2017-03-03T10:00"}
    )
    assert response.status_code == 403


def test_an_officer_receives_a_dossier_and_gets_a_code_and_due_date(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10")
    response = client_for(personas.officer).post(
        reverse("dossiers:receive"),
        {
            "procedure": p.pk,
            "channel": "direct",
            "received_at": "2017-03-02T09:15",
            "applicant_name": "Nguyễn A",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.code == f"{personas.agency.code}-170302-0001" and dossier.due_date == dt.date(2017, 3, 16)


def test_the_statistics_page_shows_the_ii06a_table_and_a_chart(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10", field="Báo chí")
    resolved(p, "2017-03-02 09:00", "2017-03-03 10:00", code="E1")
    resolved(p, "2017-03-02 09:00", "2017-03-03 10:00", code="E2")
    page = client_for(personas.director).get(
        reverse("dossiers:statistics"), {"date_from": "2017-01-01", "date_to": "2017-08-01"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "2/2 hồ sơ giải quyết sớm hạn" in text and "<svg" in text and "Báo chí" in text
    assert "(13)" in text
    drill = client_for(personas.director).get(
        reverse("dossiers:stat_list"),
        {
            "date_from": "2017-01-01",
            "date_to": "2017-08-01",
            "bucket": "resolved_early",
            "procedure": str(p.pk),
        },
    )
    assert "E1" in drill.content.decode() and "E2" in drill.content.decode()


def test_the_statistics_page_refuses_a_reversed_period(personas: Personas) -> None:
    page = client_for(personas.director).get(
        reverse("dossiers:statistics"), {"date_from": "2017-08-01", "date_to": "2017-01-01"}
    )
    assert "Ngày kết thúc kỳ phải sau ngày bắt đầu." in page.content.decode()


def test_the_upload_page_imports_a_file_and_lists_errors_of_a_bad_one(personas: Personas) -> None:
    make_procedure(personas.agency, code="1.001")
    client = client_for(personas.secretary)
    good = b"code,procedure_code,received_at,status\nU-1,1.001,02/03/2017 09:15,2\n"
    response = client.post(
        reverse("dossiers:import"), {"file": SimpleUploadedFile("d.csv", good)}, follow=True
    )
    assert response.redirect_chain[0][0].startswith("/viec-nen/"), "the import runs as a background job"
    assert "1 thêm mới" in response.content.decode()
    bad = b"code,procedure_code,received_at,status\nU-2,9.9,02/03/2017 09:15,2\n"
    response = client.post(
        reverse("dossiers:import"), {"file": SimpleUploadedFile("d.csv", bad)}, headers={"HX-Request": "true"}
    )
    assert "procedure_code" in response.content.decode() and "<html" not in response.content.decode()
    assert Dossier.objects.count() == 1


def test_the_public_lookup_shows_status_without_personal_data(personas: Personas) -> None:
    dossier = received(
        make_procedure(personas.agency), "2017-03-02 09:15", code="PUB-1", applicant_name="Bí Mật"
    )
    cache.clear()
    page = Client().get(reverse("portal:dossier_lookup"), {"ma": dossier.code})
    text = page.content.decode()
    assert page.status_code == 200
    assert "PUB-1" in text and "16/03/2017" in text and "Được tiếp nhận" in text
    assert "Bí Mật" not in text
    partial = Client().get(reverse("portal:dossier_lookup"), {"ma": "PUB"})
    assert "Không tìm thấy hồ sơ" in partial.content.decode()


def test_the_public_lookup_prints_local_days_of_moments_near_midnight(personas: Personas) -> None:
    """00:30 and 06:00 in Hà Nội are the evening before in UTC: the page prints the local day."""
    dossier = resolved(make_procedure(personas.agency), "2017-03-02 00:30", "2017-03-10 06:00", code="PUB-2")
    cache.clear()
    text = Client().get(reverse("portal:dossier_lookup"), {"ma": dossier.code}).content.decode()
    assert "02/03/2017" in text and "10/03/2017" in text
    assert "01/03/2017" not in text and "09/03/2017" not in text


@override_settings(EISO_PUBLIC_RATE_PER_MINUTE=3)
def test_the_public_lookup_is_rate_limited(personas: Personas) -> None:
    cache.clear()
    client = Client()
    codes = [client.get(reverse("portal:dossier_lookup"), {"ma": f"X-{i}"}).status_code for i in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]


def test_the_pages_are_translated_into_english(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency), "2017-03-02 09:15", code="EN-1")
    client = client_for(personas.director)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    stats = client.get(reverse("dossiers:statistics"), {"date_from": "2017-01-01", "date_to": "2017-12-31"})
    assert "Form II.06a/VPCP/KSTT" in stats.content.decode()
    detail = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "How the due date was computed" in detail.content.decode()
    drill = client.get(
        reverse("dossiers:stat_list"),
        {"date_from": "2017-01-01", "date_to": "2017-12-31", "bucket": "pending_total"},
    )
    assert "Total pending" in drill.content.decode() and "EN-1" in drill.content.decode()


def test_the_status_filter_offers_every_status_first_and_narrows_when_chosen(personas: Personas) -> None:
    procedure = make_procedure(personas.agency)
    received(procedure, "2017-03-02 09:15", code="ST-1")
    resolved(procedure, "2017-03-02 09:30", "2017-03-03 10:00", code="ST-2")
    client = client_for(personas.secretary)
    page = client.get(reverse("dossiers:list")).content.decode()
    status_select = page[page.index('name="status"') :]
    first_option = status_select[status_select.index("<option") : status_select.index("</option>")]
    assert 'value=""' in first_option and "Mọi trạng thái" in first_option
    narrowed = client.get(reverse("dossiers:list"), {"status": DossierStatus.RESOLVED})
    assert narrowed.context["table"].paginator.count == 1 and "ST-2" in narrowed.content.decode()
