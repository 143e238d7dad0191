"""Builders for the objectives tests (real rows through the services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eiso.core.models import Agency
from eiso.objectives.models import Indicator, ObjectiveSet
from eiso.objectives.services import indicator_create, objective_create, objective_set_create


def make_set(agency: Agency, year: int = 2017) -> ObjectiveSet:
    return objective_set_create(agency=agency, year=year, actor=None, decision_number="15/QĐ-STN")


def make_indicator(
    agency: Agency,
    source: str,
    target: str = "100",
    year: int = 2017,
    objective_set: ObjectiveSet | None = None,
    **fields: Any,
) -> Indicator:
    objective_set = (
        objective_set
        or ObjectiveSet.objects.filter(agency=agency, year=year).first()
        or make_set(agency, year)
    )
    objective = objective_create(objective_set=objective_set, text=f"Mục tiêu {source}", actor=None)
    return indicator_create(
        objective=objective,
        name=f"Chỉ tiêu {source}",
        target_value=Decimal(target),
        source=source,
        actor=None,
        **fields,
    )
