import pytest
from django.urls import reverse

from eiso.core.models import Division
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def test_dashboard_shows_agency_name_and_vietnamese_navigation(personas: Personas) -> None:
    html = client_for(personas.officer).get(reverse("core:dashboard")).content.decode()
    assert personas.agency.name in html
    assert "Tổng quan" in html
    assert "Tổ chức &amp; HTQLCL" in html


def test_switching_to_english_translates_the_shell(personas: Personas) -> None:
    client = client_for(personas.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'lang="en"' in html
    assert "Dashboard" in html
    assert "Organisation &amp; QMS" in html


def test_organisation_page_lists_divisions_people_and_roles(personas: Personas) -> None:
    html = client_for(personas.viewer).get(reverse("core:organisation")).content.decode()
    assert "Phòng Chuyên môn 1" in html
    assert personas.director.full_name in html
    assert "Thư ký ISO" in html


def test_record_history_shows_who_changed_what(personas: Personas) -> None:
    division = personas.division
    division.name = "Phòng đã đổi tên"
    division._history_user = personas.secretary.user  # type: ignore[attr-defined]
    division.save()
    url = reverse("core:history", kwargs={"model": "core.division", "pk": division.pk})
    html = client_for(personas.viewer).get(url).content.decode()
    assert "Phòng đã đổi tên" in html
    assert "Phòng Chuyên môn 1" in html


def test_history_of_an_unknown_model_is_not_found(personas: Personas) -> None:
    url = reverse("core:history", kwargs={"model": "auth.user", "pk": personas.officer.user_id})
    assert client_for(personas.secretary).get(url).status_code == 404


def test_dates_are_written_day_month_year(personas: Personas) -> None:
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}')
    for language in ("vi", "en"):
        with translation.override(language):
            assert template.render(Context({"d": dt.date(2017, 8, 7)})) == "07/08/2017"


def test_division_codes_are_unique_within_an_agency(personas: Personas) -> None:
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Division.objects.create(agency=personas.agency, code="P1", name="Trùng mã")


def test_navigation_shows_a_module_only_to_the_roles_it_is_for(personas: Personas) -> None:
    officer_html = client_for(personas.officer).get(reverse("core:dashboard")).content.decode()
    secretary_html = client_for(personas.secretary).get(reverse("core:dashboard")).content.decode()
    supervisor_html = client_for(personas.supervisor).get(reverse("core:dashboard")).content.decode()
    assert reverse("api:keys") not in officer_html and reverse("api:keys") in secretary_html
    assert (
        reverse("reports:province") not in secretary_html and reverse("reports:province") in supervisor_html
    )
