"""Issue 12 §8: an objective measured from the surveys says exactly what it counts, and shows the responses
naming a resolved dossier and the anonymous ones apart, each over its own denominator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, resolved
from eiso.objectives.tests.factories import make_indicator
from eiso.surveys.services import questionnaire_default_create
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def responses(personas: Personas) -> None:
    """One response naming a finished dossier (satisfied), two anonymous ones (one satisfied)."""
    questionnaire = questionnaire_default_create(agency=personas.agency)
    procedure = make_procedure(personas.agency, days="10")
    code = resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00", code="HS-1").code
    respond(questionnaire, dt.date(2017, 3, 4), 5, dossier_code=code)
    respond(questionnaire, dt.date(2017, 3, 5), 5)
    respond(questionnaire, dt.date(2017, 3, 6), 2)


def test_the_objective_says_what_it_counts_and_shows_the_anonymous_responses_apart(
    personas: Personas, responses: None
) -> None:
    indicator = make_indicator(personas.agency, "satisfaction_rate")
    url = reverse("objectives:set_detail", kwargs={"pk": indicator.objective.objective_set_id})
    html = client_for(personas.viewer).get(url, {"as_of": "2017-12-31"}).content.decode()
    assert "gồm cả phiếu gắn mã hồ sơ đã giải quyết và phiếu ẩn danh" in html
    assert "phiếu gắn mã hồ sơ 1/1; phiếu ẩn danh 1/2" in html
    identified = make_indicator(personas.agency, "satisfaction_rate_identified")
    html = client_for(personas.viewer).get(url, {"as_of": "2017-12-31"}).content.decode()
    assert "không tính phiếu ẩn danh" in html
    row = html[html.index(f"/chi-tieu/{identified.pk}/") :]
    assert "1/1" in row[: row.index("</tr>")]
