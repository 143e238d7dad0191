"""Objects of `agency` behind every risks URL with arguments, for the isolation walk."""

import datetime as dt
from typing import Any

from eiso.core.models import Agency, Person
from eiso.risks.models import Risk, RiskAction

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = Person.objects.create(agency=agency, full_name="Cán bộ khác cơ quan")
    risk = Risk.objects.create(
        agency=agency,
        code="R-WALK",
        description="Bí mật",
        likelihood=2,
        impact=2,
        score=4,
        identified_on=dt.date(2031, 1, 1),
    )
    action = RiskAction.objects.create(risk=risk, description="x", owner=person, deadline=dt.date(2031, 2, 1))
    by_risk = {"pk": risk.pk}
    return {
        "risks:detail": by_risk,
        "risks:reassess": by_risk,
        "risks:edit": by_risk,
        "risks:cancel": by_risk,
        "risks:action_add": by_risk,
        "risks:review": by_risk,
        "risks:action_done": {"pk": action.pk},
    }
