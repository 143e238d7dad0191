"""9.3.2 c4: nonconformities and corrective actions, each request counted by its state on the as-of date."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.improvements.contracts import NonconformitySummary
from eiso.improvements.selectors import corrective_actions_of_period, nonconformity_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, d, iso, year_start


class Request(TypedDict):
    id: int
    number: str
    division: str
    requested_on: str | None
    due_on: str | None
    state: str


class NonconformitiesData(NonconformitySummary):
    available: bool
    requests: list[Request]


def _states() -> dict[str, str]:
    return {
        "closed": _("đã đóng"),
        "forwarded": _("chuyển thực hiện tiếp"),
        "cancelled": _("đã hủy"),
        "open": _("còn mở"),
    }


class Nonconformities(Section[NonconformitiesData]):
    key = "nonconformities"
    clause = "c4"
    title = gettext_lazy("Sự không phù hợp và hành động khắc phục")
    links = ("improvements:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> NonconformitiesData:
        start = year_start(review)
        summary = nonconformity_summary(agency=review.agency, date_from=start, date_to=as_of)
        rows = corrective_actions_of_period(agency=review.agency, date_from=start, date_to=as_of)
        requests: list[Request] = [
            {
                "id": row["id"],
                "number": row["number"],
                "division": row["division"] or "",
                "requested_on": iso(row["requested_on"]),
                "due_on": iso(row["due_on"]),
                "state": row["state"],
            }
            for row in rows
        ]
        return {"available": True, **cast(NonconformitySummary, summary), "requests": requests}

    def text(self, data: NonconformitiesData) -> list[str]:
        g = data.get
        lines = [
            _(
                "Phát sinh {opened} điểm không phù hợp, trong đó {with_request} đã có yêu cầu hành động khắc "
                "phục."
            ).format(opened=g("opened", 0), with_request=g("with_request", g("requested", 0))),
            _(
                "Yêu cầu hành động khắc phục trong kỳ: {total} (lập trong kỳ {requested}, kỳ trước chuyển "
                "sang {carried}); đã đóng {closed} (hoàn thành đúng hạn {on_time}), chuyển thực hiện tiếp "
                "{forwarded}, đã hủy {cancelled}, còn mở {open} (quá hạn {overdue})."
            ).format(
                total=data.get("requested", 0) + data.get("carried_over", 0),
                requested=g("requested", 0),
                carried=g("carried_over", 0),
                closed=g("closed", 0),
                on_time=g("closed_on_time", 0),
                forwarded=g("forwarded", 0),
                cancelled=g("cancelled", 0),
                open=g("open", 0),
                overdue=g("overdue", 0),
            ),
            _("Kiểm tra hiệu lực trong kỳ: có hiệu lực {effective}, chưa hiệu lực {not_effective}.").format(
                effective=g("verified_effective", 0), not_effective=g("verified_not_effective", 0)
            ),
        ]
        states = _states()
        for request in data.get("requests") or []:
            line = _("Phiếu {number} ({division}), lập ngày {date}: {state}").format(
                number=request["number"],
                division=request["division"],
                date=d(request["requested_on"]),
                state=states.get(request["state"], request["state"]),
            )
            if request["state"] == "open" and request.get("due_on"):
                line += _(", hạn {date}").format(date=d(request["due_on"]))
            lines.append(line + ".")
        return lines

    def signals(self, data: NonconformitiesData) -> list[str]:
        found = []
        if data.get("overdue"):
            found.append(_("{n} yêu cầu hành động khắc phục quá hạn").format(n=data["overdue"]))
        if data.get("verified_not_effective"):
            found.append(
                _("{n} hành động khắc phục chưa có hiệu lực").format(n=data["verified_not_effective"])
            )
        return found

    def drilldown(self, data: NonconformitiesData) -> list[tuple[str, str]]:
        return [
            (r["number"], reverse("improvements:car_detail", kwargs={"pk": r["id"]}))
            for r in data.get("requests") or []
        ]


SECTION = Nonconformities()
