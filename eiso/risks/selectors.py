"""Reads of the risk register, scoped to an agency; the level comes from the agency's thresholds in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.risks.choices import Effectiveness, RiskKind, RiskLevel, RiskStatus
from eiso.risks.contracts import OpenRisk, RiskSummary
from eiso.risks.models import Risk, RiskAction, RiskScale


def scale_of(agency: Agency) -> RiskScale:
    """The agency's scale, or the default 1–5 scale (unsaved) when it has none yet; never writes."""
    return RiskScale.objects.filter(agency=agency).first() or RiskScale(agency=agency)


def level_expression(scale: RiskScale) -> Case:
    return Case(
        When(score__gte=scale.high_from, then=Value(RiskLevel.HIGH.value)),
        When(score__gte=scale.medium_from, then=Value(RiskLevel.MEDIUM.value)),
        default=Value(RiskLevel.LOW.value),
        output_field=CharField(),
    )


def risk_list(*, agency: Agency, kind: str = "", level: str = "") -> QuerySet[Risk]:
    scale = scale_of(agency)
    queryset = (
        scoped(Risk.objects.all(), agency)
        .select_related("process", "procedure", "division", "owner")
        .annotate(
            level=level_expression(scale),
            action_count=Count("actions", distinct=True),
            open_actions=Count("actions", filter=Q(actions__done_on__isnull=True), distinct=True),
        )
    )
    queryset = queryset.order_by("-score", "code")
    if kind:
        queryset = queryset.filter(kind=kind)
    if level:
        queryset = queryset.filter(level=level)
    return queryset


def risk_actions(*, risk: Risk) -> QuerySet[RiskAction]:
    return risk.actions.select_related("owner")


def cancelled_by(as_of: dt.date, prefix: str = "") -> Q:
    """Cancelled on or before `as_of`; `prefix` ("risk__") reads the risk of a treatment action."""
    return Q(**{f"{prefix}status": RiskStatus.CANCELLED, f"{prefix}cancelled_on__lte": as_of})


def open_on(as_of: dt.date, prefix: str = "") -> Q:
    """Identified by `as_of` and neither closed nor cancelled by then (a risk is closed when its last review
    closes it, on `reviewed_on`): the register as it stood that day, not as it stands now."""
    closed = Q(**{f"{prefix}status": RiskStatus.CLOSED, f"{prefix}reviewed_on__lte": as_of})
    return Q(**{f"{prefix}identified_on__lte": as_of}) & ~closed & ~cancelled_by(as_of, prefix)


def open_risks(*, agency: Agency, as_of: dt.date) -> list[OpenRisk]:
    """The rows behind `risk_summary`: each risk and opportunity open on `as_of`, risks first."""
    rows = (
        scoped(Risk.objects.all(), agency)
        .filter(open_on(as_of))
        .annotate(level=level_expression(scale_of(agency)))
        .order_by("-kind", "-score", "code")
        .values("id", "code", "kind", "level", "description")
    )
    return [cast(OpenRisk, row) for row in rows[:MAX_LISTED]]


MAX_LISTED = 200


def risk_summary(*, agency: Agency, as_of: dt.date) -> RiskSummary:
    """Open risks by level (risks only: an opportunity has no risk level, it is counted apart), open
    opportunities, treatment actions by status, effectiveness of reviewed risks.
    high + medium + low = risks. The actions of a cancelled risk leave the counts from its cancellation; an
    action left undone when its risk closed is counted but no longer overdue (nobody can do it any more)."""
    risks = scoped(Risk.objects.all(), agency).filter(identified_on__lte=as_of)
    is_risk = Q(kind=RiskKind.RISK)
    open_now = risks.filter(open_on(as_of)).annotate(level=level_expression(scale_of(agency)))
    result: dict[str, Any] = open_now.aggregate(
        **{level: Count("pk", filter=is_risk & Q(level=level)) for level in RiskLevel.values},
        risks=Count("pk", filter=is_risk),
        opportunities=Count("pk", filter=Q(kind=RiskKind.OPPORTUNITY)),
        due_for_review=Count("pk", filter=Q(review_on__lte=as_of)),
    )
    late = Q(deadline__lt=as_of) & (Q(done_on__isnull=True) | Q(done_on__gt=as_of))
    actions = RiskAction.objects.filter(risk__in=risks).exclude(cancelled_by(as_of, "risk__"))
    result["actions"] = actions.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=as_of)),
        overdue=Count("pk", filter=late & open_on(as_of, "risk__")),
    )
    result["effectiveness"] = risks.filter(reviewed_on__lte=as_of).aggregate(
        **{value: Count("pk", filter=Q(effectiveness=value)) for value in Effectiveness.values}
    )
    return cast(RiskSummary, result)
