"""Reads of the surveys area: every figure is a database aggregate over the agency's responses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear

from eiso.core.access import scoped
from eiso.core.models import Agency, Division
from eiso.procedures.models import Procedure
from eiso.surveys.choices import QuestionKind
from eiso.surveys.contracts import SatisfactionSummary
from eiso.surveys.models import Answer, SurveyResponse

SATISFIED = Q(overall__gte=F("questionnaire__satisfied_threshold"))


def response_list(
    *,
    agency: Agency,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    procedure: Procedure | None = None,
    division: Division | None = None,
    satisfied: bool | None = None,
    with_comment: bool = False,
) -> QuerySet[SurveyResponse]:
    """The agency's responses in a period, filtered; newest first."""
    queryset = scoped(SurveyResponse.objects.all(), agency)
    if date_from:
        queryset = queryset.filter(period__gte=date_from)
    if date_to:
        queryset = queryset.filter(period__lte=date_to)
    if procedure is not None:
        queryset = queryset.filter(procedure=procedure)
    if division is not None:
        queryset = queryset.filter(division=division)
    if satisfied is True:
        queryset = queryset.filter(SATISFIED)
    elif satisfied is False:
        queryset = queryset.filter(overall__isnull=False).exclude(SATISFIED)
    if with_comment:
        queryset = queryset.exclude(comment="")
    return queryset.select_related("procedure", "division", "entered_by").order_by("-period", "-id")


def satisfaction_summary(
    *,
    agency: Agency,
    date_from: dt.date,
    date_to: dt.date,
    procedure: Procedure | None = None,
    division: Division | None = None,
) -> SatisfactionSummary:
    """responses, valid (with an overall rating), satisfied, rate (% or None) and per-question means.

    A response is satisfied when its overall rating reaches its questionnaire's threshold (4 by default).
    """
    responses = response_list(
        agency=agency, date_from=date_from, date_to=date_to, procedure=procedure, division=division
    ).order_by()
    totals = responses.aggregate(
        responses=Count("id"),
        valid=Count("id", filter=Q(overall__isnull=False)),
        satisfied=Count("id", filter=SATISFIED),
    )
    valid = totals["valid"]
    rate = round(100 * totals["satisfied"] / valid, 2) if valid else None
    per_question = list(
        Answer.objects.filter(response__in=responses, value__isnull=False)
        .exclude(question__kind=QuestionKind.TEXT)
        .values("question_id", "question__text", "question__kind", "question__order")
        .annotate(mean=Avg("value"), answers=Count("id"))
        .order_by("question__order", "question_id")
    )
    return {
        "responses": totals["responses"],
        "valid": valid,
        "satisfied": totals["satisfied"],
        "rate": rate,
        "per_question": [
            {
                "question_id": row["question_id"],
                "text": row["question__text"],
                "kind": row["question__kind"],
                "mean": round(float(row["mean"]), 2),
                "answers": row["answers"],
            }
            for row in per_question
        ],
    }


def grouped_results(queryset: QuerySet[SurveyResponse], *fields: str) -> QuerySet[Any]:
    """Responses, valid ones, satisfied ones and the mean overall rating per group of `fields` (dict rows)."""
    return (
        queryset.order_by()
        .values(*fields)
        .annotate(
            responses=Count("id"),
            valid=Count("id", filter=Q(overall__isnull=False)),
            satisfied=Count("id", filter=SATISFIED),
            mean=Avg("overall"),
        )
        .order_by(*fields)
    )


def _breakdown(queryset: QuerySet[SurveyResponse], *fields: str) -> list[dict[str, Any]]:
    result = []
    for row in grouped_results(queryset, *fields):
        row["rate"] = round(100 * row["satisfied"] / row["valid"], 2) if row["valid"] else None
        row["mean"] = round(float(row["mean"]), 2) if row["mean"] is not None else None
        result.append(row)
    return result


def satisfaction_breakdown(
    *,
    agency: Agency,
    date_from: dt.date,
    date_to: dt.date,
    procedure: Procedure | None = None,
    division: Division | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The same figures per procedure, per division and per quarter."""
    responses = response_list(
        agency=agency, date_from=date_from, date_to=date_to, procedure=procedure, division=division
    )
    quarters = responses.annotate(year=ExtractYear("period"), quarter=ExtractQuarter("period"))
    return {
        "procedure": _breakdown(responses, "procedure__code", "procedure__name"),
        "division": _breakdown(responses, "division__name"),
        "quarter": _breakdown(quarters, "year", "quarter"),
    }


def response_rate(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, responses: int
) -> dict[str, Any] | None:
    """Responses over dossiers resolved in the period (domain §3.5), or None when nothing was resolved."""
    from eiso.dossiers.selectors import dossier_stats

    resolved = dossier_stats(agency=agency, date_from=date_from, date_to=date_to)["resolved_total"]
    if not resolved:
        return None
    return {"responses": responses, "resolved": resolved, "rate": round(100 * responses / resolved, 2)}
