import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eiso.audits.models import AuditProgramme
from eiso.core.testing import Personas
from eiso.reviews import services
from eiso.reviews.choices import ActionState, DecisionKind
from eiso.reviews.models import ManagementReview, ReviewDecision
from eiso.reviews.tests.helpers import held


def add_budget(personas: Personas, review: ManagementReview, amount: int) -> ReviewDecision:
    return services.decision_add(
        review=review,
        kind=DecisionKind.RESOURCE_NEED,
        text="Kinh phí đánh giá nội bộ năm sau",
        amount_vnd=amount,
        is_internal_audit_budget=True,
        actor=personas.secretary,
    )


def test_internal_audit_budget_up_to_the_tt116_cap_is_accepted(personas: Personas) -> None:
    review = held(personas)
    decision = add_budget(personas, review, 15_000_000)
    assert decision.budget_year == 2018
    assert services.budget_used(agency=personas.agency, budget_year=2018) == 15_000_000


def test_internal_audit_budget_above_the_yearly_cap_is_refused_with_the_figures(personas: Personas) -> None:
    review = held(personas)
    add_budget(personas, review, 10_000_000)
    with pytest.raises(ValidationError) as error:
        add_budget(personas, review, 6_000_000)
    message = error.value.messages[0]
    assert "15.000.000" in message and "10.000.000" in message and "TT 116/2015" in message


def test_a_cancelled_budget_line_frees_the_cap(personas: Personas) -> None:
    review = held(personas)
    first = add_budget(personas, review, 12_000_000)
    services.decision_close(
        decision=first,
        state=ActionState.CANCELLED,
        result_note="Thay thế",
        actor=None,
        on=dt.date(2017, 9, 1),
    )
    add_budget(personas, review, 12_000_000)


def test_an_amount_belongs_only_to_a_resource_need(personas: Personas) -> None:
    review = held(personas)
    with pytest.raises(ValidationError, match="nguồn lực"):
        services.decision_add(
            review=review, kind=DecisionKind.IMPROVEMENT, text="X", amount_vnd=1_000, actor=None
        )


def test_next_years_plan_covers_every_division_and_carries_the_budget(personas: Personas) -> None:
    review = held(personas)
    add_budget(personas, review, 8_000_000)
    plan = services.plan_next_year(review=review, actor=personas.secretary)
    assert plan.year == 2018
    assert set(plan.audit_divisions.all()) == {personas.office, personas.division}
    assert [line.amount_vnd for line in plan.budget_lines.all()] == [8_000_000]
    programme = AuditProgramme.objects.get(agency=personas.agency, year=2018)
    assert set(programme.items.values_list("division", flat=True)) == {
        personas.office.pk,
        personas.division.pk,
    }
    assert programme.budget_amount == 8_000_000
    again = services.plan_next_year(review=review, actor=personas.secretary)
    assert again.pk == plan.pk and again.budget_lines.count() == 1
