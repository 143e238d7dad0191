import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.objectives.models import Indicator, MeasurementSnapshot, ObjectiveSet
from eiso.objectives.services import objective_set_copy, objectives_snapshot
from eiso.objectives.tests.factories import make_indicator
from eiso.surveys.services import questionnaire_default_create
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db
D = dt.date


def test_copying_a_set_creates_next_years_draft_with_the_same_indicators(personas: Personas) -> None:
    indicator = make_indicator(
        personas.agency, "satisfaction_rate", scope="division", scope_division=personas.division
    )
    source = indicator.objective.objective_set
    copy = objective_set_copy(source=source, year=2018, actor=personas.secretary)
    assert (copy.year, copy.state, copy.copied_from) == (2018, "draft", source)
    copied = Indicator.objects.get(objective__objective_set=copy)
    assert (copied.name, copied.source, copied.scope_division, copied.target_value) == (
        indicator.name,
        "satisfaction_rate",
        personas.division,
        indicator.target_value,
    )
    assert Indicator.objects.filter(objective__objective_set=source).count() == 1


def test_a_year_cannot_be_copied_twice(personas: Personas) -> None:
    source = make_indicator(personas.agency, "manual").objective.objective_set
    objective_set_copy(source=source, year=2018, actor=None)
    with pytest.raises(ValidationError):
        objective_set_copy(source=source, year=2018, actor=None)


def test_the_secretary_copies_a_set_from_its_page_and_adds_a_new_indicator(personas: Personas) -> None:
    source = make_indicator(personas.agency, "satisfaction_rate").objective.objective_set
    client = client_for(personas.secretary)
    response = client.post(reverse("objectives:set_copy", kwargs={"pk": source.pk}), {"year": "2018"})
    target = ObjectiveSet.objects.get(agency=personas.agency, year=2018)
    assert response["Location"] == reverse("objectives:set_detail", kwargs={"pk": target.pk})
    objective = target.objectives.get()
    response = client.post(
        reverse("objectives:indicator_add", kwargs={"pk": target.pk}),
        {
            "objective": objective.pk,
            "name": "Tỷ lệ hồ sơ sớm hạn",
            "comparison": "gte",
            "target_value": "90",
            "unit": "%",
            "frequency": "quarterly",
            "source": "dossiers_early_rate",
            "scope": "agency",
        },
    )
    assert response.status_code == 302
    assert list(objective.indicators.values_list("source", flat=True)) == [
        "satisfaction_rate",
        "dossiers_early_rate",
    ]


def test_an_officer_cannot_copy_objectives(personas: Personas) -> None:
    source = make_indicator(personas.agency, "manual").objective.objective_set
    response = client_for(personas.officer).post(
        reverse("objectives:set_copy", kwargs={"pk": source.pk}), {"year": "2018"}
    )
    assert response.status_code == 403


def test_the_set_page_shows_each_value_with_its_fraction_status_and_link(personas: Personas) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    respond(questionnaire, D(2017, 1, 5), 5)
    respond(questionnaire, D(2017, 2, 5), 4)
    objective_set = make_indicator(personas.agency, "satisfaction_rate").objective.objective_set
    url = reverse("objectives:set_detail", kwargs={"pk": objective_set.pk})
    html = client_for(personas.viewer).get(url, {"as_of": "2017-08-01"}).content.decode()
    assert "<strong>2/2</strong>" in html
    assert "Đạt" in html
    assert "/khao-sat/phieu/?date_from=2017-01-01&amp;date_to=2017-08-01" in html


def test_the_indicator_page_draws_the_trend(personas: Personas) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    respond(questionnaire, D(2017, 1, 5), 5)
    indicator = make_indicator(personas.agency, "satisfaction_rate")
    html = (
        client_for(personas.viewer)
        .get(reverse("objectives:indicator", kwargs={"pk": indicator.pk}), {"as_of": "2017-08-01"})
        .content.decode()
    )
    assert "<svg" in html
    assert "Q1/2017" in html


def test_a_snapshot_freezes_the_figures_of_every_indicator(personas: Personas) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    respond(questionnaire, D(2017, 1, 5), 5)
    indicator = make_indicator(personas.agency, "satisfaction_rate")
    rows = objectives_snapshot(objective_set=indicator.objective.objective_set, as_of=D(2017, 8, 1))
    assert [(r["display"], r["status"]) for r in rows] == [("1/1", "met")]
    respond(questionnaire, D(2017, 2, 5), 1)  # later records do not change what was frozen
    snapshot = MeasurementSnapshot.objects.get(indicator=indicator)
    assert (snapshot.numerator, snapshot.denominator, snapshot.status) == (1, 1, "met")
    json.dumps(rows)


def test_the_cli_prints_each_indicator_as_json(personas: Personas) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    respond(questionnaire, D(2017, 1, 5), 5)
    make_indicator(personas.agency, "satisfaction_rate")
    make_indicator(personas.agency, "procedures_published_rate")
    out = StringIO()
    call_command(
        "objectives_status",
        agency=personas.agency.code,
        year=2017,
        as_of="2017-08-01",
        format="json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    assert rows == [
        {
            "name": "Chỉ tiêu satisfaction_rate",
            "source": "satisfaction_rate",
            "target": "≥ 100%",
            "value": 100,
            "numerator": 1,
            "denominator": 1,
            "status": "met",
            # the anonymous response is counted, and shown apart over its own denominator
            "extra": {
                "identified_satisfied": 0,
                "identified_valid": 0,
                "anonymous_satisfied": 1,
                "anonymous_valid": 1,
            },
        },
        {
            "name": "Chỉ tiêu procedures_published_rate",
            "source": "procedures_published_rate",
            "target": "≥ 100%",
            "value": None,
            "numerator": None,
            "denominator": None,
            "status": "no_data",
        },
    ]
