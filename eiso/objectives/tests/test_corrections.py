"""Objectives and indicators are corrected while their set is a draft; once issued the page offers the
amendment path instead."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.objectives import services
from eiso.objectives.tests.factories import make_indicator

pytestmark = pytest.mark.django_db


def test_the_secretary_corrects_an_indicator_before_issue(personas: Personas) -> None:
    indicator = make_indicator(personas.agency, "manual")
    response = client_for(personas.secretary).post(
        reverse("objectives:indicator_edit", args=[indicator.pk]),
        {
            "objective": indicator.objective_id,
            "name": "Tỷ lệ hồ sơ đúng hạn",
            "comparison": indicator.comparison,
            "target_value": "95",
            "unit": "%",
            "frequency": indicator.frequency,
            "source": "manual",
            "scope": "agency",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, str(indicator.target_value)) == ("Tỷ lệ hồ sơ đúng hạn", "95.00")


def test_an_objective_text_is_corrected_before_issue(personas: Personas) -> None:
    indicator = make_indicator(personas.agency, "manual")
    objective = indicator.objective
    client_for(personas.secretary).post(
        reverse("objectives:objective_edit", args=[objective.pk]), {"text": "Mục tiêu đã sửa"}
    )
    objective.refresh_from_db()
    assert objective.text == "Mục tiêu đã sửa"


def test_after_issue_the_page_offers_the_amendment_path_not_edit_links(personas: Personas) -> None:
    indicator = make_indicator(personas.agency, "manual")
    objective_set = indicator.objective.objective_set
    services.objective_set_issue(
        objective_set=objective_set,
        decision_number="15/QĐ-STN",
        decision_date=objective_set.decision_date or indicator.created_at.date(),
        actor=personas.secretary,
    )
    with pytest.raises(ValidationError, match="ban hành"):
        services.objective_update(objective=indicator.objective, actor=personas.secretary, text="x")
    client = client_for(personas.secretary)
    page = client.get(reverse("objectives:set_detail", args=[objective_set.pk])).content.decode()
    assert reverse("objectives:indicator_edit", args=[indicator.pk]) not in page
    assert "bộ mục tiêu sửa đổi" in page
    assert client.get(reverse("objectives:indicator_edit", args=[indicator.pk])).status_code == 302


def test_a_refused_issue_keeps_the_decision_number_typed(personas: Personas) -> None:
    from eiso.objectives.tests.factories import make_set

    objective_set = make_set(personas.agency)
    response = client_for(personas.secretary).post(
        reverse("objectives:set_issue", args=[objective_set.pk]),
        {"decision_number": "99/QĐ-STN", "decision_date": "2017-01-05"},
    )
    assert response.status_code == 400
    assert "99/QĐ-STN" in response.content.decode()
