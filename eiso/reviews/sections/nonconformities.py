"""9.3.2 c4: nonconformities and corrective actions."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.improvements.contracts import NonconformitySummary
from eiso.improvements.selectors import nonconformity_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, year_start


class NonconformitiesData(NonconformitySummary):
    available: bool


class Nonconformities(Section[NonconformitiesData]):
    key = "nonconformities"
    clause = "c4"
    title = gettext_lazy("Sự không phù hợp và hành động khắc phục")
    links = ("improvements:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> NonconformitiesData:
        summary = nonconformity_summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
        return {"available": True, **cast(NonconformitySummary, summary)}

    def text(self, data: NonconformitiesData) -> list[str]:
        g = data.get
        return [
            _("Phát sinh {opened} điểm không phù hợp; {requested} yêu cầu hành động khắc phục.").format(
                opened=g("opened", 0), requested=g("requested", 0)
            ),
            _(
                "Yêu cầu hành động khắc phục đã đóng: {closed} (đúng hạn {on_time}); kiểm tra có hiệu lực "
                "{effective}, chưa hiệu lực {not_effective}."
            ).format(
                closed=g("closed", 0),
                on_time=g("closed_on_time", 0),
                effective=g("verified_effective", 0),
                not_effective=g("verified_not_effective", 0),
            ),
            _("Yêu cầu hành động khắc phục còn mở: {open}, trong đó quá hạn {overdue}.").format(
                open=g("open", 0), overdue=g("overdue", 0)
            ),
        ]


SECTION = Nonconformities()
