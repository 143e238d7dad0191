"""Reads of the management review: scoped querysets and the review's JSON export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from eiso.core.access import scoped
from eiso.core.models import Agency, Person
from eiso.reviews.choices import ActionState, Attendance
from eiso.reviews.models import (
    ExternalProvider,
    ManagementReview,
    ProviderEvaluation,
    QmsChange,
    QmsPlan,
    QmsRecord,
    ReviewDecision,
    ReviewInput,
)


def review_list(*, agency: Agency) -> QuerySet[ManagementReview]:
    return (
        scoped(ManagementReview.objects.all(), agency)
        .select_related("chair", "secretary")
        .annotate(
            decisions_total=Count("decisions", distinct=True),
            decisions_open=Count("decisions", filter=Q(decisions__state=ActionState.OPEN), distinct=True),
        )
        .order_by("-year")
    )


def review_detail_queryset(*, agency: Agency) -> QuerySet[ManagementReview]:
    return scoped(ManagementReview.objects.all(), agency).select_related("chair", "secretary", "agency")


def review_inputs(*, review: ManagementReview) -> QuerySet[ReviewInput]:
    return review.inputs.order_by("order")


def review_decisions(*, review: ManagementReview) -> QuerySet[ReviewDecision]:
    return review.decisions.select_related("owner", "owner_division").order_by("id")


def attendance(*, review: ManagementReview, status: str | None = None) -> list[Person]:
    rows = review.attendance.select_related("person").order_by("person__full_name")
    if status:
        rows = rows.filter(attendance=status)
    return [row.person for row in rows]


def change_list(*, agency: Agency) -> QuerySet[QmsChange]:
    return scoped(QmsChange.objects.all(), agency).order_by("-effective_on", "-id")


def provider_list(*, agency: Agency) -> QuerySet[ExternalProvider]:
    """The register of external providers, each with its evaluations (newest first)."""
    evaluations = ProviderEvaluation.objects.select_related("evaluated_by").order_by("-evaluated_on", "-id")
    return (
        scoped(ExternalProvider.objects.all(), agency)
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
        .order_by("name")
    )


def providers_in_use(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> QuerySet[ExternalProvider]:
    """Providers used at some time in the period, each with the evaluations made in it (newest first)."""
    evaluations = ProviderEvaluation.objects.filter(
        evaluated_on__gte=date_from, evaluated_on__lte=date_to
    ).order_by("-evaluated_on", "-id")
    return (
        scoped(ExternalProvider.objects.all(), agency)
        .filter(since__lte=date_to)
        .filter(Q(until__isnull=True) | Q(until__gte=date_from))
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
        .order_by("name")
    )


def record_list(*, agency: Agency) -> QuerySet[QmsRecord]:
    return scoped(QmsRecord.objects.all(), agency).select_related("signed_by")


def plan_for(*, agency: Agency, year: int) -> QmsPlan | None:
    return (
        scoped(QmsPlan.objects.all(), agency)
        .prefetch_related("budget_lines", "audit_divisions")
        .filter(year=year)
        .first()
    )


def open_actions(*, agency: Agency) -> QuerySet[ReviewDecision]:
    return scoped(ReviewDecision.objects.filter(state=ActionState.OPEN), agency).select_related(
        "review", "owner", "owner_division"
    )


def review_export(*, review: ManagementReview) -> dict[str, Any]:
    """Meeting, inputs (by section key) and outputs, as the CLI's JSON."""
    decisions = review_decisions(review=review)
    return {
        "meeting": {
            "agency": review.agency.code,
            "year": review.year,
            "state": review.state,
            "planned_on": review.planned_on.isoformat(),
            "held_on": review.held_on.isoformat() if review.held_on else None,
            "place": review.place,
            "chair": str(review.chair),
            "secretary": str(review.secretary),
            "present": [str(p) for p in attendance(review=review, status=Attendance.PRESENT)],
            "absent": [str(p) for p in attendance(review=review, status=Attendance.ABSENT)],
            "inputs_as_of": review.inputs_as_of.isoformat() if review.inputs_as_of else None,
            "minutes_number": review.minutes_number,
        },
        "inputs": {
            i.key: {**i.data, "clause": i.clause, "title": i.title, "commentary": i.commentary}
            for i in review_inputs(review=review)
        },
        "outputs": [
            {
                "kind": d.kind,
                "text": d.text,
                "owner": str(d.owner or d.owner_division or ""),
                "deadline": d.deadline.isoformat() if d.deadline else None,
                "amount_vnd": d.amount_vnd,
                "state": d.state,
                "result_note": d.result_note,
            }
            for d in decisions
        ],
    }
