"""The dashboard card: this year's management review and the open decisions of past reviews."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from eiso.core.access import scoped
from eiso.reviews.choices import ActionState
from eiso.reviews.models import ManagementReview, ReviewDecision


def review_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    today = timezone.localdate()
    review = scoped(ManagementReview.objects.all(), agency).filter(year=today.year).first()
    actions = scoped(ReviewDecision.objects.all(), agency).aggregate(
        open=Count("pk", filter=Q(state=ActionState.OPEN)),
        overdue=Count("pk", filter=Q(state=ActionState.OPEN, deadline__lt=today)),
    )
    latest = (
        scoped(ManagementReview.objects.filter(held_on__isnull=False), agency).order_by("-held_on").first()
    )
    return {"year": today.year, "review": review, "latest": latest, "actions": actions}
