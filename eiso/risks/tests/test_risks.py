import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.risks import services
from eiso.risks.selectors import risk_list, risk_summary
from eiso.risks.tests.factories import DAY, make_risk

pytestmark = pytest.mark.django_db


def test_the_level_is_likelihood_times_impact_against_the_agency_thresholds(personas: Personas) -> None:
    make_risk(personas, "R1", 1, 4)  # 4: low
    make_risk(personas, "R2", 2, 3)  # 6: medium
    make_risk(personas, "R3", 3, 4)  # 12: high
    levels = dict(risk_list(agency=personas.agency).values_list("code", "level"))  # type: ignore[misc]
    assert levels == {"R1": "low", "R2": "medium", "R3": "high"}
    services.risk_scale_update(
        agency=personas.agency,
        actor=personas.secretary,
        likelihood_labels=["a", "b", "c", "d", "e"],
        impact_labels=["a", "b", "c", "d", "e"],
        medium_from=4,
        high_from=6,
    )
    levels = dict(risk_list(agency=personas.agency).values_list("code", "level"))  # type: ignore[misc]
    assert levels == {"R1": "medium", "R2": "high", "R3": "high"}


def test_a_score_outside_the_scale_is_refused_on_its_field(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        make_risk(personas, "R1", 6, 1)
    assert "likelihood" in caught.value.error_dict


def test_a_scale_cannot_shrink_below_scores_in_use(personas: Personas) -> None:
    make_risk(personas, "R1", 5, 5)
    with pytest.raises(ValidationError, match="vượt quá thang"):
        services.risk_scale_update(
            agency=personas.agency,
            actor=personas.secretary,
            likelihood_labels=["a", "b", "c"],
            impact_labels=["a", "b", "c"],
            medium_from=3,
            high_from=6,
        )


def test_effectiveness_is_reviewed_only_after_an_action(personas: Personas) -> None:
    risk = make_risk(personas, "R1", 3, 3)
    with pytest.raises(ValidationError, match="Chưa có biện pháp"):
        services.risk_review(risk=risk, actor=personas.secretary, on=DAY, effectiveness="effective")


def test_the_risk_summary_matches_a_hand_count(personas: Personas) -> None:
    r1 = make_risk(personas, "R1", 1, 2)  # low
    r2 = make_risk(personas, "R2", 3, 2)  # medium
    r3 = make_risk(personas, "R3", 4, 4)  # high
    make_risk(personas, "O1", 2, 2, kind="opportunity")  # low
    a1 = services.risk_action_add(
        risk=r3,
        actor=personas.secretary,
        description="a",
        owner=personas.officer,
        deadline=dt.date(2017, 4, 1),
    )
    services.risk_action_add(
        risk=r3,
        actor=personas.secretary,
        description="b",
        owner=personas.officer,
        deadline=dt.date(2017, 5, 1),
    )
    services.risk_action_add(
        risk=r2,
        actor=personas.secretary,
        description="c",
        owner=personas.officer,
        deadline=dt.date(2017, 12, 1),
    )
    services.risk_action_done(action=a1, actor=personas.officer, on=dt.date(2017, 3, 20))
    services.risk_review(risk=r3, actor=personas.secretary, on=dt.date(2017, 6, 1), effectiveness="partly")
    services.risk_action_add(
        risk=r1,
        actor=personas.secretary,
        description="d",
        owner=personas.officer,
        deadline=dt.date(2017, 4, 1),
    )
    services.risk_review(
        risk=r1, actor=personas.secretary, on=dt.date(2017, 6, 1), effectiveness="effective", close=True
    )
    summary = risk_summary(agency=personas.agency, as_of=dt.date(2017, 6, 30))
    # R1 closed; the opportunity O1 has no risk level: the levels add up to the risks
    assert (summary["low"], summary["medium"], summary["high"]) == (0, 1, 1)
    assert (summary["risks"], summary["opportunities"]) == (2, 1)
    before_closing = risk_summary(agency=personas.agency, as_of=dt.date(2017, 5, 31))
    assert (before_closing["low"], before_closing["risks"]) == (1, 3)  # R1 was still open then
    # b is overdue; d, left undone when R1 closed, is counted but no longer overdue: nobody can do it now
    assert summary["actions"] == {"total": 4, "done": 1, "overdue": 1}
    assert before_closing["actions"]["overdue"] == 2
    assert summary["effectiveness"] == {"effective": 1, "partly": 1, "not_effective": 0}


def test_the_risk_pages_render_and_show_field_errors(personas: Personas) -> None:
    risk = make_risk(personas, "R1", 2, 2)
    client = client_for(personas.secretary)
    for url in (
        reverse("risks:list"),
        reverse("risks:create"),
        reverse("risks:scale"),
        reverse("risks:detail", kwargs={"pk": risk.pk}),
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("risks:create"),
        {
            "code": "R1",
            "kind": "risk",
            "description": "x",
            "likelihood": 1,
            "impact": 1,
            "identified_on": "2017-03-01",
        },
    )
    assert response.status_code == 400  # the page comes back with the error and what was typed
    assert "đã được dùng" in response.content.decode()
    assert client_for(personas.officer).get(reverse("risks:create")).status_code == 403
