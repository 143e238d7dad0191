"""9.3.2 d: the adequacy of resources — the secretary's commentary, with the budget decided for the year."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.utils.translation import gettext_lazy

from eiso.reviews.models import ManagementReview, ReviewDecision
from eiso.reviews.sections.base import Section, vnd


class BudgetItem(TypedDict):
    text: str
    amount_vnd: int | None


class ResourcesData(TypedDict):
    available: bool
    budget_lines: list[BudgetItem]


class Resources(Section[ResourcesData]):
    key = "resources"
    clause = "d"
    title = gettext_lazy("Sự thỏa đáng của nguồn lực")
    quiet_without_data = True

    def compile(self, review: ManagementReview, as_of: dt.date) -> ResourcesData:
        """Last year's budget decisions for this year, for reference."""
        budget = ReviewDecision.objects.filter(
            review__agency=review.agency, budget_year=review.year, amount_vnd__isnull=False
        ).values_list("text", "amount_vnd")
        return {"available": True, "budget_lines": [{"text": t, "amount_vnd": a} for t, a in budget]}

    def text(self, data: ResourcesData) -> list[str]:
        return [f"{b['text']}: {vnd(b['amount_vnd'])}" for b in data.get("budget_lines") or []]


SECTION = Resources()
