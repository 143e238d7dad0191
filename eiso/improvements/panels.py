"""The "my tasks" dashboard panel and the daily rule that turns late dossiers into proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.improvements import selectors, services


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


def late_dossier_rule(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """Propose nonconformities from late dossiers, and tell the ISO secretaries about new proposals."""
    proposals = services.nc_proposals_generate(agency=agency, today=today)
    if not proposals:
        return
    secretaries = Person.objects.filter(agency=agency, is_active=True, role_grants__role=Role.ISO_SECRETARY)
    for proposal in proposals:
        for secretary in secretaries:
            yield Reminder(
                recipient=secretary,
                key=f"proposal:{proposal.pk}:{today.isoformat()}",
                title=_("Đề xuất ghi nhận sự không phù hợp: hồ sơ trễ hạn thủ tục {code}").format(
                    code=proposal.procedure.code
                ),
                body=proposal.procedure.name,
                url=reverse("improvements:proposals"),
                due_on=today,
            )
