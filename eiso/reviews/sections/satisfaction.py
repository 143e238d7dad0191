"""9.3.2 c1: customer satisfaction and feedback from interested parties: the satisfaction surveys (the
responses naming a finished dossier and the anonymous ones apart, each over its own denominator), the
comments written on them, and the complaints and petitions recorded."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.improvements.choices import NcSource
from eiso.improvements.models import Nonconformity
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section, d, iso, pct, year_start
from eiso.surveys.contracts import SatisfactionPart, SatisfactionSummary
from eiso.surveys.selectors import response_list, satisfaction_summary

QUOTED = 50
"""At most this many comments and complaints are quoted; the survey results and the nonconformity register
list them all."""


class Feedback(TypedDict):
    date: str | None
    text: str


class SatisfactionData(SatisfactionSummary):
    available: bool
    comments_total: int
    comments: list[Feedback]
    complaints_total: int
    complaints: list[Feedback]


def _feedback(review: ManagementReview, as_of: dt.date) -> dict[str, object]:
    start = year_start(review)
    comments = response_list(agency=review.agency, date_from=start, date_to=as_of, with_comment=True)
    complaints = Nonconformity.objects.filter(
        agency=review.agency, source_kind=NcSource.COMPLAINT, raised_on__gte=start, raised_on__lte=as_of
    ).order_by("raised_on", "id")
    return {
        "comments_total": comments.count(),
        "comments": [
            {"date": iso(period), "text": text}
            for period, text in comments.order_by("period", "id").values_list("period", "comment")[:QUOTED]
        ],
        "complaints_total": complaints.count(),
        "complaints": [
            {"date": iso(raised_on), "text": text}
            for raised_on, text in complaints.values_list("raised_on", "description")[:QUOTED]
        ],
    }


def _part(part: SatisfactionPart) -> str:
    if not part.get("valid"):
        return _("{n} phiếu, chưa có đánh giá chung").format(n=part.get("responses", 0))
    return _("{satisfied}/{valid} phiếu hài lòng ({rate})").format(
        satisfied=part["satisfied"], valid=part["valid"], rate=pct(part.get("rate"))
    )


def _quoted(items: list[Feedback], total: int) -> list[str]:
    lines = [
        _("Ngày {date}: {text}").format(date=d(f["date"]), text=" ".join(f["text"].split())) for f in items
    ]
    if total > len(items):
        lines.append(_("Và {n} ý kiến khác.").format(n=total - len(items)))
    return lines


class Satisfaction(Section[SatisfactionData]):
    key = "satisfaction"
    clause = "c1"
    title = gettext_lazy("Sự hài lòng của tổ chức, công dân và ý kiến của các bên quan tâm")
    links = ("surveys:results", "improvements:nc_list")

    def compile(self, review: ManagementReview, as_of: dt.date) -> SatisfactionData:
        summary = satisfaction_summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
        return cast(SatisfactionData, {"available": True, **summary, **_feedback(review, as_of)})

    def text(self, data: SatisfactionData) -> list[str]:
        valid = data.get("valid", data.get("responses", 0))
        if valid:
            lines = [
                _(
                    "Mức độ hài lòng của tổ chức, công dân đạt {rate} ({satisfied}/{valid} phiếu hài lòng)."
                ).format(rate=pct(data.get("rate")), satisfied=data.get("satisfied", 0), valid=valid)
            ]
        else:
            lines = [_("Chưa có phiếu khảo sát có đánh giá chung trong kỳ.")]
        if "identified" in data and "anonymous" in data:
            lines.append(
                _("Phiếu gắn mã hồ sơ đã giải quyết: {identified}; phiếu ẩn danh: {anonymous}.").format(
                    identified=_part(data["identified"]), anonymous=_part(data["anonymous"])
                )
            )
        if "comments_total" in data:
            lines.append(_("Ý kiến góp ý ghi trên phiếu khảo sát: {n}.").format(n=data["comments_total"]))
            lines += _quoted(data.get("comments") or [], data["comments_total"])
        if "complaints_total" in data:
            lines.append(
                _("Phản ánh, kiến nghị của tổ chức, cá nhân đã ghi nhận: {n}.").format(
                    n=data["complaints_total"]
                )
            )
            lines += _quoted(data.get("complaints") or [], data["complaints_total"])
        return lines

    def signals(self, data: SatisfactionData) -> list[str]:
        found = []
        unsatisfied = data.get("valid", 0) - data.get("satisfied", 0)
        if unsatisfied > 0:
            found.append(_("{n} phiếu chưa hài lòng").format(n=unsatisfied))
        if data.get("complaints_total"):
            found.append(_("{n} phản ánh, kiến nghị").format(n=data["complaints_total"]))
        return found

    def chart(self, data: SatisfactionData, fmt: str = "svg") -> bytes | None:
        valid = data.get("valid", data.get("responses")) or 0
        if not valid:
            return None
        satisfied = data.get("satisfied") or 0
        return charts.donut_chart(
            {_("Hài lòng"): satisfied, _("Chưa hài lòng"): valid - satisfied},
            title=_("Phiếu khảo sát"),
            fmt=fmt,
        )


SECTION = Satisfaction()
