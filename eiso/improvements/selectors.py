"""Reads of nonconformities and corrective actions, agency-scoped; summaries computed in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from eiso.core.access import scoped
from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.improvements.choices import CarState, ProposalState, Verification
from eiso.improvements.contracts import NonconformitySummary, RequestRow
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


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _cancelled_by(day: dt.date) -> Q:
    """Cancelled by the end of `day`: the request's history shows the cancellation by then; a request whose
    history starts later (entered afterwards, with its past dates) is taken as it stands."""
    rows = CorrectiveAction.history.model.objects.filter(id=OuterRef("pk"), history_date__lt=_end_of(day))
    return Q(state=CarState.CANCELLED) & (Exists(rows.filter(state=CarState.CANCELLED)) | ~Exists(rows))


def _resolved_by(day: dt.date) -> Q:
    """Closed, forwarded to a follow-up request, or cancelled by `day`, from the dates of those events."""
    forwarded = Q(state=CarState.FORWARDED, verified_on__lte=day)
    return Q(closed_on__lte=day) | forwarded | _cancelled_by(day)


def car_open_on(day: dt.date) -> Q:
    """Requested by `day` and not yet resolved that day: the state on that date, not the current one."""
    return Q(requested_on__lte=day) & ~_resolved_by(day)


def _in_period(date_from: dt.date, date_to: dt.date) -> Q:
    """Requests of the period: requested in it, or carried over (still open the day before it began)."""
    return Q(requested_on__gte=date_from, requested_on__lte=date_to) | car_open_on(
        date_from - dt.timedelta(days=1)
    )


def state_on(date_to: dt.date) -> Case:
    """A request's state on `date_to`: closed, forwarded, cancelled or open."""
    return Case(
        When(Q(closed_on__lte=date_to), then=Value(CarState.CLOSED.value)),
        When(Q(state=CarState.FORWARDED, verified_on__lte=date_to), then=Value(CarState.FORWARDED.value)),
        When(_cancelled_by(date_to), then=Value(CarState.CANCELLED.value)),
        default=Value("open"),
        output_field=CharField(),
    )


def corrective_actions_of_period(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> list[RequestRow]:
    """The requests `nonconformity_summary` counts (at most `MAX_LISTED`), each with its state on
    `date_to`."""
    rows = (
        scoped(CorrectiveAction.objects.all(), agency)
        .filter(_in_period(date_from, date_to))
        .annotate(state_on=state_on(date_to), division=F("nonconformity__division__name"))
        .order_by("requested_on", "id")
        .values("id", "number", "division", "requested_on", "due_on", "state_on")
    )
    return [
        {
            "id": row["id"],
            "number": row["number"],
            "division": row["division"],
            "requested_on": row["requested_on"],
            "due_on": row["due_on"],
            "state": row["state_on"],
        }
        for row in rows[:MAX_LISTED]
    ]


MAX_LISTED = 200


def nonconformity_summary(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> NonconformitySummary:
    """Nonconformities raised in the period (with or without a corrective-action request); the requests of
    the period (requested in it or carried over open) by their state on `date_to`, judged from the dates of
    their events, so that requested + carried_over = closed + forwarded + cancelled + open."""
    ncs = scoped(Nonconformity.objects.all(), agency).filter(raised_on__gte=date_from, raised_on__lte=date_to)
    requested_by_end = CorrectiveAction.objects.filter(
        nonconformity=OuterRef("pk"), requested_on__lte=date_to
    )
    cars = scoped(CorrectiveAction.objects.all(), agency).filter(_in_period(date_from, date_to))
    closed = Q(closed_on__lte=date_to)
    open_ = car_open_on(date_to)
    verified = Q(verified_on__gte=date_from, verified_on__lte=date_to)
    result: dict[str, Any] = ncs.aggregate(
        opened=Count("pk"), with_request=Count("pk", filter=Exists(requested_by_end))
    )
    result.update(
        cars.aggregate(
            requested=Count("pk", filter=Q(requested_on__gte=date_from)),
            carried_over=Count("pk", filter=Q(requested_on__lt=date_from)),
            closed=Count("pk", filter=closed),
            closed_on_time=Count("pk", filter=closed & _actions_done_by_deadline()),
            forwarded=Count("pk", filter=Q(state=CarState.FORWARDED, verified_on__lte=date_to)),
            cancelled=Count("pk", filter=_cancelled_by(date_to)),
            verified_effective=Count("pk", filter=verified & Q(verification=Verification.EFFECTIVE)),
            verified_not_effective=Count("pk", filter=verified & Q(verification=Verification.NOT_EFFECTIVE)),
            open=Count("pk", filter=open_),
            overdue=Count("pk", filter=open_ & Q(due_on__lt=date_to)),
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
