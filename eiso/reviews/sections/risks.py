"""9.3.2 e: the effectiveness of actions taken to address risks and opportunities."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section
from eiso.risks.contracts import RiskSummary
from eiso.risks.selectors import risk_summary


class RisksData(RiskSummary):
    available: bool


class Risks(Section[RisksData]):
    key = "risks"
    clause = "e"
    title = gettext_lazy("Hiệu lực của các hành động giải quyết rủi ro và cơ hội")
    links = ("risks:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> RisksData:
        return {"available": True, **cast(RiskSummary, risk_summary(agency=review.agency, as_of=as_of))}

    def text(self, data: RisksData) -> list[str]:
        g = data.get
        actions = data.get("actions") or {}
        effectiveness = data.get("effectiveness") or {}
        return [
            _(
                "Rủi ro đang theo dõi: {risks} (cao {high}, trung bình {medium}, thấp {low}); "
                "cơ hội: {opportunities}."
            ).format(
                risks=g("risks", 0),
                high=g("high", 0),
                medium=g("medium", 0),
                low=g("low", 0),
                opportunities=g("opportunities", 0),
            ),
            _("Hành động xử lý: {total}, đã hoàn thành {done}, quá hạn {overdue}.").format(
                total=actions.get("total", 0), done=actions.get("done", 0), overdue=actions.get("overdue", 0)
            ),
            _("Hiệu lực: có hiệu lực {effective}, một phần {partly}, chưa hiệu lực {not_effective}.").format(
                effective=effectiveness.get("effective", 0),
                partly=effectiveness.get("partly", 0),
                not_effective=effectiveness.get("not_effective", 0),
            ),
        ]


SECTION = Risks()
