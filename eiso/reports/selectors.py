"""Reads of the provincial supervisor's reports: one annotated query over the agencies of the province."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol, cast

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce

from eiso.audits.models import Audit
from eiso.core.access import visible_agencies
from eiso.core.models import Agency, Person
from eiso.improvements.models import CorrectiveAction
from eiso.improvements.selectors import car_open_on
from eiso.reports.models import SelfReport
from eiso.reviews.models import ManagementReview, ReviewInput
from eiso.reviews.register import overdue_legal_flags, stale_recorded_changes


def _count(queryset: QuerySet[Any]) -> Coalesce:
    return Coalesce(
        Subquery(queryset.order_by().values("agency").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def _flag_count(queryset: QuerySet[Any]) -> Coalesce:
    grouped = queryset.order_by().values("document__agency").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(grouped), Value(0), output_field=IntegerField())


def _json_int(queryset: QuerySet[ReviewInput], key: str) -> QuerySet[Any]:
    return queryset.annotate(value=Cast(KeyTextTransform(key, "data"), IntegerField())).values("value")[:1]


class ProvinceRow(Protocol):
    """An agency of `province_overview` with the figures annotated on it."""

    name: str
    last_review_on: dt.date | None
    last_audit_on: dt.date | None
    objectives_met: int | None
    objectives_total: int | None
    cars_open: int
    cars_overdue: int
    stale_changes: int


def province_rows(agencies: QuerySet[Agency]) -> Iterator[ProvinceRow]:
    """The rows of `province_overview`, streamed, typed with their annotations."""
    for agency in agencies.iterator(chunk_size=500):
        yield cast(ProvinceRow, agency)


def province_overview(*, person: Person, year: int, as_of: dt.date) -> QuerySet[Agency]:
    """Every agency of the supervisor's province running a QMS (not the supervising or the governing body)."""
    agencies = visible_agencies(person).filter(is_supervisor=False, children__isnull=True)
    cars = CorrectiveAction.objects.filter(agency=OuterRef("pk")).filter(car_open_on(as_of))  # as it stood
    stale_changes = stale_recorded_changes(agency=OuterRef("pk"), as_of=as_of)
    overdue_flags = overdue_legal_flags(agency=OuterRef("pk"), as_of=as_of)
    objectives = ReviewInput.objects.filter(
        review__agency=OuterRef("pk"), review__year=year, key="objectives"
    )
    reviews = ManagementReview.objects.filter(
        agency=OuterRef("pk"), held_on__isnull=False, held_on__lte=as_of
    )
    audits = Audit.objects.filter(agency=OuterRef("pk"), starts_on__lte=as_of)
    return (
        agencies.select_related("qms_profile")
        .annotate(
            last_review_on=Subquery(reviews.order_by("-held_on").values("held_on")[:1]),
            last_audit_on=Subquery(audits.order_by("-starts_on").values("starts_on")[:1]),
            objectives_met=Subquery(_json_int(objectives, "met")),
            objectives_total=Subquery(_json_int(objectives, "total")),
            cars_open=_count(cars),
            cars_overdue=_count(cars.filter(due_on__lt=as_of)),
            stale_changes=_count(stale_changes) + _flag_count(overdue_flags),
        )
        .order_by("name")
    )


def province_totals(agencies: QuerySet[Agency], *, year: int) -> dict[str, Any]:
    """Province totals over the overview rows, computed by the database."""
    return agencies.aggregate(
        agencies=Count("pk", distinct=True),
        announced=Count("pk", filter=Q(qms_profile__announced_on__isnull=False), distinct=True),
        reviewed=Count(
            "pk",
            filter=Q(management_reviews__year=year, management_reviews__held_on__isnull=False),
            distinct=True,
        ),
        last_review=Max("management_reviews__held_on"),
    )


# --- the yearly self-report (TT 26/2014/TT-BKHCN, Art. 36) ---------------------------------------------


def self_report_review(*, agency: Agency, year: int | None = None) -> ManagementReview | None:
    """The management review the self-report of `year` is issued from (the latest one when no year)."""
    reviews = ManagementReview.objects.filter(agency=agency).select_related("agency", "chair")
    return (reviews.filter(year=year) if year is not None else reviews.order_by("-year")).first()


def self_report_of(review: ManagementReview) -> SelfReport | None:
    return SelfReport.objects.filter(review=review).select_related("signed_by").first()
