import datetime as dt
from decimal import Decimal
from typing import Any

from eiso.core.models import Agency
from eiso.objectives.services import (
    indicator_create,
    manual_value_record,
    objective_create,
    objective_set_create,
)

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    objective_set = objective_set_create(agency=agency, year=2031, actor=None)
    objective = objective_create(objective_set=objective_set, text="Bí mật", actor=None)
    indicator = indicator_create(
        objective=objective, name="Bí mật", target_value=Decimal(1), source="manual", actor=None
    )
    value = manual_value_record(
        indicator=indicator,
        period_start=dt.date(2031, 1, 1),
        period_end=dt.date(2031, 3, 31),
        actor=None,
        value=Decimal(1),
    )
    by_set = {"pk": objective_set.pk}
    return {
        "objectives:set_detail": by_set,
        "objectives:set_copy": by_set,
        "objectives:set_issue": by_set,
        "objectives:objective_add": by_set,
        "objectives:indicator_add": by_set,
        "objectives:indicator": {"pk": indicator.pk},
        "objectives:indicator_edit": {"pk": indicator.pk},
        "objectives:objective_edit": {"pk": objective.pk},
        "objectives:manual_value_add": {"pk": indicator.pk},
        "objectives:manual_value_post": {"pk": value.pk},
        "objectives:evidence_file": {"pk": value.pk},
    }
