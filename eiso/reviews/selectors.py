"""Reads of the management review: scoped querysets and the review's JSON export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from eiso.core.access import scoped
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.reviews.choices import ActionState, Attendance, ReviewState
from eiso.reviews.models import ManagementReview, QmsChange, QmsPlan, QmsRecord, ReviewDecision, ReviewInput


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


def review_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """No review planned for the year by the configured month (default June), or none held by year end."""
    month = getattr(settings, "EISO_REVIEW_PLAN_BY_MONTH", 6)
    review = ManagementReview.objects.filter(agency=agency, year=today.year).first()
    recipients = Person.objects.filter(
        agency=agency, is_active=True, role_grants__role__in=["iso_secretary", "director"]
    ).distinct()
    if review is None and today.month >= month:
        for person in recipients:
            yield Reminder(
                recipient=person,
                key=f"review:{today.year}:unplanned",
                title=_("Chưa lập kế hoạch họp xem xét của lãnh đạo năm {year}").format(year=today.year),
                body=_("QĐ 19/2014 yêu cầu xem xét của lãnh đạo ít nhất mỗi năm một lần."),
                url=_url("reviews:list"),
                due_on=dt.date(today.year, 12, 31),
            )
    held = review is not None and review.state not in (ReviewState.PLANNED, ReviewState.INPUTS_COLLECTED)
    if not held and today >= dt.date(today.year, 12, 1):
        for person in recipients:
            yield Reminder(
                recipient=person,
                key=f"review:{today.year}:overdue",
                title=_("Cuộc họp xem xét của lãnh đạo năm {year} chưa được tổ chức").format(year=today.year),
                body=_("Năm sắp kết thúc: cần họp xem xét của lãnh đạo trước 31/12."),
                url=_url("reviews:list"),
                due_on=dt.date(today.year, 12, 31),
            )


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
