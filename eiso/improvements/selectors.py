"""Reads of nonconformities and corrective actions, agency-scoped; summaries computed in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from eiso.core.access import scoped
from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.improvements.choices import OPEN_CAR_STATES, CarState, ProposalState, Verification
from eiso.improvements.contracts import NonconformitySummary
from eiso.improvements.models import ActionItem, CorrectiveAction, NcProposal, Nonconformity


def nonconformity_list(*, agency: Agency) -> QuerySet[Nonconformity]:
    return scoped(Nonconformity.objects.all(), agency).select_related(
        "division", "raised_by", "finding__audit"
    )


def corrective_action_list(*, agency: Agency, state: str = "") -> QuerySet[CorrectiveAction]:
    queryset = scoped(CorrectiveAction.objects.all(), agency).select_related(
        "nonconformity__division", "requested_by"
    )
    return queryset.filter(state=state) if state else queryset


def proposal_list(*, agency: Agency, state: str = ProposalState.PROPOSED) -> QuerySet[NcProposal]:
    return (
        scoped(NcProposal.objects.all(), agency)
        .filter(state=state)
        .select_related("procedure", "division")
        .annotate(dossier_count=Count("dossiers"))
        .order_by("-proposed_on", "-id")
    )


def my_tasks(*, person: Person) -> dict[str, Any]:
    """What the person must do in the improvement loop: their open actions, requests to plan, approve or
    verify, and proposals to decide."""
    cars = CorrectiveAction.objects.filter(agency_id=person.agency_id).select_related(
        "nonconformity__division"
    )
    own_division = Q(nonconformity__division_id=person.division_id) if person.division_id else Q(pk__in=[])
    is_head = person.has_role(Role.DIVISION_HEAD)
    is_manager = person.has_role(Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR)
    to_plan = Q(state__in=[CarState.PROPOSED, CarState.ANALYSING])
    to_approve = Q(state=CarState.AWAITING_APPROVAL)
    empty = cars.none()
    return {
        "actions": ActionItem.objects.filter(
            owner=person, done_at__isnull=True, corrective_action__state=CarState.IN_PROGRESS
        )
        .select_related("corrective_action")
        .order_by("deadline"),
        "to_plan": cars.filter(to_plan & own_division) if is_head else empty,
        "to_approve": cars.filter(to_approve & (Q() if is_manager else own_division))
        if (is_head or is_manager)
        else empty,
        "to_verify": cars.filter(state=CarState.VERIFYING)
        if person.has_role(Role.AUDITOR, Role.ISO_SECRETARY)
        else empty,
        "proposals": proposal_list(agency=person.agency) if person.has_role(Role.ISO_SECRETARY) else None,
    }


def _actions_done_by_deadline() -> Q:
    """No action of the request was done after the request's completion deadline (or is still open)."""
    late_or_open = ActionItem.objects.filter(corrective_action=OuterRef("pk")).filter(
        Q(done_at__isnull=True) | Q(done_at__date__gt=OuterRef("due_on"))
    )
    return Q(due_on__isnull=False) & ~Q(Exists(late_or_open))


def nonconformity_summary(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> NonconformitySummary:
    """Nonconformities opened in the period; requests closed, closed on time, verified (not) effective in
    the period; requests still open past their deadline at the period end."""
    ncs = scoped(Nonconformity.objects.all(), agency)
    cars = scoped(CorrectiveAction.objects.all(), agency)
    closed = Q(state=CarState.CLOSED, closed_on__gte=date_from, closed_on__lte=date_to)
    verified = Q(verified_on__gte=date_from, verified_on__lte=date_to)
    result: dict[str, Any] = ncs.aggregate(
        opened=Count("pk", filter=Q(raised_on__gte=date_from, raised_on__lte=date_to)),
    )
    result.update(
        cars.aggregate(
            requested=Count("pk", filter=Q(requested_on__gte=date_from, requested_on__lte=date_to)),
            closed=Count("pk", filter=closed),
            closed_on_time=Count("pk", filter=closed & _actions_done_by_deadline()),
            verified_effective=Count("pk", filter=verified & Q(verification=Verification.EFFECTIVE)),
            verified_not_effective=Count("pk", filter=verified & Q(verification=Verification.NOT_EFFECTIVE)),
            open=Count("pk", filter=Q(state__in=OPEN_CAR_STATES, requested_on__lte=date_to)),
            overdue=Count(
                "pk", filter=Q(state__in=OPEN_CAR_STATES, requested_on__lte=date_to, due_on__lt=date_to)
            ),
        )
    )
    return cast(NonconformitySummary, result)


def corrective_actions_closed_on_time_rate(
    *, agency: Agency, date_from: dt.date, date_to: dt.date
) -> tuple[int, int]:
    """(closed requests whose actions were all done by the completion deadline, all requests due in the
    period and not cancelled). Closing waits for the verification of effectiveness, which comes after the
    deadline by design, so "on time" is judged on the actions, not on the closing date."""
    counts = (
        scoped(CorrectiveAction.objects.all(), agency)
        .filter(due_on__gte=date_from, due_on__lte=date_to)
        .exclude(state=CarState.CANCELLED)
        .aggregate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(state=CarState.CLOSED) & _actions_done_by_deadline()),
        )
    )
    return counts["on_time"], counts["due"]
