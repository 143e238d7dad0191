"""9.3.2 c1: customer satisfaction — the satisfaction surveys of organisations and citizens."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, pct, year_start
from eiso.surveys.contracts import SatisfactionSummary
from eiso.surveys.selectors import satisfaction_summary


class SatisfactionData(SatisfactionSummary):
    available: bool


class Satisfaction(Section[SatisfactionData]):
    key = "satisfaction"
    clause = "c1"
    title = gettext_lazy("Sự hài lòng của tổ chức, công dân")
    links = ("surveys:results",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> SatisfactionData:
        summary = satisfaction_summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
        return {"available": True, **cast(SatisfactionSummary, summary)}

    def text(self, data: SatisfactionData) -> list[str]:
        return [
            _(
                "Mức độ hài lòng của tổ chức, công dân đạt {rate} ({satisfied}/{responses} phiếu hài lòng)."
            ).format(
                rate=pct(data.get("rate")),
                satisfied=data.get("satisfied", 0),
                responses=data.get("responses", 0),
            )
        ]

    def chart(self, data: SatisfactionData, fmt: str = "svg") -> bytes | None:
        if not data.get("responses"):
            return None
        satisfied = data.get("satisfied") or 0
        return charts.donut_chart(
            {_("Hài lòng"): satisfied, _("Chưa hài lòng"): (data.get("responses") or 0) - satisfied},
            title=_("Phiếu khảo sát"),
            fmt=fmt,
        )


SECTION = Satisfaction()
