"""Issue 12 §8: anonymous responses (no dossier code) are reported apart, over their own denominator, wherever
the satisfaction rate is shown: here the survey results and the dashboard (the objectives page and the review
input are tested in their apps)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, resolved
from eiso.surveys.models import Questionnaire
from eiso.surveys.selectors import satisfaction_summary
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db
D = dt.date
IDENTIFIED = "Phiếu gắn mã hồ sơ đã giải quyết: 1/1 = 100%"
ANONYMOUS = "Phiếu ẩn danh (không ghi mã hồ sơ): 1/2 = 50%"


@pytest.fixture
def responses(personas: Personas, questionnaire: Questionnaire) -> None:
    """One response naming a finished dossier (satisfied), two anonymous ones (one satisfied)."""
    procedure = make_procedure(personas.agency, days="10")
    code = resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00", code="HS-1").code
    respond(questionnaire, D(2017, 3, 4), 5, dossier_code=code)
    respond(questionnaire, D(2017, 3, 5), 5)
    respond(questionnaire, D(2017, 3, 6), 2)


def test_the_summary_counts_identified_and_anonymous_responses_apart_and_they_add_up(
    personas: Personas, responses: None
) -> None:
    summary = satisfaction_summary(agency=personas.agency, date_from=D(2017, 1, 1), date_to=D(2017, 12, 31))
    assert summary["identified"] == {"responses": 1, "valid": 1, "satisfied": 1, "rate": 100.0}
    assert summary["anonymous"] == {"responses": 2, "valid": 2, "satisfied": 1, "rate": 50.0}
    identified, anonymous = summary["identified"], summary["anonymous"]
    assert identified["responses"] + anonymous["responses"] == summary["responses"]
    assert identified["valid"] + anonymous["valid"] == summary["valid"]
    assert identified["satisfied"] + anonymous["satisfied"] == summary["satisfied"]


def test_the_results_page_and_the_dashboard_show_the_anonymous_responses_apart(
    personas: Personas, responses: None
) -> None:
    client = client_for(personas.viewer)
    results = client.get(reverse("surveys:results"), {"date_from": "2017-01-01", "date_to": "2017-12-31"})
    dashboard = client.get(reverse("core:dashboard"))
    for page in (results, dashboard):
        html = re.sub(r"<[^>]+>", "", page.content.decode())
        assert "2/3 = 66,67%" in html  # all responses, and apart:
        assert IDENTIFIED in html and ANONYMOUS in html
