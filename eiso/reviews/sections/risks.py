"""9.3.2 e: the effectiveness of actions taken to address risks and opportunities."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section
from eiso.risks.contracts import OpenRisk, RiskSummary
from eiso.risks.selectors import open_risks, risk_summary


class RisksData(RiskSummary):
    available: bool
    items: list[OpenRisk]


def _levels() -> dict[str, str]:
    return {"high": _("cao"), "medium": _("trung bình"), "low": _("thấp")}


class Risks(Section[RisksData]):
    key = "risks"
    clause = "e"
    title = gettext_lazy("Hiệu lực của các hành động giải quyết rủi ro và cơ hội")
    links = ("risks:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> RisksData:
        summary = risk_summary(agency=review.agency, as_of=as_of)
        return {"available": True, **summary, "items": open_risks(agency=review.agency, as_of=as_of)}

    def text(self, data: RisksData) -> list[str]:
        g = data.get
        actions = data.get("actions") or {}
        effectiveness = data.get("effectiveness") or {}
        lines = [
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
        levels = _levels()
        for item in data.get("items") or []:
            label = (
                _("cơ hội")
                if item["kind"] == "opportunity"
                else _("rủi ro mức {level}").format(level=levels.get(item["level"], item["level"]))
            )
            lines.append(f"{item['code']} ({label}): {item['description']}")
        return lines

    def signals(self, data: RisksData) -> list[str]:
        actions = data.get("actions") or {}
        effectiveness = data.get("effectiveness") or {}
        found = []
        if actions.get("overdue"):
            found.append(_("{n} biện pháp xử lý rủi ro quá hạn").format(n=actions["overdue"]))
        if effectiveness.get("not_effective"):
            found.append(_("{n} rủi ro có hành động chưa hiệu lực").format(n=effectiveness["not_effective"]))
        return found

    def drilldown(self, data: RisksData) -> list[tuple[str, str]]:
        return [
            (item["code"], reverse("risks:detail", kwargs={"pk": item["id"]}))
            for item in data.get("items") or []
            if item.get("id")
        ]


SECTION = Risks()
