import datetime as dt

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, resolved
from eiso.objectives.tests.factories import make_indicator
from eiso.surveys.services import questionnaire_default_create
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_objectives_satisfaction_and_timeliness_with_charts(personas: Personas) -> None:
    procedure = make_procedure(personas.agency, days="10")
    resolved(procedure, "2017-03-02 09:00", "2017-03-10 10:00", code="early")
    resolved(procedure, "2017-03-02 09:00", "2017-03-17 08:00", code="late")
    respond(questionnaire_default_create(agency=personas.agency), dt.date(2017, 1, 5), 5)
    make_indicator(personas.agency, "satisfaction_rate")
    html = client_for(personas.viewer).get(reverse("core:dashboard")).content.decode()
    assert 'id="panel-objectives"' in html and "Mục tiêu chất lượng năm 2017" in html
    assert 'id="panel-satisfaction"' in html and "1/1 = 100%" in html
    assert 'id="panel-dossiers"' in html and ">1/2</p>" in html
    assert html.count("<svg") >= 3


def test_a_new_agency_sees_empty_panels_without_errors(personas: Personas) -> None:
    html = client_for(personas.viewer).get(reverse("core:dashboard")).content.decode()
    assert "Chưa có mục tiêu chất lượng cho năm nay." in html
    assert "Chưa có dữ liệu" in html
