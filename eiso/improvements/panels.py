"""The "my tasks" dashboard panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from eiso.core.models import Person
from eiso.improvements import selectors


def my_tasks_panel(request: HttpRequest) -> dict[str, Any] | None:
    person: Person | None = getattr(request, "person", None)
    if person is None or person.agency_id != getattr(request, "agency", person.agency).pk:
        return None
    tasks = selectors.my_tasks(person=person)
    counts = {
        "actions": tasks["actions"].count(),
        "to_plan": tasks["to_plan"].count(),
        "to_approve": tasks["to_approve"].count(),
        "to_verify": tasks["to_verify"].count(),
        "proposals": tasks["proposals"].count() if tasks["proposals"] is not None else 0,
    }
    return {"task_counts": counts, "task_total": sum(counts.values())}
