"""What the management review adds to "Việc của tôi": open decisions for the person or their division."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eiso.core.models import Person
from eiso.core.registry import InboxItem, InboxSource, register_inbox
from eiso.reviews.choices import ActionState
from eiso.reviews.models import ReviewDecision


def my_decisions(person: Person) -> QuerySet[ReviewDecision]:
    mine = Q(owner=person)
    if person.division_id:
        mine |= Q(owner_division_id=person.division_id)
    return (
        ReviewDecision.objects.filter(mine, review__agency_id=person.agency_id, state=ActionState.OPEN)
        .select_related("review")
        .order_by("deadline", "pk")
    )


def _items(person: Person) -> Iterator[InboxItem]:
    for decision in my_decisions(person)[:20]:
        yield InboxItem(
            title=decision.text[:100],
            url=reverse("reviews:detail", args=[decision.review_id]),
            detail=str(decision.review),
            due_on=decision.deadline,
        )


register_inbox(
    InboxSource(
        key="reviews-decisions",
        title=_("Quyết định của cuộc họp xem xét giao cho tôi hoặc phòng tôi"),
        items=_items,
        count=lambda person: my_decisions(person).count(),
        order=60,
        more_url_name="reviews:list",
    )
)
