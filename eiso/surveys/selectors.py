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
from eiso.surveys.contracts import SatisfactionPart, SatisfactionSummary
from eiso.surveys.models import Answer, SurveyResponse

SATISFIED = Q(overall__gte=F("questionnaire__satisfied_threshold"))
ANONYMOUS = Q(dossier_code="")
"""A response naming no dossier. One naming a dossier is accepted only for a finished dossier of the agency
(`survey_response_submit`); an anonymous one can come from anyone, so it is reported apart, with its own
denominator, wherever the satisfaction rate is shown."""


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


def _counts(prefix: str, subset: Q | None = None) -> dict[str, Count]:
    """responses, valid (with an overall rating) and satisfied, within `subset`, named with `prefix`."""
    within = subset if subset is not None else Q()
    return {
        f"{prefix}responses": Count("id", filter=within),
        f"{prefix}valid": Count("id", filter=within & Q(overall__isnull=False)),
        f"{prefix}satisfied": Count("id", filter=within & SATISFIED),
    }


def _rate(satisfied: int, valid: int) -> float | None:
    return round(100 * satisfied / valid, 2) if valid else None


def _part(totals: dict[str, Any], prefix: str) -> SatisfactionPart:
    valid, satisfied = totals[f"{prefix}valid"], totals[f"{prefix}satisfied"]
    return {
        "responses": totals[f"{prefix}responses"],
        "valid": valid,
        "satisfied": satisfied,
        "rate": _rate(satisfied, valid),
    }


def satisfaction_summary(
    *,
    agency: Agency,
    date_from: dt.date,
    date_to: dt.date,
    procedure: Procedure | None = None,
    division: Division | None = None,
) -> SatisfactionSummary:
    """responses, valid (with an overall rating), satisfied, rate (% or None) and per-question means; the same
    counts apart for the responses naming a finished dossier (`identified`) and the anonymous ones, which add
    up to the totals.

    A response is satisfied when its overall rating reaches its questionnaire's threshold (4 by default).
    """
    responses = response_list(
        agency=agency, date_from=date_from, date_to=date_to, procedure=procedure, division=division
    ).order_by()
    totals = responses.aggregate(
        **_counts(""),
        **_counts("identified_", ~ANONYMOUS),
        **_counts("anonymous_", ANONYMOUS),
    )
    valid = totals["valid"]
    rate = _rate(totals["satisfied"], valid)
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
        "identified": _part(totals, "identified_"),
        "anonymous": _part(totals, "anonymous_"),
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
