"""An issued objective set takes no new objective, no new indicator and no second issuing decision; a
revision is a new set issued by a new decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from eiso.core.testing import Personas
from eiso.objectives import services
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.tests.factories import make_indicator


def _issued(personas: Personas) -> ObjectiveSet:
    indicator = make_indicator(personas.agency, "manual")
    objective_set = indicator.objective.objective_set
    return services.objective_set_issue(
        objective_set=objective_set,
        decision_number="15/QĐ-STN",
        decision_date=dt.date(2017, 1, 10),
        actor=None,
    )


def test_an_issued_set_takes_no_new_objective(personas: Personas) -> None:
    objective_set = _issued(personas)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.objective_create(objective_set=objective_set, text="Mục tiêu thêm sau", actor=None)
    assert objective_set.objectives.count() == 1


def test_an_issued_set_takes_no_new_indicator(personas: Personas) -> None:
    objective = _issued(personas).objectives.get()
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.indicator_create(
            objective=objective, name="Chỉ tiêu thêm", target_value=Decimal(90), actor=None
        )
    assert objective.indicators.count() == 1


def test_an_issued_set_is_not_issued_a_second_time(personas: Personas) -> None:
    objective_set = _issued(personas)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.objective_set_issue(
            objective_set=objective_set,
            decision_number="99/QĐ-STN",
            decision_date=dt.date(2017, 6, 1),
            actor=None,
        )
    objective_set.refresh_from_db()
    assert objective_set.decision_number == "15/QĐ-STN"
