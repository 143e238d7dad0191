"""9.3.2 f: opportunities for improvement — proposed by the secretary in the commentary, no figures."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.utils.translation import gettext_lazy

from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section


class ImprovementData(TypedDict):
    available: bool


class Improvement(Section[ImprovementData]):
    key = "improvement"
    clause = "f"
    title = gettext_lazy("Các cơ hội cải tiến")
    quiet_without_data = True

    def compile(self, review: ManagementReview, as_of: dt.date) -> ImprovementData:
        return {"available": True}


SECTION = Improvement()
