import json
from io import StringIO

import pytest
from django.core.management import call_command

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_three_2017_objectives_met_as_in_the_article() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # re-runnable: same data
    out = StringIO()
    call_command(
        "objectives_status", agency=DEMO_AGENCY_CODE, year=2017, as_of="2017-08-01", format="json", stdout=out
    )
    rows = json.loads(out.getvalue())
    assert [(r["source"], r["numerator"], r["denominator"], r["status"]) for r in rows] == [
        ("dossiers_on_time_rate", 70, 70, "met"),
        ("procedures_published_rate", 46, 46, "met"),
        ("satisfaction_rate", 54, 54, "met"),
    ]
    assert rows[1]["extra"] == {"processes_published": 48, "processes_total": 48}
    assert SurveyResponse.objects.filter(period__lt="2017-08-01").count() == 54
    out = StringIO()
    call_command(
        "objectives_status", agency=DEMO_AGENCY_CODE, year=2018, as_of="2018-12-31", format="json", stdout=out
    )
    sources_2018 = [r["source"] for r in json.loads(out.getvalue())]
    assert "dossiers_early_rate" in sources_2018 and "manual" in sources_2018
