"""Reads of the risk register, scoped to an agency; the level comes from the agency's thresholds in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.risks.choices import Effectiveness, RiskLevel, RiskStatus
from eiso.risks.contracts import RiskSummary
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


def risk_summary(*, agency: Agency, as_of: dt.date) -> RiskSummary:
    """Open risks by level and kind, treatment actions by status, effectiveness of reviewed risks."""
    scale = scale_of(agency)
    risks = scoped(Risk.objects.all(), agency).filter(identified_on__lte=as_of)
    open_risks = risks.filter(status=RiskStatus.OPEN).annotate(level=level_expression(scale))
    result: dict[str, Any] = open_risks.aggregate(
        **{level: Count("pk", filter=Q(level=level)) for level in RiskLevel.values},
        risks=Count("pk", filter=Q(kind="risk")),
        opportunities=Count("pk", filter=Q(kind="opportunity")),
        due_for_review=Count("pk", filter=Q(review_on__lte=as_of)),
    )
    result["actions"] = RiskAction.objects.filter(risk__in=risks).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=as_of)),
        overdue=Count("pk", filter=Q(deadline__lt=as_of) & (Q(done_on__isnull=True) | Q(done_on__gt=as_of))),
    )
    result["effectiveness"] = risks.filter(reviewed_on__lte=as_of).aggregate(
        **{value: Count("pk", filter=Q(effectiveness=value)) for value in Effectiveness.values}
    )
    return cast(RiskSummary, result)
